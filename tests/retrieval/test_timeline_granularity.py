"""One happening dated by its day in one article and by its month in another is one line of the timeline
(``retrieval.timeline_granularity``), over small made-up articles."""

from __future__ import annotations

from retrieval.loaded import LoadedIndex
from retrieval.timeline import build_timeline
from tests.retrieval.conftest import module_index

ARTICLES = {
    "a.md": (
        "---\ntitle: Veltria orders Quillo to block 300 accounts\ndate: 2024-03-14\n---\n"
        "The Veltrian communications ministry on Tuesday ordered the messaging app Quillo to block 300 accounts "
        "linked to the dockworkers' strike.\n\n"
        "Quillo said two days later that it would comply only in part.\n\n"
        "The company's lawyers met ministry officials on March 5 about 40 other accounts."
    ),
    "b.md": (
        "---\ntitle: Quillo challenges Veltrian blocking order\ndate: 2024-03-20\n---\n"
        "Quillo was ordered in March to block 300 accounts linked to the strike.\n\n"
        "Earlier this month, the ministry blocked 12 news sites.\n\n"
        "The company filed a challenge in the Maresk High Court on Monday."
    ),
    "c.md": (
        "---\ntitle: Ostria's courts in March\ndate: 2024-04-02\n---\n"
        "In March the Ostrian regulator fined the video app Plinkr for 300 accounts it left online.\n\n"
        "The regulator first wrote to Plinkr on March 8."
    ),
}


index = module_index(ARTICLES, "granularity")


def test_a_months_report_of_a_days_happening_is_cited_on_that_days_line(index: LoadedIndex) -> None:
    """"Quillo was ordered in March to block 300 accounts" had a line of its own under March 2024 beside the
    day's "on Tuesday ordered … to block 300 accounts": one order shown as two."""
    events: dict[str, list[str]] = {}  # a date's quotes, over its lines (one per happening)
    for event in build_timeline(index).events:
        events.setdefault(event.date, []).extend(c.quote for c in event.citations)
    assert events["2024-03-12"][0].startswith("The Veltrian communications ministry on Tuesday ordered")
    assert "Quillo was ordered in March to block 300 accounts linked to the strike." in events["2024-03-12"]
    # another month report, naming no figure the day's reports give, keeps its month's line
    assert "Earlier this month, the ministry blocked 12 news sites." in events["2024-03"]
    assert not any("Quillo" in quote for quote in events["2024-03"])


def test_a_months_report_sharing_only_a_figure_with_another_story_keeps_its_line(index: LoadedIndex) -> None:
    """Plinkr's fine "for 300 accounts it left online" in March is another happening than Quillo's order:
    the same figure, little else alike."""
    lines = [(e.date, [c.doc_id for c in e.citations]) for e in build_timeline(index).events]
    assert ("2024-03-12", ["a", "b"]) in lines
    assert any(day == "2024-03" and "c" in docs for day, docs in lines)
