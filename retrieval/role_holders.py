"""Who holds a role, found where the articles write the role in another form than the best sentence does.

"who is the IT secretary" was declined as naming no one (``retrieval.unnamed``): its best sentence writes "the
Secretary IT was to engage …", while two other sentences of its candidates name him, with the role written out
("Ajay Sawhney, Secretary Ministry of Electronics and Information Technology (MeitY)") or by the article's own
short form ("the … (MeitY) Secretary Ajay Prakash Sawhney"). Before declining, the question's candidates are read
for a sentence writing the role word with a person as its title or appositive ("Secretary X", "X, Secretary …")
and every other word of the asked role in the words around that role word: as written, as initials of a run of
them ("IT": "Information Technology"), or through a short form an article defines (``index.aliases``: "MeitY").
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from index.lexical import terms
from index.tables import one_line
from retrieval.acronyms import written_acronyms
from retrieval.cited import citation, quoted_span
from retrieval.features import Candidates
from retrieval.loaded import LoadedIndex
from retrieval.name_forms import written_as_initials
from retrieval.name_spans import ORG_WORD, ROLE_WORD, Mention, mentions
from retrieval.quotes import trim_to_window
from retrieval.role_questions import role_asked
from retrieval.role_titles import is_title, read_as, title_cue
from retrieval.types import Answer, Citation

MAX_CHARS = 400
SHOWN = 3
_JOINERS = frozenset(["of", "and", "for", "&"])
_ASKED_WORD = re.compile(r"[\w'’&.-]+")


def role_words(index: LoadedIndex, message: str) -> tuple[list[str], list[str]] | None:
    """The role words the question asks about ("secretary") and the other words of the role: a short form in
    capitals as written ("IT": its stem is no word), any other as its term; None when it names no role of its own
    ("what's his name", "who heads the ministry")."""
    who = role_asked(message)
    if who is None:
        return None
    forms = written_acronyms(index)
    roles: list[str] = []
    others: list[str] = []
    for word in _ASKED_WORD.findall(read_as(who)):  # "chief executive" as "ceo", one role
        bare = re.sub(r"['’]s$", "", word)
        # "the it secretary": the articles' "IT" (no pronoun sits between "the" and a role)
        bare = forms.get(bare.casefold(), bare) if not terms(bare) else bare
        if ROLE_WORD.fullmatch(bare) or is_title(bare):
            roles.append(bare.casefold())
        elif written_as_initials(bare):
            others.append(bare)
        else:
            others.extend(terms(bare))
    return (roles, others) if roles and others else None


def _around(sentence: str, at: re.Match[str], person: Mention) -> str:
    """The words written with the role word ``at`` on each side, up to a stop, a lower-case word or the person:
    "Ministry of Electronics and Information Technology (MeitY)" in "the … (MeitY) Secretary Ajay Sawhney"."""
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", sentence)]
    before = [t for t in tokens if t[0] < at.start()][::-1]
    after = [t for t in tokens if t[0] >= at.end()]
    return " ".join([*_run(before, person, True)[::-1], at.group(), *_run(after, person, False)])


def _run(tokens: list[tuple[int, str]], person: Mention, leftward: bool) -> list[str]:
    """The words of ``tokens`` (from the role word outwards) that belong to the role's name."""
    kept = []
    for start, word in tokens:
        stop = re.search(r"[,;:.!?]$", word) is not None
        if person.start <= start < person.end or (leftward and stop):
            break
        bare = re.sub(r"['’]s$", "", word.strip("()[],;:.!?\"“”'’"))
        if not bare or not (bare[:1].isupper() or bare in _JOINERS or ORG_WORD.fullmatch(bare.capitalize())
                            or ROLE_WORD.fullmatch(bare)):
            break
        kept.append(word)
        if stop:
            break
    return kept


def _covered(asked: list[str], written: str, aliases: dict[str, list[str]]) -> bool:
    """Whether every asked word is written: as its term, or spelled out where an article defines it as a short
    form, or as the initials of a run of the terms (of ``written``, or of a short form's long one); or a run of
    asked terms is the initials of a short form written ("Secretary IT" for "information technology secretary")."""
    found = terms(written)
    runs = [found, *(aliases[t] for t in found if t in aliases)]
    shorts = {w.replace(".", "").casefold() for w in re.findall(r"[\w.]+", written) if written_as_initials(w)}
    done: set[int] = set()
    for n in range(len(asked)):
        for m in range(n + 2, len(asked) + 1):
            if "".join(t[0] for t in asked[n:m]) in shorts:
                done.update(range(n, m))
    return all(k in done or _written(w, runs, shorts, aliases) for k, w in enumerate(asked))


def _written(word: str, runs: list[list[str]], shorts: set[str], aliases: dict[str, list[str]]) -> bool:
    own = terms(word.casefold()) if written_as_initials(word) else [word]
    letters = word.replace(".", "").casefold() if written_as_initials(word) else ""
    spelled = aliases.get(own[0]) if own else None
    if letters in shorts:
        return True
    for run in runs:
        if own and own[0] in run:
            return True
        for n in range(len(run)):
            if letters and "".join(t[0] for t in run[n : n + len(letters)]) == letters:
                return True
            if spelled and run[n : n + len(spelled)] == spelled:
                return True
    return False


def holder_sentences(index: LoadedIndex, message: str, found: Candidates, probs: np.ndarray) -> list[int]:
    """Of ``found``, best first, the sentences naming a person in the role ``message`` asks about."""
    asked = role_words(index, message)
    if asked is None:
        return []
    roles, others = asked
    cue = re.compile(rf"\b(?:{'|'.join(title_cue(r) for r in roles)})\b", re.IGNORECASE)
    plain = {w.casefold() for w in _ASKED_WORD.findall(message)}
    out = []
    for i in (int(i) for i in np.argsort(-probs, kind="stable")):
        sentence = found.texts[i]
        for person in mentions(sentence):
            if not person.person or any(w.casefold() in plain for w in person.name.split()):
                continue
            if not person.titled(sentence, cue):
                continue
            if any(_covered(others, _around(sentence, at, person), index.aliases)
                   for at in cue.finditer(sentence) if _next_to(sentence, at, person)):
                out.append(i)
                break
    return out


def _next_to(sentence: str, at: re.Match[str], person: Mention) -> bool:
    """Whether the role word ``at`` titles ``person``: a few words before the name ("Secretary Ajay Sawhney"), or
    after it, set off by a comma ("Ajay Sawhney, Secretary Ministry of …"); not another role the sentence names."""
    if at.end() <= person.start:
        between = sentence[at.end() : person.start]
        return len(between.split()) <= 2 and not re.search(r"[;:.!?]", between)
    between = sentence[person.end : at.start()]
    return at.start() >= person.end and between.lstrip().startswith(",") and len(between.split()) <= 5


def holder_answer(index: LoadedIndex, answer: Answer, message: str, found: Candidates, probs: np.ndarray
                  ) -> Answer | None:
    """``answer`` answered with the best sentence naming the role's holder (the rest of those, then its own
    quotes, below it), or None when no candidate names one."""
    rows = holder_sentences(index, message, found, probs)
    if not rows:
        return None
    parts: list[str] = []
    shown: list[Citation] = []
    for i in rows:
        doc_row, start, end = quoted_span(index, found.rows[i])
        text = index.docs[doc_row].text[start:end]
        part, (s, e) = trim_to_window(text, set(terms(message)), MAX_CHARS)
        parts.append(one_line(part))
        shown.append(citation(index, found.rows[i], start + s, start + e, float(probs[i])))
    for cited in [*answer.citations, *answer.related]:  # what it was about to quote, below
        if not any(cited.doc_id == c.doc_id and cited.start < c.end and cited.end > c.start for c in shown):
            shown.append(cited)
    return replace(answer, text=f"{parts[0]} [1]", answered=True, citations=shown[:1], related=shown[1:SHOWN])
