"""A transcript's time code is no part of the turn it opens.

A podcast's or a broadcast's transcript marks each speaker's turn with where it falls in the recording:
"[00:12:31] HOST: …", "(00:12) GUEST: …", "00:12:31 MINISTER: …". Quoted, the time code opened the answer
("[00:00:31] GUEST: We counted 2,816 orders in 2020.") and told the reader nothing about the story; searched, its
digits were a figure of the sentence, and the turn's first sentence was scored below its second, which had none.
So a sentence's span leaves out a time code that opens it. A time in brackets ("[12:31]") or one of hours,
minutes and seconds ("00:12:31") is a time code; a clock time in the story's words ("14:05 The ministry said …",
a live blog's) is left to the entry heads (``index.entry_heads``), and one inside a sentence ("at 10:30 on
Tuesday") stays.
"""

from __future__ import annotations

import re

# "[00:12:31]", "(12:31)", "[1:02:03.5]", or "00:12:31" bare; then the turn's first word, or nothing.
_TIME_CODE = re.compile(r"(?:[\[(]\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?[\])]|\d{1,2}:\d{2}:\d{2}(?![\d:]))"
                        r"(?:[ \t]+(?=\S)|$)")


def without_time_code(text: str, start: int, end: int) -> int:
    """Where the sentence at ``start:end`` of ``text`` begins once a time code opening it is left out (see the
    module); ``start`` when it opens with none, ``end`` when it is one alone (the sentence splitter may part
    "(12:31)" from its turn)."""
    found = _TIME_CODE.match(text, start, end)
    return found.end() if found is not None else start
