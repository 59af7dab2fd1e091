"""The words ``dispute-bot`` takes: its commands and their options. argparse checks them before any setting is
read or any command's code is imported, so a mistyped option is a usage line and ``--help`` answers instantly."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from bot.cli_parser import Parser
from bot.render.examples import TIMELINE_EXAMPLES

DISTRIBUTION = "dispute-bot"  # the name in pyproject.toml


def _port(text: str) -> int:
    """``--port``: refused by argparse with a usage line, where 99999 reached the socket as an OverflowError."""
    refusal = argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    try:
        port = int(text)
    except ValueError:
        raise refusal from None
    if not 0 <= port <= 65535:
        raise refusal
    return port


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a checkout that was never installed
        return "(not installed)"


def with_values_joined(argv: Sequence[str]) -> list[str]:
    """``--since -3d`` as ``--since=-3d``: argparse takes a value starting with "-" for an option and answers
    "expected one argument"; joined, the report refuses the period in one line as any other bad one."""
    out: list[str] = []
    for word in argv:
        if out and out[-1] == "--since" and word.startswith("-") and not word.startswith("--"):
            out[-1] = f"--since={word}"
        else:
            out.append(word)
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="dispute-bot",
        description="Answers questions about the February 2021 Twitter-India blocking dispute, with cited "
        "passages from news articles.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="start the bot (Discord/Slack when tokens are set, else a terminal chat)")
    run.add_argument("--platform", choices=["auto", "discord", "slack", "terminal"], default="auto")
    run.add_argument("--http", action="store_true", help="Slack: serve HTTP events instead of Socket Mode")
    run.add_argument("--port", type=_port, default=3000, help="Slack HTTP mode port (default 3000)")
    run.add_argument("--host", default="0.0.0.0", help="Slack HTTP mode address (default all interfaces)")
    run.add_argument("--check", action="store_true",
                     help="only check the settings (exit 0, or 2 with what to fix); no index is built, nothing served")

    ask = sub.add_parser("ask", help="answer one question, or JSON lines from stdin with --json")
    ask.add_argument("question", nargs="?", help="the question; omit with --json to read stdin")
    ask.add_argument("--json", action="store_true", help="JSON output (one object per line)")

    report = sub.add_parser("report", help="knowledge gaps: answer rate, declined questions, down-voted answers")
    report.add_argument("--since", default="7d", help="period to cover: 7d, 24h, 2w, 30m (default 7d)")
    report.add_argument("--json", action="store_true", help="JSON output")

    sources = sub.add_parser("sources", help="list the indexed articles")
    sources.add_argument("--json", action="store_true", help="JSON output")

    timeline = sub.add_parser("timeline", help="dated events from the articles")
    timeline.add_argument("--topic", help="only events about this topic, on this day or in this period "
                                          f"({'; '.join(TIMELINE_EXAMPLES)}; since feb 9)")
    timeline.add_argument("--json", action="store_true", help="JSON output")
    timeline.add_argument("--png", type=Path, metavar="FILE", help="also write the timeline as a picture")

    evaluate = sub.add_parser("eval", help="score question files (JSON lines) against the index")
    evaluate.add_argument("files", nargs="+", type=Path, help="question files, e.g. tests/dev.jsonl")
    # "extend": `--add a.md --add b.md` adds both; with the default "store" the last --add silently replaced the others.
    evaluate.add_argument("--add", nargs="+", action="extend", type=Path, default=[], metavar="ARTICLE",
                          help="score against a scratch copy with these articles added (the index is untouched)")
    evaluate.add_argument("--no-baseline", action="store_true", help="skip the tutorial baseline")
    evaluate.add_argument("--json", action="store_true", help="JSON output")

    index = sub.add_parser("index", help="build and manage the article index")
    isub = index.add_subparsers(dest="index_command", required=True)
    build = isub.add_parser("build", help="build or update the index from the corpus folder")
    build.add_argument("--full", action="store_true", help="re-embed everything, ignoring cached vectors")
    build.add_argument("--json", action="store_true", help="JSON output")
    add = isub.add_parser("add", help="add articles (files, or web pages by URL) and update the index")
    add.add_argument("files", nargs="+", metavar="FILE_OR_URL",
                     help=".txt/.md files, PDFs, saved .html pages, or http(s) addresses of news pages to fetch")
    add.add_argument("--force", action="store_true",
                     help="add an article even if its address or text is already in the index")
    add.add_argument("--json", action="store_true", help="JSON output")
    remove = isub.add_parser("remove", help="remove an article (by doc id) and update the index")
    remove.add_argument("doc_id", help="the article's id as `sources` lists it (or its file name)")
    remove.add_argument("--json", action="store_true", help="JSON output")
    restore = isub.add_parser("restore", help="bring back a removed or replaced article, as it was, and update the "
                                              "index")
    restore.add_argument("doc_id", help="the removed article's id (index history names it) or its file name")
    restore.add_argument("--json", action="store_true", help="JSON output")
    status = isub.add_parser("status", help="what the index holds, and whether its files are as built")
    status.add_argument("--verify", action="store_true",
                        help="read every file to compare its checksum, not only its size, with the build's")
    status.add_argument("--json", action="store_true", help="JSON output")
    history = isub.add_parser("history", help="the moderators' latest changes: who added, removed or rebuilt what")
    history.add_argument("--limit", type=int, default=20, metavar="N", help="how many changes to show (default 20)")
    history.add_argument("--json", action="store_true", help="JSON output")
    return parser
