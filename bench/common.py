"""Shared pieces: the machine, timing statistics, the dev questions and how an answer is judged."""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "tests" / "dev.jsonl"
# Questions about the seed articles that the dev set does not ask: timed on their first asking.
FRESH_SET = ROOT / "training" / "seed_blind.jsonl"


@dataclass(frozen=True)
class DevItem:
    id: str
    question: str
    answerable: bool
    answers_all: tuple[str, ...]
    answers_any: tuple[str, ...]

    def judge(self, answered: bool, text: str) -> bool:
        """The dev test's rule: answerable questions must contain the expected facts, others must decline."""
        if not self.answerable:
            return not answered
        low = text.lower()
        if not answered or not all(a.lower() in low for a in self.answers_all):
            return False
        return not self.answers_any or any(a.lower() in low for a in self.answers_any)


def dev_items() -> list[DevItem]:
    items = []
    for line in DEV_SET.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            items.append(DevItem(d["id"], d["question"], bool(d["answerable"]),
                                 tuple(d.get("answers_all", [])), tuple(d.get("answers_any", []))))
    return items


def fresh_questions() -> list[str]:
    """The questions of ``FRESH_SET`` that are not dev questions."""
    dev = {item.question for item in dev_items()}
    lines = FRESH_SET.read_text(encoding="utf-8").splitlines()
    return [q for line in lines if line.strip() for q in (json.loads(line)["question"],) if q not in dev]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{ram}, Linux {platform.release()}, Python {platform.python_version()}"


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def percentiles(ms: Iterable[float]) -> tuple[float, float]:
    arr = np.fromiter(ms, dtype=np.float64)
    if not arr.size:
        return float("nan"), float("nan")
    return float(np.percentile(arr, 50)), float(np.percentile(arr, 95))


def time_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def peak_rss_mb() -> float:
    """This process's peak resident set size so far."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fmt(value: float, digits: int = 1) -> str:
    if value != value:  # NaN
        return "–"
    return f"{value:.{digits}f}"


def ratio(ours: float, baseline: float) -> str:
    """Ours / baseline, with the speed-up it means: ``0.21 (4.8× faster)``."""
    if not baseline or ours != ours or baseline != baseline:
        return "–"
    r = ours / baseline
    return f"{r:.2f} ({1 / r:.1f}× faster)" if r < 1 else f"{r:.2f} ({r:.1f}× slower)"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)
