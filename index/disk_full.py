"""A full disk told apart from other failures, wherever it surfaced (a copy in the ONNX export, numpy's short
write), so a build stops on it with the disk's own error instead of falling back to another encoder first.

A full disk is the operator's to fix and says nothing about the model: the export that hit it was logged as
"articles are embedded with torch: no usable ONNX export", remembered as failed (``failed.json``), and the
build went on with torch to fail on the next write anyway, its real error said last.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable

_FULL = (errno.ENOSPC, errno.EDQUOT)
_SHORT_WRITE = re.compile(r"^(\d+) requested and (\d+) written$")  # numpy's tofile/save on a full disk


def disk_full(exc: BaseException) -> OSError | None:
    """The full-disk ``OSError`` behind ``exc`` (itself, or one it was raised from), else None."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and (current.errno in _FULL or short_write(current) is not None):
            return current
        current = current.__cause__ or current.__context__
    return None


def raise_if_full(exc: BaseException, tidy: Callable[[], object] | None = None) -> None:
    """Raise the full-disk ``OSError`` behind ``exc`` (``disk_full``), from ``exc``, once ``tidy`` has cleared what
    the failed step leaves only then; return when the disk is not full. Where any other failure falls back to
    another encoder or is remembered as the model's, a full disk stops the build on the disk's own error."""
    full = disk_full(exc)
    if full is not None:
        if tidy is not None:
            tidy()
        raise full from exc


def short_write(exc: OSError) -> tuple[int, int] | None:
    """Bytes requested and written of numpy's short write (an ``OSError`` with no errno), else None."""
    match = _SHORT_WRITE.match(str(exc)) if exc.errno is None else None
    return (int(match.group(1)), int(match.group(2))) if match else None
