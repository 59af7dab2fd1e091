"""Building the index: load, analyse and embed what is new, assemble a new folder, swap it in.

What each article yields is kept per article (``index.articles``), so a build costs its new articles plus
assembling the index files; the query encoder is exported once per model (``index.encoder_cache``).
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index import build_failures, file_check, store
from index.article_cache import ArticleCache, part_key
from index.articles import ArticleState, analyse, attach_vectors, save_entries
from index.assemble import write_build
from index.build_report import BuildReport, Stages
from index.change_journal import recover
from index.change_titles import name_articles, previous_heads
from index.chunking import ChunkSpec
from index.corpus_files import SkippedFile, indexed_versions, load_corpus
from index.disk_full import disk_full
from index.documents import Document
from index.embedding import EncoderProvider
from index.encoder_cache import prepare_query_encoder
from index.foreign_files import foreign_files
from index.lock_check import LockCheck
from index.newer_release import refuse_newer
from index.onnx_export import DEFAULT_VARIANT
from index.staleness import derived_key, stale_reasons
from index.vector_cache import ProgressCallback, VectorCache, load_cache, read_manifest, settings_key

log = logging.getLogger(__name__)

# Why the live index at INDEX_DIR can't be loaded (the file and what is wrong with it), None when it loads: the
# loader's own check (``retrieval.loaded.load_problem``), passed in by the bot, since ``index`` sits below
# ``retrieval``. Asked only of an index the manifest calls current, before it is called up to date.
LiveCheck = Callable[[Path], str | None]
# Why a build was full, in the report (shown in chat too): the server's folders are the log's to name.
UNREADABLE = "the live index could not be read (the log says which file and why)"


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    *,
    model: str,
    encoder_provider: EncoderProvider,
    spec: ChunkSpec | None = None,
    full: bool = False,
    progress: ProgressCallback | None = None,
    live_check: LiveCheck | None = None,
    replace_newer: bool = False,
    still_held: LockCheck | None = None,
) -> BuildReport:
    """Build or update the index from ``corpus_dir``; the live index is replaced only on success.

    Raises ``store.BuildInProgress`` when another build holds the lock. An add or remove a killed process
    left half done is first finished or undone (``index.change_journal``), and the report's notes say which.
    ``still_held``: the caller's own lock around this one (the replicas'), asked just before publishing.
    """
    with store.build_lock(index_dir):
        recovered = recover(index_dir, corpus_dir)
        report = build_locked(corpus_dir, index_dir, model=model, encoder_provider=encoder_provider,
                              spec=spec, full=full, progress=progress, live_check=live_check,
                              replace_newer=replace_newer, still_held=still_held)
        report.notes[:0] = recovered
        return report


def _live_vectors(live: Path | None, old_docs: dict[str, str], model: str,
                  spec: ChunkSpec) -> Callable[[list[ArticleState]], VectorCache]:
    """The live index's vectors, read (once) only for articles it already held unchanged: those whose cache
    entry is missing, e.g. the first build after an upgrade."""
    loaded: list[VectorCache] = []

    def fallback(pending: list[ArticleState]) -> VectorCache:
        if not any(old_docs.get(s.doc.doc_id) == s.doc.sha256 for s in pending):
            return VectorCache()
        if not loaded:
            loaded.append(load_cache(live, model, spec)[0])
        return loaded[0]

    return fallback


_Loaded = tuple[ArticleCache, list[Document], list[SkippedFile], list[SkippedFile]]


def _load(corpus_dir: Path, index_dir: Path, full: bool) -> _Loaded:
    """The article cache (not read from in a ``full`` build), the corpus's articles, the files skipped and the
    notes on files loaded; ``CorpusError`` when there is no article, leaving the live index as it was."""
    cache = ArticleCache(store.articles_dir(index_dir), read=not full)
    notes: list[SkippedFile] = []
    docs, skipped = load_corpus(corpus_dir, cache.parse, notes, indexed_versions(store.live_dir(index_dir)))
    if not docs:
        why = "".join(f" Skipped {s.filename}: {s.reason}." for s in [*skipped, *foreign_files(corpus_dir)][:5])
        # With no index yet (a first build, or `sources` in a new install) "left as it was" told of one there is not.
        kept = ("The index was left as it was." if store.live_dir(index_dir) is not None
                else "There is no index yet: add an article first.")
        raise store.CorpusError(f"{corpus_dir} has no article to index (.txt or .md files).{why} {kept}",
                                f"The corpus folder has no article to index (.txt or .md files).{why} {kept}")
    return cache, docs, skipped, notes


def _settings_changed(old_manifest: dict[str, Any] | None, model: str, spec: ChunkSpec) -> str:
    """Why every article is embedded again though few changed: the live index was made with another model or
    chunking. An add after changing EMBEDDING_MODEL took 40 s instead of 2 and said only "added: koo". No
    model name: the report is shown in chat, and a model may be a folder on the server."""
    if old_manifest is None:
        return ""
    expected = settings_key(model, spec)
    if old_manifest.get("model") != expected["model"]:
        return "EMBEDDING_MODEL changed since the last build, so every article was embedded again"
    if old_manifest.get("chunking") != expected["chunking"]:
        return "the chunking settings changed since the last build, so every article was embedded again"
    return ""


def build_locked(
    corpus_dir: Path,
    index_dir: Path,
    *,
    model: str,
    encoder_provider: EncoderProvider,
    spec: ChunkSpec | None = None,
    full: bool = False,
    progress: ProgressCallback | None = None,
    live_check: LiveCheck | None = None,
    replace_newer: bool = False,
    still_held: LockCheck | None = None,
) -> BuildReport:
    """``build_index`` for a caller that already holds the build lock (to change the corpus and rebuild
    as one step). ``full`` recomputes and re-embeds everything, ignoring every cache.

    An index a newer release built (its format, or a version of what it derives from the text) is
    ``store.NewerFormat`` (left as it is) unless ``replace_newer`` (``index.newer_release``).
    With ``live_check``, an index the manifest calls current but that can't be loaded (a truncated
    ``faiss.index``) is rebuilt in full, the report saying why: it was "already up to date" while the bot
    could not load it. A failure is kept for ``index status`` until a build succeeds (``index.build_failures``).
    A lost lock (``still_held``, ``index.lock_check``) is such a failure: ``store.LockLost``, nothing published."""
    previous = previous_heads(index_dir)
    with build_failures.kept(index_dir):
        report = _build_locked(corpus_dir, index_dir, model=model, encoder_provider=encoder_provider, spec=spec,
                               full=full, progress=progress, live_check=live_check, replace_newer=replace_newer,
                               still_held=still_held)
    name_articles(report, previous, store.live_dir(index_dir))
    return report


def _build_locked(
    corpus_dir: Path,
    index_dir: Path,
    *,
    model: str,
    encoder_provider: EncoderProvider,
    spec: ChunkSpec | None,
    full: bool,
    progress: ProgressCallback | None,
    live_check: LiveCheck | None,
    replace_newer: bool,
    still_held: LockCheck | None,
) -> BuildReport:
    spec = spec or ChunkSpec()
    started = time.perf_counter()
    stages = Stages()
    store.require_corpus(corpus_dir.absolute(), "built")
    store.check_index_dir(index_dir)
    store.clear_debris(index_dir)
    live = store.live_dir(index_dir)
    old_manifest = read_manifest(live) if live is not None else None
    if not replace_newer:
        refuse_newer(index_dir, old_manifest)
    full_because = ""
    # A live file not as its build wrote it (a stat each): an update would reuse its vectors, or call it current.
    damage = file_check.damaged(live, old_manifest) if live is not None and old_manifest is not None else []
    if damage and not full:
        log.warning("the live index is damaged (%s %s): rebuilding it in full", damage[0].file, damage[0].problem)
        full_because = UNREADABLE
        full = True
    cache, docs, skipped, notes = _load(corpus_dir, index_dir, full)
    new_docs = {d.doc_id: d.sha256 for d in docs}
    stages.done("load")
    # Checked on the manifest before any vector is read: an unchanged corpus costs almost nothing.
    if not full and old_manifest is not None and not stale_reasons(old_manifest, new_docs, model, spec):
        problem = live_check(index_dir) if live_check is not None else None
        if problem is None:
            counts = old_manifest.get("counts", {})
            return BuildReport(
                docs=len(docs), chunks=counts.get("chunks", 0), sentences=counts.get("sentences", 0),
                embedded_chunks=0, reused_chunks=counts.get("chunks", 0), embedded_sentences=0,
                removed_docs=[], added_docs=[], changed_docs=[], events=counts.get("events", 0),
                seconds=time.perf_counter() - started, unchanged=True, skipped=skipped, notes=notes,
                not_read=foreign_files(corpus_dir),
                faiss_factory=old_manifest.get("faiss_factory", ""), stages=stages.seconds,
            )
        # The file and the loader's reason go to the operator's log, once; the report (shown in chat too)
        # says what happened without the server's folders.
        log.warning("the live index could not be read (%s): rebuilding it in full", problem)
        full_because = UNREADABLE
        full = True
        cache, docs, skipped, notes = _load(corpus_dir, index_dir, full)  # read again, past the article cache

    full_because = full_because or _settings_changed(old_manifest, model, spec)
    old_docs: dict[str, str] = (old_manifest or {}).get("docs", {})
    added = sorted(set(new_docs) - set(old_docs))
    removed = sorted(set(old_docs) - set(new_docs))
    changed = sorted(k for k in set(new_docs) & set(old_docs) if new_docs[k] != old_docs[k])

    states = analyse(docs, cache, spec, progress)
    stages.done("analyse")
    embedded = attach_vectors(states, cache, part_key(settings_key(model, spec)), encoder_provider,
                              _live_vectors(None if full else live, old_docs, model, spec), progress)
    stages.done("embed")
    tmp: Path | None = None
    try:
        save_entries(states, cache)
        stages.done("cache")
        if progress:
            progress("writing", 0, 1)
        tmp = store.new_build_folder(index_dir)
        written = write_build(tmp, states, stages.done, lambda: encoder_provider().dimension)
        # Questions are encoded by this ONNX export when present (no torch in the query process).
        query_encoder = prepare_query_encoder(model, tmp, store.encoders_dir(index_dir), DEFAULT_VARIANT,
                                              verify=full, previous=live)
        stages.done("query encoder")
        files = file_check.record(tmp)  # for ``index status`` and the loader to tell a damaged file by
        stages.done("checksums")
        seconds = time.perf_counter() - started
        manifest = {
            **settings_key(model, spec),
            "dimension": written["dimension"],
            "faiss_factory": written["faiss_factory"],
            "query_encoder": query_encoder,
            "docs": new_docs,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "build_seconds": round(seconds, 3),
            **derived_key(),
            "counts": written["counts"],
            file_check.FILES: files,
        }
        # The manifest is written last: a folder without one is never a complete build.
        store.write_json(tmp / store.MANIFEST, manifest)
        store.publish(index_dir, tmp, still_held)
        stages.done("publish")
    except BaseException as exc:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        if disk_full(exc) is not None:  # the cache entries it added held space it needed: given back
            cache.discard_written()
        raise
    cache.prune({s.key for s in states})
    stages.done("prune")
    counts = written["counts"]
    return BuildReport(
        docs=len(docs), chunks=counts["chunks"], sentences=counts["sentences"],
        embedded_chunks=embedded.chunks, reused_chunks=counts["chunks"] - embedded.chunks,
        embedded_sentences=embedded.sentences, embedded_figures=embedded.figures, removed_docs=removed,
        added_docs=added, changed_docs=changed, events=counts["events"], seconds=time.perf_counter() - started,
        unchanged=False, skipped=skipped, notes=notes, faiss_factory=written["faiss_factory"], stages=stages.seconds,
        full_because=full_because, not_read=foreign_files(corpus_dir),
    )
