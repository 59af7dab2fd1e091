"""The last build that failed, kept beside the index (``<INDEX_DIR>.failed.json``) until a build succeeds.

A failed build leaves the live index as it was, and the command that ran it said why; ``index status`` run
after it (by the same moderator later, or another one) said nothing of it, only "Out of date (the articles
changed)" when the failed build had been an add's, as if no build had been tried. Now status says the last
good index is still served and why the build after it failed, until a build succeeds.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index.disk_full import disk_full, short_write

log = logging.getLogger(__name__)

MAX_REASON = 300  # characters of the error kept: one line for status, not a traceback


def failure_path(index_dir: Path) -> Path:
    return index_dir.parent / f"{index_dir.name}.failed.json"


def _reason(exc: BaseException) -> str:
    """The error as one line a moderator can act on: an interrupt named as one, a disk error by its kind (its
    file goes beside it, in ``file``)."""
    if isinstance(exc, KeyboardInterrupt):
        return "it was interrupted (Ctrl-C, or the process was told to stop)"
    if isinstance(exc, OSError) and short_write(exc) is not None:  # numpy's "N requested and M written"
        return os.strerror(errno.ENOSPC)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror  # its file is kept apart: chat's status must not show the server's folders
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (text or type(exc).__name__)[:MAX_REASON]


@contextlib.contextmanager
def kept(index_dir: Path) -> Iterator[None]:
    """Around a build, under its lock: a failure is written down (and raised on), a success clears it. Neither
    may change the build's own outcome: a folder that can't be written is logged and left."""
    path = failure_path(index_dir)
    try:
        yield
    except BaseException as exc:
        record: dict[str, Any] = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "reason": _reason(exc)}
        if isinstance(exc, KeyboardInterrupt):  # stopped, not failed: status said "The last build failed"
            record["interrupted"] = True
        if isinstance(exc, OSError) and (exc.filename2 or exc.filename):  # a copy's second is its destination
            record["file"] = str(exc.filename2 or exc.filename)
        tmp = path.with_name(f".{path.name}.tmp")
        try:  # whole or not at all: on a full disk it was left at 0 bytes, which status could not read
            tmp.write_text(json.dumps(record), encoding="utf-8")
            tmp.replace(path)
        except OSError as err:
            tmp.unlink(missing_ok=True)
            # On a full disk the build's own line says so; this one, before it, only repeated it.
            say = log.debug if disk_full(err) else log.warning
            say("could not keep the failed build's reason in %s (%s)", path, err)
        raise
    try:
        path.unlink(missing_ok=True)
    except OSError as err:
        log.warning("could not clear the last failed build's record %s (%s)", path, err)


def last_failure(index_dir: Path) -> dict[str, Any] | None:
    """When the last build failed and why, if no build has succeeded since; None otherwise."""
    try:
        data = json.loads(failure_path(index_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "reason" in data else None
