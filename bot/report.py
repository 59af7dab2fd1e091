"""The knowledge-gap report: how often the bot answers, which questions it declines (grouped by meaning, so
moderators see topics rather than a list), and which answers people marked wrong."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from bot.history_results import DownVoted, GapCluster, GapReport
from bot.store import HistoryMode, Store

DEFAULT_WINDOW = "7d"
# Average-linkage cosine distance under which two declined questions are taken to ask about the same thing.
# Close paraphrases sit around 0.1-0.3 (MiniLM), but a week's own words for one gap ("how much is koo worth",
# "how much funding has koo raised") reach 0.5. 60 declined questions of a realistic week (six gaps, each
# asked five to seven ways, among off-topic questions and chatter): at 0.4, 44 groups, the gaps split into
# 16 pieces and the largest group held 6; at 0.55, 36 groups, 11 pieces, the four largest groups the four
# largest gaps (8, 6, 5, 4), still no group holding two gaps (0.65 starts merging them).
CLUSTER_DISTANCE = 0.55
EXAMPLES = 3
DOWN_VOTED = 5
QUOTE_CHARS = 200
# Average-linkage clustering keeps every pairwise distance: 2,000 questions take about a second and 30 MB,
# 12,000 took 23 s and 1.3 GB. Beyond this many, the newest are grouped and the report says so.
CLUSTER_LIMIT = 2_000
_WINDOW = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
# The longest period: the longest history kept (HISTORY_RETENTION_DAYS is at most 36,500 days, a century).
# "99999w" reached back to the year 110.
MAX_WINDOW_DAYS = 36_500

Encode = Callable[[list[str]], np.ndarray]


class BadWindow(ValueError):
    pass


def parse_window(text: str | None) -> tuple[str, timedelta]:
    """``"7d"`` → 7 days; minutes, hours, days or weeks."""
    text = (text or DEFAULT_WINDOW).strip() or DEFAULT_WINDOW
    match = _WINDOW.match(text)
    if not match:
        raise BadWindow(f"Give the period as a number and a unit, like 7d, 24h, 2w or 30m (not {text[:40]!r}).")
    digits, unit = match.group(1).lstrip("0"), match.group(2).lower()
    if not digits:
        raise BadWindow(f"The period must be longer than zero (not {text[:40]!r}); for example 7d.")
    longest = timedelta(days=MAX_WINDOW_DAYS)
    # Compared in whole units, so that a number of any length is refused without building a timedelta of it.
    if len(digits) > 9 or int(digits) > longest // timedelta(**{_UNITS[unit]: 1}):
        raise BadWindow(f"The period can be at most {MAX_WINDOW_DAYS:,} days, about a century "
                        f"(not {text[:40]!r}).")
    amount = int(digits)
    return f"{amount}{unit}", timedelta(**{_UNITS[unit]: amount})


def cluster(questions: Sequence[str], encode: Encode, distance: float = CLUSTER_DISTANCE,
            shown: Sequence[str] | None = None) -> list[GapCluster]:
    """Groups of questions close in meaning, largest first, each with a few distinct examples. ``shown``:
    each question as the examples give it (default: as asked)."""
    shown = questions if shown is None else shown
    if not questions:
        return []
    if len(questions) == 1:
        return [GapCluster(1, [shown[0].strip()])]
    from sklearn.cluster import AgglomerativeClustering  # a second's import, paid only by the report

    vectors = np.asarray(encode(list(questions)), dtype=np.float32)
    labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                     distance_threshold=distance).fit_predict(vectors)
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels.tolist()):
        groups.setdefault(int(label), []).append(row)
    clusters = []
    for rows in groups.values():
        clusters.append(GapCluster(len(rows), _typical_first(rows, shown, vectors)[:EXAMPLES]))
    clusters.sort(key=lambda c: (-c.count, c.examples[0].lower()))
    return clusters


def _as_shown(question: str, expanded: bool, searched_for: str | None) -> str:
    """A declined follow-up with the words it borrowed from earlier turns: "and how many users does it
    have?" says nothing of what is missing, "… [follow-up, with: Koo's]" does. Grouped by what was asked."""
    if not expanded or not searched_for:
        return question
    borrowed = searched_for[len(question):].strip() if searched_for.startswith(question) else searched_for
    return f"{question} [follow-up, with: {borrowed}]" if borrowed else question


def _typical_first(rows: list[int], questions: Sequence[str], vectors: np.ndarray) -> list[str]:
    """A group's distinct questions, the closest to its centre first: the first labels the group, and the
    first asked may be its odd one out ("Is Koo made in India?" heading eight about Koo's valuation)."""
    unit = vectors[rows] / np.maximum(np.linalg.norm(vectors[rows], axis=1, keepdims=True), 1e-12)
    closeness = unit @ unit.mean(axis=0)
    order = sorted(range(len(rows)), key=lambda i: -float(closeness[i]))  # stable: ties keep the asked order
    return list(dict.fromkeys(questions[rows[i]].strip() for i in order))


def _source(cited: Any, titles: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The article an answer quoted first: its id, and its title while the index still has it."""
    first = cited[0] if isinstance(cited, list) and cited and isinstance(cited[0], dict) else {}
    doc_id = first.get("doc_id")
    return (str(doc_id), titles.get(str(doc_id))) if doc_id else (None, None)


@dataclass(frozen=True)
class _Asked:
    """One question searched: a stored answer, or one question of a message that asked several."""

    answered: bool
    expanded: bool
    question: str | None
    searched_for: str | None


def _questions(rows: Sequence[Any]) -> list[_Asked]:
    """Each stored answer as the questions it answered, oldest first. A message asking several questions is
    one stored answer (one reply, one pair of feedback buttons) but counts as each of its questions: counted
    as one, "Who is Sawhney? Why did Twitter restore accounts?" was an answered question and its declined
    half never reached the report, while counting the message too would count its questions twice."""
    out: list[_Asked] = []
    for r in rows:
        parts = r.parts if isinstance(r.parts, list) else []
        if not parts:
            out.append(_Asked(bool(r.answered), bool(r.expanded), r.question, r.searched_for))
            continue
        out.extend(_Asked(bool(p.get("answered")), bool(p.get("expanded")), p.get("question") or None,
                          p.get("searched_for") or None) for p in parts if isinstance(p, dict))
    return out


def build_report(store: Store, window: str, since: datetime, place: str | None = None,
                 titles: Mapping[str, str] | None = None) -> Callable[[Encode], GapReport]:
    """Reads what the report needs (on the store thread) and returns the rest, the grouping of declined
    questions by meaning, to run elsewhere: encoding thousands of questions must not hold up the votes and
    answers queued behind it on the store thread. ``place``: only questions asked in that server or
    workspace (None: everywhere). ``titles``: the index's article titles by id, to name what an answer quoted."""
    # The store shows nothing past retention: a longer period starts where the history kept does, and says so.
    kept_from = store.cutoff()
    cut, start = kept_from > since, max(since, kept_from)
    messages = store.answers_since(since, place)
    rows = _questions(messages)
    anonymized = store.mode is not HistoryMode.FULL
    # Declined rows stored while HISTORY_MODE was anonymized have no text to group; they are counted apart,
    # so grouped + not grouped + without text always adds up to the declined count.
    declined_rows = [] if anonymized else [(r, r.question) for r in rows if not r.answered and r.question]
    declined = [question for _, question in declined_rows]
    without_text = 0 if anonymized else sum(1 for r in rows if not r.answered and not r.question)
    grouped = declined[-CLUSTER_LIMIT:]  # oldest first: the newest are kept
    shown = [_as_shown(question, r.expanded, r.searched_for) for r, question in declined_rows[-CLUSTER_LIMIT:]]
    down = [DownVoted(int(r.down), int(r.up), bool(r.answered), None if anonymized else r.question,
                      (r.quote[:QUOTE_CHARS] + "…" if r.quote and len(r.quote) > QUOTE_CHARS else r.quote),
                      *_source(r.cited if r.answered else None, titles or {}))
            for r in store.most_down_voted(since, DOWN_VOTED, place)]

    def finish(encode: Encode) -> GapReport:
        return GapReport(
            since=start.replace(microsecond=0).isoformat(sep=" "), window=window, questions=len(rows),
            messages=len(messages),
            answered=sum(1 for r in rows if r.answered), expanded=sum(1 for r in rows if r.expanded),
            declined_clusters=[] if anonymized else cluster(grouped, encode, shown=shown), down_voted=down,
            anonymized=anonymized, grouped=len(grouped), ungrouped=len(declined) - len(grouped),
            without_text=without_text, place=place, kept_days=store.retention.days if cut else None,
        )

    return finish
