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
from collections.abc import Sequence

from index.chunking import Span

_ARTICLE = r"(?:article|story|report|piece|copy)"
# A sentence telling what the article said before it was corrected.
_RETRACTED = re.compile(
    rf"\b(?:an?\s+(?:earlier|previous|prior|original)\s+version\s+of\s+this\s+{_ARTICLE}"
    rf"|(?:this|the)\s+{_ARTICLE}\s+(?:has\s+been\s+corrected|(?:originally|initially|previously|earlier|incorrectly|wrongly"
    r"|mistakenly|erroneously)\b)"
    r"|(?:incorrectly|wrongly|mistakenly|erroneously)\s+(?:said|stated|reported|gave|described|identified|named))",
    re.IGNORECASE)
# A note's label opening its sentence, with the day it was written: "Correction (March 22):", "Clarification, 22
# March 2024:", "Editor's note (March 22):".
# A time of day in it ("Update, June 8, 17:10:") is part of the label, not its end.
# An update's label may end in a spaced dash instead, when it names a day ("Update June 8 - The court …"): read
# as the story's words, its day was an event beside the one the sentence tells.
UPDATE_DASH = r"update[ds]?\b[^:.!?\d]{0,20}\d[^:.!?]{0,20}?\s[-–—]\s"
_LABEL = re.compile(r"^\W*(?:(?:corrections?|clarifications?|editor['’]?s\s+note|update[ds]?)\b"
                    rf"(?:[^:.!?]|(?<=\d)[:.](?=\d\d)){{0,40}}:|{UPDATE_DASH})", re.IGNORECASE)


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


# An editor's note on the article itself, at its top or foot: "Correction, February 12, 2021: An earlier version of
# this article said … 1,187 accounts. The order named 1,178 accounts.", "Clarification: …", "This article has been
# corrected to …". It tells what the article once said, wrongly, and was quoted for the figure it withdraws; its day
# was an event of the timeline, still ahead of the story.
# An editor's note saying when and why the story was updated ("Editor's note: This story was updated on February 13
# to add the ministry's response") is one too: it was quoted for "when is the next hearing", and its day was an event.
_CORRECTION = re.compile(
    r"\s*[(\[]?\s*(?:(?:corrections?|clarifications?|erratum|editor['’]?s\s+note)"
    r"(?:\s*[,(–—-]?\s*[\w ,.]{0,25}\d{4}\)?)?\s*:"
    r"|(?:an\s+)?(?:earlier|previous|original)\s+version\s+of\s+this\s+(?:article|story|report)\b"
    r"|this\s+(?:article|story|report)\s+(?:has\s+been|was)\s+(?:corrected|amended|updated)"
    r"(?:\s+on\s+[\w ,]{1,30}?)?\s+to\b).*",
    re.IGNORECASE | re.DOTALL,
)
# A note's sentence about the article itself, none of its facts: "Editor's note: …" opening it, "This story was
# updated on …", "The story has been corrected."
_ON_ARTICLE = re.compile(rf"\A\W*editor['’]?s\s+note\b|\b(?:this|the)\s+{_ARTICLE}\s+(?:has\s+been|was)\s+"
                         r"(?:updated|amended|edited|corrected)\b", re.IGNORECASE)
_CORRECTION_CHARS = 600  # a note, not a paragraph of the story


def correction_note(line: str) -> bool:
    """Whether ``line`` is an editor's note on the article (``_CORRECTION``): furniture, for what it withdraws."""
    return len(line) <= _CORRECTION_CHARS and _CORRECTION.fullmatch(line) is not None


def puts_right(text: str, sentence: Span) -> bool:
    """Whether ``sentence`` of ``text`` gives the right fact on a correction note's line ("Correction: An earlier
    version of this story said the order covered 340 accounts. The order covered 430 accounts."). The note is
    furniture for what it withdraws (``retracted``); with its whole line left out, the article's only quotable
    figure was the body's withdrawn one, and "how many accounts did the order cover" was answered "340". The note's
    first sentence, under its label ("CORRECTION (Feb 12): The order named 1,178 accounts, not 1,187."), stays out:
    it says what was wrong as much as what is right."""
    said = text[sentence.start:sentence.end]
    opens_note = not text[text.rfind("\n", 0, sentence.start) + 1 : sentence.start].strip()
    return (bool(_note_line(text, sentence)) and not opens_note and not retracted(said)
            and _ON_ARTICLE.search(said) is None)


def _note_line(text: str, sentence: Span) -> str:
    """The line ``sentence`` of ``text`` lies on, when it is a correction note's; else ""."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return line if correction_note(line) else ""


# A figure with what it counts ("340 accounts", "1,187 handles", "4.2 million"): what a correction withdraws.
_FIGURE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)\s+([A-Za-z]+)")


def _figures(sentence: str) -> set[tuple[str, str]]:
    return {(number.replace(",", ""), word.lower()) for number, word in _FIGURE.findall(sentence)}


def withdrawn(text: str, sentences: Sequence[Span]) -> set[Span]:
    """The story's sentences stating a figure its correction note withdraws: "An earlier version of this story said
    the order covered 340 accounts. The order covered 430 accounts." under a body still saying "The order covered
    340 accounts" (a story corrected only at its foot). Quoting the body gave the figure the article says was wrong.
    Only a note that also gives the right fact counts (and no figure it gives is withdrawn), so a note that only
    tells what was said before ("… rather than 430 accounts") takes nothing out."""
    said: dict[str, set[tuple[str, str]]] = {}  # by note line: the figures it withdraws
    right: dict[str, set[str]] = {}  # by note line that gives the right fact: the numbers it gives
    for sentence in sentences:
        line, words = _note_line(text, sentence), text[sentence.start:sentence.end]
        if line and retracted(words):
            said.setdefault(line, set()).update(_figures(words))
        elif line and puts_right(text, sentence):
            right.setdefault(line, set()).update(number for number, _ in _figures(words))
    gone = {figure for line, figures in said.items() if line in right for figure in figures
            if figure[0] not in right[line]}
    if not gone:
        return set()
    return {sentence for sentence in sentences
            if not _note_line(text, sentence) and _figures(text[sentence.start:sentence.end]) & gone}
