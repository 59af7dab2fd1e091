"""A fact box is one passage: its lines name no subject, its heading does.

A sidebar of short facts ("Koru at a glance" over "Founded: 2020, in Port Halden", "Users: 3 million", "Backers:
State Pension Fund (34% stake)") states each fact as a label and a value, without a full stop and without naming
what it is about. Read a line at a time, no line was a sentence the answer model would quote (``retrieval
.answer_like``: no full stop, no list marker) and none shared a word with "when was Koru founded?": a probe
article's box answered 1 of 5 questions on its figures. So a run of at least ``MIN_LINES`` such lines, each its
own line with nothing but space between, is read, searched and quoted as one passage with the heading right over
it (a short line ending no sentence), as a small table is (``index.tables``), when the whole is at most
``MAX_CHARS`` long. A transcript's turns ("MINISTER: We will …") end as sentences and stay apart; so does a list
item, quotable alone, and a chronology's line labelled by its day ("Jan 26: Violence at the fort"), each an event
of its own day on the timeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from index.stamps import MONTH_WORD

if TYPE_CHECKING:  # index.chunking reads tables, which read fact lists
    from index.chunking import Span

MIN_LINES = 3
MAX_CHARS = 400  # an answer's length: the box is quoted whole
# "Founded: 2020, in Port Halden", "Backers (private): two funds": a label of one to five words, then its value.
_FACT = re.compile(r"[^\W\d_][\w'’&/.-]*(?:[ \t]+[\w'’&/()%.-]+){0,4}[ \t]*:[ \t]+\S[^\n]{0,150}")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\Z")
# A chronology's line is labelled by its day or time ("Jan 26: Violence at the fort", "14:05: …"): each line is an
# event of its own day on the timeline, and stays a sentence of its own.
_DATED_LABEL = re.compile(rf"[^:]*(?:\d|\b{MONTH_WORD}\b"
                          r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|yesterday|tomorrow)\b)",
                          re.IGNORECASE)
_HEADING_CHARS = 60


def _fact_line(text: str) -> bool:
    return (_FACT.fullmatch(text) is not None and _ENDS_SENTENCE.search(text) is None
            and _DATED_LABEL.match(text.split(":", 1)[0]) is None)


def _heading(text: str) -> bool:
    return "\n" not in text and len(text) <= _HEADING_CHARS and _ENDS_SENTENCE.search(text) is None


def _only_space(text: str, end: int, start: int) -> bool:
    return not text[end:start].strip()


def is_fact_list(text: str) -> bool:
    """Whether ``text`` is a fact box read as one passage (``fact_lists``): its lines, past a heading, each a
    label and its value."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if lines and not _fact_line(lines[0]) and _heading(lines[0]):
        lines = lines[1:]
    return len(lines) >= MIN_LINES and len(text.strip()) <= MAX_CHARS and all(map(_fact_line, lines))


def fact_lists(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans``, the sentences of ``text``, with each fact box's lines and its heading one span (see the module)."""
    out: list[Span] = []
    n = 0
    while n < len(spans):
        last = n
        while (last < len(spans) and _fact_line(text[spans[last].start:spans[last].end])
               and (last == n or _only_space(text, spans[last - 1].end, spans[last].start))):
            last += 1
        if last - n >= MIN_LINES:
            first = n
            if out and _heading(text[out[-1].start:out[-1].end]) and _only_space(text, out[-1].end, spans[n].start):
                first -= 1
                out.pop()
            whole = replace(spans[first], end=spans[last - 1].end)
            if whole.end - whole.start <= MAX_CHARS:
                out.append(whole)
            else:
                out.extend(spans[first:last])
            n = last
            continue
        out.append(spans[n])
        n += 1
    return out
