"""Chat's phrasal verbs read as the plain verbs news writing uses, where the articles use those and not the phrasal.

"when does the rule kick in", "when did the hearing kick off", "they kicked her off the platform": chat says
"kick in", "kick off", "pull down", "cave in", "push back", "hand over"; an article says "take effect", "begin",
"remove", "comply", "oppose", "provide". As typed, "kick" is a word no sentence holds (word coverage, the
strongest signal the answer model has, fell), and the particle ("in", "off") is a stopword, so the question was
searched with no verb at all and declined, the reply saying the articles "never use the word “kick”".

The table is general English usage, not any one question's words: each phrasal verb with the plain verbs it
means, most usual first. A phrasal verb is read only when no article writes it itself (any form of its verb
followed by its particle) and one of its plain verbs is used by the articles (every search term of it); the
first such is searched instead, in the same tense ("kicked in": "took effect"), the question's other words kept.
A particle may stand after a short object ("pull the posts down", "kicked her off the platform"). "kick off"
and "kick out"/"throw out" of a person or post removed ("kicked her off", "was kicked off the site") are read
as removing, "off" then being "from"; "the hearing kicked off" is read as beginning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from index.lexical import terms
from retrieval.inflection import BASE, PARTICIPLE, PAST, form_of, forms
from retrieval.loaded import LoadedIndex


@dataclass(frozen=True)
class Phrasal:
    """One phrasal verb: its verb, its particle words, the plain verbs it means (most usual first), and
    those it means when it has an object before its particle or is passive (None: the same); ``separable``:
    whether an object may stand before the particle ("pull the posts down"; not "gave the order in May")."""

    verb: str
    particle: tuple[str, ...]
    plain: tuple[str, ...]
    removing: tuple[str, ...] | None = None
    separable: bool = False


def _entry(phrase: str, plain: str, removing: str | None = None) -> Phrasal:
    """An entry from "verb particle" ("verb ~ particle" when an object may stand between) and "a|b|c"."""
    verb, *particle = phrase.split()
    separable = particle[:1] == ["~"]
    return Phrasal(verb, tuple(particle[separable:]), tuple(plain.split("|")),
                   tuple(removing.split("|")) if removing else None, separable)


# General English usage: the phrasal verbs chat writes for what news reports say with one plain verb.
TABLE: tuple[Phrasal, ...] = (
    _entry("kick in", "take effect|come into force|begin|start"),
    _entry("kick ~ off", "begin|start", "remove|ban|suspend|expel"),
    _entry("kick ~ out", "remove|expel|ban", "remove|expel|ban"),
    _entry("boot ~ off", "remove|ban|suspend", "remove|ban|suspend"),
    _entry("throw ~ out", "dismiss|reject|remove", "remove|expel"),
    _entry("pull ~ down", "remove|take down|delete"),
    _entry("take ~ out", "remove|delete"),
    _entry("shut ~ down", "close"),
    _entry("shut ~ off", "disable|block|suspend"),
    _entry("switch ~ off", "disable|block|suspend"),
    _entry("cut ~ off", "block|disconnect|suspend"),
    _entry("black ~ out", "block|censor"),
    _entry("back down", "relent|retreat|concede|yield"),
    _entry("back off", "retreat|relent|withdraw"),
    _entry("back out", "withdraw|retreat"),
    _entry("pull out", "withdraw|exit|leave"),
    _entry("pull back", "withdraw|retreat"),
    _entry("cave in", "comply|yield|relent|concede"),
    _entry("give in", "comply|yield|relent|concede"),
    _entry("give ~ up", "abandon|surrender|concede"),
    _entry("push back against", "oppose|resist|challenge|object"),
    _entry("push back on", "oppose|resist|challenge|object"),
    _entry("push back", "oppose|resist|object|challenge"),
    _entry("fight back", "resist|retaliate|respond"),
    _entry("hit back at", "criticise|criticize|respond"),
    _entry("lash out at", "criticise|criticize|attack"),
    _entry("hand ~ over", "provide|share|give|surrender"),
    _entry("turn ~ over", "provide|share|surrender"),
    _entry("hand in", "submit|file"),
    _entry("step down", "resign|quit"),
    _entry("stand down", "resign|withdraw"),
    _entry("sign ~ up", "register|join|enrol|enroll"),
    _entry("set ~ up", "establish|create|form"),
    _entry("roll ~ out", "launch|introduce"),
    _entry("roll ~ back", "withdraw|reverse|revoke"),
    _entry("call ~ off", "cancel|withdraw"),
    _entry("put ~ off", "postpone|delay|defer"),
    _entry("hold off", "delay|postpone"),
    _entry("crack down on", "target|punish|restrict"),
    _entry("clamp down on", "target|punish|restrict"),
    _entry("turn ~ down", "reject|refuse|decline"),
    _entry("strike ~ down", "quash|overturn|invalidate"),
    _entry("put ~ out", "issue|publish|release"),
    _entry("find out", "learn|discover"),
    _entry("go ahead with", "proceed with"),
    _entry("own up to", "admit|acknowledge"),
)

_PASSIVE = frozenset({"be", "been", "being", "is", "are", "was", "were", "am", "get", "gets", "got", "gotten",
                      "getting"})
_AUXILIARY = _PASSIVE | {"has", "have", "had", "having"}
_OBJECT_GAP = 3  # words that may stand between a verb and its particle ("pull the posts down")
_NO_PLACE = frozenset({"for", "in", "on", "at", "by", "after", "before", "since", "over", "during", "yet", "because",
                       "when", "permanently", "again", "too", "already", "and", "or", "but", "with", "without", "so"})
_JOINS = frozenset({"and", "or", "but", "to", "when", "then", "after", "before", "if", "because", "so"})


_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[^\sA-Za-z]")
_USED: dict[Path, frozenset[Phrasal]] = {}


def _in_text(entry: Phrasal, tokens: list[str]) -> bool:
    return any(_match(entry, tokens, i) is not None for i, token in enumerate(tokens)
               if form_of(token, entry.verb) is not None)


# A phrasal verb the articles write as a noun ("sign-ups", "shutdown", "crackdown", "rollout"): its search
# term is the question's verb, so the question is searched with their word already.
_NOUN = re.compile(r"(?i)\b([a-z]+)-?(in|off|out|down|up|back|over|on)s?\b")


def used_phrasals(texts: Iterable[str]) -> frozenset[Phrasal]:
    """The table's phrasal verbs that ``texts`` write themselves, as verbs or as nouns ("sign-ups")."""
    found: set[Phrasal] = set()
    verbs = {entry.verb for entry in TABLE}
    for text in texts:
        nouns = {m.group(1).lower() + m.group(2).lower() for m in _NOUN.finditer(text)}
        found.update(entry for entry in TABLE if entry.verb + entry.particle[0] in nouns)
        tokens = [t.lower() for t in _TOKEN.findall(text)]
        if not verbs.intersection(_verb_of(t) for t in tokens):
            continue
        found.update(entry for entry in TABLE if entry not in found and _in_text(entry, tokens))
    return frozenset(found)


def _verb_of(token: str) -> str | None:
    return _verb_forms().get(token)


@cache
def _verb_forms() -> dict[str, str]:
    """Each form of the table's verbs, and its verb: made on first use, as the verbs' dictionary is read then
    (``retrieval.inflection``), not when the module is imported."""
    return {form: entry.verb for entry in TABLE for form in forms(entry.verb)}


def _match(entry: Phrasal, tokens: list[str], i: int) -> tuple[int, bool] | None:
    """Where ``entry``'s particle ends after its verb at ``tokens[i]`` (the index past it) and whether an
    object stands between, or None."""
    size = len(entry.particle)
    if tokens[i + 1:i + 1 + size] == list(entry.particle):
        return i + 1 + size, False
    if size != 1 or not entry.separable:
        return None
    for gap in range(1, _OBJECT_GAP + 1):
        between = tokens[i + 1:i + 1 + gap]
        if len(between) < gap or not all(w.isalpha() for w in between) or _JOINS.intersection(between) \
                or any(_verb_of(w) for w in between):
            return None
        if tokens[i + 1 + gap:i + 2 + gap] == list(entry.particle):
            return i + 2 + gap, True
    return None


_MODALS = frozenset({"did", "does", "do", "to", "will", "would", "can", "could", "should", "must", "might", "may",
                     "shall", "didn't", "doesn't", "don't", "won't", "can't"})


# "how many accounts has twitter kicked off", "who did they kick out": the object asked for stands first, the
# auxiliary before the subject, so the verb has an object as when one stands before its particle.
_OBJECT_FIRST = re.compile(r"(?i)(?:^|[.?!;:]\s*)(?:(?:how many|which|what)(?: [a-z'’]+){1,3}|whom?) "
                           r"(?:has|have|had|did|do|does|will|would|could|can)"
                           r"(?: (?!that\b|which\b|who\b)[a-z'’]+){1,3} ?$")


def _object_asked_first(before: str) -> bool:
    """Whether the clause before a verb asks for its object first ("how many accounts has twitter …")."""
    return _OBJECT_FIRST.search(before.lower()) is not None


def _clause_before(tokens: list[str], i: int) -> list[str]:
    """The (up to three) words before ``tokens[i]`` back to a punctuation mark: where its auxiliary stands
    ("has the rule kicked in", "did twitter shut down")."""
    back: list[str] = []
    for token in reversed(tokens[max(0, i - 3):i]):
        if not token[0].isalpha():
            break
        back.insert(0, token)
    return back


def _inflected(plain: str, form: int) -> str:
    verb, _, rest = plain.partition(" ")
    return " ".join([forms(verb)[form], *([rest] if rest else [])])


def plain_verbs(text: str, used: Callable[[str], bool], written: frozenset[Phrasal] = frozenset()) -> str | None:
    """``text`` with each phrasal verb of ``TABLE`` no article writes (``written``) read as the first of its
    plain verbs the articles use (``used``: whether the articles hold a word), or None when none is read."""
    pieces = _TOKEN.finditer(text)
    spans = [(m.start(), m.end(), m.group().lower()) for m in pieces]
    tokens = [s[2] for s in spans]
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in ``text``
    i = 0
    while i < len(tokens):
        done = _read_at(tokens, spans, i, used, written, text)
        if done is None:
            i += 1
            continue
        next_i, changes = done
        edits += changes
        i = next_i
    if not edits:
        return None
    out, last = [], 0
    for start, end, replacement in sorted(edits):
        out += [text[last:start], replacement]
        last = end
    read = "".join([*out, text[last:]])
    return re.sub(r"  +", " ", read).replace(" ?", "?").strip() if read != text else None


def _read_at(tokens: list[str], spans: list[tuple[int, int, str]], i: int, used: Callable[[str], bool],
             written: frozenset[Phrasal], text: str) -> tuple[int, list[tuple[int, int, str]]] | None:
    verb = _verb_of(tokens[i])
    if verb is None:
        return None
    for entry in TABLE:
        if entry.verb != verb or entry in written:
            continue
        matched = _match(entry, tokens, i)
        if matched is None:
            continue
        end, separated = matched
        form = form_of(tokens[i], verb)
        if form is None:
            return None
        back = _clause_before(tokens, i)
        if form in (PAST, PARTICIPLE):
            form = PARTICIPLE if _AUXILIARY.intersection(back) else PAST
        if form == BASE and forms(verb)[PAST] == verb and not _MODALS.intersection(back):
            # "they shut it down", "was koo set up": the past, as its form is the base's
            form = PARTICIPLE if _AUXILIARY.intersection(back) else PAST
        # "was kicked off", "why was the gazette kicked off": passive, so the verb has an object
        passive = (form == PARTICIPLE and bool(_PASSIVE.intersection(back))) \
            or _object_asked_first(text[:spans[i][0]])
        choices = entry.removing if entry.removing is not None and (separated or passive) else entry.plain
        plain = next((p for p in choices if all(used(t) for t in terms(p))), None)
        if plain is None:
            return None
        word = _inflected(plain, form)
        if text[spans[i][0]].isupper():
            word = word[0].upper() + word[1:]
        changes = [(spans[i][0], spans[i][1], word)]
        first_particle = end - len(entry.particle)
        follows = end < len(tokens) and tokens[end].isalpha() and tokens[end] not in _NO_PLACE
        removing = entry.removing is not None and choices is entry.removing and entry.particle == ("off",)
        particle = "from" if removing and follows else ""
        changes.append((spans[first_particle][0], spans[end - 1][1], particle))
        return end, changes
    return None


def written_phrasals(index: LoadedIndex) -> frozenset[Phrasal]:
    """The table's phrasal verbs the articles write themselves, once per live index (a new build is a new folder)."""
    known = _USED.get(index.folder)
    if known is None:
        known = used_phrasals(doc.text for doc in index.docs)
        while len(_USED) >= _KEPT:  # the live index and the one a reload is loading beside it
            _USED.pop(next(iter(_USED)))
        _USED[index.folder] = known
    return known


_KEPT = 2


def news_verbs(text: str, index: LoadedIndex) -> str | None:
    """``text`` with chat's phrasal verbs read as the plain verbs the articles use, or None when it has none.
    The articles are read for the phrasal verbs they write only once a question holds one: on a large index
    that reading takes a while, and most questions hold none."""
    def used(term: str) -> bool:
        return term in index.idf

    if plain_verbs(text, used) is None:
        return None
    return plain_verbs(text, used, written_phrasals(index))
