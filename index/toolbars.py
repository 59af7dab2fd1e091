"""A page's bars copied as text, one line each: its share buttons ("Share  Tweet  WhatsApp  Email  Print", "Share
this article: Facebook Twitter LinkedIn"), its tags ("Tags: Flickerpost, OOS, takedowns"), and a line of chrome
pieces a copy runs together ("Listen to this article  4 min read"). Each was a sentence of the story that could
be quoted; the furniture rules (``index.furniture``) ask these."""

from __future__ import annotations

import re
from collections.abc import Callable

# A share bar's buttons: the networks, and the actions a button is labelled with. "copy link" is one button.
_BUTTON = re.compile(
    r"(?:share|tweet|pin(?:\s+it)?|e-?mail|mail|print|save|bookmark|copy(?:\s+link)?|comments?|facebook|twitter|x"
    r"|whatsapp|linkedin|telegram|reddit|pinterest|koo|flipboard|messenger|threads|bluesky|sms)",
    re.IGNORECASE,
)
_SHARE_LEAD = re.compile(r"\s*share(?:\s+(?:this|the)\s+(?:article|story|page|post))?(?:\s+(?:on|via))?\s*:?\s*",
                         re.IGNORECASE)
_TWO_WORDS = re.compile(r"\b(copy|pin)\s+(link|it)\b", re.IGNORECASE)  # one button, read as one word
_BETWEEN = re.compile(r"[\s,|·•/]+")
_SHARE_CHARS = 120  # a bar of buttons, not a paragraph
# A page's tags or topics: a label, then a list of short names ("Tags: Twitter, MeitY, blocking orders").
_TAGS = re.compile(r"\s*(?:tags?|tagged(?:\s+(?:with|as))?|topics?|filed\s+under|keywords?)\s*:\s*(.+?)\s*",
                   re.IGNORECASE)
_TAG_CHARS = 40  # each tag a name, not a clause
_ENDS_SENTENCE = re.compile(r"[.!?…]['\"’”)]*$")
# Chrome pieces run together on one line are apart by a run of spaces or a tab ("Listen to this article  4 min
# read"), as a copy of a page's buttons lays them out; one space parts the words of a sentence.
_PIECES = re.compile(r"\s{2,}|\t")


def is_share_bar(line: str) -> bool:
    """Whether ``line`` is a bar of share buttons: two buttons or more, or one after "Share" ("Share on X")."""
    if len(line) > _SHARE_CHARS:
        return False
    lead = _SHARE_LEAD.match(line)
    rest = line[lead.end():] if lead is not None else line
    words = [word for word in _BETWEEN.split(_TWO_WORDS.sub(r"\1_\2", rest)) if word]
    if not all(_BUTTON.fullmatch(word.replace("_", " ")) for word in words):
        return False
    return len(words) >= (1 if lead is not None else 2)


def is_tag_line(line: str) -> bool:
    """Whether ``line`` is a page's tags: a label ("Tags:", "Topics:", "Filed under:") over short names."""
    found = _TAGS.fullmatch(line)
    if found is None or _ENDS_SENTENCE.search(found.group(1)):
        return False
    return all(0 < len(tag.strip()) <= _TAG_CHARS for tag in re.split(r"[,|;]", found.group(1)))


def is_chrome_run(line: str, is_piece: Callable[[str], bool]) -> bool:
    """Whether ``line`` is pieces of chrome run together (``_PIECES``), each of them furniture by ``is_piece``."""
    pieces = [piece for piece in _PIECES.split(line.strip()) if piece]
    return len(pieces) >= 2 and all(is_piece(piece) for piece in pieces)
