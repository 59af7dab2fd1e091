"""Adding one long article with ``dispute-bot index add`` (a new process), as a moderator adds a long report.

    python -m bench.large_add                               # 200 KB and 1 MB on a copy of the seed corpus
    python -m bench.large_add --kb 200 --code ../old-checkout  # and the same add by another checkout's code

Each size is added once to a fresh copy of the seed corpus, already built. An add's time is mostly the model
encoding every chunk, sentence and figure window of the article (``texts/s``); the analysis (sentence
splitting, dates, figures) is the rest, and grew faster than the article's length before 2026-12-07.
With ``--code``, the same add by that checkout runs in the same run and the ratio compares the two.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from math import nan
from pathlib import Path
from typing import Any

from bench.adds import _cli, _env
from bench.common import fmt, ratio, table
from bench.scale import BENCH_DIR, SEED_CORPUS
from bench.synthetic import sentences

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_PLACES = ("the capital", "the port city", "the northern district", "the coastal state", "the old town")


def long_article(size: int, seed: int = 7) -> str:
    """About ``size`` bytes of news: a title, a date line, paragraphs of one to five sentences, many of them
    dated ("On 12 March 2024, ...") or counting something, with a section heading now and then."""
    rng = random.Random(seed)
    stream = sentences(seed)
    lines = ["A year of disputes over rules, tariffs and licences", "", "Date: 2024-02-01", ""]
    total, day = 0, 0
    while total < size:
        if rng.random() < 0.08:
            paragraph = f"## Part {rng.randrange(1, 99)}: {next(stream).split(',')[0].rstrip('.')}"
        else:
            body = [next(stream) for _ in range(rng.randrange(1, 6))]
            day = (day + rng.randrange(0, 4)) % 330
            month, mday = divmod(day, 28)
            body.insert(rng.randrange(len(body) + 1), (
                f"On {mday + 1} {_MONTHS[month % 12]} 2023, "
                f"officials in {rng.choice(_PLACES)} counted {rng.randrange(100, 90_000):,} complaints, "
                f"up {rng.randrange(2, 70)}% on the year before."))
            paragraph = " ".join(body)
        lines += [paragraph, ""]
        total += len(paragraph.encode("utf-8")) + 2
    return "\n".join(lines)


def add_once(size_kb: int, base: Path, code: str | None) -> tuple[float, dict[str, Any]]:
    """Wall seconds and the report of adding a ``size_kb`` article to a fresh, built copy of the seed corpus."""
    if base.exists():
        shutil.rmtree(base)
    corpus = base / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    env = {**_env(corpus, base / "index", code), "MAX_ARTICLE_BYTES": str(max(size_kb * 1100, 1_000_000))}
    _cli(["index", "build"], env)
    path = base / f"long_{size_kb}kb.txt"
    path.write_text(long_article(size_kb * 1000), encoding="utf-8")
    return _cli(["index", "add", str(path)], env)


def large_table(sizes: list[int], base: Path, code: str | None = None) -> str:
    rows = []
    for kb in sizes:
        wall, report = add_once(kb, base / f"{kb}kb", None)
        other, other_report = add_once(kb, base / f"{kb}kb-other", code) if code else (float("nan"), {})
        stages = report.get("stages", {})
        analyse, other_analyse = stages.get("analyse", nan), other_report.get("stages", {}).get("analyse", nan)
        # Figure windows too (reports before 2026-12-07 lack them: those counts are chunks and sentences only).
        texts = sum(int(report.get(k, 0)) for k in ("embedded_chunks", "embedded_sentences", "embedded_figures"))
        rows.append([f"{kb:,} KB", f"{texts:,}", fmt(wall, 0), fmt(analyse, 1), fmt(stages.get("embed", nan), 0),
                     fmt(texts / stages["embed"], 0) if stages.get("embed") else "–", fmt(other, 0),
                     ratio(wall, other), fmt(other_analyse, 1), ratio(analyse, other_analyse)])
    # The embedding (most of an add) is the same model's either way and moves with the machine's load: the
    # analysis ratio is the one a change of the rules shows in.
    return table(["article", "texts embedded", "add s (wall)", "analyse s", "embed s", "texts / embed s",
                  "other checkout s", "ours / other", "other analyse s", "analyse ours / other"], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.large_add", description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", default="200,1000", help="article sizes in KB, comma-separated")
    parser.add_argument("--code", help="PYTHONPATH of another checkout, timed on the same adds")
    parser.add_argument("--dir", type=Path, default=BENCH_DIR / "large-add", help="scratch folder")
    args = parser.parse_args(argv)
    print(large_table([int(k) for k in args.kb.split(",")], args.dir, args.code))
    return 0


if __name__ == "__main__":
    sys.exit(main())
