"""``python -m bench``: run the benchmark suite, print the report and write it to ``bench/RESULTS.md``.

    python -m bench                      # everything: seed, 10k, 100k, 1M (first run builds caches: ~1 h)
    python -m bench --quick              # seed corpus only, fewer rounds: a couple of minutes
    python -m bench --sizes 10k,100k     # choose the scaled sizes
    python -m bench --skip cold,build    # leave sections out (encoders, scale, faiss, build, adds, cold)

Caches (distractor corpora, synthetic indexes, FAISS variants, exports) live under ``var/bench/``. A
``## History`` section of the existing report (figures from before a change, written by hand) is kept.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from index.embedding import DEFAULT_MODEL, SentenceTransformerEncoder, offline_env

offline_env()

from bench import profile_add, scale, suite  # noqa: E402 (after the environment is set)
from bench.common import dev_items, fresh_questions, load_average, machine, now  # noqa: E402
from bot.output_path import unwritable  # noqa: E402
from index.onnx_export import DEFAULT_VARIANT  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTIONS = ("encoders", "scale", "faiss", "build", "adds", "profile", "cold")
HISTORY = "## History"


def wait_for_idle(limit_s: float, threshold: float = 0.6) -> None:
    """Other work on a 2-core machine skews every number: wait (up to ``limit_s``) for a quiet moment."""
    deadline = time.monotonic() + limit_s
    while load_average() > threshold and time.monotonic() < deadline:
        time.sleep(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="seed corpus only, 3 rounds, no cold/faiss sections")
    parser.add_argument("--sizes", default="10k,100k,1M", help="scaled sizes: any of 10k,100k,1M (or 'none')")
    parser.add_argument("--passes", type=int, default=0, help="rounds of the dev questions per measurement")
    parser.add_argument("--skip", default="", help=f"sections to leave out: {','.join(SECTIONS)}")
    parser.add_argument("--build-articles", type=int, default=200, help="distractor articles in the build test")
    parser.add_argument("--add-articles", type=int, default=155, help="corpus size of the middle add test (0: none)")
    parser.add_argument("--add-rounds", type=int, default=0, help="timed adds per corpus (default 5, quick 3)")
    parser.add_argument("--wait-idle", type=float, default=120, help="seconds to wait for a quiet machine")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    problem = unwritable(args.out)
    if problem:  # before an hour of measuring, not after
        parser.error(f"--out {problem}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it sets itself to DEBUG

    sizes = [] if args.quick or args.sizes == "none" else [s for s in args.sizes.split(",") if s]
    unknown = [s for s in sizes if s not in suite.SIZES]
    if unknown:
        parser.error(f"unknown sizes {unknown}; choose from {list(suite.SIZES)}")
    skip = set(filter(None, args.skip.split(",")))
    if args.quick:
        skip |= {"faiss", "cold"}
    passes = args.passes or (3 if args.quick else 10)

    torch_encoder = SentenceTransformerEncoder(DEFAULT_MODEL)
    seed_index, _ = scale.seed_index(lambda: torch_encoder)
    ctx = suite.Context(torch_encoder, dev_items(), passes, seed_index, fresh=fresh_questions())
    wait_for_idle(args.wait_idle)
    load_before = load_average()
    started = time.perf_counter()
    parts: list[tuple[str, str]] = []
    old_date, old_sections, old_notes = _previous(args.out)
    carried: list[str] = []

    def section(name: str, title: str, run: object) -> None:
        if name in skip:
            if title in old_sections:  # not rerun: the last measured figures stay, marked as such
                text = old_sections[title]
                marked = text.startswith("_Not rerun here:")
                parts.append((title, text if marked else f"_Not rerun here: from the run of {old_date}._\n\n{text}"))
                carried.append(title)
            return
        wait_for_idle(min(args.wait_idle, 60))
        print(f"[bench] {title} …", file=sys.stderr, flush=True)
        parts.append((title, run()))  # type: ignore[operator]

    section("encoders", "Per question on the seed corpus, by query encoder (warm)", lambda: suite.encoders(ctx))
    section("scale", f"Per question at scale (default query encoder `{DEFAULT_VARIANT}`, warm)",
            lambda: suite.scaled(ctx, sizes))
    section("faiss", "FAISS index choice (chunk vectors of the scaled indexes, one query at a time)",
            lambda: suite.faiss_section(ctx, sizes))
    section("build", "Index builds", lambda: suite.builds(ctx, 30 if args.quick else args.build_articles))
    section("adds", "Adding one article", lambda: suite.add_section(
        ctx, args.add_rounds or (3 if args.quick else 5), 0 if args.quick else args.add_articles, "10k" in sizes))
    section("profile", "One profiled `index add` (cProfile, cumulative seconds per part)",
            lambda: profile_add.profile_table(["seed"] + ([] if args.quick else ["155"]) + (["10k"] if "10k" in sizes
                                                                                             else [])))
    section("cold", "Cold start: process start to first answer", lambda: suite.cold_section(ctx, 3, bool(sizes)))

    header = [
        "# Benchmark results",
        "",
        f"- Machine: {machine()}",
        f"- Date: {now()}; {passes} rounds of the {len(ctx.items)} dev questions per measurement after one "
        f"warm-up round; load average {load_before:.2f} at start, {load_average():.2f} at end; "
        f"{time.perf_counter() - started:.0f} s.",
        "- Command: `python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]) + "`",
        "- Dev score: answers judged as in the dev-set test (expected facts present, unanswerable ones declined);"
        " the baseline always answers with its top passage, so it cannot score on the 2 unanswerable questions.",
    ]
    body = [f"## {title}\n\n{text}" for title, text in parts]
    fresh = {n[:40] for n in ctx.notes}
    kept = [n for n in old_notes if n[:40] not in fresh] if carried else []
    notes = ["## Notes", "", *[f"- {n}" for n in [*ctx.notes, *kept]]] if ctx.notes or kept else []
    report = "\n".join(header) + "\n\n" + "\n\n".join(body) + ("\n\n" + "\n".join(notes) if notes else "") + "\n"
    report += _history(args.out)
    print(report)
    args.out.write_text(report, encoding="utf-8")
    return 0


def _previous(path: Path) -> tuple[str, dict[str, str], list[str]]:
    """The previous report's date, its sections by title and its notes, for sections not rerun."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return "", {}, []
    old = old.split(f"\n{HISTORY}\n")[0]
    date = next((line.split(":", 1)[1].split(";")[0].strip() for line in old.splitlines()
                 if line.startswith("- Date:")), "an earlier date")
    sections: dict[str, str] = {}
    notes: list[str] = []
    for block in old.split("\n## ")[1:]:
        title, _, text = block.partition("\n")
        if title == "Notes":
            notes = [line[2:] for line in text.splitlines() if line.startswith("- ")]
        else:
            text = text.strip()
            sections[title] = text
    return date, sections, notes


def _history(path: Path) -> str:
    """The hand-written ``## History`` section of the previous report, carried over unchanged."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    start = old.find(f"\n{HISTORY}\n")
    return "\n" + old[start + 1 :].rstrip() + "\n" if start >= 0 else ""


if __name__ == "__main__":
    sys.exit(main())
