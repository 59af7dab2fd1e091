"""Pages fetched from the fictional news site become corpus articles; duplicates are refused by id."""

from __future__ import annotations

import asyncio
from pathlib import Path

import frontmatter
import pytest

from index.documents import parse_article
from index.embedding import DEFAULT_MODEL, EncoderProvider
from index.fetch import FetchOptions, Page
from index.manage import Upload, add_articles
from index.web_article import NoArticleText, WebArticle, extract_article, fetch_articles, saved_page_article
from retrieval.loaded import load_index
from tests.news_site import PAGES, NewsSite

OPEN = FetchOptions(allow_private=True)


def page(name: str, url: str | None = None) -> Page:
    address = url or f"https://news.example.org/{name}"
    return Page(address, address, (PAGES / name).read_bytes(), "utf-8")


def fetched(site: NewsSite, *names: str) -> tuple[list[WebArticle], list[dict[str, str]]]:
    return asyncio.run(fetch_articles([site.page(n) for n in names], OPEN))


# --- extraction ------------------------------------------------------------------------------------


def test_metadata_goes_to_front_matter_and_main_text_to_the_body() -> None:
    article = extract_article(page("ledger-second-round.html"))
    post = frontmatter.loads(article.markdown())
    assert post["title"] == "Ministry and Twitter hold a second round of talks on blocking orders"
    assert str(post["date"]) == "2021-02-12" and post["author"] == "Asha Rao"
    assert post["source"] == "The Example Ledger" and post["url"] == "https://news.example.org/ledger-second-round.html"
    assert post.content.startswith("Officials of the Ministry")  # the headline is not repeated
    assert "412 accounts" in post.content and "This article is fictional" in post.content
    for chrome in ("Most read", "Monsoon", "Copyright", "Subscribe", "Privacy"):
        assert chrome not in post.content
    assert "\n\n" in post.content  # paragraphs stay paragraphs


def test_a_footnotes_mark_is_no_part_of_its_sentence_and_a_superscript_of_the_text_stays() -> None:
    story = ("<p>Registered providers must keep connection logs for 180 days, the order says."
             "<sup><a href=\"#fn1\" id=\"ref1\">1</a></sup> The regulator listed 212 services.</p>"
             "<p>The survey covered 600 companies.<sup class=\"footnote-ref\">2</sup></p>"
             "<p>It takes effect on the 15<sup>th</sup> of March, across 9 providers in the capital.</p>")
    body = ("<html><head><title>VPN providers told to register</title></head><body><article>"
            f"<h1>VPN providers told to register</h1>{story * 2}</article></body></html>").encode()
    text = extract_article(Page("https://x.example/a", "https://x.example/a", body, "utf-8")).text
    assert "the order says. The regulator listed 212 services." in text
    assert "600 companies." in text and "companies.2" not in text
    assert "15th of March" in text


def test_an_undated_page_gets_no_date_from_its_copyright_line() -> None:
    article = extract_article(page("northwind-undated-brief.html"))
    assert article.date is None and article.site_name == "Northwind Daily"
    assert "date" not in frontmatter.loads(article.markdown()).metadata


_STORY = ("<p>The platform restored 97 accounts on Friday, a day after a department of the Republic of Sundara had "
          "ordered them withheld. Unions have protested near the capital since 26 November.</p>"
          "<p>The department issued a fresh notice on Friday evening, warning that local officers could face penal "
          "action. The platform said it had received 41 notices this year.</p>")


def _page_with(head: str, foot: str = "") -> Page:
    body = ("<html><head><title>Platform restores union accounts</title></head><body><article>"
            f"<h1>Platform restores union accounts</h1>{head}{_STORY}</article>{foot}</body></html>").encode()
    return Page("saved.html", "", body, "utf-8")


@pytest.mark.parametrize("line", [
    '<p class="meta">Desk | Updated: Feb.\u00a013, 2021 (IST) 10:40</p>',  # an English edition's line of facts
    "<p>Updated: Feb. 13, 2021 10:40 a.m. ET</p>",  # AP style: the month's point
    '<div class="byline"><span>By a staff reporter</span> <time>Feb. 13, 2021</time></div>',
])
def test_a_stamp_line_over_the_story_that_htmldate_cannot_read_dates_the_page(line: str) -> None:
    """htmldate gave these no date and trafilatura left the line out of the story: the page was dated by an
    estimate from its text ("since 26 November"), three months off."""
    assert extract_article(_page_with(line)).date == "2021-02-13"


def test_a_date_below_the_story_or_read_two_ways_does_not_date_the_page() -> None:
    foot = '<aside><h3>Most read</h3><p>Feb. 3, 2021</p><p>Union leaders meet minister</p></aside>'
    assert extract_article(_page_with("", foot)).date is None
    assert extract_article(_page_with("<p>Updated: 10/02/2021 10:40</p>")).date is None


def test_a_page_without_article_text_is_refused() -> None:
    with pytest.raises(NoArticleText, match="no article text on the page"):
        extract_article(page("subscribe.html"))
    with pytest.raises(NoArticleText, match="no text"):
        extract_article(Page("https://x.example/", "https://x.example/", b"<html><body></body></html>", None))


def test_a_saved_page_uploaded_is_added_like_its_page_fetched(news_site: NewsSite, built_copy: tuple[Path, Path],
                                                               encoder_provider: EncoderProvider) -> None:
    """A moderator's "Save page as…" (.html) was refused ("only .txt and .md"): its story is now read as the
    fetched page's would be, and its address (the canonical link it names) makes the same story added by
    address later a duplicate. A saved page with no story on it is refused with the fetched page's reason."""
    corpus, index_dir = built_copy
    saved = Upload("Ministry and Twitter talks - The Example Ledger.html",
                   (PAGES / "ledger-second-round.html").read_bytes())
    outcome = add_articles([saved, Upload("subscribe.htm", (PAGES / "subscribe.html").read_bytes())], corpus, index_dir,
                           model=DEFAULT_MODEL, encoder_provider=encoder_provider, max_bytes=1_000_000)
    assert [r["file"] for r in outcome.rejected] == ["subscribe.htm"]
    assert "no article text on the page" in outcome.rejected[0]["reason"]
    [stored] = outcome.stored
    post = frontmatter.loads((corpus / stored).read_text(encoding="utf-8"))
    assert post["url"] == "https://ledger.example.org/tech/second-round-of-talks" and str(post["date"]) == "2021-02-12"
    assert post.content.startswith("Officials of the Ministry") and "<" not in post.content
    [doc] = [d for d in load_index(index_dir).docs if d.doc_id == Path(stored).stem]
    assert doc.title == "Ministry and Twitter hold a second round of talks on blocking orders"
    articles, _ = fetched(news_site, "ledger-second-round.html")
    again = add_articles([], corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider,
                         max_bytes=1_000_000, web_articles=articles)
    assert again.stored == [] and again.rejected[0]["duplicate_of"] == doc.doc_id


def test_a_saved_page_naming_no_address_is_filed_by_its_file_name() -> None:
    nameless = "<html><head><title>Council delays bridge vote</title></head><body><article><p>" \
               + " ".join(f"The council met again and sentence {n} adds a detail." for n in range(12)) \
               + "</p></article></body></html>"
    a, b = (saved_page_article(name, nameless.encode()) for name in ("bridge.html", "bridge (1).html"))
    assert a.url == "" and a.urls == () and "url" not in frontmatter.loads(a.markdown()).metadata
    assert a.filename() != b.filename()
    assert a.filename() == saved_page_article("bridge.html", nameless.encode()).filename()


# --- pages as servers really send them ------------------------------------------------------------

BODY = " ".join(f"The council met again on the bridge question and sentence {n} adds a detail." for n in range(8))


def html_page(head: str = "", body_extra: str = "", charset: str | None = "utf-8", raw: bytes | None = None,
              url: str = "https://news.example.org/bridge") -> Page:
    html = (f"<html><head><title>Council delays bridge vote</title>{head}</head><body><article>"
            f"<h1>Council delays bridge vote</h1><p>{BODY}</p>{body_extra}</article></body></html>")
    return Page(url, url, raw if raw is not None else html.encode("utf-8"), charset)


@pytest.mark.parametrize("stated, kept", [
    ("2021-02-10T08:00:00+05:30", "2021-02-10"),
    ("2021-02", None),  # htmldate filled in today's day
    ("2021-02-31", None),  # no such day: htmldate gave the 1st
])
def test_a_date_is_kept_only_when_the_page_states_that_day(stated: str, kept: str | None) -> None:
    head = f'<meta property="article:published_time" content="{stated}">'
    assert extract_article(html_page(head=head)).date == kept


def test_a_date_line_in_words_states_the_day() -> None:
    article = extract_article(html_page(head='<meta property="article:published_time" content="2021-02-10">',
                                        body_extra="<p>Published February 10, 2021</p>"))
    assert article.date == "2021-02-10"


def test_a_fetched_story_is_stored_so_that_it_reads_back_word_for_word() -> None:
    """A fetched page is stored as ``.md`` and read as Markdown, but its story is plain text: a numbered
    point, a "*sic*" or a "[1]" in it came back as a list item without its number, emphasis and a link."""
    story = ("The order lists three demands:\n1. Block 1,178 accounts.\n2) Report within 36 hours.\n"
             "# Not a heading, and *sic* in a quote, [1] a note, AT&amp;T <b>bold</b> ~~struck~~ a_b_c.\n"
             "- A dash that opens a line.\n    Indented.\nA mark[^1] as a footnote's.\n[^1]: A line like a footnote.")
    article = WebArticle("https://news.example.org/x", "https://news.example.org/x", "Title", "2021-02-12", None,
                         "Example", story, "2021-02-12T10:00:00+00:00")
    document = parse_article(article.markdown(), "doc", article.filename())
    assert document.text.strip() == story.replace("    Indented.", "Indented.")


def test_a_page_reached_through_a_shared_link_is_stored_without_its_tracking_parameters() -> None:
    """A page added from a link shared on Twitter, or redirected to one with "?utm_…", kept them in its stored
    front matter; its file name came from the address with them, so the same story shared twice was two files. It is
    named from the clean link now, as stored."""
    shared = "https://news.example.org/x?utm_source=twitter&utm_medium=social&fbclid=IwAR0"
    article = WebArticle(shared, shared, "Title", "2021-02-12", None, "Example",
                         "Officials met Twitter on Friday. " * 10, "2021-02-12T10:00:00+00:00")
    assert frontmatter.loads(article.markdown())["url"] == "https://news.example.org/x"
    clean = WebArticle("https://news.example.org/x", "https://news.example.org/x", "Title", "2021-02-12", None,
                       "Example", article.text, article.fetched_at)
    other = WebArticle("https://news.example.org/x?id=2", "https://news.example.org/x?id=2", "Title", "2021-02-12",
                       None, "Example", article.text, article.fetched_at)
    assert article.filename() == clean.filename() != other.filename()


def test_a_pages_table_is_stored_as_one_block_and_read_whole() -> None:
    """A transparency report's ``<table>`` came out a paragraph a row: "| Kelmar | 940 | 3,150 | 212 |" was a
    sentence without the header saying which figure is which, and the header's rule "|---|---|" one too. Its rows
    are one block now, read and quoted whole as a pasted table is (``index.tables``)."""
    from index.chunking import split_sentences
    from index.tables import is_table

    rows = "".join(f"<tr><td>{c}</td><td>{d}</td><td>{a}</td></tr>"
                   for c, d, a in [("Estrava", "2,310", "11,400"), ("Kelmar", "940", "3,150")])
    body = ("<html><head><title>Transparency report</title></head><body><article><h1>Transparency report</h1>"
            "<p>Between July and December 2020 we received 4,120 legal demands to withhold content, up 38 percent "
            "from the first half of the year, from governments around the world.</p><table><thead><tr><th>Country"
            f"</th><th>Demands</th><th>Accounts named</th></tr></thead><tbody>{rows}</tbody></table>"
            "<p>We also received 1,845 requests for account information from law enforcement agencies.</p>"
            "</article></body></html>").encode()
    article = extract_article(Page("https://x.example/t", "https://x.example/t", body, "utf-8"))
    doc = parse_article(article.markdown(), "t", "t.md")
    sentences = [doc.text[s.start : s.end] for s in split_sentences(doc.text)]
    [table] = [s for s in sentences if "Kelmar" in s]
    assert is_table(table) and "Accounts named" in table and "3,150" in table
    assert not any(s.strip("|-") == "" for s in sentences)  # the header's rule is no sentence


def _portal_page(title: str) -> Page:
    """A government portal's release: no metadata, no <h1>, its <title> the site's name (printed in its masthead and
    footer), the headline an <h2> with the release's stamp under it."""
    body = (f"<html><head><title>{title}</title></head><body>"
            "<header><div class=\"title\">Press Information Bureau<br>Government of Sundara</div>"
            "<ul><li><a href=\"/\">Home</a></li><li><a href=\"/r\">Releases</a></li></ul></header>"
            "<div id=\"content\"><div class=\"MinistryNameSubhead\">Department of Telecommunication</div>"
            "<h2>Department issues final notice to platform over withheld accounts</h2>"
            "<div class=\"ReleaseDateSubHeaddateTime\">Posted On: 13 FEB 2021 7:08PM by PIB Sundara</div>"
            f"{_STORY}</div><footer><p>Content owned by Press Information Bureau, Government of Sundara.</p>"
            "</footer></body></html>").encode()
    return Page("release.html", "", body, "utf-8")


def test_a_page_titled_by_its_sites_name_is_titled_and_dated_by_its_headline_and_stamp() -> None:
    """The portal's release was titled "Press Information Bureau", its headline quoted as a sentence, and, the
    headline taken for the story's start, the stamp under it was missed: dated by an estimate."""
    article = extract_article(_portal_page("Press Information Bureau"))
    assert article.title == "Department issues final notice to platform over withheld accounts"
    assert article.date == "2021-02-13" and "final notice" not in article.text
    # a real headline as the <title>, with the story opening under a heading that is no headline: left as it was
    other = extract_article(_portal_page("Platform restores union accounts after notice"))
    assert other.title == "Platform restores union accounts after notice"
    assert "Department issues final notice" in other.text


def _digest(preheader: str, footer: str) -> Page:
    """A newsletter's web copy saved as a page: table layout, a preheader, the issue, its sign-off, its footer."""
    body = ("<html><head><title>The Policy Weekly #42</title></head><body><table role=\"presentation\"><tr><td>"
            f"{preheader}<h1>The Policy Weekly</h1><p>Issue #42 · Friday, 19 February 2021</p>{_STORY}"
            "<p>That's all for this week. See you next Friday.</p>"
            f"{footer}</td></tr></table></body></html>").encode()
    return Page("digest.html", "", body, "utf-8")


def test_a_saved_newsletters_sign_off_is_left_out_of_its_story() -> None:
    """The extractor drops a web copy's preheader and unsubscribe footer, by which the index knows a newsletter, and
    kept its sign-off: "That's all for this week" was quoted, and an event of the week after the issue."""
    chrome = _digest('<p>This week: union accounts. <a href="#">View this email in your browser</a></p>',
                     '<p>You are receiving this email because you subscribed. <a href="#">Unsubscribe</a></p>')
    text = extract_article(chrome).text
    assert "That's all" not in text and text.rstrip().endswith("41 notices this year.")
    assert "That's all for this week." in extract_article(_digest("", "")).text  # no newsletter: the story's words
