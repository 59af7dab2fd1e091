"""A page's bytes read as browsers read them, and a page that can't be read (a charset no web encoding, an
extractor's failure, too large) refused alone, each refusal reported."""

from __future__ import annotations

import pytest

from index.fetch import FetchOptions, Page
from index.web_article import NoArticleText, WebArticle, extract_article
from tests.index.test_web_article import BODY, fetched, html_page
from tests.news_site import NewsSite


def test_fetch_articles_reports_each_refusal(news_site: NewsSite) -> None:
    articles, rejected = fetched(news_site, "ledger-second-round.html", "subscribe.html", "missing.html")
    assert [a.title for a in articles] == ["Ministry and Twitter hold a second round of talks on blocking orders"]
    assert [(r["file"].rsplit("/", 1)[1], r["reason"].split(" (")[0]) for r in rejected] == [
        ("subscribe.html", "no article text on the page"), ("missing.html", "127.0.0.1 answered HTTP 404 Not Found")]


@pytest.mark.parametrize("label", ["ISO-8859-1", "us-ascii", "latin1"])
def test_legacy_charset_labels_are_read_as_browsers_read_them(label: str) -> None:
    """WHATWG: these labels mean windows-1252. Decoded literally, curly quotes and the euro sign vanished."""
    body = f"<p>{BODY} She said \u201cno\u201d to the \u20ac5,000 fine and won\u2019t pay.</p>"
    raw = html_page(body_extra=body).body.decode("utf-8").encode("cp1252")
    article = extract_article(html_page(raw=raw, charset=label))
    assert "\u201cno\u201d" in article.text and "\u20ac5,000" in article.text and "won\u2019t" in article.text


def test_a_byte_order_mark_wins_over_the_header() -> None:
    raw = "\ufeff".encode() + html_page(body_extra="<p>Caf\u00e9 owners were not consulted at all.</p>").body
    assert "Caf\u00e9 owners" in extract_article(html_page(raw=raw, charset="iso-8859-1")).text


def test_a_charset_that_is_no_web_encoding_costs_only_its_page(news_site: NewsSite,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """``charset=idna`` raised a UnicodeError that lost every page of the add (a traceback on the CLI)."""
    import index.fetch

    real = index.fetch.fetch_page

    async def fetch(url: str, options: FetchOptions | None = None) -> Page:
        page = await real(url, options)
        return Page(page.url, page.final_url, page.body, "idna") if "ledger" in url else page

    monkeypatch.setattr(index.fetch, "fetch_page", fetch)
    articles, rejected = fetched(news_site, "ledger-second-round.html", "northwind-undated-brief.html")
    assert len(articles) == 2 and rejected == []  # read as bytes, its charset detected


def test_an_extractor_failure_costs_only_its_page(news_site: NewsSite, monkeypatch: pytest.MonkeyPatch) -> None:
    import index.web_article as web_article

    real = web_article.extract_article

    def extract(page: Page) -> WebArticle:
        if "ledger" in page.url:
            raise UnicodeError("Unsupported error handling")
        return real(page)

    monkeypatch.setattr(web_article, "extract_article", extract)
    articles, rejected = fetched(news_site, "ledger-second-round.html", "northwind-undated-brief.html")
    assert len(articles) == 1 and rejected == [{"file": news_site.page("ledger-second-round.html"),
                                                "reason": "the page could not be read as an article"}]


def test_a_page_too_large_to_read_is_refused_before_extraction() -> None:
    """120,000 elements took 95 s of CPU in trafilatura, with no way to stop it."""
    filler = "".join(f"<p>word {i} <a href='/{i}'>link</a></p>" for i in range(15_000))
    with pytest.raises(NoArticleText, match="too large to read as one article"):
        extract_article(html_page(body_extra=filler))
