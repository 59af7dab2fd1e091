"""Lines that stand on their own around a story, neither its words nor its title: a byline ("By Staff Reporter",
"By Meera Kapoor | Updated: Feb 12, 2021"), a press release's issuer over its headline, a reading time, the story's
address pasted over it ("Source: https://…"); and which line breaks of wrapped text they and a stamp
(``index.stamps``) keep. Imports nothing of the index but ``index.stamps``, so the sentence splitter can ask it.
"""

from __future__ import annotations

import re

from index.pasted import is_mail_header
from index.stamps import STAMP_SAYS, date_line, is_stamp_line, stamp_date

_EMPHASIS = re.compile(r"[*_]+")  # Markdown's "**By Meera Kapoor**"


# How long the story takes to read or hear, under its headline: "5 min read", "5-minute read", "Reading time: 4
# minutes". A line of its own: in wrapped text a headline of 40 characters or more was joined to it, and titled
# "… after notice 5 min read".
_READ_TIME = re.compile(r"\s*(?:\d+\s*-?\s*min(?:ute)?s?\s+(?:read|listen|watch)|(?:reading|read)\s+time\s*:?\s*\d+\s*"
                        r"min(?:ute)?s?)\s*", re.IGNORECASE)


def is_read_time(line: str) -> bool:
    return _READ_TIME.fullmatch(line) is not None


# "By Staff Reporter", "By Press Trust of India", "By Meera Kapoor, New Delhi", and what a site prints after a bar:
# "By Meera Kapoor | Updated: Feb 12, 2021". Names only, so a wrapped sentence's line ("By Monday, the company
# had …") is none.
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:of\s+(?:the\s+)?|the\s+)?[A-Z][\w.'’-]*)*"
# A time, not a name: "By Monday, Twitter had …", "By February, the …" open a sentence.
_NOT_A_NAME = (r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|July|August"
               r"|September|October|November|December|Then|Now|Noon|Midnight|Tonight|Today|Tomorrow|Yesterday|Late"
               r"|Early|Mid|Next|Last|This|That|Contrast|Comparison|Law|Default|Design)\b)")
# The writer's role after a comma, as sites print it in lower case ("By Jane Doe, staff reporter"), and where the
# story was filed ("By Jane Doe in New Delhi").
_ROLE = (r"(?:[\w.'’-]+\s+){0,3}(?:reporter|correspondent|editor|writer|staff|bureau|desk|journalist|columnist"
         r"|contributor|service)s?")
_BYLINE = re.compile(
    rf"\s*(?:(?i:written|reported|posted|compiled|edited|story|prepared|issued)\s+by|By|BY)\s+(?:the\s+)?{_NOT_A_NAME}{_NAME}"
    rf"(?:(?:\s*,\s*|\s+(?:and|&|in|for)\s+|\s+/\s+)(?:{_NAME}|(?i:{_ROLE})))*"
    rf"(?:\s*[|·•].*|(?:\s*,\s*|\s+(?i:on|updated|published)\s*:?\s*)(?P<stamp>{STAMP_SAYS.pattern}))?\s*")
_BYLINE_CHARS = 100
# A writer named by role only, as an opinion page or a paper prints one: "By a former member of the Law
# Commission", "By our special correspondent", "By a staff reporter". Was a sentence of its own and quoted. The "a"
# or "our" before the role tells it from a name; a line that goes on ("By a margin of two votes, …") is none.
_ROLE_NOUN = (r"(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|member|analyst|lawyer"
              r"|advocate|professor|researcher|scholar|expert|academic|diplomat|officer|official)s?")
_ROLE_BYLINE = re.compile(
    rf"\s*(?:(?i:written|reported)\s+by|By|BY)\s+(?i:a|an|our)\s+(?:[\w'’-]+\s+){{0,3}}(?i:{_ROLE_NOUN})"
    rf"(?:\s+(?:of|at|with|for|in)\s+(?:the\s+)?{_NAME})?(?:\s*,\s*{_NAME})?\s*")


def is_byline(line: str) -> bool:
    if len(line) > _BYLINE_CHARS:
        return False
    text = _EMPHASIS.sub("", line)
    return _BYLINE.fullmatch(text) is not None or _ROLE_BYLINE.fullmatch(text) is not None


def byline_day(line: str) -> str | None:
    """The day a byline gives after its names ("Prepared by the Digital Rights Forum, 12 February 2021"): the
    article's stamp. Only a byline whose names read as a place ("By Meera Kapoor, …") was dated before."""
    match = _BYLINE.fullmatch(_EMPHASIS.sub("", line)) if len(line) <= _BYLINE_CHARS else None
    return date_line(match.group("stamp")) if match is not None and match.group("stamp") else None


# Who issues a press release, on the line above its headline ("Ministry of Electronics & IT", "Press Information
# Bureau", "Acme Corp Newsroom", "Press Information Bureau, Government of India"): an office's or a company's name,
# every word capitalised but its joining words, opened or closed by a word naming an issuer. Such a line titled the
# release. A headline in title case names what happened ("Ministry Of IT Asks Twitter To Comply") and ends on
# other words.
_CAPITALISED = r"(?:[A-Z][\w.'’&-]*|&)"
_JOINING = r"(?:of|for|and|&|the|on|in)"
# A state's own name joins an office's on its line ("Ministry of Digital Affairs, Republic of Caldany").
_ORG_HEAD = (r"(?:Ministry|Department|Office|Government|Bureau|Directorate|Secretariat|Commission|Council|Authority"
             r"|Embassy|High\s+Commission|Agency|Board|Republic|Kingdom|Federation|Commonwealth|Principality)")
_ORG_TAIL = (r"(?:Ministry|Department|Office|Bureau|Newsroom|News\s*room|Press\s+(?:Office|Room|Centre|Center)"
             r"|Media\s+(?:Centre|Center|Room|Relations)|Communications|Corp\.?|Corporation|Inc\.?|Ltd\.?|Limited"
             r"|LLC|PLC|Group|Secretariat|Commission|Authority|Council|Agency|Foundation|Association|Government)")
# "Government of the Republic of Castovia", "Office of the Prime Minister": a "the" after "of" is no title's word.
_ISSUER_PART = (rf"(?:{_ORG_HEAD}\s+(?:of|for)\s+(?:the\s+)?{_CAPITALISED}"
                rf"(?:\s+(?:{_JOINING}\s+)?{_CAPITALISED}){{0,3}}"
                rf"|(?:{_CAPITALISED}\s+(?:{_JOINING}\s+)?){{0,4}}{_ORG_TAIL})")
_ISSUER = re.compile(rf"{_ISSUER_PART}(?:\s*[,|]\s*{_ISSUER_PART})*")


def is_issuer(line: str) -> bool:
    """Whether a line is only the name of who issues a release (``_ISSUER``): a line of its own, never a title."""
    return len(line) <= _BYLINE_CHARS and _ISSUER.fullmatch(" ".join(line.split())) is not None


# A line that is only the story's address, as a moderator pastes it over the text: "https://…",
# "Source: https://…", "URL: <https://…>". An address inside a sentence ("Read the order at https://…") is none.
_ADDRESS = re.compile(r"\s*(?:(?:source|link|url|original|via)\s*:?\s*)?<?(https?://[^\s<>]+?)>?\s*", re.IGNORECASE)


def address_line(line: str) -> str | None:
    """The address a line that is only an address gives, or None."""
    match = _ADDRESS.fullmatch(line)
    return match.group(1) if match else None


# A transcript's speaker, in capitals before a colon, opening a turn: "SPOKESPERSON: …", "REPORTER (NEWS AGENCY): …",
# "Q: …". In wrapped text a turn was read on from the last line of the one before ("… named 1,178 accounts
# QUESTION: Does the ministry …"), and a label alone on its line ("SPOKESPERSON:") was quoted as a sentence.
_SPEAKER = re.compile(r"\s*(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]*){0,3}|Q|A)(?:\s*\([^()]{1,40}\))?\s*:(?:\s|$)")


def opens_with_speaker(line: str) -> bool:
    """Whether a line opens a transcript's turn with its speaker's label."""
    return _SPEAKER.match(line) is not None


def is_speaker_label(line: str) -> bool:
    """Whether a line is only a speaker's label ("SPOKESPERSON:"), the turn's words on the lines under it."""
    match = _SPEAKER.match(line)
    return match is not None and not line[match.end():].strip()


def keeps_break(before: str, after: str) -> bool:
    """Whether the line break between two lines of wrapped text is a real one because either line is a stamp,
    a byline, a release's issuer, a reading time, an e-mail's header or an address, or the next opens a
    transcript's turn (``opens_with_speaker``). A date that a wrapped sentence
    ends on ("… in a statement on\\nFebruary 11, 2021.") ends it with a full stop, so it is no stamp line and stays
    joined."""
    return opens_with_speaker(after) or any(address_line(line) is not None
               or (not line.rstrip().endswith(".")
                   and (is_byline(line) or is_issuer(line) or is_read_time(line) or is_mail_header(line)
                        or stamp_date(line) is not None or is_stamp_line(line)))
               for line in (before, after))
