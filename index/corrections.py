"""A correction note's dates are the note's, not the story's.

"Correction (March 22): This article originally said the vote was seven to two." was an event of 22 March, "still
ahead when reported" in a report of the 21st, and "An earlier version of this article said the council met on
Tuesday" put the council's meeting on the Tuesday the note says it was not. What an earlier version of the article
said is a mistake put right, and the day in a note's label is when it was put right: neither dates an event. The
sentence giving the right fact ("It met on Wednesday.") dates its event as any sentence does, and not the day it
denies ("on Wednesday, not Tuesday").
"""

from __future__ import annotations

import re

_ARTICLE = r"(?:article|story|report|piece|copy)"
# A sentence telling what the article said before it was corrected.
_RETRACTED = re.compile(
    rf"\b(?:an?\s+(?:earlier|previous|prior|original)\s+version\s+of\s+this\s+{_ARTICLE}"
    rf"|this\s+{_ARTICLE}\s+(?:has\s+been\s+corrected|(?:originally|initially|previously|earlier|incorrectly|wrongly"
    r"|mistakenly|erroneously)\b)"
    r"|(?:incorrectly|wrongly|mistakenly|erroneously)\s+(?:said|stated|reported|gave|described|identified|named))",
    re.IGNORECASE)
# A note's label opening its sentence, with the day it was written: "Correction (March 22):", "Clarification, 22
# March 2024:", "Editor's note (March 22):".
_LABEL = re.compile(r"^\W*(?:corrections?|clarifications?|editor['’]?s\s+note|update[ds]?)\b[^:.!?]{0,40}:",
                    re.IGNORECASE)


# A day denied: "The vote was held on Wednesday, not Tuesday", "… on February 9, not on February 8".
_DENIED = re.compile(r"\bnot\s+(?:on\s+|in\s+)?$", re.IGNORECASE)


def denied(sentence: str, start: int) -> bool:
    """Whether the date at ``start`` of ``sentence`` is one the sentence says it was not (``_DENIED``)."""
    return _DENIED.search(sentence, max(0, start - 12), start) is not None


def retracted(sentence: str) -> bool:
    """Whether ``sentence`` tells what the article said before it was corrected (``_RETRACTED``)."""
    return _RETRACTED.search(sentence) is not None


def label_end(sentence: str) -> int:
    """Where a correction note's label opening ``sentence`` ends (0 for none): a date before it is the note's."""
    found = _LABEL.match(sentence)
    return found.end() if found else 0
