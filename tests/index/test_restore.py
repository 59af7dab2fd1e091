"""``index.restore``: a removed article comes back from its kept copy, as it was; a restore is refused when an
article of that id is live or nothing is kept. And every change's report names each article's title and date
(``index.change_titles``): an add's reply named ids alone. Each test fails before."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import store
from index.corpus_files import article_paths
from index.embedding import DEFAULT_MODEL, Encoder
from index.manage import Upload, add_articles, remove_article
from index.restore import ArticleLive, NothingKept, restore_article


def _remove(doc_id: str, corpus: Path, index_dir: Path, encoder: Encoder) -> None:
    remove_article(doc_id, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)


def _restore(given: str, corpus: Path, index_dir: Path, encoder: Encoder):  # type: ignore[no-untyped-def]
    return restore_article(given, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)


def _indexed(index_dir: Path) -> dict[str, dict[str, object]]:
    return {str(d["doc_id"]): d for d in store.read_jsonl((store.live_dir(index_dir) or index_dir) / store.DOCS)}


def test_a_removed_article_is_restored_as_it_was(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    path = article_paths(corpus)[1]
    text, before = path.read_bytes(), _indexed(index_dir)[path.stem]
    _remove(path.stem, corpus, index_dir, encoder)
    assert path.stem not in _indexed(index_dir)
    report, copy = _restore(path.name, corpus, index_dir, encoder)  # by its file name too
    assert (report.added_docs, copy.doc_id) == ([path.stem], path.stem)
    assert path.read_bytes() == text and _indexed(index_dir)[path.stem]["title"] == before["title"]
    assert report.articles[path.stem]["title"] == before["title"]
    with pytest.raises(ArticleLive):  # live again: restoring once more would overwrite it
        _restore(path.stem, corpus, index_dir, encoder)


def test_a_live_article_is_not_overwritten(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    path = article_paths(corpus)[0]
    old = path.read_bytes()
    add_articles([Upload(path.name, old + b"\nCorrection: the meeting was on the next day.\n")], corpus, index_dir,
                 model=DEFAULT_MODEL, encoder_provider=lambda: encoder, max_bytes=100_000)
    new = path.read_bytes()
    with pytest.raises(ArticleLive) as refused:  # its replaced version is kept, but the article is live
        _restore(path.stem, corpus, index_dir, encoder)
    assert refused.value.doc_id == path.stem and path.read_bytes() == new


def test_nothing_kept_is_refused_with_what_can_be_restored(built_copy: tuple[Path, Path],
                                                           encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    path = article_paths(corpus)[2]
    title = str(_indexed(index_dir)[path.stem]["title"])
    _remove(path.stem, corpus, index_dir, encoder)
    with pytest.raises(NothingKept) as refused:
        _restore(path.stem[:-2], corpus, index_dir, encoder)
    assert refused.value.close == [path.stem] and title[:20] in refused.value.did_you_mean()
    with pytest.raises(NothingKept) as by_title:  # words of its title name it too
        _restore(" ".join(title.split()[:3]), corpus, index_dir, encoder)
    assert by_title.value.close == [path.stem]


def test_an_add_and_a_removal_report_titles_and_dates(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    upload = Upload("ferry.md", b"---\ntitle: Ferry timetable changes\ndate: 2021-02-12\n---\n"
                                b"The ferry company said its boats would run later on weekdays from March.\n")
    outcome = add_articles([upload], corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder,
                           max_bytes=100_000)
    assert outcome.report is not None
    assert outcome.change()["articles"]["ferry"] == {"title": "Ferry timetable changes", "date": "2021-02-12",
                                                     "date_estimated": False}
    report = remove_article("ferry", corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    assert report.to_dict()["articles"]["ferry"]["title"] == "Ferry timetable changes"
