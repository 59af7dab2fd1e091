"""Placing a date mention in the calendar: which year a yearless date falls in, which Monday "on Monday" is,
which week "this week" is, seen from the article's date (or, for an article with no date, the period the
corpus covers).

What a mention says is read by ``index.dates``; what it means depends on where the article sits in time,
which no library can know, so these rules live here and are tested on their own.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date, timedelta


def valid_date(year: int, month: int, day: int) -> date | None:
    """The day, None when the calendar has no such day (February 30, or a day and month read the wrong way)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


# Outside a future-tense clause, a yearless date at most this far after the anchor may still be ahead of
# it ("the hearing on March 5" in a February report); further ahead, news means the last one before it
# ("on January 31" in an August report is that January, not the next).
AHEAD_DAYS = 90
# A day future only as reported speech ("said it would …") may lie this far before the report: what is
# reported was said days or weeks before, rarely more.
REPORTED_DAYS = 31


def nearest_year(month: int, day: int, anchor: date, future: bool = False, reported: bool = False
                 ) -> date | None:
    """A yearless day: the occurrence nearest the anchor, but not more than ``AHEAD_DAYS`` after it (ties
    go to the past, as news reports the past); in a future-tense clause, the first occurrence on or after
    the anchor; in one future only as reported speech ("would"), the first no more than ``REPORTED_DAYS`` before
    it ("would be announced on February 25" in a report of 2 March is that February's, not the next)."""
    candidates = [d for y in range(anchor.year - 1, anchor.year + 2) if (d := valid_date(y, month, day))]
    if future:
        earliest = anchor - timedelta(days=REPORTED_DAYS) if reported else anchor
        later = [d for d in candidates if d >= earliest]
        return min(later) if later else None
    candidates = [d for d in candidates if (d - anchor).days <= AHEAD_DAYS]
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor), default=None)


def nearest_month(month: int, anchor: date, future: bool = False, reported: bool = False) -> str:
    """A yearless month ("in January"): the nearest such month to the anchor, as ``YYYY-MM``; in a future-tense
    clause the first on or after the anchor's (reported speech: the month before it too)."""
    here = anchor.year * 12 + anchor.month - 1
    years = range(anchor.year - 1, anchor.year + 2)
    options = [y * 12 + month - 1 for y in years]
    earliest = here - 1 if reported else here  # "would … in February" in a March report
    ahead = (lambda o: o >= earliest) if future else (lambda o: o - here <= AHEAD_DAYS // 30)
    options = [o for o in options if ahead(o)]
    best = min(options) if future else min(options, key=lambda o: (abs(o - here), o > here))
    return f"{best // 12:04d}-{best % 12 + 1:02d}"


def resolve_weekday(weekday: int, anchor: date, qualifier: str = "", future: bool = False) -> date:
    """A weekday relative to the article date.

    Plain "on Monday" is the most recent Monday on or before the anchor, so an article dated on a
    Wednesday that says "on Wednesday" means that same day. "last Monday" is strictly before the anchor,
    "next Monday" strictly after, and a future-tense clause means the next one on or after the anchor.
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if qualifier == "last":
        return anchor - timedelta(days=back or 7)
    if qualifier == "next":
        return anchor + timedelta(days=ahead or 7)
    if future:
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def resolve_weekend(anchor: date, qualifier: str = "weekend", future: bool = False) -> tuple[date, date]:
    """The Saturday and Sunday a weekend means, seen from the article date: "over the weekend" in a report of
    Friday 26 May is 20-21 May, the one just gone (the article's own, written on a Saturday or Sunday);
    "last weekend" written on a weekend day the one before it; told as still to come ("will meet over the
    weekend", "next weekend"), the first Saturday from the article's date on."""
    if future or qualifier == "next-weekend":
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
        if anchor.weekday() == 6 and qualifier != "next-weekend":
            saturday = anchor - timedelta(days=1)  # "this weekend" written on its Sunday
    else:
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        if qualifier == "last-weekend" and anchor.weekday() >= 5:
            saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


def resolve_week(anchor: date, qualifier: str = "this", future: bool = False) -> tuple[date, date]:
    """The Monday-to-Sunday week "this week" (or "last"/"next week") means, seen from the article date; for
    "past" ("in the past week", "over the last week"), the seven days before it. "In the past week" in a
    Thursday's report was placed on the Monday to Sunday before, leaving out the three days just gone. A
    weekend's qualifier (``weekend``, ``last-weekend``, ``next-weekend``): its two days (``resolve_weekend``).
    "This week" told in the past (``this-past``) ends on the article's date; otherwise it is the whole week.
    "This week, the Centre had sent a notice" in a Wednesday's report was dated up to the Sunday after it, so
    the timeline told it among the next days' events ("and the next day?" listed it)."""
    if qualifier.endswith("weekend"):
        return resolve_weekend(anchor, qualifier, future)
    if qualifier == "past":
        return anchor - timedelta(days=7), anchor - timedelta(days=1)
    monday = anchor - timedelta(days=anchor.weekday())
    monday += timedelta(weeks={"last": -1, "next": 1}.get(qualifier, 0))
    sunday = monday + timedelta(days=6)
    if qualifier == "this-past":  # what has happened: up to the article's date
        return monday, min(sunday, anchor)
    return monday, sunday


@dataclass(frozen=True)
class CorpusWindow:
    """The period a corpus covers, for a yearless date in an article with no date and no year at all.

    Such a date gets the one year that puts it inside the window. When several years do, the dated articles
    may form groups years apart (a story's articles and one added from another year): each group covers its
    own days, widened like the window, and the date gets the year in which the article's own yearless days lie
    clearly nearest the dated articles' days (``leaning``), since a story's articles are written days apart;
    failing that, the year of the one group it falls in, or, falling in several, of the group with the most
    dated days (one group spanning two Februaries counts for both); with groups as large, none. (Three articles
    added from March 2024 outnumbered the story's one dated article of February 2021, and an undated article's
    "February 8" and "February 10", 0 and 2 days from it, took 2024, its events with them.)
    With none of these, no year: the date stays out of the timeline. (One far-off article stretched the window
    over several Februaries, and every yearless date of the story's undated articles fell out of the timeline.)
    """

    start: date
    end: date
    groups: tuple[tuple[date, date, int], ...] = ()  # (first, last day, dated days in it), widened
    days: tuple[date, ...] = ()  # the dated days, in order, when there are groups
    lean: int | None = None  # the year one article's own days point to (``leaning``)

    def leaning(self, article_days: list[tuple[int, int]]) -> CorpusWindow:
        """This window for an article whose yearless days are ``article_days`` (month, day): the year in which
        they lie clearly nearest, in all, the dated days (less than half as far as in any other year) kept as
        ``lean``, which decides a tie of groups."""
        if not self.groups or not article_days:
            return self
        cost: dict[int, int] = {}
        for year in range(self.start.year, self.end.year + 1):
            found = [self._gap(d) for month, day in article_days if (d := valid_date(year, month, day))]
            if len(found) == len(article_days):
                cost[year] = sum(found)
        ranked = sorted(cost.values())
        if not ranked or (len(ranked) > 1 and 2 * ranked[0] >= ranked[1]):
            return self  # not clearly nearer: "March 3" 21 days from a 2021 article, 22 from a 2020 one
        return replace(self, lean=min(cost, key=lambda y: cost[y]))

    def _gap(self, day: date) -> int:
        """Days from ``day`` to the nearest dated day."""
        k = bisect_left(self.days, day)
        return min(abs((self.days[i] - day).days) for i in (k - 1, k) if 0 <= i < len(self.days))

    def _fits(self, start: date, end: date, month: int, day: int | None) -> list[int]:
        fits = []
        for year in range(start.year, end.year + 1):
            if day is None:
                first, last = date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)
                if first <= end and last > start:
                    fits.append(year)
            elif (d := valid_date(year, month, day)) and start <= d <= end:
                fits.append(year)
        return fits

    def year_for(self, month: int, day: int | None = None) -> int | None:
        fits = self._fits(self.start, self.end, month, day)
        if len(fits) == 1:
            return fits[0]
        weight: dict[int, int] = {}
        for first, last, days in self.groups:
            for year in self._fits(first, last, month, day):
                weight[year] = max(weight.get(year, 0), days)
        ranked = sorted(weight.values(), reverse=True)
        if not ranked:
            return None
        if self.lean in weight:  # the article's own days lie clearly nearest that year's dated days
            return self.lean
        if len(ranked) > 1 and ranked[0] == ranked[1]:
            return None
        return max(weight, key=lambda y: weight[y])


def corpus_window(dates: list[date], slack_days: int = 92) -> CorpusWindow | None:
    """From the known dates, widened by about a quarter year each way (reports trail events by weeks); its
    groups are the runs of dates whose widened spans meet."""
    if not dates:
        return None
    slack = timedelta(days=slack_days)
    days = sorted(set(dates))
    runs: list[list[date]] = [[days[0]]]
    for d in days[1:]:
        if d - runs[-1][-1] > 2 * slack:
            runs.append([d])
        else:
            runs[-1].append(d)
    groups = tuple((run[0] - slack, run[-1] + slack, len(run)) for run in runs)
    if len(groups) == 1:
        return CorpusWindow(days[0] - slack, days[-1] + slack)
    return CorpusWindow(days[0] - slack, days[-1] + slack, groups, tuple(days))
