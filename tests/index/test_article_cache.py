"""Per-article results are reused by content: an add analyses and embeds only the new article, and the
index it assembles is the one a full build makes."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index import article_cache, articles, extractors, file_check, store
from index.builder import build_index
from index.chunking import split_sentences
from index.corpus_files import load_corpus
from index.date_estimate import estimate_dates
from index.embedding import DEFAULT_MODEL, Encoder
from index.events import extract_events
from tests.index.conftest import CountingEncoder

UNDATED = """Officials met the company again on March 3. The talks ended without an agreement, and a second
meeting was set for the following week.

The platform said it had restored 12 accounts after the meeting.
"""
MARCH = ["2021-03-03", "2021-03-08/2021-03-14"]  # the undated article's March 3 and the week after it
DATED_LATER = """---
title: A later report
date: 2021-09-14
---
The ministry published new rules on 10 September. The company said on Monday that it would comply.
"""


def _build(corpus: Path, index_dir: Path, enc: Encoder, **kw: bool) -> dict[str, object]:
    return build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: enc, **kw).to_dict()


def _live(index_dir: Path) -> Path:
    live = store.live_dir(index_dir)
    assert live is not None
    return live


def _same_index(a: Path, b: Path) -> None:
    """Two builds hold the same index: same files, vectors equal within float error."""
    la, lb = _live(a), _live(b)
    for name in (store.DOCS, store.CHUNKS, store.EVENTS, store.ALIASES):
        assert (la / name).read_text() == (lb / name).read_text(), name
    for name in (store.SENTENCES, store.FIGURES):
        assert np.array_equal(np.load(la / name), np.load(lb / name)), name
    for name in (store.CHUNK_VECTORS, store.SENTENCE_VECTORS, store.FIGURE_VECTORS):
        va, vb = np.load(la / name), np.load(lb / name)
        assert va.shape == vb.shape and np.allclose(va, vb, atol=1e-5), name
    assert json.loads((la / store.TERMS).read_text()) == json.loads((lb / store.TERMS).read_text())
    ma, mb = (json.loads((x / store.MANIFEST).read_text()) for x in (la, lb))
    skip = {"built_at", "build_seconds", file_check.FILES}  # checksums of vectors equal only within float error
    assert {k: v for k, v in ma.items() if k not in skip} == {k: v for k, v in mb.items() if k not in skip}


def _full_copy(corpus: Path, index_dir: Path, tmp_path: Path, enc: Encoder) -> Path:
    """A from-scratch full build of the same corpus (sharing only the model's exports)."""
    other = tmp_path / "full" / "index"
    other.parent.mkdir()
    shutil.copytree(store.encoders_dir(index_dir), store.encoders_dir(other), copy_function=os.link)
    _build(corpus, other, enc, full=True)
    return other


def _undated_events(corpus: Path, index_dir: Path) -> list[str]:
    """The undated article's event dates, after checking that the index holds exactly the events of one
    pass over the whole corpus (each article's were extracted on its own, or taken from the cache)."""
    docs, _ = load_corpus(corpus)
    sentences = {d.doc_id: split_sentences(d.text) for d in docs}
    whole = extract_events(estimate_dates(docs, sentences), sentences)
    assert store.read_jsonl(_live(index_dir) / store.EVENTS) == json.loads(json.dumps(whole))
    return [e["date"] for e in whole if e["doc_id"] == "undated"]


def test_incremental_builds_assemble_what_a_full_build_makes(
    built_copy: tuple[Path, Path], tmp_path: Path, encoder: Encoder
) -> None:
    corpus, index_dir = built_copy
    (corpus / "undated.txt").write_text(UNDATED, encoding="utf-8")
    _build(corpus, index_dir, encoder)
    # "March 3" takes its year from the period the dated articles cover: February 2021 give it 2021 (and the
    # meeting "set for the following week" is the week after it, ``index.relative_days``) ...
    assert _undated_events(corpus, index_dir) == MARCH
    # ... an article from February 2020 puts one March as near a dated article as the other, but the undated
    # article shares more of its words with the seed's of 2021 (``index.kin_dates``): still 2021's.
    (corpus / "earlier.md").write_text(DATED_LATER.replace("2021-09-14", "2020-02-10"), encoding="utf-8")
    _build(corpus, index_dir, encoder)
    assert _undated_events(corpus, index_dir) == MARCH
    (corpus / "earlier.md").unlink()
    (corpus / "later.md").write_text(DATED_LATER, encoding="utf-8")
    (corpus / sorted(p.name for p in corpus.iterdir())[1]).unlink()  # an undated seed article
    _build(corpus, index_dir, encoder)
    assert _undated_events(corpus, index_dir) == MARCH
    _same_index(index_dir, _full_copy(corpus, index_dir, tmp_path, encoder))


def test_an_add_analyses_and_embeds_only_the_new_article(
    built_copy: tuple[Path, Path], encoder: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built_copy
    (corpus / "undated.txt").write_text(UNDATED, encoding="utf-8")
    _build(corpus, index_dir, encoder)  # the copied index had no entries yet: this one writes them
    parsed: list[str] = []
    split: list[int] = []
    real_parse, real_split = article_cache.parse_article, articles.split_sentences
    monkeypatch.setattr(article_cache, "parse_article", lambda raw, d, f: parsed.append(d) or real_parse(raw, d, f))
    monkeypatch.setattr(articles, "split_sentences", lambda text: split.append(1) or real_split(text))
    enc = CountingEncoder(encoder)
    (corpus / "later.md").write_text(DATED_LATER, encoding="utf-8")
    report = _build(corpus, index_dir, enc)
    assert report["added_doc_ids"] == ["later"] and parsed == ["later"] and len(split) == 1
    assert enc.encoded == report["embedded_chunks"] + report["embedded_sentences"]
    assert report["embedded_sentences"] == 2 and report["reused_chunks"] == report["chunks"] - 1
    # Removing it costs no analysis and no encoding at all.
    (corpus / "later.md").unlink()
    enc.encoded = 0
    report = _build(corpus, index_dir, enc)
    assert report["removed_doc_ids"] == ["later"] and enc.encoded == 0 and len(split) == 1


def test_damaged_entries_are_recomputed_and_a_full_build_ignores_them(
    built_copy: tuple[Path, Path], tmp_path: Path, encoder: Encoder, caplog: pytest.LogCaptureFixture
) -> None:
    corpus, index_dir = built_copy
    (corpus / "undated.txt").write_text(UNDATED, encoding="utf-8")
    _build(corpus, index_dir, encoder)
    root = store.articles_dir(index_dir)
    entries, vectors = sorted(root.rglob("*.json")), sorted(root.rglob("*.f32"))
    assert len(entries) == len(vectors) == 5
    entries[0].write_text('{"doc": ', encoding="utf-8")
    vectors[1].write_bytes(vectors[1].read_bytes()[:-4])  # cut short
    (corpus / "later.md").write_text(DATED_LATER, encoding="utf-8")
    enc = CountingEncoder(encoder)
    _build(corpus, index_dir, enc)
    assert "damaged cache entry" in caplog.text
    _same_index(index_dir, _full_copy(corpus, index_dir, tmp_path, encoder))
    assert len(list(root.rglob("*.json"))) == len(list(root.rglob("*.f32"))) == 6  # repaired, nothing stray


def test_a_new_per_article_extractor_is_a_few_lines(
    built_copy: tuple[Path, Path], encoder: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What another kind of per-article result (aliases, say) takes: register it; its results are cached
    with the others, the manifest records its version, and a new version rebuilds without re-embedding."""
    corpus, index_dir = built_copy
    runs: list[str] = []

    def long_words(article: extractors.Article) -> dict[str, int]:
        runs.append(article.doc.doc_id)
        return {w: 1 for w in article.doc.text.split() if len(w) > 14}

    monkeypatch.setitem(extractors.EXTRACTORS, "long_words", extractors.Extractor("long_words", 1, long_words))
    enc = CountingEncoder(encoder)
    first = _build(corpus, index_dir, enc)
    assert not first["unchanged"] and len(runs) == 4 and enc.encoded == 0  # an older build lacked it
    assert json.loads((_live(index_dir) / store.MANIFEST).read_text())["long_words_version"] == 1
    (corpus / "undated.txt").write_text(UNDATED, encoding="utf-8")
    _build(corpus, index_dir, enc)
    assert runs[4:] == ["undated"]  # the others came from the cache
    monkeypatch.setitem(extractors.EXTRACTORS, "long_words", extractors.Extractor("long_words", 2, long_words))
    enc.encoded = 0
    report = _build(corpus, index_dir, enc)
    assert not report["unchanged"] and len(runs) == 10 and enc.encoded == 0
    assert _build(corpus, index_dir, enc)["unchanged"]


def test_estimated_dates_are_read_from_the_cache_until_the_dated_period_changes(
    built_copy: tuple[Path, Path], encoder: Encoder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    corpus, index_dir = built_copy
    (corpus / "undated.txt").write_text(UNDATED, encoding="utf-8")
    _build(corpus, index_dir, encoder)
    read: list[str] = []
    real = articles.article_candidates
    monkeypatch.setattr(articles, "article_candidates", lambda doc, spans, period: read.append(doc.doc_id)
                        or real(doc, spans, period))
    # A dated article inside the period: no undated article is read again, and its estimate stands.
    (corpus / "inside.md").write_text(DATED_LATER.replace("2021-09-14", "2021-02-10"), encoding="utf-8")
    _build(corpus, index_dir, encoder)
    assert read == []
    docs = {d["doc_id"]: d for d in store.read_jsonl(_live(index_dir) / store.DOCS)}
    assert docs["undated"]["date"] == "2021-03-03" and docs["undated"]["date_estimated"]
    # One that stretches the period (in the same group of dated articles): the undated articles' days are
    # resolved again against it.
    (corpus / "later.md").write_text(DATED_LATER.replace("2021-09-14", "2021-06-14"), encoding="utf-8")
    _build(corpus, index_dir, encoder)
    assert "undated" in read
    _same_index(index_dir, _full_copy(corpus, index_dir, tmp_path, encoder))


MARKED_UP = """---
title: Koo gains users
date: 2021-02-13
---
# Koo gains users

Koo said **it had passed** three million users after [ministers joined](https://example.org/k) it.

- The *company* said it had added servers.
"""


def test_an_index_built_before_markdown_was_read_is_built_again_with_its_sentences(
    built_copy: tuple[Path, Path], tmp_path: Path, encoder: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A .md article's text lost its markup in a new parse version, with its file unchanged: the build said the
    index was up to date, and its cached sentence spans were kept for a text they no longer fit."""
    corpus, index_dir = built_copy
    (corpus / "koo.md").write_text(MARKED_UP, encoding="utf-8")
    real_parse = article_cache.parse_article
    with monkeypatch.context() as older:  # the version before: a .md body read as it is written
        for module in (article_cache, articles, extractors):
            older.setattr(module, "PARSE_VERSION", article_cache.PARSE_VERSION - 1)
        older.setattr(article_cache, "parse_article",
                      lambda raw, d, f: replace(real_parse(raw, d, f.replace(".md", ".txt")), filename=f))
        _build(corpus, index_dir, encoder, full=True, replace_newer=True)  # the older release's own index
    docs = {d["doc_id"]: d for d in store.read_jsonl(_live(index_dir) / store.DOCS)}
    assert "**" in docs["koo"]["text"]
    assert not _build(corpus, index_dir, encoder)["unchanged"]
    docs = {d["doc_id"]: d for d in store.read_jsonl(_live(index_dir) / store.DOCS)}
    assert "**" not in docs["koo"]["text"] and "](" not in docs["koo"]["text"]
    _same_index(index_dir, _full_copy(corpus, index_dir, tmp_path, encoder))
