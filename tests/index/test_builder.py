from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index import build_folders, extractors, store
from index.builder import build_index
from index.chunking import ChunkSpec
from index.embedding import DEFAULT_MODEL, Encoder
from index.manage import Upload, add_articles, index_status, remove_article
from retrieval.loaded import IndexLoadError, load_index, load_problem
from tests.index.conftest import CountingEncoder, FailingEncoder
from tests.index.test_build_debris import dead_pid

NEW_ARTICLE = """---
title: Twitter appoints grievance officer
date: 2021-05-29
url: https://example.org/grievance
---
Twitter named an interim resident grievance officer for India. The appointment followed the new IT Rules that
took effect in May 2021. The ministry had warned that the platform could lose its legal shield.
"""


def _build(corpus: Path, index_dir: Path, enc: Encoder, **kw: object) -> dict[str, object]:
    report = build_index(corpus, index_dir, model=kw.pop("model", DEFAULT_MODEL),  # type: ignore[arg-type]
                         encoder_provider=lambda: enc, **kw)  # type: ignore[arg-type]
    return report.to_dict()


def test_first_build_embeds_everything_and_writes_a_complete_index(
    corpus_copy: Path, tmp_path: Path, encoder: Encoder
) -> None:
    enc = CountingEncoder(encoder)
    report = _build(corpus_copy, tmp_path / "index", enc)
    assert report["docs"] == 4 and report["chunks"] == report["embedded_chunks"] > 0
    assert report["reused_chunks"] == 0 and report["removed_docs"] == 0
    assert {"docs", "chunks", "embedded_chunks", "reused_chunks", "removed_docs", "seconds"} <= set(report)
    live = store.live_dir(tmp_path / "index")
    assert live is not None
    manifest = json.loads((live / store.MANIFEST).read_text())
    assert manifest["model"] == DEFAULT_MODEL and manifest["dimension"] == 384
    assert manifest["faiss_factory"] and manifest["built_at"] and len(manifest["docs"]) == 4
    assert not list(live.rglob("*.pkl")) and not list(live.rglob("*.pickle"))
    index = load_index(tmp_path / "index")
    for chunk in index.chunks:
        doc = index.docs[index.doc_index[chunk["doc_id"]]]
        assert doc.text[chunk["start"]:chunk["end"]] == chunk["text"]


def test_adding_one_article_embeds_only_its_text(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus_copy, index_dir = built_copy
    first = index_status(index_dir)
    enc = CountingEncoder(encoder)
    outcome = add_articles([Upload("grievance.md", NEW_ARTICLE.encode())], corpus_copy, index_dir,
                           model=DEFAULT_MODEL, encoder_provider=lambda: enc, max_bytes=100_000)
    assert outcome.report is not None
    report = outcome.report.to_dict()
    assert report["docs"] == 5 and report["added_doc_ids"] == ["grievance"]
    assert report["reused_chunks"] == first["chunks"]
    assert report["embedded_chunks"] == report["chunks"] - first["chunks"] >= 1
    # Only the new article's chunks and sentences went through the model.
    assert enc.encoded == report["embedded_chunks"] + report["embedded_sentences"]
    assert report["embedded_sentences"] <= 4
    assert (corpus_copy / "grievance.md").read_text() == NEW_ARTICLE
    assert index_status(index_dir)["docs"] == 5


def test_an_upload_with_the_other_extension_is_a_new_version_of_the_same_article(
    built_copy: tuple[Path, Path], encoder: Encoder
) -> None:
    """Left beside ``grievance.txt``, ``grievance.md`` would make the next build skip one of them. (The older
    draft is of the same article, its title kept: another article under the name is refused, test_manage.)"""
    corpus_copy, index_dir = built_copy
    (corpus_copy / "grievance.txt").write_text("Twitter appoints grievance officer\n\nAn older draft of the article, "
                                               "with a different first paragraph.\n")
    outcome = add_articles([Upload("grievance.md", NEW_ARTICLE.encode())], corpus_copy, index_dir,
                           model=DEFAULT_MODEL, encoder_provider=lambda: encoder, max_bytes=100_000)
    assert outcome.report is not None and outcome.report.to_dict()["skipped"] == []
    assert not (corpus_copy / "grievance.txt").exists() and (corpus_copy / "grievance.md").read_text() == NEW_ARTICLE
    index = load_index(index_dir)
    [doc] = [d for d in index.docs if d.doc_id == "grievance"]
    assert doc.title == "Twitter appoints grievance officer"


def test_unchanged_corpus_is_not_rebuilt_and_full_rebuild_re_embeds(
    built_copy: tuple[Path, Path], encoder: Encoder
) -> None:
    corpus_copy, index_dir = built_copy
    first = index_status(index_dir)
    folder = store.live_dir(index_dir)
    enc = CountingEncoder(encoder)
    again = _build(corpus_copy, index_dir, enc)
    assert again["unchanged"] and enc.encoded == 0 and store.live_dir(index_dir) == folder
    full = _build(corpus_copy, index_dir, enc, full=True)
    assert full["embedded_chunks"] == first["chunks"] and store.live_dir(index_dir) != folder
    assert full["added_doc_ids"] == full["changed_doc_ids"] == full["removed_doc_ids"] == []  # nothing changed


@pytest.mark.parametrize("rule", ["terms", "events", "figures"])
def test_new_text_rules_rebuild_without_re_embedding(
    built_copy: tuple[Path, Path], encoder: Encoder, monkeypatch: pytest.MonkeyPatch, rule: str
) -> None:
    corpus_copy, index_dir = built_copy
    folder = store.live_dir(index_dir)
    monkeypatch.setitem(extractors.EXTRACTORS, rule, extractors.with_version(rule, 999))
    enc = CountingEncoder(encoder)
    report = _build(corpus_copy, index_dir, enc)
    assert not report["unchanged"] and enc.encoded == 0 and report["embedded_chunks"] == 0
    assert store.live_dir(index_dir) != folder
    assert _build(corpus_copy, index_dir, enc)["unchanged"]


def test_removing_an_article(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus_copy, index_dir = built_copy
    doc_id = sorted(p.stem for p in corpus_copy.iterdir())[1]
    enc = CountingEncoder(encoder)
    report = remove_article(doc_id, corpus_copy, index_dir, model=DEFAULT_MODEL,
                            encoder_provider=lambda: enc).to_dict()
    assert report["removed_docs"] == 1 and report["removed_doc_ids"] == [doc_id]
    assert report["docs"] == 3 and report["embedded_chunks"] == 0 and enc.encoded == 0
    assert doc_id not in load_index(index_dir).doc_index
    with pytest.raises(KeyError):
        remove_article("no-such-doc", corpus_copy, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: enc)


@pytest.mark.parametrize("change", ["model", "chunking"])
def test_changing_model_or_chunking_re_embeds_everything(
    built_copy: tuple[Path, Path], encoder: Encoder, change: str
) -> None:
    corpus_copy, index_dir = built_copy
    first = index_status(index_dir)
    enc = CountingEncoder(encoder)
    kwargs: dict[str, object] = (
        {"model": "another-model"} if change == "model" else {"spec": ChunkSpec(max_chars=300)}
    )
    report = _build(corpus_copy, index_dir, enc, **kwargs)
    assert report["reused_chunks"] == 0 and report["embedded_chunks"] == report["chunks"]
    assert change != "model" or report["chunks"] == first["chunks"]
    # Said, without the model's name (a folder on the server, shown in chat): an add after changing the model
    # took 40 s instead of 2 and said only what it added.
    assert report["full_because"] == (f"{'EMBEDDING_MODEL' if change == 'model' else 'the chunking settings'} "
                                      "changed since the last build, so every article was embedded again")
    assert _build(corpus_copy, index_dir, enc, **kwargs)["full_because"] == "", "said once, by the build that did it"
    assert json.loads((store.live_dir(index_dir) / store.MANIFEST).read_text())[  # type: ignore[operator]
        "model" if change == "model" else "chunking"] == kwargs.get("model", ChunkSpec(max_chars=300).to_dict())


def test_failed_build_keeps_the_previous_index_and_leaves_no_debris(
    built_copy: tuple[Path, Path], encoder: Encoder
) -> None:
    corpus_copy, index_dir = built_copy
    before = store.live_dir(index_dir)
    (corpus_copy / "new.md").write_text(NEW_ARTICLE * 3, encoding="utf-8")
    with pytest.raises(RuntimeError, match="encoder crashed"):
        _build(corpus_copy, index_dir, FailingEncoder(encoder, after=0))
    assert store.live_dir(index_dir) == before
    assert "new" not in load_index(index_dir).doc_index
    assert not list(store.builds_dir(index_dir).glob(".tmp-*"))


def test_one_build_at_a_time(corpus_copy: Path, tmp_path: Path, encoder: Encoder) -> None:
    index_dir = tmp_path / "index"
    with store.build_lock(index_dir):
        assert store.is_build_running(index_dir)
        with pytest.raises(store.BuildInProgress):
            _build(corpus_copy, index_dir, CountingEncoder(encoder))
    assert not store.is_build_running(index_dir)


def test_an_unchanged_build_still_clears_a_dead_builds_folder(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """A build killed while writing leaves ``.tmp-*``; the next build found nothing changed and returned
    before clearing it, so it stayed until the corpus next changed (the README says the next build clears it)."""
    corpus, index_dir = built_copy
    debris = store.builds_dir(index_dir) / build_folders.folder_name(pid=dead_pid())  # its process gone
    debris.mkdir()
    (debris / "chunks.jsonl").write_text("half", encoding="utf-8")
    assert _build(corpus, index_dir, CountingEncoder(encoder))["unchanged"]
    assert not debris.exists()


def test_a_status_check_never_makes_a_build_fail_as_already_running(tmp_path: Path) -> None:
    """``is_build_running`` (index status, /status, every metrics scrape) held the build lock for a moment:
    a build starting in that moment was refused. Checked from another thread at full speed."""
    import threading

    index_dir = tmp_path / "index"
    with store.build_lock(index_dir):
        pass
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            store.is_build_running(index_dir)

    pollers = [threading.Thread(target=poll) for _ in range(2)]
    for t in pollers:
        t.start()
    refused = 0
    try:
        for _ in range(300):
            try:
                with store.build_lock(index_dir):
                    pass
            except store.BuildInProgress:
                refused += 1
    finally:
        stop.set()
        for t in pollers:
            t.join()
    assert refused == 0


def test_upload_checks(corpus_copy: Path, tmp_path: Path, encoder: Encoder) -> None:
    enc = CountingEncoder(encoder)
    uploads = [
        Upload("report.docx", b"PK\x03\x04"), Upload("latin1.txt", "caf\xe9".encode("latin-1")),
        Upload("empty.md", b"  \n"), Upload("huge.txt", b"a" * 2000),
        Upload("../../etc/evil.txt", b"Fine text, long enough to quote."),
    ]
    outcome = add_articles(uploads, corpus_copy, tmp_path / "index", model=DEFAULT_MODEL,
                           encoder_provider=lambda: enc, max_bytes=1000)
    reasons = {r["file"]: r["reason"] for r in outcome.rejected}
    assert set(reasons) == {"report.docx", "latin1.txt", "empty.md", "huge.txt"}
    assert "only .txt, .md, PDF (.pdf) and saved web pages" in reasons["report.docx"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "empty" in reasons["empty.md"] and "limit" in reasons["huge.txt"]
    assert outcome.stored == ["evil.txt"] and (corpus_copy / "evil.txt").exists()  # no path escapes
    assert not (tmp_path / "etc").exists()


def test_a_plain_index_folder_is_replaced_by_the_first_atomic_build(
    built_copy: tuple[Path, Path], encoder: Encoder
) -> None:
    corpus_copy, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    index_dir.unlink()
    shutil.copytree(live, index_dir)  # e.g. an index copied by hand from another machine
    (corpus_copy / "new.md").write_text(NEW_ARTICLE, encoding="utf-8")
    report = _build(corpus_copy, index_dir, CountingEncoder(encoder))
    assert report["docs"] == 5 and index_dir.is_symlink() and report["reused_chunks"] > 0


@pytest.mark.parametrize("damage", ["truncated faiss.index", "bm25 missing"])
def test_an_index_that_cannot_be_loaded_is_rebuilt_in_full_not_called_up_to_date(
    built_copy: tuple[Path, Path], encoder: Encoder, damage: str
) -> None:
    """The manifest alone said "already up to date" while the bot could not load the index."""
    corpus_copy, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    if damage == "bm25 missing":
        shutil.rmtree(live / store.BM25)
    else:
        with (live / store.FAISS).open("r+b") as fh:
            fh.truncate(100)
    enc = CountingEncoder(encoder)
    report = _build(corpus_copy, index_dir, enc, live_check=load_problem)
    assert not report["unchanged"] and enc.encoded > 0 and "could not be read" in str(report["full_because"])
    assert store.live_dir(index_dir) != live and load_problem(index_dir) is None
    assert _build(corpus_copy, index_dir, enc, live_check=load_problem)["unchanged"]


def test_a_failed_rebuild_of_a_damaged_index_leaves_the_live_one_and_no_debris(
    built_copy: tuple[Path, Path], encoder: Encoder
) -> None:
    corpus_copy, index_dir = built_copy
    live = store.live_dir(index_dir)
    (index_dir / store.FAISS).write_bytes(b"garbage")  # through the link, into the live folder
    with pytest.raises(RuntimeError, match="encoder crashed"):
        _build(corpus_copy, index_dir, FailingEncoder(encoder, after=0), live_check=load_problem)
    assert store.live_dir(index_dir) == live and not list(store.builds_dir(index_dir).glob(".tmp-*"))


def _set_format(index_dir: Path, value: object) -> Path:
    live = store.live_dir(index_dir)
    assert live is not None
    manifest = json.loads((live / store.MANIFEST).read_text())
    (live / store.MANIFEST).write_text(json.dumps({**manifest, "format": value}))
    return live


def test_an_index_in_a_newer_format_is_left_alone_unless_replacing_it_is_asked(
    built_copy: tuple[Path, Path], encoder: Encoder
) -> None:
    """A replica of the previous release rebuilt the newer release's index in its own format, under the replicas
    already upgraded (a rolling deploy)."""
    corpus_copy, index_dir = built_copy
    live = _set_format(index_dir, store.FORMAT_VERSION + 1)
    (corpus_copy / "new.md").write_text(NEW_ARTICLE, encoding="utf-8")
    for kw in ({}, {"full": True}):
        with pytest.raises(store.NewerFormat, match=f"format {store.FORMAT_VERSION + 1}.*Upgrade this replica"):
            _build(corpus_copy, index_dir, encoder, **kw)
    with pytest.raises(store.NewerFormat):
        add_articles([Upload("koo.md", b"Koo passed three million downloads as ministers joined the app.\n")],
                     corpus_copy, index_dir, model=DEFAULT_MODEL,
                     encoder_provider=lambda: encoder, max_bytes=100_000)
    assert store.live_dir(index_dir) == live and not (corpus_copy / "koo.md").exists()
    with pytest.raises(IndexLoadError, match=r"written by a newer release.*Upgrade this replica") as caught:
        load_index(index_dir)
    assert "index build" not in str(caught.value)
    report = _build(corpus_copy, index_dir, encoder, full=True, replace_newer=True)
    assert report["added_doc_ids"] == ["new"] and index_status(index_dir)["format"] == store.FORMAT_VERSION


def test_an_index_in_an_older_format_is_rebuilt_as_before(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus_copy, index_dir = built_copy
    live = _set_format(index_dir, store.FORMAT_VERSION - 1)
    assert not _build(corpus_copy, index_dir, encoder)["unchanged"]
    assert store.live_dir(index_dir) != live and index_status(index_dir)["format"] == store.FORMAT_VERSION


def test_a_file_with_a_date_that_is_no_day_is_named_in_the_build_report(
    built_copy: tuple[Path, Path], encoder: Encoder
) -> None:
    """Put in the corpus by hand, a file dated "2021-02-30" was built undated with only "cannot read the date" in
    the log: ``index build`` and /reindex now say which file and why (once, also when nothing else changed), and
    the build goes on."""
    corpus, index_dir = built_copy
    (corpus / "hand-placed.md").write_text("---\ndate: 2021-02-30\n---\n" + NEW_ARTICLE.split("---\n", 2)[2])
    for _ in range(2):  # the build that adds it, then one with nothing to do
        report = _build(corpus, index_dir, encoder)
        assert report["notes"] == [{"file": "hand-placed.md", "note": (
            "the date '2021-02-30' does not exist (February 2021 has 28 days): check the day and month, and write it "
            "as YYYY-MM-DD; it is indexed undated until then")}]
    index = load_index(index_dir)
    assert report["unchanged"] and index.docs[index.doc_index["hand-placed"]].date is None
