"""A day of the month by its ordinal alone: "first appeared on the 5th", "would answer on the 8th".

``index.dates`` reads days whose month is written; "on the 5th" dated nothing, and its sentence was missing from
the timeline. Told from the article's date it is the 5th of the article's month or of a month next to it, as the
tense says: told as past, the last 5th on or before the article's date ("appeared on the 5th" in a report of 12
June: 5 June; in one of 3 June: 5 May); told as ahead ("will", "would", "is due"), the first on or after it
("would answer on the 8th" in a report of 4 January: 8 January). Read only where it can't be another day:

- right after "on the", the ordinal written with its suffix ("5th", "22nd"), and no noun after it ("on the 5th
  floor", "on the 24th anniversary"; "on the 5th of each month" recurs), so "the 5th largest" and "his 24th
  birthday" are none;
- in an article whose date is given (an estimate can't be counted from), in a clause whose tense is told (a verb
  in the past, or a marker of the future), and with no other month named in its sentence or before it in its
  paragraph ("Protests began in March. … arrested on the 5th" is 5 March's, which this reading can't know).
"""

from __future__ import annotations

import re
from datetime import date

from index.date_roles import date_role
from index.date_tense import _PAST_VERB, Clauses, tense
from index.dates import MONTHS, Mention

_ORDINAL = re.compile(r"(?<![\w-])on\s+(?P<the>the\s+(?P<n>[12]\d|3[01]|[1-9])(?P<suffix>st|nd|rd|th))(?![\w-])")
# After the ordinal: its sentence's end or a pause, or a word that is no noun of it.
_AFTER = re.compile(r"\s*(?:$|[,.;:!?)\"”’'—–-]|(?:and|or|but|at|when|after|before|as|with|to|if|whatever|"
                    r"while|until)\b)")
_MONTH_NAMED = re.compile(r"\b(?:" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\b")


def _suffix(n: int) -> str:
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def ordinal_day(written: date, n: int, future: bool) -> date | None:
    """The ``n``th of the article's month or the month before (told as past) or after (told as ahead) it, as the
    module docstring says; None when that month has no such day."""
    step = 1 if future else -1
    year, month = written.year, written.month
    if (n < written.day and future) or (n > written.day and not future):
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    try:
        return date(year, month, n)
    except ValueError:
        return None


def ordinal_mentions(sentence: str, before: str, written: date | None) -> list[Mention]:
    """The ordinal days ``sentence`` names that can be read (module docstring), as mentions of kind ``ordinal``:
    ``day`` its figure, resolved from the article's date by ``ordinal_day``. ``before``: its paragraph's text
    before it; ``written``: the article's given date."""
    if written is None or "on the" not in sentence:
        return []
    found: list[Mention] = []
    clauses: Clauses | None = None
    for match in _ORDINAL.finditer(sentence):
        n = int(match.group("n"))
        if match.group("suffix") != _suffix(n) or not _AFTER.match(sentence, match.end()):
            continue
        clauses = clauses or Clauses(sentence)
        start, end = match.span("the")
        future, reported = tense(clauses, start, end)
        if not future and not _PAST_VERB.search(sentence, clauses.clause_start(start), start):
            continue  # "The hearing is on the 5th": ahead or gone by, the clause doesn't say
        day = ordinal_day(written, n, future)
        named = {MONTHS.index(m) + 1 if m in MONTHS else None for m in _MONTH_NAMED.findall(before + " " + sentence)}
        if day is None or named - {day.month} or (named and None in named):
            continue
        found.append(Mention(start, end, match.group("the"), "ordinal", day=n, future=future, reported=reported,
                             role=date_role(sentence, start, end)))
    return found
