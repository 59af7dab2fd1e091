"""A page's bars copied as text, one line each: its share buttons ("Share  Tweet  WhatsApp  Email  Print", "Share
this article: Facebook Twitter LinkedIn"), its tags ("Tags: Flickerpost, OOS, takedowns"), its prompts and reading
tools ("Subscribe to our newsletter", "Download the app", "Story continues below this ad", "Font size A A"), and a
line of chrome pieces a copy runs together ("Listen to this article  4 min read", "Listen | 4 min read"). Each was
a sentence of the story that could be quoted; the furniture rules (``index.furniture``) ask these."""

from __future__ import annotations

import re
from collections.abc import Callable

# A share bar's buttons: the networks, and the actions a button is labelled with. "copy link" is one button.
_BUTTON = re.compile(
    r"(?:share|tweet|pin(?:\s+it)?|e-?mail|mail|print|save|bookmark|copy(?:\s+link)?|comments?|facebook|twitter|x"
    r"|whatsapp|linkedin|telegram|reddit|pinterest|koo|flipboard|messenger|threads|bluesky|sms)",
    re.IGNORECASE,
)
# A button that does something, alone on its line ("Email", "Print"); a network's name alone may head a story's part.
_ACTION = re.compile(r"\s*(?:share|tweet|e-?mail|print|save|bookmark|copy\s+link)\s*", re.IGNORECASE)
# "Share this article", and what else a page is ("Share this live blog", "Share this video", "Share this report").
_SHARE_LEAD = re.compile(r"\s*share(?:\s+(?:this|the)\s+(?:article|story|page|post|live\s*blog|blog(?:\s+post)?"
                         r"|video|report|interview|explainer|gallery|feature))?(?:\s+(?:on|via))?\s*:?\s*",
                         re.IGNORECASE)
_TWO_WORDS = re.compile(r"\b(copy|pin)\s+(link|it)\b", re.IGNORECASE)  # one button, read as one word
_BETWEEN = re.compile(r"[\s,|·•/]+")
_SHARE_CHARS = 120  # a bar of buttons, not a paragraph
# A page's tags or topics: a label, then a list of short names ("Tags: Twitter, MeitY, blocking orders").
_TAGS = re.compile(r"\s*(?:(?:trending|related)\s+)?(?:tags?|tagged(?:\s+(?:with|as))?|topics?|filed\s+under"
                   r"|keywords?)\s*(?::\s*(.+?)\s*)?", re.IGNORECASE)
_TAG_CHARS = 40  # each tag a name, not a clause
_ENDS_SENTENCE = re.compile(r"[.!?…]['\"’”)]*$")
# Chrome pieces run together on one line are apart by a run of spaces, a tab or a bar ("Listen to this article  4
# min read", "Listen | 4 min read"), as a copy of a page's buttons lays them out; one space parts a sentence's words.
_PIECES = re.compile(r"\s{2,}|\t|\s+[|·•]\s+")
# A page's prompts to the reader and its reading tools, none of them the story's: a newsletter's or channel's
# sign-up, the app, an ad's marker, the text's size, a gift or save button, the comments' link, the audio player.
_PROMPT = re.compile(
    r"\s*(?:(?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the)\s+[\w '’-]{0,30}newsletters?"
    r"|(?:join|follow)\s+(?:us\s+on\s+|our\s+)[\w ]{0,20}(?:channel|community|group)s?"
    r"|(?:download|get|install)\s+(?:the|our)\s+(?:[\w-]+\s+)?app|read\s+(?:it\s+)?in\s+(?:the\s+)?app"
    r"|scroll\s+(?:down\s+)?to\s+continue(?:\s+(?:with|reading)(?:\s+(?:the\s+)?(?:content|article|story))?)?"
    r"|(?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this|the))?\s+(?:ad|advertisement)"
    r"|(?:font|text)\s+size(?:\s+[aA+-]){0,4}|gift\s+this\s+(?:article|story)|save\s+(?:this\s+)?(?:article|story)"
    r"|print\s+this\s+(?:page|article|story)|share\s+via|read\s+(?:all\s+)?comments"
    r"|listen(?:\s+to\s+(?:this\s+)?(?:article|story))?"
    # A sign-up box's other lines, set in the story's middle under its prompt: the field, the button, the offer
    # ("Get the day's top stories delivered to your inbox"), the terms ("By signing up you agree to our …").
    r"|enter\s+your\s+e-?mail(?:\s+address)?|sign\s+up(?:\s+now)?"
    r"|by\s+(?:signing\s+up|subscribing|registering)\s*,?\s+you\s+agree\s+to\s+(?:our|the)\b.{1,80}"
    r"|(?:get|receive)\b.{1,60}\b(?:delivered|sent)\s+(?:straight\s+|directly\s+)?to\s+your\s+inbox\b.{0,40})"
    r"\s*[.!:]?\s*",
    re.IGNORECASE,
)


def is_share_bar(line: str) -> bool:
    """Whether ``line`` is a bar of share buttons: two buttons or more, one after "Share" ("Share on X"), or an
    action's button alone ("Email")."""
    if len(line) > _SHARE_CHARS:
        return False
    if _ACTION.fullmatch(line):
        return True
    lead = _SHARE_LEAD.match(line)
    rest = line[lead.end():] if lead is not None else line
    words = [word for word in _BETWEEN.split(_TWO_WORDS.sub(r"\1_\2", rest)) if word]
    if not all(_BUTTON.fullmatch(word.replace("_", " ")) for word in words):
        return False
    return len(words) >= (1 if lead is not None else 2)


def is_tag_line(line: str) -> bool:
    """Whether ``line`` is a page's tags: a label ("Tags:", "Topics:", "Filed under:") over short names."""
    found = _TAGS.fullmatch(line)
    if found is None or found.group(1) is None:
        return False  # the label alone heads its tags on the lines under it: ``index.link_lines.LINK_HEADING``
    if _ENDS_SENTENCE.search(found.group(1)):
        return False
    return all(0 < len(tag.strip()) <= _TAG_CHARS for tag in re.split(r"[,|;]", found.group(1)))


def is_prompt(line: str) -> bool:
    """Whether ``line`` is one of a page's prompts or reading tools (``_PROMPT``)."""
    return _PROMPT.fullmatch(line) is not None


def is_chrome_run(line: str, is_piece: Callable[[str], bool]) -> bool:
    """Whether ``line`` is pieces of chrome run together (``_PIECES``), each of them furniture by ``is_piece``."""
    pieces = [piece for piece in _PIECES.split(line.strip()) if piece]
    return len(pieces) >= 2 and all(is_piece(piece) for piece in pieces)
