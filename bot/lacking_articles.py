"""The articles moderators added that the live index holds and this replica's corpus folder lacks.

A build reads one corpus folder, so a replica whose folder lacks an added article (a container recreated with
its corpus in the writable layer, a replica with a folder of its own) rebuilt at start-up without it: the
article was gone for every replica, and ``index history`` said only "rebuild by start-up … removed". Start-up
and ``status`` ask here instead: such an article is kept, and said, until a moderator removes it (a recorded
remove, or an explicit rebuild). A file deleted by hand that no add put there stays a removal, as documented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.audit_trail import AuditTrail
from bot.cli_name import cli_command
from index import store
from index.corpus_files import article_paths
from index.vector_cache import read_manifest


@dataclass(frozen=True)
class Lacking:
    """``doc_ids``: what this folder lacks of the index's added articles. ``unknown``: why the record of changes
    could not be read (the database can't be reached), in which case every indexed article the folder lacks is
    counted, since none can be told to be a hand edit."""

    doc_ids: list[str] = field(default_factory=list)
    unknown: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"doc_ids": self.doc_ids, "unknown": self.unknown}


def missing_from_folder(corpus_dir: Path, index_dir: Path) -> list[str]:
    """The live index's articles with no file in ``corpus_dir`` (by doc id, the file's stem); none when either
    is missing (no folder is said apart: there is nothing to update from)."""
    live = store.live_dir(index_dir)
    manifest = read_manifest(live) if live is not None else None
    if manifest is None or not corpus_dir.is_dir():
        return []
    present = {path.stem for path in article_paths(corpus_dir)}
    return sorted(doc_id for doc_id in manifest.get("docs", {}) if doc_id not in present)


def lacking_added(corpus_dir: Path, index_dir: Path, trail: AuditTrail) -> Lacking:
    """Blocking (the folder, the manifest, and the store only when an article is missing from the folder)."""
    missing = missing_from_folder(corpus_dir, index_dir)
    if not missing:
        return Lacking()
    try:
        held = trail.held_adds()
    except Exception as exc:  # the database can't be read: keeping an article is undone by a remove, dropping it not
        return Lacking(missing, f"the moderators' changes can't be read from DATABASE_URL ({type(exc).__name__})")
    return Lacking([doc_id for doc_id in missing if held is not None and doc_id in held])


def read_lacking(corpus_dir: Path, index_dir: Path, database_url: str) -> Lacking:
    trail = AuditTrail(database_url)
    try:
        return lacking_added(corpus_dir, index_dir, trail)
    finally:
        trail.close()


def lacking_text(lacking: Lacking, chat: bool) -> str:
    """One line: which articles, that they are kept, and the fixes (chat names no folder and chat's command)."""
    if not lacking.doc_ids:
        return ""
    ids = ", ".join(lacking.doc_ids)
    n = len(lacking.doc_ids)
    what = (f"This replica's corpus folder lacks {n} article{'s' if n > 1 else ''} the index holds ({lacking.unknown}, "
            f"so it can't tell a moderator's add from a file deleted by hand): {ids}" if lacking.unknown else
            f"This replica's corpus folder lacks {n} article{'s' if n > 1 else ''} moderators added, which the index "
            f"holds: {ids}")
    folder = "share the corpus folder" if chat else "point CORPUS_DIR at the corpus folder the replicas share"
    rebuild = "/reindex" if chat else f"`{cli_command()} index build`"
    return (f"{what}. Start-up serves the index as it is rather than drop them: {folder} (docs/deploy.md), or add "
            f"them here again; to drop them deliberately, {rebuild} removes every article this folder lacks.")
