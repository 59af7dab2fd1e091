"""Whether the live index was built by a newer release than this one: its format, or a version of what is derived
from the text (``index.extractors.versions``) higher than this release's.

In a rolling deploy the replicas not yet upgraded share the index the upgraded ones built. Derived versions were
compared for equality alone, so an older replica called that index "built by an older version" and rebuilt it
at start-up, in its own older form, which the upgraded replicas then loaded and served. Such an index is left
as it is, like one in a newer format (``store.NewerFormat``): only ``index build --full`` replaces it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from index import store
from index.extractors import versions
from index.vector_cache import read_manifest


def newer_versions(manifest: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Each derived version in ``manifest`` higher than this release's: name -> the index's and this release's.
    A version this release does not know is left out (it can't be told from one an older release retired)."""
    found = {name: manifest.get(name) for name in versions()}
    return {name: {"index": value, "release": ours} for name, ours in versions().items()
            if isinstance(value := found[name], int) and not isinstance(value, bool) and value > ours}


def newer_text(newer: dict[str, dict[str, int]]) -> str:
    """"events_version 44 where this release's is 43", for every newer version."""
    return ", ".join(f"{name} {v['index']} where this release's is {v['release']}" for name, v in newer.items())


class NewerRelease(store.NewerFormat):
    """The live index's format is this release's, but what it derives from the text is a newer release's."""

    def __init__(self, index_dir: Path, newer: dict[str, dict[str, int]]) -> None:
        store.CorpusError.__init__(
            self,
            f"The index at {index_dir} was built by a newer release of dispute-bot ({newer_text(newer)}), so it was "
            "left as it was. Upgrade this replica (to replace the index with this release's build anyway, after "
            "rolling back: dispute-bot index build --full).",
            "The index was built by a newer release of the bot than this one runs, so it was left as it was; "
            "whoever runs the bot needs to upgrade it.")


def refuse_newer(index_dir: Path, manifest: dict[str, Any] | None) -> None:
    """Raise ``store.NewerFormat`` (or its ``NewerRelease``) when ``manifest`` is a newer release's."""
    if manifest is None:
        return
    if store.newer_format(manifest.get("format")):
        raise store.NewerFormat(index_dir, manifest.get("format"))
    newer = newer_versions(manifest)
    if newer:
        raise NewerRelease(index_dir, newer)


def live_newer(index_dir: Path) -> NewerRelease | None:
    """The refusal a build would meet on the live index for its derived versions alone (format aside: the loader
    refuses a newer format itself); None when there is none, or no readable manifest."""
    live = store.live_dir(index_dir)
    manifest = read_manifest(live) if live is not None else None
    newer = newer_versions(manifest) if manifest is not None else {}
    return NewerRelease(index_dir, newer) if newer else None
