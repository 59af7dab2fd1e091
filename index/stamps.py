"""How a written date is read as a day, and which lines around a headline say when, by whom and from where.

A stamp ("Updated: Feb 12, 2021 14:05 IST", or a date on a line of its own, "Feb 12, 2021", as most news
sites print one under the headline) dates the article: it is no title, no timeline event, and no part of
the sentence around it. A byline ("By Staff Reporter", "By Meera Kapoor | Updated: Feb 12, 2021") is a line
of its own too, and so is the story's address pasted over it ("Source: https://…"). This module imports
nothing of the index, so the sentence splitter can ask it which line breaks such lines keep.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from urllib.parse import urlsplit

from index.dates import WEEKDAY_WORDS

# A news article's date lies in these years: "0001-01-01" (some exporters' empty date) or "9999-12-31" is
# none, and day arithmetic around it overflows.
YEARS = range(1900, 2101)


def normalise_date(value: object, day_first: bool | None = None) -> str | None:
    """Front matter dates arrive as ``date`` objects or strings ("2021-02-10", "Feb 10, 2021",
    "10 February 2021"); keep ISO text, or nothing when no date can be read. ``day_first`` is how the article
    writes a day in figures (``index.day_order``), None when it does not show: "10/02/2021" is then not read."""
    read = _read_date(value, day_first)
    return read if read is None or int(read[:4]) in YEARS else None


def _read_date(value: object, day_first: bool | None = None) -> str | None:
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
    figures = _FIGURES.fullmatch(text)
    if figures:  # "13/02/2021" is one day; "10/02/2021" is 10 February or 2 October, read as the article writes
        return _figures_day(figures, day_first)
    settings: dict[str, object] = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    figures_in = _FIGURES_IN.search(text)
    if figures_in and 1 <= int(figures_in.group(1)) <= 12 and 1 <= int(figures_in.group(3)) <= 12:
        # dateparser read "First published on: 10-02-2021 09:14 IST" month first, whatever the article's order
        if day_first is None and figures_in.group(1) != figures_in.group(3):
            return None
        settings["DATE_ORDER"] = "DMY" if day_first is not False else "MDY"
    # Written out: an explicit day, month and year only.
    if not re.search(r"[A-Za-z]{3}", text) or not re.search(r"\b\d{4}\b", text):
        return None
    import dateparser  # only for dates written out: it is slow to import

    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


# The time a stamp may give after its day: "08:30", ", 2:05 PM IST", "T10:00:00+05:30".
_TIME = r"(?:[ ,T]+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp][Mm])?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?"
# A day in figures with its year, as a page or an export prints it: "13/02/2021", "13.02.2021 08:30", "02-13-2021".
_FIGURES = re.compile(rf"(\d{{1,2}})([/.-])(\d{{1,2}})\2(\d{{4}}){_TIME}")
_FIGURES_IN = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2\d{4}")


def _figures_day(match: re.Match[str], day_first: bool | None = None) -> str | None:
    """The day a figures date names when it can be read one way only: one of its first two numbers is over 12
    (so it is the day), or both are the same; or, read either way, in the order the article writes (``day_first``;
    None: not read)."""
    first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    if first > 12 >= second or first == second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    elif day_first is not None:
        day, month = (first, second) if day_first else (second, first)
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def ambiguous_figures(line: str, day_first: bool | None = None) -> str | None:
    """The date as written, when a stamp line ("10/02/2021", "Updated: 10/02/2021 08:30") gives a day in figures
    that can be read two ways, 10 February or 2 October, and the article does not show which (``day_first``
    None). Such an upload is refused rather than shown undated."""
    if day_first is not None:
        return None
    for candidate in _stamp_dates(line):
        match = _FIGURES.fullmatch(candidate)
        first, second = (int(match.group(1)), int(match.group(3))) if match else (0, 0)
        # "00/02/2021" is no day either way: refused as one that does not exist (``no_such_day``), not as two.
        if match and 1 <= first <= 12 and 1 <= second <= 12 and first != second:
            return candidate
    return None


# Days that have the shape of a date but are none ("2021-02-30", "31/02/2021", "February 30, 2021"): an upload
# dated so was shown undated without a word, as one whose day and month can't be told apart was.
_ISO_DAY = re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?:{_TIME}|T\S*)")
# A month's name or its short form, in any case when the pattern is compiled IGNORECASE; shared by the readers of
# page lines (source lists, fact boxes) so a spelling added here reaches them all.
MONTH_WORD = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
              r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH = rf"{MONTH_WORD}\.?"
_WRITTEN_DAY = re.compile(
    rf"(?:[a-z]+day,?\s+)?(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})|(?P<month2>{_MONTH})\s+"
    rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?),?\s+(?P<year>\d{{4}}){_TIME}", re.IGNORECASE)
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def no_such_day(text: str) -> str | None:
    """Why a date written as a day is none ("February 2021 has 28 days", "there is no month 13"); None for a
    day that exists, or text that is not written as one day (or is one of two: "10/02/2021")."""
    text = _EMPHASIS.sub("", text).strip().strip("'\"")
    if (iso := _ISO_DAY.fullmatch(text)) is not None:
        return _why_none(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    if (figures := _FIGURES.fullmatch(text)) is not None:
        first, second, year = int(figures.group(1)), int(figures.group(3)), int(figures.group(4))
        if 0 in (first, second):  # "00/02/2021": no day 0 and no month 0, whichever comes first
            return "there is no day or month 0"
        if first > 12 and second > 12:
            return f"there is no month {first}" if first == second else f"neither {first} nor {second} is a month"
        if first > 12 or second > 12:  # the one over 12 is the day
            return _why_none(year, min(first, second), max(first, second))
        return None
    if (written := _WRITTEN_DAY.fullmatch(text)) is not None:
        name = (written.group("month") or written.group("month2")).lower()[:3]
        month = [m.lower()[:3] for m in _MONTH_NAMES].index(name) + 1
        return _why_none(int(written.group("year")), month, int(written.group("day") or written.group("day2")))
    return None


def _why_none(year: int, month: int, day: int) -> str | None:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= days:
        return f"{_MONTH_NAMES[month - 1]} {year} has {days} days" if day else "there is no day 0"
    return None


def no_such_stamp_day(line: str) -> tuple[str, str] | None:
    """The date as written and why it is none, when a stamp line ("31/02/2021", "Updated: February 30, 2021")
    gives a day that does not exist."""
    for candidate in _stamp_dates(line):
        if candidate and len(candidate) <= STAMP_CHARS and (why := no_such_day(candidate)) is not None:
            return candidate, why
    return None


# A web copy's stamp line: "Updated: Feb 12, 2021 14:05 IST", "Published on 10 February 2021"; or one typed by
# hand under the headline, "Date: 2021-02-04".
# A judgment's or an order's day, as its caption labels it: "Date of Judgment: 5 March 2021", "Pronounced on: …".
_STAMP = re.compile(
    r"\s*(?:last\s+)?(?:date\s+of\s+(?:the\s+)?(?:judgment|judgement|order|decision|issue|publication|release)"
    r"|updated|published|posted|modified|first\s+published|dated|date|pronounced|delivered)"
    r"(?:\s+(?:on|at))?\s*:?\s*(.+?)\s*",
    re.IGNORECASE,
)
# What a named stamp may say after its name, whether or not it reads as one day: a day in any form, a time alone
# ("Updated: 09:14 IST", a live page's), or an age ("Updated 4 years ago"). Each word is one of these, and one is a
# figure: "Published figures show 1,178 accounts were blocked." is a story's sentence.
_STAMP_WORD = (r"(?:\d[\d/.:-]*(?:st|nd|rd|th)?|[+-]\d{2}:?\d{2}|T\d[\d:.]*Z?|[ap]\.?m\.?|(?-i:[A-Z]{2,5})"
               r"|at|on|ago|hrs?|(?:second|minute|min|hour|day|week|month|year)s?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may"
               r"|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
               r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\.?")
STAMP_SAYS = re.compile(rf"(?=.*\d)(?i:{_STAMP_WORD}[\s,|]*)+")
STAMP_CHARS = 40  # "Wednesday, February 10, 2021, 02:05 PM IST": a stamp's date and time, no more
_EMPHASIS = re.compile(r"[*_]+")  # Markdown's "*Published: 13 February 2021*", "**Updated:** Feb 12, 2021"


def _squeezed(text: str) -> str:
    """``text`` stripped, each run of spaces one space."""
    return " ".join(text.split())


def _stamp_dates(line: str) -> tuple[str, str]:
    """What of a stamp line may be its date: the whole line ("31/02/2021"), and the date a named stamp gives
    ("Updated: 10/02/2021 08:30"; "" for none). Emphasis dropped and spaces squeezed, as ``stamp`` reads a line:
    unsqueezed, a run of 20,000 spaces took over a second to read, and the time grows with its square."""
    text = _squeezed(_EMPHASIS.sub("", line))
    named = _STAMP.fullmatch(text)
    return text, named.group(1) if named else ""


def is_stamp_line(line: str) -> bool:
    """Whether a line is a publication stamp and nothing else, though its day may read as none or two: a named one
    ("Updated: 10 Feb 2021, 09:14 IST", "Last modified: 11/02/2021", "Published on Wednesday, February 10, 2021 at
    9:14 AM", "Updated 4 years ago"), a dateline ("New Delhi, 11 February 2021") or a line of facts with its day.
    None of these is the story's words: quoted, "Updated: 10 Feb 2021, 09:14 IST" answered a question, and a stamp
    at an article's foot ("Last modified: 11 Feb 2021") was an event of the timeline. A date alone on its line
    (``date_line``) is left to the caller: several head a chronology's entries."""
    found = stamp(line)
    if found is not None and found[1]:
        return True
    named = _STAMP.fullmatch(_squeezed(_EMPHASIS.sub("", line)))
    return (named is not None and len(named.group(1)) <= STAMP_CHARS + 10
            and STAMP_SAYS.fullmatch(named.group(1)) is not None)


def stamp_date(line: str, day_first: bool | None = None) -> str | None:
    """The day a line that is only a publication stamp gives, or None for any other line."""
    found = stamp(line, day_first)
    return found[0] if found else None


def stamp(line: str, day_first: bool | None = None) -> tuple[str, bool] | None:
    """A stamp line's day, and whether the line names itself one ("Updated:", or a part of a page's line of
    facts: "Meera Kapoor | New Delhi | Updated: Feb 12, 2021") rather than being a date alone. A day in figures
    that reads two ways ("10/02/2021") is read as ``day_first`` says the article writes one, or not at all."""
    # Spaces squeezed: asked of every line of wrapped text (``keeps_break``), the patterns took time growing with
    # the square of a run of spaces (a line holding 40,000 took 12 s to read, a megabyte hours).
    line = _squeezed(_EMPHASIS.sub("", line))
    if len(line) > _MAX_PARTS * (STAMP_CHARS + 3):  # a part over STAMP_CHARS, or too many parts
        return None
    parts = _PARTS.split(line)
    if len(parts) > 1:  # each part a short fact (a name, a place, a time), one of them the day
        if line.lstrip().startswith("|") or len(parts) > _MAX_PARTS or any(len(p) > STAMP_CHARS for p in parts):
            return None
        return next(((day, True) for part in parts if (day := _one_stamp(part, day_first)[0]) is not None), None)
    day, named = _one_stamp(line, day_first)
    return (day, named) if day is not None else None


def _one_stamp(text: str, day_first: bool | None = None) -> tuple[str | None, bool]:
    match = _STAMP.fullmatch(text)
    if (match and len(match.group(1)) <= STAMP_CHARS
            and (day := normalise_date(match.group(1), day_first)) is not None):
        return day, True
    # Named and signed: "Posted On: 16 MAR 2021 6:15PM by PIB Delhi", as a government release prints its day. Read
    # as neither kind alone, the release's stamp dated nothing and it was dated by an estimate from its text.
    signed = _BY_ISSUER.fullmatch(match.group(1)) if match else None
    if signed and (day := date_line(signed.group(1), day_first)) is not None:
        return day, True
    place = _PLACE_DATE.fullmatch(text)
    if (place and place.group(1).lower() not in WEEKDAY_WORDS
            and (day := date_line(place.group(2), day_first)) is not None):
        return day, True  # a release's dateline: where and when it was issued
    by = _BY_ISSUER.fullmatch(text)
    if by and (day := date_line(by.group(1), day_first)) is not None:
        return day, True  # a release's stamp with its issuing office: "10 FEB 2021 7:31PM by PIB Delhi"
    return date_line(text, day_first), False


# A stamp signed by the office that issued it, as a government release prints it under its issuer's name.
_BY_ISSUER = re.compile(r"\s*(.{6,30}?)\s+by\s+[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}\s*")


# A press release's or a letter's dateline, a place and the day: "New Delhi, 11 February 2021", "MUMBAI, Feb 11,
# 2021". The release was dated only by an estimate from its text. A weekday before the day ("Friday, 12 February
# 2021") is a date line of its own, which a chronology's entries are headed by.
_PLACE_DATE = re.compile(r"\s*([A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,2})\s*,\s*(.+?)\s*")


# A news page's line of facts under the headline: "Written by Meera Kapoor | New Delhi | Updated: …",
# "February 12, 2021 / 10:05 PM / Updated 4 years ago". A slash between digits ("12/02/2021") parts nothing, and
# a table's row ("| Feb 12, 2021 | Twitter blocks 500 accounts |", a chronology's) is none.
_PARTS = re.compile(r"\s*[|·•]\s*|\s+/\s+")
_MAX_PARTS = 5

def date_line(line: str, day_first: bool | None = None) -> str | None:
    """The day a line gives that is a date and nothing else ("Feb 12, 2021", "Friday, February 12, 2021",
    "2021-02-12T10:00:00Z"); None for a line that only starts with one ("2021-02-12 Twitter met …")."""
    text = _EMPHASIS.sub("", line).strip()
    if not text or len(text) > STAMP_CHARS or not text[0].isalnum():
        return None
    if re.match(r"\d{4}-", text):  # the ISO form as a whole, time and zone included
        try:
            day = datetime.fromisoformat(text).date()
        except ValueError:
            return None
        return day.isoformat() if day.year in YEARS else None
    return normalise_date(text, day_first)  # written out: read only when the whole line is the date


def web_address(text: str | None) -> str | None:
    """``text`` when it is a web address as a whole (http or https, with a host): a front matter's ``url`` is
    shown as a link, and "not a url" or "www.example.org/x" (no scheme) made one nobody could follow."""
    if not text or any(ch.isspace() for ch in text):
        return None
    parts = urlsplit(text)
    return text if parts.scheme.lower() in ("http", "https") and parts.hostname else None
