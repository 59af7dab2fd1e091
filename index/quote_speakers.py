"""Who says a quotation that names no one: the sentence of the article attributing the quote it continues.

A news story quotes a speaker over several sentences or paragraphs and names them once: `"First part," said the
minister. ¶ "Second part of the same quote …"`. The second paragraph's sentence, quoted alone as an answer,
says no one said it, and "who said …" found the words without the speaker. A sentence that is all quotation
(it opens with a quote mark and has no saying verb outside its quotes) is said by whoever the nearest quotation
before it in its paragraph is attributed to, or, when it opens its paragraph, the quotation closing the
paragraph before (the convention for a quote running on over paragraphs). Narrative between them ends the
run: a quote after a sentence that quotes no one is nobody's here. (A quote closed by a later sentence,
`"We never back down. We never have," she said.`, is one sentence to the splitter.) Grammar, not topics: it
holds for any article.
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


def outside_quotes(sentence: str) -> str:
    """The sentence's words outside its quote marks: where a speaker is named."""
    out: list[str] = []
    inside = False
    for n, ch in enumerate(sentence):
        after = sentence[n + 1 : n + 2]
        # A straight mark, or a single one (an apostrophe otherwise: "won’t", "’90s"), closes after a word or a
        # stop and before a space, a stop or the end; a straight one opens anywhere else.
        closes = n > 0 and not sentence[n - 1].isspace() and (not after.strip() or after in ",.;:!?)—-")
        if ch == '"':
            inside = not closes
        elif ch in "“«" or (ch == "‘" and (n == 0 or not sentence[n - 1].isalnum())):
            inside = True
        elif ch in "”»" or (ch == "’" and inside and closes):
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out)


def quotes(sentence: str) -> bool:
    """Whether the sentence holds a quotation."""
    return any(mark in sentence for mark in "\"“”«»") or _OPENS.match(sentence) is not None


def attributes(sentence: str) -> bool:
    """Whether the sentence quotes someone and says who: a saying verb outside its quote marks."""
    return quotes(sentence) and _SAYS.search(outside_quotes(sentence)) is not None


def bare_quote(sentence: str) -> bool:
    """Whether the sentence is all quotation, attributed to no one in itself."""
    return _OPENS.match(sentence) is not None and not attributes(sentence)


def attribution(text: str, spans: Sequence[tuple[int, int]], i: int) -> int | None:
    """The index in ``spans`` (one article's sentences, in order, as offsets into ``text``) of the sentence
    attributing sentence ``i``'s quotation, when sentence ``i`` is a bare quote and its speaker is named in
    another sentence; else None."""
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
