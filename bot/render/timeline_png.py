"""The timeline as a picture: events on a dated axis, each labelled briefly, with article markers.

Time runs down a vertical axis (earliest at the top, as the text reply reads). Each event is a dot at its
first day (with a bar over a week or a month), labelled in the order the text reply lists the events: the
date, the start of its summary and the numbers of the articles that report it. Labels are placed next to
their dates but pushed apart, in pixels, so that no two overlap however crowded the dates are; the picture
grows taller instead. Articles
are numbered badges at their own dates, left of the line (hollow when the date is estimated), and are
listed by number below.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display, no global state), so it is
safe in a worker thread; call ``render_png`` from one.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from index.date_values import approximate, date_words, exact_days, span_of
from retrieval.types import Citation, Timeline, TimelineEvent

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

DPI = 100
WIDTH_PX = 1100
LEFT_PX, RIGHT_PX, TOP_PX = 120, 30, 70
LABEL_GAP_PX = 6  # between two labels' boxes
LEGEND_LINE_PX = 20
FONT = 9.5
SUMMARY_CHARS = 80
MAX_EVENTS = 40  # more would make a picture too tall to read; the text reply lists them all
EVENT_COLOUR, ARTICLE_COLOUR, TEXT_COLOUR = "#1d3557", "#e76f51", "#222222"
# Fonts tried glyph by glyph after DejaVu Sans, when installed (the image installs fonts-noto-core): DejaVu
# has no Devanagari, so a Hindi title or topic would be drawn as empty boxes.
FALLBACK_FONTS = ("Noto Sans", "Noto Sans Devanagari", "Noto Sans Bengali", "Noto Sans Tamil", "Noto Sans Arabic")


@lru_cache(maxsize=1)
def _families() -> tuple[str, ...]:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return ("DejaVu Sans", *(name for name in FALLBACK_FONTS if name in installed))


def _literal() -> dict[str, Any]:
    """Text drawn as written: matplotlib would read "$5 billion ... $4.1 million" as mathtext (italic,
    spaces gone) and refuse a stray "$^^$" outright, losing the picture."""
    return {"parse_math": False, "family": list(_families())}


@dataclass(frozen=True)
class _Placed:
    event: TimelineEvent
    start: date
    end: date  # == start for a day


def _day(d: date, month: bool = True, year: bool = True) -> str:
    return f"{d.day}" + (f" {d:%b}" if month else "") + (f" {d.year}" if year else "")


_MONTH_NAME = re.compile(r"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b")


def _short_date(p: _Placed) -> str:
    """``10 Feb 2021``, ``Feb 2021``, a span ``8–14 Feb 2021``; a span's first day names its own month and year
    when they differ from its last's (``28 Jan – 5 Feb 2025``): written as one month's, "1 April to 16 May"
    read "1–16 May". A year or a part of one as the articles word it, shortened: ``2019``, ``late Jan 2024``,
    ``first week of Jun 2023`` (``index.date_values.date_words``), never as days."""
    if len(p.event.date) == 7:
        text = p.start.strftime("%b %Y")
    elif (words := date_words(p.event.date)) is not None:  # "2019", "late Jan 2024", "mid-2020": no day
        text = _MONTH_NAME.sub(lambda m: m.group(0)[:3], words.removeprefix("the "))
    elif p.start != p.end:
        same_year = p.start.year == p.end.year
        if same_year and p.start.month == p.end.month:
            text = f"{p.start.day}–{_day(p.end)}"
        else:
            text = f"{_day(p.start, year=not same_year)} – {_day(p.end)}"
    else:
        text = _day(p.start)
    text = f"~{text}" if p.event.date_estimated else text
    return f"{text} (ahead)" if p.event.planned else text  # a plan or deadline when reported, not a fact


def _brief(text: str, limit: int) -> str:
    text = " ".join(text.split()).strip("\"“”' ")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—-")
    return cut + "…"


def _numbers(events: list[TimelineEvent]) -> dict[str, tuple[int, Citation]]:
    """Article number (1, 2 …) by doc id, in order of first appearance in the timeline."""
    found: dict[str, tuple[int, Citation]] = {}
    for event in events:
        for c in event.citations:
            if c.doc_id not in found:
                found[c.doc_id] = (len(found) + 1, c)
    return found


def spread(wanted: list[float], spacing: float, low: float, high: float) -> list[float]:
    """Positions as close as possible to ``wanted`` (sorted ascending), at least ``spacing`` apart and
    within ``[low, high]``; ``high - low`` must allow it. A forward pass pushes labels down past their
    predecessors, a backward pass pulls them up from the bottom edge, which keeps both constraints."""
    out: list[float] = []
    for w in wanted:
        out.append(max(w, low, out[-1] + spacing) if out else max(w, low))
    if out and out[-1] > high:
        out[-1] = high
        for i in range(len(out) - 2, -1, -1):
            out[i] = min(out[i], out[i + 1] - spacing)
    return out


def _fit(text: str, renderer: RendererBase, figure: Figure, width_px: float) -> str:
    """``text`` shortened at a word boundary until it is at most ``width_px`` wide in the label font."""
    probe = figure.text(0, 0, text, fontsize=FONT, **_literal())
    width = probe.get_window_extent(renderer).width
    while width > width_px and len(text) > 8:
        keep = max(8, min(len(text) - 2, int(len(text) * width_px / width)))  # proportional first guess
        text = _brief(text.rstrip("…"), keep)
        probe.set_text(text)
        width = probe.get_window_extent(renderer).width
    probe.remove()
    return text


def timeline_figure(timeline: Timeline) -> Figure:
    """The drawn figure (for tests to measure); ``render_png`` is what callers want."""
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # In the text timeline's order (a month before its days, a week right after its Monday), each event at its
    # first day: drawn at their middles, "8–14 Feb" came after "10 Feb", the other way round from the text.
    placed = [_Placed(e, *span_of(e.date)) for e in timeline.events[:MAX_EVENTS]]
    numbers = _numbers([p.event for p in placed])
    line_px = FONT * DPI / 72 * 1.35
    spacing = line_px + LABEL_GAP_PX
    axis_px = max(320.0, len(placed) * spacing + 2 * spacing)
    legend_px = (len(numbers) + 1) * LEGEND_LINE_PX + 20
    height_px = TOP_PX + axis_px + 60 + legend_px
    fig = Figure(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI)
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ax = fig.add_axes((LEFT_PX / WIDTH_PX, (60 + legend_px) / height_px,
                       1 - (LEFT_PX + RIGHT_PX) / WIDTH_PX, axis_px / height_px))
    title = "Timeline of the dispute" + (f": {_brief(timeline.topic, 60)}" if timeline.topic else "")
    fig.text(LEFT_PX / WIDTH_PX, 1 - 28 / height_px, title, fontsize=15, weight="bold", color=TEXT_COLOUR,
             **_literal())
    shown = (f"{len(placed)} dated events" if len(placed) == len(timeline.events)
             else f"the first {len(placed)} of {len(timeline.events)} dated events")
    fig.text(LEFT_PX / WIDTH_PX, 1 - 50 / height_px,
             f"{shown} from {len(numbers)} articles · ~ marks an estimated date", fontsize=FONT, color="#555555",
             **_literal())

    dates = [p.start for p in placed] + [p.end for p in placed]
    dates += [d for _, c in numbers.values() if (d := _article_date(c))]
    first, last = min(dates), max(dates)
    pad = max(timedelta(days=2), (last - first) * 0.06)
    ax.set_ylim(mdates.date2num(last + pad), mdates.date2num(first - pad))  # earliest at the top
    ax.set_xlim(-0.05, 1.0)  # widened to the left by ``_article_lane`` as its badges need
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.get_xaxis().set_visible(False)
    ax.yaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=max(4, int(axis_px // 45))))
    ax.yaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
    ax.tick_params(axis="y", labelsize=FONT - 0.5, colors="#555555")
    ax.grid(axis="y", color="#eeeeee", linewidth=0.8)
    ax.axvline(0, color="#999999", linewidth=2, zorder=1)

    _article_lane(fig, ax, numbers, renderer)

    to_px = ax.transData.transform
    from_px = ax.transData.inverted().transform
    wanted = [float(height_px - to_px((0, mdates.date2num(p.start)))[1]) for p in placed]  # from the top
    top = height_px - ax.get_window_extent(renderer).y1 + line_px / 2
    bottom = height_px - ax.get_window_extent(renderer).y0 - line_px / 2
    label_x_px = to_px((0.05, 0))[0]
    room = ax.get_window_extent(renderer).x1 - label_x_px - 10
    vague = 0  # bars of events of no day drawn so far: a year's bar would run on into the next year's
    for p, y_px in zip(placed, spread(wanted, spacing, top, bottom), strict=True):
        y_event = mdates.date2num(p.start)
        colour = EVENT_COLOUR if not p.event.date_estimated else "#6c8ebf"
        if p.start != p.end:  # a week or a month: a light bar beside the line, the dot at its first day
            # a month, a year or a part of one: in two lanes taken in turn, so that "2017" and "2018" read as two
            # bars, not one from 2017 to 2018; a part's bar ("late January": no day named) dashed
            x = 0.01 + (0.008 * (vague % 2) if not exact_days(p.event.date) else 0)
            vague += not exact_days(p.event.date)
            ax.plot([x, x], [mdates.date2num(p.start), mdates.date2num(p.end)], color=colour, alpha=0.35,
                    linewidth=5, solid_capstyle="butt", zorder=2, linestyle="--" if approximate(p.event.date) else "-")
        ax.plot([0], [y_event], marker="o", markersize=7, color=colour, zorder=4,
                markerfacecolor="white" if p.event.date_estimated else colour)
        y_label = float(from_px((label_x_px, height_px - y_px))[1])
        ax.plot([0.008, 0.03, 0.045], [y_event, y_label, y_label], color="#bbbbbb", linewidth=0.8, zorder=1)
        refs = "".join(f"[{n}]" for n in sorted({numbers[c.doc_id][0] for c in p.event.citations})[:5])
        label = f"{_short_date(p)} · {_brief(p.event.summary, SUMMARY_CHARS)} {refs}"
        ax.text(0.05, y_label, _fit(label, renderer, fig, room), fontsize=FONT, va="center", color=TEXT_COLOUR,
                **_literal())

    legend_top = legend_px - 6
    fig.text(LEFT_PX / WIDTH_PX, legend_top / height_px, "Articles", fontsize=FONT + 0.5, weight="bold",
             color=TEXT_COLOUR)
    for i, (n, c) in enumerate(numbers.values(), start=1):
        when = _article_date(c)
        shown = ("undated" if when is None else
                 f"~{when.isoformat()} (estimated)" if c.date_estimated else when.isoformat())
        text = _fit(f"{shown} · {c.title or c.doc_id}", renderer, fig, WIDTH_PX - LEFT_PX - RIGHT_PX - 40)
        y = (legend_top - i * LEGEND_LINE_PX) / height_px
        colour = ARTICLE_COLOUR if when else "#999999"  # an undated article has no place on the axis
        fig.text(LEFT_PX / WIDTH_PX, y, str(n), fontsize=FONT - 1, va="center", ha="center",
                 color="white" if when and not c.date_estimated else colour,
                 bbox=_badge(hollow=when is None or c.date_estimated, colour=colour))
        fig.text(LEFT_PX / WIDTH_PX + 0.02, y, text, fontsize=FONT, color=TEXT_COLOUR, va="center", **_literal())
    return fig


def _badge(hollow: bool, colour: str = ARTICLE_COLOUR) -> dict[str, object]:
    """An article's number drawn as a small box: filled for a given date, hollow for an estimated one."""
    return {"boxstyle": "round,pad=0.25", "facecolor": "white" if hollow else colour, "edgecolor": colour,
            "linewidth": 1}


def _article_lane(fig: Figure, ax: Axes, numbers: dict[str, tuple[int, Citation]], renderer: RendererBase) -> None:
    """Each dated article as its numbered badge at its date, left of the line. Badges whose dates are too
    close to stack are put side by side in columns (right to left); the lane widens to fit them, so
    badges never overlap each other or the date labels of the axis."""
    import matplotlib.dates as mdates

    dated = sorted(((when, n, c) for n, c in numbers.values() if (when := _article_date(c)) is not None),
                   key=lambda item: (item[0], item[1]))
    probe = ax.text(0, 0, str(max((n for _, n, _ in dated), default=1)), fontsize=FONT - 1, bbox=_badge(False))
    fig.draw_without_rendering()  # lays out the badge's box
    patch = probe.get_bbox_patch()
    box = patch.get_window_extent(renderer) if patch is not None else probe.get_window_extent(renderer)
    probe.remove()
    slot, height = box.width + 4, box.height + 3
    columns: list[list[float]] = []  # the y (pixels) of the badges in each column
    placed: list[tuple[int, float, int, Citation]] = []
    for when, n, c in dated:
        y_px = float(ax.transData.transform((0, mdates.date2num(when)))[1])
        col = next((i for i, ys in enumerate(columns) if all(abs(y_px - y) >= height for y in ys)), len(columns))
        if col == len(columns):
            columns.append([])
        columns[col].append(y_px)
        placed.append((col, mdates.date2num(when), n, c))
    axes_px = ax.get_window_extent(renderer).width
    lane_px = 14 + slot * max(len(columns), 1)
    ax.set_xlim(-lane_px / (axes_px - lane_px), 1.0)  # x = 0 (the line) stays lane_px from the left edge
    line_px = float(ax.transData.transform((0, 0))[0])
    for col, y, n, c in placed:
        x = float(ax.transData.inverted().transform((line_px - 12 - col * slot, 0))[0])
        ax.text(x, y, str(n), fontsize=FONT - 1, va="center", ha="right", zorder=5,
                color=ARTICLE_COLOUR if c.date_estimated else "white", bbox=_badge(c.date_estimated))


def _article_date(c: Citation) -> date | None:
    try:
        return date.fromisoformat(c.date) if c.date else None
    except ValueError:
        return None


def render_png(timeline: Timeline) -> bytes:
    """The picture as PNG bytes; ``ValueError`` for a timeline without events (nothing to draw)."""
    if not timeline.events:
        raise ValueError("a timeline without events has no picture")
    fig = timeline_figure(timeline)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, facecolor="white")
    return out.getvalue()
