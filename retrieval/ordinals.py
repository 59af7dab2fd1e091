"""A day written as an ordinal ("feb 8th", "the 10th", "22nd of jan") searched as the articles write it.

Chat writes days as ordinals; news copy mostly writes "February 8". Searched as typed, "8th" was a word no
article uses: it counted against every sentence's word coverage, and "feb 8th 2021 - what did twitter say?" was
declined (the articles "never use the word “8th”") while "what did twitter say on 8 feb 2021" was answered with
"Twitter said on February 8 that it was cooperating with the Centre". An ordinal becomes its figure only where
the articles use the figure and not the ordinal: an index of articles that write "8th" keeps it.
"""

from __future__ import annotations

import re

from retrieval.loaded import LoadedIndex

_ORDINAL = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)


def ordinals_as_written(text: str, index: LoadedIndex) -> str | None:
    """``text`` with each ordinal the articles never write, whose figure they do, written as that figure; None
    when there is none."""

    def written(found: re.Match[str]) -> str:
        ordinal, day = found.group(0).lower(), found.group("day")
        return day if ordinal not in index.idf and day in index.idf else found.group(0)

    out = _ORDINAL.sub(written, text)
    return out if out != text else None
