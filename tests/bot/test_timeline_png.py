"""The timeline picture: every piece of text readable (no two overlap, none cut off), for the seed timeline
and for a crowded one, measured with matplotlib's own renderer."""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from bot.render import picture
from bot.render.timeline_png import render_png, spread, timeline_figure
from index.embedding import EncoderProvider
from retrieval.engine import Engine
from retrieval.types import Citation, Timeline, TimelineEvent


def text_boxes(fig: Figure) -> list[tuple[str, Bbox]]:
    """Every visible text in the figure (labels, badges, ticks, titles, legend) and the box it covers;
    a text drawn in a box (an article badge) covers its box."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    fig.canvas.draw()
    boxes = []
    for artist in fig.findobj(Text):
        if not artist.get_visible() or not artist.get_text().strip():
            continue
        patch = artist.get_bbox_patch()
        box = patch.get_window_extent(renderer) if patch is not None else artist.get_window_extent(renderer)
        boxes.append((artist.get_text(), box))
    return boxes


def assert_readable(fig: Figure) -> list[str]:
    boxes = text_boxes(fig)
    whole = fig.bbox
    for text, box in boxes:
        assert whole.x0 <= box.x0 and box.x1 <= whole.x1 and whole.y0 <= box.y0 and box.y1 <= whole.y1, text
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), f"{a!r} overlaps {b!r}"
    return [text for text, _ in boxes]


def citation(n: int, when: str | None, estimated: bool = False) -> Citation:
    return Citation(f"doc-{n}", f"Article {n}: a fairly long headline about the standoff between Twitter and the "
                    f"ministry over blocking orders", when, None, "a quote", 0, 7, 1.0, estimated)


def crowded() -> Timeline:
    """25 events in nine days (three a day), plus a month and a week, from eight articles."""
    articles = [citation(n, (date(2021, 2, 1) + timedelta(days=n)).isoformat(), n % 3 == 0) for n in range(7)]
    articles.append(citation(7, None))
    events = [
        TimelineEvent((date(2021, 2, 1) + timedelta(days=k // 3)).isoformat(),
                      f"Event {k}: the ministry and Twitter exchanged another round of notices about the accounts "
                      "and the hashtags, and each side said the other had misread the law",
                      [articles[k % 8], articles[(k + 3) % 8]], date_estimated=k % 4 == 0)
        for k in range(25)
    ]
    events += [TimelineEvent("2021-01", "The farmers' protests grew in January.", [articles[2]]),
               TimelineEvent("2021-02-08/2021-02-14", "This week, the Centre sent another notice.", [articles[1]])]
    return Timeline(sorted(events, key=lambda e: e.date), topic="notices")


@pytest.fixture(scope="module")
def seed_timeline(seed_index_dir: Path, encoder_provider: EncoderProvider) -> Timeline:
    return Engine(seed_index_dir, encoder_provider).timeline()


def test_seed_picture_labels_do_not_overlap(seed_timeline: Timeline) -> None:
    texts = assert_readable(timeline_figure(seed_timeline))
    labels = [t for t in texts if " · " in t and "[" in t]
    dated = re.compile(r"^~?\d.* (?:Jan|Feb) 2021(?: \(ahead\))? · ")
    assert len([t for t in labels if dated.match(t)]) == len(seed_timeline.events)
    assert any(t.startswith("8–10 Feb 2021 · This week") for t in labels)  # told in the past: up to its date
    assert any(t.startswith("~8–14 Feb 2021 (ahead) · The talks") for t in labels)  # a plan: an event of its own
    assert any(t.startswith("~2021-02-10 (estimated) · Union Minister") for t in texts)  # the article key


def event_labels(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts if " · " in t.get_text()]


def test_crowded_picture_labels_do_not_overlap() -> None:
    timeline = crowded()
    fig = timeline_figure(timeline)
    assert_readable(fig)
    labels = event_labels(fig)
    assert len(labels) == len(timeline.events)
    assert sum(label.startswith("~") for label in labels) == 7  # estimated events are marked
    badges = [t.get_text() for t in fig.axes[0].texts if t.get_text().isdigit()]
    assert sorted(badges) == [str(n) for n in range(1, 8)]  # every dated article has its marker


def test_the_picture_lists_events_in_the_text_timelines_order() -> None:
    """The picture put "10 Feb" before "8–14 Feb" (by the week's middle) where the text timeline lists the week
    right after its Monday: one order for both, each event at its first day."""
    articles = [citation(n, "2021-02-14") for n in range(2)]
    timeline = Timeline([TimelineEvent("2021-02", "In February the talks stalled.", [articles[0]]),
                         TimelineEvent("2021-02-08", "Twitter said it was cooperating.", [articles[0]]),
                         TimelineEvent("2021-02-08/2021-02-14", "This week, the Centre sent a notice.", [articles[1]]),
                         TimelineEvent("2021-02-10", "Twitter published a blog post.", [articles[1]])])
    fig = timeline_figure(timeline)
    assert_readable(fig)
    labels = sorted((t for t in fig.axes[0].texts if " · " in t.get_text()), key=lambda t: t.get_position()[1])
    top_down = [t.get_text().split(" · ")[1][:12] for t in labels]  # dates grow downward: earliest first
    assert top_down == ["In February ", "Twitter said", "This week, t", "Twitter publ"]


def test_the_checker_catches_overlaps() -> None:
    fig = timeline_figure(crowded())
    first = next(t for t in fig.axes[0].texts if " · " in t.get_text())
    fig.axes[0].text(*first.get_position(), "a second label at the same place", fontsize=9)
    with pytest.raises(AssertionError, match="overlaps"):
        assert_readable(fig)


def test_spread_keeps_order_spacing_and_bounds() -> None:
    placed = spread([0, 0, 0, 5, 100, 99], 10, 0, 100)
    assert placed == sorted(placed) and placed[0] >= 0 and placed[-1] <= 100
    assert all(b - a >= 10 for a, b in itertools.pairwise(placed))
    assert spread([20, 60], 10, 0, 100) == [20, 60]  # room enough: each label at its own date


def test_png_bytes_and_failures(seed_timeline: Timeline, caplog: pytest.LogCaptureFixture,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert render_png(seed_timeline).startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ValueError, match="without events"):
        render_png(Timeline([]))
    assert asyncio.run(picture.timeline_png(Timeline([]))) is None

    def broken(timeline: Timeline) -> bytes:
        raise RuntimeError("no fonts")

    monkeypatch.setattr("bot.render.timeline_png.render_png", broken)
    with caplog.at_level(logging.WARNING, logger="bot.render.picture"):
        assert asyncio.run(picture.timeline_png(seed_timeline)) is None
    assert "timeline picture was skipped" in caplog.text


def test_dollar_signs_are_drawn_as_written() -> None:
    """Money in a summary or title is text, not mathtext: "$5 billion ... $4.1 million" kept its spaces and
    a stray "$^^$" made matplotlib refuse the whole picture."""
    source = Citation("doc-1", "Koo raises $4.1m; Twitter loses $5bn", "2021-02-10", None, "a quote", 0, 7, 1.0)
    timeline = Timeline([
        TimelineEvent("2021-02-10", "Twitter's value fell by $5 billion while Koo raised $4.1 million", [source]),
        TimelineEvent("2021-02-11", "A post read a $^^$ b", [source]),
    ], topic="Twitter $^^$")
    fig = timeline_figure(timeline)
    texts = assert_readable(fig)
    assert any("fell by $5 billion while Koo raised $4.1 million" in t for t in texts)
    assert any("Koo raises $4.1m; Twitter loses $5bn" in t for t in texts)
    assert render_png(timeline).startswith(b"\x89PNG")


def test_a_span_over_two_months_names_both() -> None:
    """Requests sent "between April 1 and polling day on May 16" were labelled "1–16 May 2021", and posts
    "published between January 28 and February 5" "28–5 Feb 2025": a span's first day lost its month."""
    articles = [citation(n, "2025-02-14") for n in range(2)]
    timeline = Timeline([TimelineEvent("2021-04-01/2021-05-16", "The cell sent 1,140 requests.", [articles[0]]),
                         TimelineEvent("2024-12-30/2025-01-03", "The office was closed.", [articles[1]]),
                         TimelineEvent("2025-01-28/2025-02-05", "The posts were published.", [articles[1]]),
                         TimelineEvent("2025-02-08/2025-02-14", "This week, a notice.", [articles[1]]),
                         TimelineEvent("2025-02-10", "Skyquill withheld the posts.", [articles[1]])])
    fig = timeline_figure(timeline)
    assert_readable(fig)
    labels = [t.get_text().split(" · ")[0] for t in fig.axes[0].texts if " · " in t.get_text()]
    assert labels == ["1 Apr – 16 May 2021", "30 Dec 2024 – 3 Jan 2025", "28 Jan – 5 Feb 2025", "8–14 Feb 2025",
                      "10 Feb 2025"]
