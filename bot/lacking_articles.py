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
from index.article_match import indexed_articles
from index.corpus_files import article_paths
from index.vector_cache import read_manifest


@dataclass(frozen=True)
class Lacking:
    """``doc_ids``: what this folder lacks of the index's added articles. ``unknown``: why the record of changes
    could not be read (the database can't be reached), in which case every indexed article the folder lacks is
    counted, since none can be told to be a hand edit. ``unrecorded``: those of ``doc_ids`` no recorded change
    names and the shipped articles (``CORPUS_SEED_DIR``) lack, with the address the index knows each by (None
    when it has none): indexed before the store recorded changes, as the articles added in an older image's own
    corpus folder were."""

    doc_ids: list[str] = field(default_factory=list)
    unknown: str | None = None
    unrecorded: dict[str, str | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"doc_ids": self.doc_ids, "unknown": self.unknown, "unrecorded": self.unrecorded}


def missing_from_folder(corpus_dir: Path, index_dir: Path) -> list[str]:
    """The live index's articles with no file in ``corpus_dir`` (by doc id, the file's stem); none when either
    is missing (no folder is said apart: there is nothing to update from)."""
    live = store.live_dir(index_dir)
    manifest = read_manifest(live) if live is not None else None
    if manifest is None or not corpus_dir.is_dir():
        return []
    present = {path.stem for path in article_paths(corpus_dir)}
    return sorted(doc_id for doc_id in manifest.get("docs", {}) if doc_id not in present)


def lacking_added(corpus_dir: Path, index_dir: Path, trail: AuditTrail, seed_dir: Path | None = None) -> Lacking:
    """Blocking (the folder, the manifest, and the store only when an article is missing from the folder).

    With a seed folder (the image's shipped articles), an article the index holds that neither folder has and no
    recorded change names is kept too: the corpus folder was seeded anew (an upgrade from an image that kept it
    inside the container), so the article's file went with the old container, and nothing recorded can say it
    was removed. Start-up dropped it ("rebuild by start-up … removed"). Without a seed folder the corpus folder
    is the one the index was built from, and a file deleted there by hand stays a removal, as documented."""
    missing = missing_from_folder(corpus_dir, index_dir)
    if not missing:
        return Lacking()
    try:
        recorded = trail.recorded_articles()
    except Exception as exc:  # the database can't be read: keeping an article is undone by a remove, dropping it not
        return Lacking(missing, f"the moderators' changes can't be read from DATABASE_URL ({type(exc).__name__})")
    if recorded is None:
        return Lacking()
    held, named = recorded
    shipped = {path.stem for path in article_paths(seed_dir)} if seed_dir is not None and seed_dir.is_dir() else None
    unrecorded = [] if shipped is None else [d for d in missing if d not in named and d not in shipped]
    addresses = {a.doc_id: a.url for a in indexed_articles(index_dir)} if unrecorded else {}
    return Lacking([d for d in missing if d in held or d in unrecorded], None,
                   {d: addresses.get(d) for d in unrecorded})


def read_lacking(corpus_dir: Path, index_dir: Path, database_url: str, seed_dir: Path | None = None) -> Lacking:
    trail = AuditTrail(database_url)
    try:
        return lacking_added(corpus_dir, index_dir, trail, seed_dir)
    finally:
        trail.close()


def lacking_text(lacking: Lacking, chat: bool) -> str:
    """One line: which articles, that they are kept, and the fixes (chat names no folder and chat's command)."""
    if not lacking.doc_ids:
        return ""
    rebuild = "/reindex" if chat else f"`{cli_command()} index build`"
    added = [d for d in lacking.doc_ids if d not in lacking.unrecorded]
    what = [_unknown_text(lacking) if lacking.unknown else _added_text(added) if added else "",
            "" if lacking.unknown or not lacking.unrecorded else _unrecorded_text(lacking.unrecorded, chat)]
    folder = "share the corpus folder" if chat else "point CORPUS_DIR at the corpus folder the replicas share"
    fixes = [f"{folder} (docs/deploy.md), or add them here again"] if lacking.unknown or added else []
    if lacking.unrecorded and not lacking.unknown:
        add = "/add-article" if chat else f"`{cli_command()} index add FILE_OR_URL`"
        fixes.append(f"restore {'those indexed before changes were recorded' if fixes else 'them'} by adding each "
                     f"again ({add}, from its file or the address shown)")
    return (f"{'. '.join(w for w in what if w)}. Start-up serves the index as it is rather than drop them: "
            f"{'; '.join(fixes)}; "
            f"to drop them deliberately, {rebuild} removes every article this folder lacks.")


def _unknown_text(lacking: Lacking) -> str:
    n = len(lacking.doc_ids)
    return (f"This replica's corpus folder lacks {n} article{'s' if n > 1 else ''} the index holds ({lacking.unknown}, "
            f"so it can't tell a moderator's add from a file deleted by hand): {', '.join(lacking.doc_ids)}")


def _added_text(added: list[str]) -> str:
    n = len(added)
    return (f"This replica's corpus folder lacks {n} article{'s' if n > 1 else ''} moderators added, which the index "
            f"holds: {', '.join(added)}")


def _unrecorded_text(unrecorded: dict[str, str | None], chat: bool) -> str:
    """The articles indexed before changes were recorded, each with the address the index knows it by: their
    files are gone with the folder they were in, so the way back is adding each again."""
    n = len(unrecorded)
    named = ", ".join(f"{d} ({url})" if url else d for d, url in unrecorded.items())
    shipped = "the shipped articles" if chat else "the shipped articles (CORPUS_SEED_DIR)"
    return (f"The index holds {n} article{'s' if n > 1 else ''} that neither this corpus folder nor {shipped} has "
            f"and no recorded change names, most likely added in an older image's own corpus folder before changes "
            f"were recorded, their files gone with it: {named}")
