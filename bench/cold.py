"""Cold start: process start to first answer, and the peak RSS of that process.

Two settings: the environment as given (on this machine ``PYTHONDONTWRITEBYTECODE=1`` and stale ``.pyc``
files in the venv make Python recompile about 400 modules on every start) and with a bytecode cache
(``PYTHONPYCACHEPREFIX`` under ``var/bench/``, primed by one untimed run), which is what a normal install
sees from its second start on.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.scale import BENCH_DIR, ROOT
from index import store
from index.onnx_export import QUERY_ENCODER_DIR

QUESTION = "How many accounts did Twitter permanently suspend?"
BOT = str(Path(sys.executable).with_name("dispute-bot"))
TIME = "/usr/bin/time"  # GNU time, for the peak RSS of the measured process alone


@dataclass
class ColdResult:
    label: str
    seconds: float
    seconds_cached: float
    rss_mb: float


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one run.

    The peak comes from GNU time: a child's own ``ru_maxrss`` starts at the high-water mark of the process
    that exec'd it, which here is this benchmark process with gigabytes of indexes loaded.
    """
    rss_file = BENCH_DIR / "cold-rss.txt"
    start = time.perf_counter()
    proc = subprocess.run([TIME, "-f", "%M", "-o", str(rss_file), *args], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}")
    return seconds, int(rss_file.read_text().split()[-1]) / 1024


def _env(index_dir: Path, cached: bool) -> dict[str, str]:
    env = {**os.environ, "INDEX_DIR": str(index_dir), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    if cached:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(BENCH_DIR / "pycache")
    return env


def measure(label: str, args: list[str], index_dir: Path, repeats: int) -> ColdResult:
    plain = [_run(args, _env(index_dir, False)) for _ in range(repeats)]
    _run(args, _env(index_dir, True))  # primes the bytecode cache
    cached = [_run(args, _env(index_dir, True)) for _ in range(repeats)]
    return ColdResult(label, statistics.median(s for s, _ in plain), statistics.median(s for s, _ in cached),
                      max(r for _, r in plain + cached))


def torch_copy(seed_index: Path) -> Path:
    """The seed index without its ONNX export: the bot then encodes questions with torch, as before."""
    live = store.live_dir(seed_index)
    assert live is not None
    target = BENCH_DIR / "seed-torch"
    if not (target / store.MANIFEST).exists() or (target / store.MANIFEST).read_bytes() != (
            live / store.MANIFEST).read_bytes():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(live, target, ignore=shutil.ignore_patterns(QUERY_ENCODER_DIR))
    return target


def run_all(seed_index: Path, scaled: dict[str, Path], repeats: int) -> list[ColdResult]:
    results = [
        measure("`dispute-bot --help`", [BOT, "--help"], seed_index, repeats),
        measure("`dispute-bot sources`", [BOT, "sources"], seed_index, repeats),
        measure("`dispute-bot ask` (ONNX query encoder)", [BOT, "ask", QUESTION], seed_index, repeats),
        measure("`dispute-bot ask` (torch query encoder)", [BOT, "ask", QUESTION], torch_copy(seed_index), repeats),
        measure("baseline: load model + FlatIP, answer", [sys.executable, "-m", "bench.cold_baseline", QUESTION],
                seed_index, repeats),
    ]
    for name, folder in scaled.items():
        results.append(measure(f"`dispute-bot ask` at {name} chunks (ONNX)", [BOT, "ask", QUESTION], folder, 1))
    return results
