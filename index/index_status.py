"""``index status``: what is being served, from the live index's manifest, and whether a build runs or a killed
change was left."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from index import file_check, store
from index.build_failures import last_failure
from index.change_journal import pending
from index.newer_release import newer_versions


def index_status(index_dir: Path, elsewhere: bool | str | None = None, files: str | None = None) -> dict[str, Any]:
    """What is being served, read from the manifest alone (cheap: no vectors are loaded).

    ``files``: "sizes" also compares each file's size with the one its build recorded (a ``stat`` each),
    "checksums" reads every byte too (``index.file_check``); the answer then says which were checked
    (``files_verified``: None when the build recorded none) and which are ``damaged``. None (metrics, chat's
    status) leaves the files alone.

    ``elsewhere``: what the lock guarding changes across machines says, where there is one (replicas sharing
    PostgreSQL: ``bot.build_lock``), asked by the caller: True while it is held, a string saying why it can't
    be asked. The index's file lock alone may not see another machine's build on a network volume."""
    running = store.is_build_running(index_dir) or elsewhere is True
    unknown = elsewhere if isinstance(elsewhere, str) and not running else None
    live = store.live_dir(index_dir)
    if live is None:
        return {"exists": False, "index_dir": str(index_dir), "build_running": running,
                "last_failure": last_failure(index_dir)}
    path = live / store.MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise store.ManifestUnreadable(path, "does not exist") from None
    except (OSError, ValueError) as exc:
        raise store.ManifestUnreadable(path, f"cannot be read ({type(exc).__name__})") from None
    counts = manifest.get("counts", {})
    checked: dict[str, Any] = {}
    if files is not None:
        damage = file_check.damaged(live, manifest, checksums=files == "checksums")
        checked = {"files_verified": files if file_check.recorded(manifest) else None,
                   "damaged": [d.to_dict() for d in damage]}
    return {
        "exists": True,
        "index_dir": str(index_dir),
        "folder": str(live),
        "docs": counts.get("docs", len(manifest.get("docs", {}))),
        "chunks": counts.get("chunks", 0),
        "sentences": counts.get("sentences", 0),
        "events": counts.get("events", 0),
        "model": manifest.get("model"),
        "dimension": manifest.get("dimension"),
        "faiss_factory": manifest.get("faiss_factory"),
        "built_at": manifest.get("built_at"),
        "build_seconds": manifest.get("build_seconds"),
        "build_running": running,
        # Why it can't be told whether another machine is building (its lock's database can't be reached).
        "build_running_unknown": unknown,
        # A journal is the running build's own while one runs; only a dead process's is worth saying.
        "interrupted": None if running else pending(index_dir),
        # The last build that failed since this one was published: status said nothing of it.
        "last_failure": last_failure(index_dir),
        "format": manifest.get("format"),
        "reads_format": store.FORMAT_VERSION,
        # What it derives from the text in a newer release's versions (a rolling deploy): left for that release.
        "newer_release": newer_versions(manifest),
        **checked,
    }
