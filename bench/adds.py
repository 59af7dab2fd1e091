"""Adding one short article, as a moderator does it: ``dispute-bot index add`` (a new process each time)
and ``/add-article`` inside a running bot (the article encoder already loaded).

Each round adds a new synthetic article (nothing of it is cached) and removes it again; the first round is
not timed. Besides the wall seconds, each add's own report gives seconds per build stage, and the rest of
the wall time is the process starting and importing what it needs.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.scale import BENCH_DIR, SEED_CORPUS
from bench.synthetic import article
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, document_encoder, lazy_encoder
from index.manage import Upload

ADD_SEED = 515_151  # articles no corpus of the bench contains
# Sentences of the added article: about 1,100 characters in 3 chunks (with its title line), a short news item.
SHORT = 8


@dataclass
class AddTimes:
    label: str
    add_s: list[float] = field(default_factory=list)
    remove_s: list[float] = field(default_factory=list)
    build_s: list[float] = field(default_factory=list)  # the add's own build, from its report
    stages: list[dict[str, float]] = field(default_factory=list)
    embedded: int = 0
    chunks: int = 0

    @property
    def add(self) -> float:
        return statistics.median(self.add_s) if self.add_s else float("nan")

    @property
    def remove(self) -> float:
        return statistics.median(self.remove_s) if self.remove_s else float("nan")

    def stage_medians(self) -> dict[str, float]:
        """Median seconds per build stage, and the process start (wall minus the build's own seconds)."""
        names = [k for s in self.stages for k in s]
        out = {name: statistics.median(s.get(name, 0.0) for s in self.stages) for name in dict.fromkeys(names)}
        if self.build_s and len(self.build_s) == len(self.add_s):
            out["outside the build"] = statistics.median(
                a - b for a, b in zip(self.add_s, self.build_s, strict=True))
        return out


def seed_copy() -> tuple[Path, Path]:
    """A private copy of the shipped articles (adds must never touch ``corpus/``) and its index folder."""
    base = BENCH_DIR / "adds-seed"
    corpus = base / "corpus"
    if not corpus.exists():
        shutil.copytree(SEED_CORPUS, corpus)
    return corpus, base / "index"


def _env(corpus: Path, index_dir: Path, pythonpath: str | None) -> dict[str, str]:
    env = {**os.environ, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index_dir), "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1", "LOG_LEVEL": "WARNING"}
    if pythonpath:  # another checkout's code (the "before" figures); run from a folder holding no packages
        env["PYTHONPATH"] = pythonpath
    return env


def _cli(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "bot", *args, "--json"], cwd=BENCH_DIR, env=env,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"dispute-bot {' '.join(args)} exited {proc.returncode}: {proc.stderr[-800:]}")
    report: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return seconds, report


def cli_adds(label: str, corpus: Path, index_dir: Path, rounds: int, pythonpath: str | None = None) -> AddTimes:
    """``index add`` then ``index remove`` of a new short article, each a new process."""
    env = _env(corpus, index_dir, pythonpath)
    _cli(["index", "build"], env)  # settle: the index is current before the first add
    times = AddTimes(label)
    folder = BENCH_DIR / "add-files"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(rounds + 1):
        path = folder / f"zz_bench_add_{i}.txt"
        path.write_text(article(ADD_SEED + i, SHORT), encoding="utf-8")
        added, report = _cli(["index", "add", str(path)], env)
        removed, _ = _cli(["index", "remove", path.stem], env)
        if i == 0:
            continue  # first round untimed: page cache, and an index the old code would rebuild once
        times.add_s.append(added)
        times.remove_s.append(removed)
        times.build_s.append(float(report["seconds"]))
        times.stages.append(report.get("stages", {}))
        times.embedded, times.chunks = int(report["embedded_chunks"]), int(report["chunks"])
    return times


def bot_adds(label: str, corpus: Path, index_dir: Path, rounds: int) -> AddTimes:
    """``/add-article`` then ``/remove-article`` through the command core of a running bot: its article
    encoder is loaded by the first (untimed) round, as it is by any earlier build."""
    from bot.actors import LOCAL_USER, ModeratorPolicy
    from bot.core import CommandCore, CoreConfig
    from bot.results import IndexChange

    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=document_encoder(DEFAULT_MODEL, index_dir))
    core = CommandCore(CoreConfig(corpus, index_dir, DEFAULT_MODEL), lazy_encoder(DEFAULT_MODEL, index_dir),
                       ModeratorPolicy(), build_encoder_provider=document_encoder(DEFAULT_MODEL, index_dir))
    times = AddTimes(label)

    async def run() -> None:
        await core.warm_up()
        for i in range(rounds + 1):
            name = f"zz_bench_bot_{i}.txt"
            start = time.perf_counter()
            added = await core.add_articles(LOCAL_USER, [Upload(name, article(ADD_SEED + 100 + i, SHORT).encode())])
            add_s = time.perf_counter() - start
            start = time.perf_counter()
            await core.remove_article(LOCAL_USER, name.removesuffix(".txt"))
            remove_s = time.perf_counter() - start
            if not isinstance(added, IndexChange):
                raise RuntimeError(f"add refused: {added}")
            if i:
                times.add_s.append(add_s)
                times.remove_s.append(remove_s)
                times.build_s.append(float(added.report["seconds"]))
                times.stages.append(added.report.get("stages", {}))
                times.embedded, times.chunks = int(added.report["embedded_chunks"]), int(added.report["chunks"])

    try:
        asyncio.run(run())
    finally:
        core.close()
    return times
