"""A long timeline and a long list of articles, with long titles and addresses and mention markup in their
text, to test what one platform message holds of them: shared by the Discord and Slack renderers' tests."""

from __future__ import annotations

from bot.history_results import GapCluster, GapReport
from bot.results import SourcesList
from retrieval.types import Citation, SourceInfo, Timeline, TimelineEvent
from tests.bot.long_passages import URL

MENTIONS = "@everyone <@123456789> <!here> <@U0123ABCD>"


def event(n: int) -> TimelineEvent:
    """Event ``n``: its summary (ending "end of event n") from one article, and another article's own sentence."""
    summary = f"Event {n}: the ministry told Twitter to block the accounts {MENTIONS} (end of event {n})."
    own = Citation(f"{n:03d}_own", f"Twitter told to block accounts after the government's order, report {n}",
                   "2021-02-10", f"{URL}&event={n}", summary, 0, len(summary), 1.0)
    other = Citation(f"{n:03d}_other", f"Government of India and Twitter: what happened on day {n} of the dispute",
                     "2021-02-11", f"{URL}&other={n}", f"Another paper's sentence on event {n}.", 0, 40, 0.9)
    return TimelineEvent(f"2021-{n // 28 + 1:02d}-{n % 28 + 1:02d}", summary, [own, other])


def long_timeline(count: int = 60, omitted: int = 0, later: bool = False) -> Timeline:
    return Timeline([event(n) for n in range(count)], omitted=omitted, later=later)


def article(n: int) -> SourceInfo:
    return SourceInfo(doc_id=f"web-twitter-government-{n:03d}",
                      title=f"Twitter restores access to accounts blocked after the government's order {MENTIONS} "
                            f"(article {n})",
                      date="2021-02-10", url=f"{URL}&article={n}", source="The Economic Times", chunks=12)


def long_sources(count: int = 45) -> SourcesList:
    return SourcesList([article(n) for n in range(count)])


def long_report(groups: int = 10) -> GapReport:
    """A knowledge-gap report of ``groups`` groups of declined questions, each example long."""
    clusters = [GapCluster(3, [f"Question {n}.{k}: why did Twitter withhold the accounts {MENTIONS}?"
                               for k in range(3)]) for n in range(groups)]
    return GapReport(since="2021-02-01 00:00", window="7d", questions=90, answered=40, expanded=3,
                     declined_clusters=clusters, down_voted=[])
