"""Which reports of one date tell one happening, and so share one line of the timeline.

Every report of a date had been merged into one event, summed up by the best of them and citing the rest as its
support: once articles were added, the seed's "This week, Centre had sent a notice to Twitter India asking the
platform to block another 1,178 accounts" was shown supported by an analyst's "61 per cent of new users came from
Tier 3 towns during the week of February 8", and one Thursday's line cited a staffing firm, a newspaper's alerts,
a start-up's servers and two lawyers. Sharing a date tells nothing of what happened on it: two reports are one
happening only when they also share what happened. Judged on 14 pairs of invented reports of one happening in two
outlets' words and 14 pairs of two happenings of one day (``docs/timeline.md``), two reports are one when

- they name something in common beyond the date (a word other than the date's own words), and their sentences are
  at least ``MIN_LIKENESS`` alike; or they give one figure ("2,000 farmers", "nearly 2,000 protesters") and are at
  least ``MIN_LIKENESS_WITH_FIGURE`` alike;
- and they do not count one thing by different figures ("ordered Quillo to block 300 accounts", "ordered Bramblr to
  block 120 accounts": two orders, however alike the sentences), nor give different sums of one currency ("fined
  Bramblr 2 million euros", "fined Chirrup 5 million euros": two fines; ``retrieval.money_sums``).

A sentence of an article opening with a pronoun for who acted ("It met on Wednesday.", after "… said the council met
on Tuesday") names nothing of its own to compare: it goes on with its article, and is one happening with that
article's other report of the day.

A date's reports are taken best first: each joins the first line whose summary (its best report) it tells the same
happening as, or opens a line of its own. So every quote a line cites supports its summary; two stories of one day
are two lines of that day.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from index.dates import WEEKDAY_WORDS, find_mentions
from index.lexical import terms
from index.period_figures import counts
from index.sentence_refs import opens_with_pronoun
from retrieval.money_sums import MONEY, sums

# Sentence vectors' likeness (cosine) of two reports of one happening. Of the probe's pairs, the reports of one
# happening were 0.40 to 0.82 alike, those of two happenings 0.05 to 0.63: at 0.45 every pair of one happening but
# one with a figure in common (0.40) is joined, and of two happenings, once figures apart have parted "block 300
# accounts" from "block 120 accounts" (0.58), three pairs are too (0.45, 0.46, 0.63: one kind of act to two parties).
MIN_LIKENESS = 0.45
# With a figure in common, less likeness tells one happening: "Around 2,000 farmers marched to the district office"
# and "Police said nearly 2,000 protesters gathered outside the collector's office" were 0.40 alike.
MIN_LIKENESS_WITH_FIGURE = 0.35


class Report(Protocol):
    """A dated sentence the timeline cites: its event record (``index.events``) and its article's row."""

    @property
    def record(self) -> dict[str, Any]: ...

    @property
    def doc_row(self) -> int: ...


R = TypeVar("R", bound=Report)

# Words that only say when, should a date they write be no mention (``index.dates.find_mentions``). Not the months:
# "marched", "may" are other words too.
_CALENDAR = frozenset(terms(" ".join([*WEEKDAY_WORDS, "week", "weekend", "today", "yesterday", "tonight"])))


@lru_cache(maxsize=4096)
def _beyond_date(sentence: str, mention: str) -> tuple[frozenset[str], frozenset[tuple[float, str]]]:
    """The words and the counts of things (sums of money among them) ``sentence`` gives besides its dates: its
    ``mention`` and every other date it writes ("on Saturday, February 13, 2021") say when, not what."""
    spans = [(m.start, m.end) for m in find_mentions(sentence)]
    if mention:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(mention), sentence)]
    kept = list(sentence)
    for start, end in spans:
        kept[start:end] = " " * (end - start)
    rest = "".join(kept)
    return frozenset(terms(rest)) - _CALENDAR, frozenset(counts(rest) | sums(rest))


def _parts(report: Report) -> tuple[frozenset[str], frozenset[tuple[float, str]]]:
    return _beyond_date(str(report.record["quote"]), str(report.record.get("mention") or ""))


def _counted_apart(one: Iterable[tuple[float, str]], other: Iterable[tuple[float, str]]) -> bool:
    """Whether two reports count one kind of thing by figures that have none in common ("300 accounts", "120
    accounts"). Sums of money part them only when no sum is shared in any currency: "fined ₹2 crore (about
    $270,000)" and "fined Rs 2 crore ($268,000)" are one fine, converted by each outlet its own way."""
    figures: dict[str, tuple[set[float], set[float]]] = {}
    for side, found in enumerate((one, other)):
        for value, what in found:
            figures.setdefault(what, (set(), set()))[side].add(value)
    one_sum = any(mine & theirs for what, (mine, theirs) in figures.items() if what.startswith(MONEY))
    return any(mine and theirs and not mine & theirs for what, (mine, theirs) in figures.items()
               if not (one_sum and what.startswith(MONEY)))


def one_happening(report: R, other: R, likeness: Callable[[R, R], float]) -> bool:
    """Whether two reports of one date tell one happening (module docstring)."""
    if report.doc_row == other.doc_row and any(opens_with_pronoun(str(r.record["quote"])) for r in (report, other)):
        return True
    words, figures = _parts(report)
    other_words, other_figures = _parts(other)
    if _counted_apart(figures, other_figures):
        return False
    if {value for value, _ in figures} & {value for value, _ in other_figures}:
        return likeness(report, other) >= MIN_LIKENESS_WITH_FIGURE
    return bool(words & other_words) and likeness(report, other) >= MIN_LIKENESS


def happenings(reports: list[R], likeness: Callable[[R, R], float]) -> list[list[R]]:
    """``reports`` of one date (best first) as the happenings they tell, each a line's reports, best first: a
    report joins the first line whose best report tells its happening (``one_happening``), or opens one."""
    lines: list[list[R]] = []
    for report in reports:
        line = next((line for line in lines if one_happening(line[0], report, likeness)), None)
        if line is None:
            lines.append([report])
        else:
            line.append(report)
    return lines
