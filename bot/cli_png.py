"""``timeline --png FILE``: the timeline's picture written beside its text, and why FILE can't be, asked first."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from bot.results import Result


def write_png(result: Result, path: Path) -> int:
    """``timeline --png FILE``: the picture next to the text. Messages go to stderr, so ``--json`` output
    stays one clean object."""
    from bot.render.timeline_png import render_png
    from retrieval.types import Timeline

    if not isinstance(result, Timeline):
        return 1
    if not result.events:
        print(f"dispute-bot: no dated events, so no picture was written to {path}", file=sys.stderr)
        return 1
    problem = png_problem(path)  # checked before the timeline too; a folder may have gone since
    if problem:
        print(problem, file=sys.stderr)
        return 1
    try:
        data = render_png(result)
    except Exception as exc:  # matplotlib's failures are not worth a traceback; the text output stands
        print(f"dispute-bot: could not draw the timeline picture: {exc}", file=sys.stderr)
        return 1
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # a half-written copy, or one that could not replace FILE (a folder)
            tmp.unlink(missing_ok=True)
        print(f"dispute-bot: could not write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote the timeline picture to {path} ({len(data):,} bytes).", file=sys.stderr)
    return 0


def png_problem(path: Path) -> str | None:
    """Why ``--png FILE`` can't be written, asked before any work (``bot.output_path``)."""
    from bot.output_path import unwritable
    from bot.render.plain import printable

    problem = unwritable(path)
    return None if problem is None else printable(f"dispute-bot: --png {problem}")  # a name may hold anything
