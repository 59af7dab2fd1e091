"""Reports of one date are one line of the timeline only when they tell one happening
(``retrieval.timeline_happenings``): small made-up articles, four of them about one Tuesday."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from retrieval.loaded import LoadedIndex
from retrieval.timeline import build_timeline
from retrieval.timeline_happenings import one_happening
from tests.retrieval.conftest import module_index

TUESDAY = "2024-03-12"

ARTICLES = {
    "order.md": (
        "---\ntitle: Veltria orders Quillo to block 300 accounts\ndate: 2024-03-14\n---\n"
        "The Veltrian communications ministry on Tuesday ordered the messaging app Quillo to block 300 accounts "
        "linked to the dockworkers' strike.\n\n"
        "Quillo said it was studying the order."
    ),
    "order_again.md": (
        "---\ntitle: Quillo told to take down strike accounts\ndate: 2024-03-13\n---\n"
        "Quillo received an order from the communications ministry on Tuesday to take down 300 accounts tied to "
        "the port strike.\n\n"
        "The app has about two million users in Veltria."
    ),
    "bakery.md": (
        "---\ntitle: Maresk bakery wins national prize\ndate: 2024-03-14\n---\n"
        "A family bakery in Maresk won the national bread prize on Tuesday, its owner said.\n\n"
        "The bakery has sold rye loaves since 1962."
    ),
    "other_order.md": (
        "---\ntitle: Veltria orders Bramblr to block 120 accounts\ndate: 2024-03-14\n---\n"
        "The Veltrian communications ministry on Tuesday ordered the video app Bramblr to block 120 accounts over "
        "election posts.\n\n"
        "Bramblr did not reply to a request for comment."
    ),
}

index = module_index(ARTICLES, "happenings")


def _tuesday(index: LoadedIndex) -> list[set[str]]:
    """The articles each of the Tuesday's lines cites."""
    return [{c.doc_id for c in e.citations} for e in build_timeline(index).events if e.date == TUESDAY]


def test_two_stories_of_one_day_are_two_lines_each_citing_its_own(index: LoadedIndex) -> None:
    """Every report of a day was one event: the bakery's prize was cited as support of the ministry's order (as
    the seed's notice to block 1,178 accounts was by an analyst's figure for new Koo users that week)."""
    events = [e for e in build_timeline(index).events if e.date == TUESDAY]
    bakery = [e for e in events if any(c.doc_id == "bakery" for c in e.citations)]
    assert len(bakery) == 1 and [c.doc_id for c in bakery[0].citations] == ["bakery"]
    assert bakery[0].summary.startswith("A family bakery in Maresk won")


def test_two_reports_of_one_happening_still_share_a_line(index: LoadedIndex) -> None:
    """Two outlets' words for one order ("ordered … Quillo to block 300 accounts", "Quillo received an order …
    to take down 300 accounts") are one line, summed up by the best report."""
    lines = _tuesday(index)
    assert {"order", "order_again"} in lines
    quillo = next(e for e in build_timeline(index).events if e.date == TUESDAY and len(e.citations) == 2)
    assert quillo.summary.startswith("The Veltrian communications ministry on Tuesday ordered the messaging app")


def test_one_thing_counted_by_different_figures_is_another_happening(index: LoadedIndex) -> None:
    """The same ministry's order to another app, in nearly the same words but for 120 accounts, is another
    order: a line of its own."""
    assert sorted(map(sorted, _tuesday(index))) == [["bakery"], ["order", "order_again"], ["other_order"]]


@dataclass(frozen=True)
class _Report:
    record: dict[str, Any]
    doc_row: int


def _report(quote: str, mention: str, doc_row: int = 0) -> _Report:
    return _Report({"quote": quote, "mention": mention}, doc_row)


def test_the_date_alone_is_nothing_in_common() -> None:
    """However alike two sentences are, sharing only their day ("on Tuesday", "12 March") names no happening."""
    one = _report("The regulator met on Tuesday, 12 March.", "Tuesday, 12 March", 0)
    other = _report("Farmers marched on Tuesday, 12 March.", "Tuesday, 12 March", 1)
    assert not one_happening(one, other, lambda a, b: 0.9)
    same = _report("The regulator's board met on Tuesday, 12 March.", "Tuesday, 12 March", 2)
    assert one_happening(one, same, lambda a, b: 0.9)


def test_a_shared_figure_tells_one_happening_in_other_words() -> None:
    """"Around 2,000 farmers marched …" and "nearly 2,000 protesters gathered …": one march, less alike (0.40)
    than two sentences of one happening without a figure need to be."""
    one = _report("Around 2,000 farmers marched to the district office on Thursday.", "on Thursday", 0)
    other = _report("Police said nearly 2,000 protesters gathered outside the collector's office on Thursday.",
                    "on Thursday", 1)
    assert one_happening(one, other, lambda a, b: 0.40)
    assert not one_happening(one, _report("Police said 500 protesters gathered outside the office on Thursday.",
                                          "on Thursday", 1), lambda a, b: 0.40)


def test_two_sums_of_one_currency_are_two_happenings() -> None:
    """One regulator fining two apps on one day, in nearly the same words, is two fines: sums of money were no
    count of things, so nothing parted them (``retrieval.money_sums``)."""
    one = _report("The regulator fined Bramblr 2 million euros on Tuesday.", "on Tuesday", 0)
    other = _report("The regulator fined Chirrup 5 million euros on Tuesday.", "on Tuesday", 1)
    assert not one_happening(one, other, lambda a, b: 0.8)
    again = _report("Bramblr was ordered on Tuesday to pay a €2m penalty by the regulator.", "on Tuesday", 2)
    assert one_happening(one, again, lambda a, b: 0.40)


def test_one_sum_told_in_two_currencies_is_one_happening() -> None:
    """Each outlet converts a fine its own way: a different dollar figure beside the same rupees parted them."""
    one = _report("The regulator fined Quillo ₹2 crore (about $270,000) on Tuesday.", "on Tuesday", 0)
    other = _report("Quillo was fined Rs 2 crore ($268,000) by the regulator on Tuesday.", "on Tuesday", 1)
    assert one_happening(one, other, lambda a, b: 0.5)
