"""Whether an index is current: what a build now would make differently from the live index (its format, the
model, the versions of what is derived from the text, the articles), read from the manifest and the corpus
alone, so a bot can ask at start-up and a build can return at once when nothing changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from index import store
from index.article_cache import ArticleCache
from index.chunking import ChunkSpec
from index.corpus_files import indexed_versions, load_corpus
from index.extractors import versions
from index.newer_release import newer_text, newer_versions
from index.onnx_export import DEFAULT_VARIANT
from index.vector_cache import read_manifest, settings_key

# Versions an index built before they were recorded was made with: such an index is not stale for them.
_UNRECORDED = {"sentences_version": 1}

def derived_key() -> dict[str, Any]:
    """Versions of what is derived from the text without the model: a change rebuilds without re-embedding."""
    return versions()


def _query_encoder_current(manifest: dict[str, Any]) -> bool:
    """The build exported the query encoder this version ships ("torch": the export failed; it is tried
    again when the articles next change, not on every start)."""
    return manifest.get("query_encoder") in (DEFAULT_VARIANT, "torch")


def stale_reasons(manifest: dict[str, Any], docs: dict[str, str], model: str, spec: ChunkSpec) -> list[str]:
    """Why an index with ``manifest`` differs from a build of articles ``docs`` (id -> hash) now."""
    reasons = []
    expected = settings_key(model, spec)
    if manifest.get("format") != expected["format"]:
        reasons.append(f"its format is {manifest.get('format')}, this release writes {expected['format']}")
    if any(manifest.get(k) != expected[k] for k in ("model", "chunking")):
        reasons.append("the model or chunking settings changed")
    newer = newer_versions(manifest)
    if newer:  # a build refuses it (``index.newer_release``): it is no older version to bring up to date
        reasons.append(f"it was built by a newer release ({newer_text(newer)})")
    elif any(manifest.get(k, _UNRECORDED.get(k)) != v for k, v in derived_key().items()) \
            or not _query_encoder_current(manifest):
        reasons.append("it was built by an older version")
    if docs != manifest.get("docs", {}):
        reasons.append("the articles changed")
    return reasons


def pending_changes(corpus_dir: Path, index_dir: Path, *, model: str, spec: ChunkSpec | None = None) -> list[str]:
    """Why the live index differs from what a build would make now (empty when it is current).

    Reads only the manifest and the corpus, so a bot can check at start-up, cheaply, whether articles were
    added while it was down or the code now builds differently.
    """
    live = store.live_dir(index_dir)
    manifest = read_manifest(live) if live is not None else None
    if manifest is None:
        return ["there is no readable index"]
    # An indexed article whose file can't be read is kept as indexed by a build, so it is no change here either.
    docs, _ = load_corpus(corpus_dir, ArticleCache(store.articles_dir(index_dir)).parse, indexed=indexed_versions(live))
    return stale_reasons(manifest, {d.doc_id: d.sha256 for d in docs}, model, spec or ChunkSpec())
