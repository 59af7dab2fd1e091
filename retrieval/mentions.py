"""The answer to a list question (``retrieval.list_questions``): the distinct names of the kind asked for that the
articles write, each with one quoted sentence and its citation, the most often named first.

"which ministers are named", "what apps are mentioned besides twitter": the single-sentence path declined them,
since no one sentence names them all. Names are read from every indexed sentence (``retrieval.name_spans``), so
an article added is listed like the rest; a short name that ends a longer one of the same kind ("Prasad" in
"Ravi Shankar Prasad") or that an article spells out ("MeitY") counts as that one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.lexical import terms
from retrieval.answer import citation
from retrieval.list_questions import ListAsk, NameKind, written
from retrieval.loaded import LoadedIndex
from retrieval.name_forms import same_thing
from retrieval.name_spans import Mention
from retrieval.types import Answer, Citation

MAX_NAMES = 8
QUOTE_CHARS = 240


@dataclass
class _Named:
    name: str
    rows: list[int] = field(default_factory=list)  # sentences naming it, in article order
    shown: tuple[int, int, int] = (-1, 0, 0)  # the sentence quoted (the first showing its kind), the name in it
    first: int = 0
    person: bool = False  # shown as a person's name: a middle name may be left out of another form
    forms: list[str] = field(default_factory=list)  # shorter names of it the articles write ("IT Act")

    def line(self) -> str:
        """The name as listed: its longest form, and the others that hold a word it doesn't ("Information
        Technology Act (also “IT Act”)"), so a quote or question using one is found in the list."""
        words = {w.casefold() for w in self.name.split()}
        other = [f for f in dict.fromkeys(self.forms) if any(w.casefold() not in words for w in f.split())][:2]
        return self.name + (" (also " + ", ".join(f"“{f}”" for f in other) + ")" if other else "")


def list_answer(index: LoadedIndex, asked: ListAsk, question: str) -> Answer | None:
    """The names ``asked`` for, most often named first (then the first named), at most ``MAX_NAMES``; a decline
    when the articles name none. None when a kind of the question's own ("ministers") is named beside no name:
    the question is then searched as any other."""
    of = _of(index, asked)  # empty for every kind but sections: the second pass would be the first again
    named = _gather(index, asked, of) or (_gather(index, asked) if of else {})
    if not named:
        if asked.narrow:  # "which of them is a minister": none is written as one
            return Answer(question, f"None of the {asked.noun} the articles name is written with {written(asked)}.",
                          answered=False)
        if asked.kind is NameKind.ROLE:
            return None
        return Answer(question, f"The articles name no {asked.noun}.", answered=False)
    ranked = sorted(named.values(), key=lambda n: (-len(set(n.rows)), n.first))[asked.skip : asked.skip + MAX_NAMES]
    if not ranked:  # "who else was named" after every name was shown
        return Answer(question, f"The articles name no other {asked.noun} than the {len(named)} listed.",
                      answered=False)
    quoted = [(n.line(), citation(index, n.shown[0], *_window(index, *n.shown), 1.0)) for n in ranked]
    noun = asked.noun + (f" written with {written(asked)}" if asked.narrow else "")
    return named_answer(question, noun, quoted, len(named) - len(ranked) - asked.skip)


def named_answer(question: str, noun: str, quoted: list[tuple[str, Citation]], more: int) -> Answer:
    """The names one a line, numbered as the quotes under them are (every renderer numbers an answer's quotes
    from 1), so each name's sentence is found by its number; ``more``: names left out past the cap."""
    lines = [f"The articles name these {noun} (the most often named first):"]
    lines += [f"{n}. {name}" for n, (name, _) in enumerate(quoted, start=1)]
    if more:
        lines.append(f"…and {more} more, named less often.")
    return Answer(question, "\n".join(lines), answered=True, citations=[c for _, c in quoted])


def _window(index: LoadedIndex, row: int, name_start: int, name_end: int) -> tuple[int, int]:
    """The sentence, or (a long one) the words around the name: eight whole sentences of 400 characters made a
    reply longer than a chat message, when each is quoted for one name. Offsets in the article."""
    _, start, end = (int(v) for v in index.sentence_spans[row])
    if end - start <= QUOTE_CHARS:
        return start, end
    text = index.sentence_text(row)
    left = max(0, name_start - QUOTE_CHARS // 3)
    right = min(len(text), max(name_end, left + QUOTE_CHARS))
    if left > 0:
        left = text.find(" ", left) + 1 or left  # whole words only
    if right < len(text):
        right = text.rfind(" ", left, right) if text.rfind(" ", left, right) > name_end else right
    return start + left, start + right


# The mark of a name each kind lists (``Mention``'s flags); ``ROLE`` is read from the words beside the name.
_FLAG = {NameKind.SECTION: "section", NameKind.LAW: "law", NameKind.PERSON: "person", NameKind.ORG: "org",
         NameKind.COMPANY: "company", NameKind.APP: "app"}


def _fits(mention: Mention, sentence: str, asked: ListAsk) -> bool:
    if not all(_written_with(mention, sentence, word) for word in asked.narrow):
        return False
    if asked.kind is NameKind.COMPANY and mention.app:  # an app or a platform is its company's ("app Koo")
        return True
    if asked.kind in _FLAG:
        return bool(getattr(mention, _FLAG[asked.kind]))
    cue = re.compile(rf"\b{re.escape(asked.cue)}s?\b", re.IGNORECASE)
    return not mention.law and not mention.org and mention.titled(sentence, cue)


def _written_with(mention: Mention, sentence: str, word: str) -> bool:
    """Whether ``word`` is a title of the name ("Minister X", "X, the minister") or a word of the name's own
    ("Ministry of …" for "ministry")."""
    cue = re.compile(rf"\b{re.escape(word)}s?\b", re.IGNORECASE)
    return bool(cue.search(mention.name)) or mention.titled(sentence, cue)


def _of(index: LoadedIndex, asked: ListAsk) -> frozenset[str]:
    """The terms the words after a section must hold for it to be one of what the question names ("of the telecom
    act"); none for other kinds, whose "of" says little ("the ministers of the government")."""
    if asked.kind is not NameKind.SECTION:
        return frozenset()
    return frozenset(terms(asked.of))


def _of_this(of: frozenset[str], sentence: str, mention: Mention) -> bool:
    """Whether the words right after the name hold ``of``'s terms: "Section 4 of the Online Harms Act" is the
    harms act's, whatever else its sentence names ("the Telecom Rules and Section 4 of …")."""
    return not of or of <= set(terms(" ".join(sentence[mention.end :].split()[:8])))


def _gather(index: LoadedIndex, asked: ListAsk, of: frozenset[str] = frozenset()) -> dict[str, _Named]:
    """Every name of the kind, keyed by its longest form, with the sentences naming it in any form; with ``of``,
    shown only from a sentence holding those terms (no section of that act named: every section is listed,
    since the articles may write the act in words the question doesn't, "IT Act" for "Information Technology
    Act", and each quote shows whose section it is)."""
    shown: dict[str, tuple[str, tuple[int, int, int], bool]] = {}  # key -> (name as written, where, a person's)
    seen: dict[str, list[int]] = {}  # name's key -> sentences writing it, whatever its kind there
    inside: set[str] = set()  # names written after a sentence's first word somewhere
    for row, sentence, found in index.named_sentences:
        for mention in found:
            key = " ".join(mention.name.casefold().split())
            seen.setdefault(key, []).append(row)
            if not mention.opens(sentence):
                inside.add(key)
            if key not in shown and _fits(mention, sentence, asked) and _of_this(of, sentence, mention):
                shown[key] = (" ".join(mention.name.split()), (row, mention.start, mention.end), mention.person)
    besides = [b for b in asked.besides if b]
    # A word of one word only ever opening a sentence ("Companies that fail …") has its capital from its place.
    keys = [k for k in shown if not any(b in k for b in besides) and (k in inside or " " in k)]
    named: dict[str, _Named] = {}
    for key in sorted(keys, key=lambda k: -len(k)):
        name, where, person = shown[key]
        whole = _whole(name, person, list(named.values()), index)
        if whole is not None:
            whole.rows.extend(seen[key])
            whole.forms.append(name)
            continue
        named[key] = _Named(name, list(seen[key]), where, person=person)
    for n in named.values():
        n.first = min(n.rows)
    return named


def _whole(name: str, person: bool, longer: list[_Named], index: LoadedIndex) -> _Named | None:
    """The one longer name ``name`` is a form of (``retrieval.name_forms``): "IT Act" of "Information Technology
    Act". A form of several ("IT Act" where "Information Technology Act" and "Income Tax Act" are both written)
    stays a name of its own, unless it is the first one's last words ("Prasad"), as it always counted."""
    wholes = [n for n in longer if same_thing(name, n.name, index.aliases, people=person and n.person)]
    if len(wholes) == 1 or (wholes and wholes[0].name.casefold().endswith(" " + name.casefold())):
        return wholes[0]
    return None
