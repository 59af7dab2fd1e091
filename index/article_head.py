"""The head of an article as people write or copy it: the line that titles it, a publication stamp
("Updated: Feb 12, 2021 14:05 IST"), a dateline ("New Delhi: "), the page furniture around them (menus,
captions, links to other stories), and how a written date is read as a day."""

from __future__ import annotations

import re
from datetime import date

from index.chunking import split_sentences, unwrap

_HEADING = re.compile(r"^\s*#{1,6}\s+")
_TITLE_MAX = 120

# A news article's date lies in these years: "0001-01-01" (some exporters' empty date) or "9999-12-31" is
# none, and day arithmetic around it overflows.
YEARS = range(1900, 2101)


def normalise_date(value: object) -> str | None:
    """Front matter dates arrive as ``date`` objects or strings ("2021-02-10", "Feb 10, 2021",
    "10 February 2021"); keep ISO text, or nothing when no date can be read."""
    read = _read_date(value)
    return read if read is None or int(read[:4]) in YEARS else None


def _read_date(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", text)  # "2021-2-9" too: year first is never ambiguous
    if match:
        try:  # "2021-02-31" has the shape of a day but is none
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    # Written out: an explicit day, month and year only ("10/02/2021" is ambiguous, so not read).
    if not re.search(r"[A-Za-z]{3}", text) or not re.search(r"\b\d{4}\b", text):
        return None
    import dateparser  # only for dates written out: it is slow to import

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True,
                                                                 "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date().isoformat() if parsed else None


# Web-page furniture copied with a story: a menu ("Home | India | World | Business"), a link to another story
# ("Also Read: Farmers plan chakka jam on February 6 - Jan 30, 2021"). Neither titles the story nor is an event.
_MENU = re.compile(r"[^|›»]{1,30}(?:[|›»][^|›»]{1,30}){2,}")
_LINK_LINE = re.compile(
    r"\s*(?:also\s+read|read\s+(?:more|also)|related(?:\s+(?:stor(?:y|ies)|news|articles?))?|see\s+also|"
    r"must\s+read|recommended|trending|watch(?:\s+video)?)\s*[:|–—-]",
    re.IGNORECASE,
)


def is_furniture(line: str) -> bool:
    return _MENU.fullmatch(line.strip()) is not None or _LINK_LINE.match(line) is not None


# Photo credits and captions often open a scraped article; they say nothing about its subject.
_CAPTION = re.compile(r"^(?:file|representational|representative)\s+(?:image|photo|picture|pic)\b|^image\s*:",
                      re.IGNORECASE)


# A news dateline ("New Delhi: Twitter on Monday ..."): where a story was filed, not what it says.
DATELINE = re.compile(r"^(?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’.-]*:\s+")


def first_line_title(body: str) -> str:
    """The first non-empty, non-caption line (a Markdown heading loses its hashes), cut to a readable length.

    A seed article runs its first paragraph on one line, so a long line is cut at its first sentence end
    (found by the same sentence splitter the chunker uses, so "Inc." does not end it) or a word boundary.
    """
    lines = [" ".join(_HEADING.sub("", line).split()) for line in unwrap(body).splitlines()]
    lines = [line for line in lines if line]
    useful = [line for line in lines
              if not _CAPTION.match(line) and stamp_date(line) is None and not is_furniture(line)] or lines
    if not useful:
        return ""
    line = useful[0]
    if len(line) <= _TITLE_MAX:
        return line
    # A story's first sentence standing in for its title: its dateline ("New Delhi: ") says where it was
    # filed, not what it is about, and took a fifth of the room a source's title has in a citation.
    line = DATELINE.sub("", line, count=1)
    spans = split_sentences(line)
    if spans and 20 < spans[0].end <= _TITLE_MAX:
        return line[spans[0].start : spans[0].end]
    cut = line[: _TITLE_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


# A web copy's stamp line: "Updated: Feb 12, 2021 14:05 IST", "Published on 10 February 2021"; or one typed by
# hand under the headline, "Date: 2021-02-04".
_STAMP = re.compile(
    r"\s*(?:last\s+)?(?:updated|published|posted|first\s+published|date|dated)(?:\s+on)?\s*:?\s*(.+?)\s*",
    re.IGNORECASE,
)
_STAMP_LINES = 6  # a stamp sits under the headline and byline, not in the story
_STAMP_CHARS = 40  # "Wednesday, February 10, 2021, 02:05 PM IST": a stamp's date and time, no more


def stamp_date(line: str) -> str | None:
    """The day a line that is only a publication stamp gives, or None for any other line."""
    match = _STAMP.fullmatch(line)
    return normalise_date(match.group(1)) if match and len(match.group(1)) <= _STAMP_CHARS else None


def stamped(body: str) -> str | None:
    lines = [line for line in body.splitlines() if line.strip()][:_STAMP_LINES]
    return next((day for day in map(stamp_date, lines) if day is not None), None)
