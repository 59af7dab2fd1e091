"""A fetched page already in the corpus: the same address however it is written, near-duplicate text, and
forcing a page again; a page's file is named by its address."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.documents import Document
from index.duplicates import DuplicateFinder, normalise_url, resemblance, shingles
from index.embedding import DEFAULT_MODEL, EncoderProvider
from index.manage import add_articles
from index.web_article import WebArticle, extract_article
from retrieval.loaded import load_index
from tests.index.test_web_article import BODY, fetched, page
from tests.news_site import NewsSite


def test_file_name_is_stable_per_address() -> None:
    a = extract_article(page("ledger-second-round.html"))
    b = extract_article(page("ledger-second-round.html", "https://news.example.org/other"))
    assert a.filename() == extract_article(page("ledger-second-round.html")).filename()
    assert a.filename() != b.filename()
    assert a.filename().startswith("web-ministry-and-twitter-hold-a-second-round") and a.filename().endswith(".md")


# --- duplicates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [("https://www.Ledger.example.org/tech/story/", "http://ledger.example.org/tech/story"),
     ("https://ledger.example.org/s?id=4&utm_source=x&fbclid=y", "https://ledger.example.org:443/s?id=4#comments"),
     ("https://ledger.example.org/s?b=2&a=1", "https://ledger.example.org/s?a=1&b=2")],
)
def test_same_address(a: str, b: str) -> None:
    assert normalise_url(a) == normalise_url(b)


def test_different_addresses() -> None:
    assert normalise_url("https://ledger.example.org/s?id=4") != normalise_url("https://ledger.example.org/s?id=5")
    assert normalise_url("https://ledger.example.org/a") != normalise_url("https://ledger.example.org/b")


def test_near_duplicate_text_is_found_and_other_reports_are_not(seed_docs: list[Document]) -> None:
    original = extract_article(page("ledger-second-round.html"))
    copy = extract_article(page("northwind-copy.html"))
    assert 0.8 <= resemblance(shingles(original.text), shingles(copy.text)) < 1.0  # nearly, not exactly
    finder = DuplicateFinder(seed_docs)
    assert finder.find(original.urls, original.text) is None  # the seed articles report other things
    finder.add("web-original", original.urls, original.text)
    found = finder.find(copy.urls, copy.text)
    assert found is not None and found.doc_id == "web-original" and "nearly the same text" in found.why
    # every pair of seed articles (all about the same dispute) is far below the threshold
    for doc in seed_docs:
        others = DuplicateFinder([d for d in seed_docs if d is not doc])
        assert others.find([], doc.text) is None


@pytest.fixture
def seed_docs() -> list[Document]:
    from index.corpus_files import load_corpus
    from tests.conftest import SEED_CORPUS

    return load_corpus(SEED_CORPUS)[0]


# --- adding to a real index ------------------------------------------------------------------------


def test_add_duplicates_and_force(news_site: NewsSite, built_copy: tuple[Path, Path],
                                  encoder_provider: EncoderProvider) -> None:
    corpus, index_dir = built_copy

    def add(*names: str, force: bool = False) -> tuple[list[str], list[dict[str, str]]]:
        articles, problems = fetched(news_site, *names)
        outcome = add_articles([], corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider,
                               max_bytes=1_000_000, web_articles=articles, force=force)
        return outcome.stored, problems + outcome.rejected

    stored, rejected = add("ledger-second-round.html", "northwind-undated-brief.html")
    assert rejected == [] and len(stored) == 2
    index = load_index(index_dir)
    added = {d.doc_id: d for d in index.docs if d.doc_id.startswith("web-")}
    ledger = next(d for d in added.values() if d.source == "The Example Ledger")
    assert (ledger.date, ledger.date_estimated, ledger.url) == ("2021-02-12", False,
                                                                news_site.page("ledger-second-round.html"))
    brief = next(d for d in added.values() if d.source == "Northwind Daily")
    # no date on the page; "On February 12" with the year of the dated seed articles
    assert (brief.date, brief.date_estimated) == ("2021-02-12", True)
    monday = [e for e in index.events if e["doc_id"] == brief.doc_id and e["how"] == "weekday"]
    assert [(e["date"], e["estimated"]) for e in monday] == [("2021-02-08", True)]  # "said on Monday"

    stored, rejected = add("ledger-second-round.html")
    assert stored == [] and rejected == [{"file": news_site.page("ledger-second-round.html"),
                                          "duplicate_of": ledger.doc_id, "force": "replace",
                                          "reason": f"already in the index as {ledger.doc_id} (the same address); "
                                                    f"to replace it, remove {ledger.doc_id} first"}]
    stored, rejected = add("northwind-copy.html")
    assert stored == [] and rejected[0]["duplicate_of"] == ledger.doc_id
    assert "nearly the same text" in rejected[0]["reason"] and rejected[0]["force"] == "beside"

    stored, rejected = add("northwind-copy.html", force=True)
    assert rejected == [] and len(stored) == 1
    assert len([d for d in load_index(index_dir).docs if d.doc_id.startswith("web-")]) == 3


def test_forcing_a_page_again_updates_its_file_even_if_its_headline_changed(
        built_copy: tuple[Path, Path], encoder_provider: EncoderProvider) -> None:
    corpus, index_dir = built_copy
    url = "https://news.example.org/bridge"

    def article(title: str) -> WebArticle:
        return WebArticle(url, url, title, "2021-02-12", None, "Example", BODY, "2021-02-12T10:00:00+00:00")

    def add(title: str, force: bool) -> list[str]:
        return add_articles([], corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider,
                            max_bytes=1_000_000, web_articles=[article(title)], force=force).stored

    [first] = add("Council delays bridge vote", False)
    [again] = add("Council delays bridge vote again after row over steel", True)
    assert again == first and len(list(corpus.glob("web-*"))) == 1
    assert "again after row over steel" in (corpus / first).read_text()
