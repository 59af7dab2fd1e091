"""Who says a quotation that names no one: the sentence of the article attributing the quote it continues.

A news story quotes a speaker over several sentences or paragraphs and names them once: `"First part," said the
minister. ¶ "Second part of the same quote …"`. The second paragraph's sentence, quoted alone as an answer,
says no one said it, and "who said …" found the words without the speaker. A sentence that is all quotation
(it opens with a quote mark and has no saying verb outside its quotes) is said by whoever the nearest quotation
before it in its paragraph is attributed to, or, when it opens its paragraph, the quotation closing the
paragraph before (the convention for a quote running on over paragraphs). Narrative between them ends the
run: a quote after a sentence that quotes no one is nobody's here. A quote closed by a later sentence,
`"We never back down. We never have," she said.`, is one sentence to the splitter when its marks are double;
in single marks (`‘We never back down. We never have,’ she said.`) or over a kept line break it is split, and
the sentences before the one closing it are said by whoever that sentence names: the quote marks are followed
over the paragraph's sentences to find which sentence closes the quotation. Grammar, not topics: it holds for
any article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_OPENS = re.compile(r"^\s*[\"“‘«]")
# Saying verbs and "according to", outside the quote marks: the words attributing a quotation.
_SAYS = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|asked|asks|wrote|writes|tweeted|posted|stated|states|explained"
    r"|explains|argued|argues|insisted|insists|warned|warns|noted|notes|continued|continues|replied|replies"
    r"|recalled|remarked|declared|announced|claimed|claims|maintained|maintains|according\s+to)\b",
    re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
_MOST_PARAGRAPHS = 4  # a run of quoted paragraphs longer than this is a document quoted, not a speaker
_MOST_QUOTED = 5  # a quotation split over more sentences than this is a document quoted, not a speaker's words


def outside_quotes(sentence: str) -> str:
    """The sentence's words outside its quote marks: where a speaker is named. A sentence whose first quote
    mark closes a quotation began inside it (`…soon," the ministry said.`): its words before that mark are
    quoted, not the speaker."""
    return _read(sentence, _begins_inside(sentence))[0]


def _begins_inside(sentence: str) -> bool:
    """Whether the sentence's first quote mark closes a quotation: a closing double mark, a straight one after a
    word and before a space or a stop, or a single closing mark after a stop (after a letter it is an
    apostrophe: "players’", "won’t")."""
    for n, ch in enumerate(sentence):
        if ch in "“«‘":
            return False
        if ch in "”»" or (ch == "’" and n > 0 and sentence[n - 1] in ",.;:!?"):
            return True
        if ch == '"':
            return _closes_at(sentence, n)
    return False


def _closes_at(sentence: str, n: int) -> bool:
    """Whether a straight mark, or a single one (an apostrophe otherwise: "won’t", "’90s"), at ``n`` closes: after a
    word or a stop and before a space, a stop or the end."""
    after = sentence[n + 1 : n + 2]
    return n > 0 and not sentence[n - 1].isspace() and (not after.strip() or after in ",.;:!?)—-")


def _read(sentence: str, inside: bool) -> tuple[str, bool]:
    """The sentence's words outside its quote marks, read from ``inside`` a quotation or not, and whether it
    ends inside one (its quotation runs on into the next sentence)."""
    out: list[str] = []
    for n, ch in enumerate(sentence):
        closes = _closes_at(sentence, n)  # a straight mark that does not close opens
        if ch == '"':
            inside = not closes
        elif ch in "“«" or (ch == "‘" and (n == 0 or not sentence[n - 1].isalnum())):
            inside = True
        elif ch in "”»" or (ch == "’" and inside and closes):
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out), inside


def quotes(sentence: str) -> bool:
    """Whether the sentence holds a quotation."""
    return (any(mark in sentence for mark in "\"“”«»") or _OPENS.match(sentence) is not None
            or _begins_inside(sentence))


def attributes(sentence: str) -> bool:
    """Whether the sentence quotes someone and says who: a saying verb outside its quote marks."""
    return quotes(sentence) and _SAYS.search(outside_quotes(sentence)) is not None


def bare_quote(sentence: str) -> bool:
    """Whether the sentence is all quotation, attributed to no one in itself."""
    return _OPENS.match(sentence) is not None and not attributes(sentence)


def attribution(text: str, spans: Sequence[tuple[int, int]], i: int) -> int | None:
    """The index in ``spans`` (one article's sentences, in order, as offsets into ``text``) of the sentence
    attributing sentence ``i``'s quotation, when sentence ``i`` is a bare quote and its speaker is named in
    another sentence; else None. A sentence of a quotation that a later sentence of its paragraph closes is
    said by whoever that sentence names; otherwise a bare quote is said by the quotation before it."""
    closing = _said_at_close(text, spans, i)
    if closing is not None:
        return closing
    start, end = spans[i]
    if not bare_quote(text[start:end]):
        return None
    paragraphs = 0
    k = i
    while k > 0:
        gap = text[spans[k - 1][1] : spans[k][0]]
        if _PARAGRAPH_BREAK.search(gap):  # the previous sentence closes the paragraph before
            paragraphs += 1
            if paragraphs > _MOST_PARAGRAPHS or not _OPENS.match(text[spans[k][0] : spans[k][1]]):
                break
        before = text[spans[k - 1][0] : spans[k - 1][1]]
        if attributes(before):
            return k - 1
        if not quotes(before):
            break
        k -= 1
    return None


def _said_at_close(text: str, spans: Sequence[tuple[int, int]], i: int) -> int | None:
    """The index of the sentence closing the quotation sentence ``i`` is part of and naming who says it (a
    saying verb outside its quote marks), when sentence ``i`` opens or continues a quotation it does not close
    and a later sentence of its paragraph closes it; else None."""
    opened, inside = _open_quotation(text, spans, i)
    sentence = text[spans[i][0] : spans[i][1]]
    if not inside:
        if not _OPENS.match(sentence):  # narrative before its quote mark: not all quotation
            return None
        opened = i
    words, inside = _read(sentence, inside)
    if not inside or _SAYS.search(words):  # closed in itself, or it names its own speaker
        return None
    for k in range(i + 1, min(len(spans), opened + _MOST_QUOTED)):
        if _PARAGRAPH_BREAK.search(text[spans[k - 1][1] : spans[k][0]]):
            return None  # a quotation running over paragraphs is reopened in the next: its speaker is before it
        words, inside = _read(text[spans[k][0] : spans[k][1]], True)
        if words.strip() or not inside:  # the quotation closes in sentence k
            return k if _SAYS.search(words) else None
    return None


def _open_quotation(text: str, spans: Sequence[tuple[int, int]], i: int) -> tuple[int, bool]:
    """The index of the sentence that opened the quotation open where sentence ``i`` starts (``i`` when none is)
    and whether one is, read over the sentences of its paragraph before it."""
    first = i
    while first > 0 and not _PARAGRAPH_BREAK.search(text[spans[first - 1][1] : spans[first][0]]):
        first -= 1
    opened, inside = i, False
    for k in range(first, i):
        was = inside
        inside = _read(text[spans[k][0] : spans[k][1]], inside)[1]
        if inside and not was:
            opened = k
    return opened, inside


# Saying and responding verbs that name a speaker next to them, outside the quote marks: the attributing verbs,
# and the ones a reply or a reaction is reported with ("MeitY reacted …", "the company responded …").
_SPEAKS = re.compile(
    rf"(?:{_SAYS.pattern}|\b(?:responded|responds|reacted|reacts|alleged|alleges|denied|denies|countered"
    r"|counters|contended|contends|asserted|asserts|clarified|clarifies|acknowledged|admitted|urged|said))\b",
    re.IGNORECASE)
# Where a clause ends: the speaker is the words of the clause holding the verb.
_CLAUSE = re.compile(r"[,;:()—–]|\s-\s")
# A clause before the verb opening with one of these sets the scene ("In a blog post,", "On Tuesday,"); the
# speaker is in another clause.
_SCENE = re.compile(r"^\s*(?:in|on|at|during|after|before|earlier|later|meanwhile|however|also|then|since|while"
                    r"|as|with|through|via|amid|following|separately|instead)\b", re.IGNORECASE)
# The verb's object or what follows the speaker after an inverted verb (`…," said Ilse Marrow on Monday.`).
_AFTER_SPEAKER = re.compile(r"\s(?:in|on|at|during|after|before|to|that|while|when|as|for|from|about)\s",
                            re.IGNORECASE)
_MOST_WORDS = 10  # a speaker named in more words than this is a clause, not a name


def named_speaker(sentence: str) -> str | None:
    """The words naming who speaks in the sentence, as written: the subject of its first saying or responding
    verb outside its quote marks ("In a blog post, Twitter said …": "Twitter"; `"…," MeitY reacted on …`:
    "MeitY"), the words after an inverted one (`"…," said Ilse Marrow, the chair.`: "Ilse Marrow"), or the
    source of "according to". None when it names no one that way. Grammar only: a pronoun or "the company" is
    returned as written, for the caller to read or leave."""
    out = outside_quotes(sentence)
    verb = _SPEAKS.search(out)
    if verb is None:
        return None
    if verb.group(0).lower().startswith("according"):
        return _words(_CLAUSE.split(out[verb.end():], maxsplit=1)[0])
    clauses = [c for c in _CLAUSE.split(out[: verb.start()]) if c.strip()]
    if clauses:  # the nearest clause not setting the scene; "On Tuesday the government" when all do
        return _words(next((c for c in reversed(clauses) if not _SCENE.match(c)), clauses[-1]))
    after = _CLAUSE.split(out[verb.end():], maxsplit=1)[0]
    return _words(_AFTER_SPEAKER.split(f"{after} ", maxsplit=1)[0])


def _words(phrase: str) -> str | None:
    words = phrase.strip(" .!?\"'“”‘’").split()
    return " ".join(words) if 0 < len(words) <= _MOST_WORDS else None
