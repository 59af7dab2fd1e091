"""Temporary build folders named for their owner, so that clearing debris never deletes a live build's folder.

A build writes into ``<INDEX_DIR>.builds/.tmp-…`` and renames the folder when it publishes; a build that dies
leaves it behind, and every build clears such debris first, under the build lock. That once removed every
``.tmp-*`` folder, which is safe only while no other build can be writing. The replicas' lock can be lost under a
running build (PostgreSQL's advisory lock ends with its database session: a server restart, an idle timeout, a
terminated backend), and replicas on several machines share the folder over a network volume: the replica that
took the lock next deleted the first one's folder while it was still writing into it.

So a folder's name says who made it and when: ``.tmp-<UTC time>-<host>-<pid>-<machine>-<random>``, ``machine``
being a digest of the host name, its boot and its process namespace (two containers on one host may share a host
name, and their pids mean different processes). A folder is debris when its process is gone (made on this
machine, and its pid runs no process here) or when it is older than ``DEBRIS_AGE_SECONDS`` (a day: far longer
than any build, so a folder left by a machine that crashed, or renamed, is cleared in the end). Any other folder
(another machine's, a running process's) is left alone. A folder named by a release before this one (``.tmp-<pid>-
<random>``) says no machine, so only its age counts.
"""

from __future__ import annotations

import calendar
import contextlib
import functools
import hashlib
import logging
import os
import re
import shutil
import socket
import time
import uuid
from pathlib import Path

log = logging.getLogger(__name__)

PREFIX = ".tmp-"
DEBRIS_AGE_SECONDS = 24 * 3600
_STAMP = "%Y%m%dT%H%M%S"
_NAME = re.compile(r"\.tmp-(?P<at>\d{8}T\d{6})-(?P<host>.+)-(?P<pid>\d+)-(?P<machine>[0-9a-f]{12})-[0-9a-f]{8}")


@functools.cache
def this_machine() -> str:
    """Who may tell from a pid whether a folder's process still runs: the same host, boot and pid namespace."""
    parts = [socket.gethostname()]
    with contextlib.suppress(OSError):
        parts.append(Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip())
    with contextlib.suppress(OSError):
        parts.append(os.readlink("/proc/self/ns/pid"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def folder_name(*, pid: int | None = None, machine: str | None = None, now: float | None = None) -> str:
    """A new temporary folder's name; the host is there for the operator reading the folder, ``machine`` for
    the rule."""
    host = re.sub(r"[^A-Za-z0-9.-]+", "_", socket.gethostname())[:40] or "host"
    return (f"{PREFIX}{time.strftime(_STAMP, time.gmtime(now))}-{host}-{os.getpid() if pid is None else pid}-"
            f"{machine or this_machine()}-{uuid.uuid4().hex[:8]}")


def _running(pid: int) -> bool:
    """Whether ``pid`` is a process here; anything but a clear "no such process" counts as running."""
    if pid <= 0:  # 0 and below name process groups, not one process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: another user's process
        return True
    return True


def is_debris(folder: Path, *, now: float | None = None, machine: str | None = None) -> bool:
    """Whether ``folder`` (a ``.tmp-*`` build folder) belongs to no build that may still be writing into it."""
    try:
        modified = folder.stat().st_mtime
    except OSError:  # already gone
        return False
    now = time.time() if now is None else now
    found = _NAME.fullmatch(folder.name)
    if found is None:
        return now - modified > DEBRIS_AGE_SECONDS
    if found["machine"] == (machine or this_machine()) and not _running(int(found["pid"])):
        return True
    started = calendar.timegm(time.strptime(found["at"], _STAMP))
    return now - max(started, modified) > DEBRIS_AGE_SECONDS


def clear(root: Path, *, now: float | None = None, machine: str | None = None) -> list[Path]:
    """Delete the debris among ``root``'s temporary folders; the ones deleted."""
    removed = []
    for folder in sorted(root.glob(f"{PREFIX}*")) if root.is_dir() else ():
        if is_debris(folder, now=now, machine=machine):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
            log.info("removed an unfinished build's folder %s (its process is gone, or it is over a day old)",
                     folder)
    return removed
