"""What ``index status`` reports, read once for the CLI and the chat ``/status`` alike: the served index, whether
it is out of date, a build running (another replica's too), a change left interrupted, and the last failed build.

Chat's status showed the counts alone: a moderator asking there whether their /add-article had gone through, or
why answers had not changed, was not told a build was running, had failed, or had been interrupted. Blocking (it
reads the index's manifest and the corpus folder): the core calls it on a worker thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.audit_trail import AuditTrail
from bot.lacking_articles import lacking_added
from bot.results import IndexStatus
from index import store
from index.foreign_files import foreign_files
from index.index_status import index_status
from index.staleness import pending_changes

if TYPE_CHECKING:
    from retrieval.reloads import ReloadState


def out_of_date(corpus_dir: Path, index_dir: Path, model: str, info: dict[str, Any]) -> list[str]:
    """Why a build now would make another index than the one served (the articles, EMBEDDING_MODEL or this
    release's rules changed since it was built), or nothing when it is current. Status gave no word of it: a
    moderator who had changed EMBEDDING_MODEL, upgraded, or put a file in the corpus folder by hand was shown
    the old index's counts as if they were current, while questions were answered from it as it was."""
    if store.newer_format(info["format"]) or info.get("newer_release"):
        return []  # its format line says to upgrade this replica, not to rebuild
    reasons = pending_changes(corpus_dir, index_dir, model=model)
    reasons = [r for r in reasons if not r.startswith("its format is")]  # said beside the format already
    if info["model"] != model:
        reasons = [f"EMBEDDING_MODEL is now {model}" if "model or chunking" in r else r for r in reasons]
    return reasons


def read_status(corpus_dir: Path, index_dir: Path, model: str, elsewhere: bool | str | None,
                files: str | None = None, trail: AuditTrail | None = None,
                seed_dir: Path | None = None) -> IndexStatus:
    """``elsewhere``: whether another replica holds the replicas' build lock (``bot.build_lock``), or why that
    can't be told; None where there is no such lock. ``files``: how the index's files are compared with what
    their build wrote ("sizes", "checksums"; ``index.index_status``), None not at all. ``trail``: the record of
    moderators' changes, which tells the added articles this corpus folder lacks (``lacking``), kept by start-up
    and dropped by a rebuild here; ``seed_dir``, the shipped articles (``CORPUS_SEED_DIR``), tells those indexed
    before changes were recorded (``bot.lacking_articles``). Raises ``store.ManifestUnreadable``."""
    info = index_status(index_dir, elsewhere, files)
    # Files a build leaves out for their kind (a saved page copied in by hand), which status never mentioned.
    info["not_read"] = [{"file": f.filename, "reason": f.reason} for f in foreign_files(corpus_dir)]
    if info["exists"]:
        info["out_of_date"] = out_of_date(corpus_dir, index_dir, model, info)
        if trail is not None:
            info["lacking"] = lacking_added(corpus_dir, index_dir, trail, seed_dir).to_dict()
    return IndexStatus(info)


def served_build(state: ReloadState) -> dict[str, Any] | None:
    """The build this process answers from when it is not the published one (``retrieval.reloads``): while it
    loads the newer build, or because that one can't be loaded. Status described the published index alone, so a
    moderator was shown counts, and "files: sizes as built", of an index no question was answered from."""
    if state.serving is None:
        return None
    return {"built_at": state.serving.built_at, "docs": len(state.serving.docs),
            "loading_seconds": round(state.loading_seconds, 1) if state.loading else None,
            "not_loaded": state.not_loaded}
