"""A fetched web page turned into a corpus article: main text and metadata by trafilatura.

The article file is Markdown with YAML front matter (title, date, author, source = the site's name, url),
like a hand-written one, so a page added by URL and a file added by a moderator are indexed alike. The
body is the main text only (no menus, comments or footers), one paragraph per block.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from datetime import date as _date
from typing import TypeVar
from urllib.parse import urlsplit

from index.duplicates import without_tracking
from index.fetch_types import FetchError, FetchOptions, Page
from index.markdown_text import article_markdown
from index.page_asides import keep_story_asides
from index.page_galleries import captions_as_paragraphs
from index.page_headline import page_headline
from index.page_stamps import head_stamp
from index.pasted import is_newsletter, is_pasted_furniture, signs_off

T = TypeVar("T")
RunInThread = Callable[[Callable[[], T]], Awaitable[T]]

# Fewer words than this is a stub, an error page or a paywall teaser, not an article to quote from.
MIN_ARTICLE_WORDS = 40
# trafilatura's time grows faster than the page: 20,000 elements took 3 s, 40,000 8 s, 120,000 95 s (of one
# CPU, with no way to stop it). A news page has a few thousand.
MAX_ELEMENTS = 25_000
_SLUG = re.compile(r"[^a-z0-9]+")
_WEB = re.compile(r"https?://", re.IGNORECASE)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

log = logging.getLogger(__name__)


class NoArticleText(ValueError):
    """The page has no main text worth indexing; the message says so in the moderator's terms."""


@dataclass(frozen=True)
class WebArticle:
    url: str  # the address the text was fetched from, after redirects
    requested_url: str  # the address the moderator gave
    title: str | None
    date: str | None  # YYYY-MM-DD as the page states it (never guessed from a copyright line)
    author: str | None
    site_name: str | None
    text: str
    fetched_at: str
    saved_as: str | None = None  # a saved page's file name as added, by which ``index remove`` finds it

    @property
    def urls(self) -> tuple[str, ...]:
        """Its web addresses (a saved page's file name is none)."""
        return tuple(u for u in dict.fromkeys((self.url, self.requested_url)) if _WEB.match(u))

    def filename(self) -> str:
        """A stable corpus file name: the same address (or saved file) always lands in the same file. Named from the
        link as stored, without its tracking parameters: the same story shared twice ("?utm_source=twitter",
        "?fbclid=…") was two file names for one link, and the name kept what the stored link had dropped."""
        slug = _SLUG.sub("-", (self.title or urlsplit(self.url).hostname or "page").lower()).strip("-")[:60]
        digest = address_digest(self.url or self.requested_url)
        return f"web-{slug.rstrip('-') or 'page'}-{digest}.md"

    def markdown(self) -> str:
        return article_markdown({"title": self.title, "date": self.date, "author": self.author,
                                 "source": self.site_name, "url": without_tracking(self.url),
                                 "fetched": self.fetched_at, "saved_as": self.saved_as},
                                self.text)  # the story is plain text, not Markdown


def address_digest(address: str) -> str:
    """The hash that ends a page's file name: of its link without tracking parameters (a saved page naming no
    address: of its file name as added)."""
    return hashlib.sha256(without_tracking(address).encode("utf-8")).hexdigest()[:10]


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _page_text(page: Page) -> str | bytes:
    """The page as text, decoded as browsers do (the WHATWG labels: "iso-8859-1" and "us-ascii" mean
    windows-1252, a byte-order mark overrides the header); raw bytes for trafilatura to detect when the server
    named no charset, or one that is no web encoding ("idna")."""
    import webencodings

    encoding = webencodings.lookup(page.charset) if page.charset else None
    if encoding is None:
        return page.body
    text, _ = webencodings.decode(page.body, encoding, errors="replace")
    return str(text)


def _stated(date: str | None, page_text: str) -> str | None:
    """``date`` when the page states that day: its metadata, URL or a date line gives year, month and day as
    digits or in words. htmldate fills a day the page never gives ("2021-02" became the 3rd, today's day;
    "2021-02-31" the 1st): such a date is dropped, and the article is dated as an undated one is."""
    try:
        day_given = _date.fromisoformat(date) if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
    except ValueError:
        day_given = None
    if date is None or day_given is None:
        return None
    year, month, day = day_given.year, day_given.month, day_given.day
    name = _MONTHS[month - 1]
    forms = (rf"{year}[-/.]0?{month}[-/.]0?{day}(?!\d)", rf"(?<!\d){year}{month:02}{day:02}(?!\d)",
             rf"(?<!\d)0?{day}(?:st|nd|rd|th)?\s+(?:of\s+)?{name[:3]}\w*\.?,?\s+{year}",
             rf"{name[:3]}\w*\.?\s+0?{day}(?:st|nd|rd|th)?,?\s+{year}")
    return date if any(re.search(form, page_text, re.IGNORECASE) for form in forms) else None


# A footnote's mark is a link to its note on the same page ("<sup><a href="#fn1">1</a></sup>"), or is named one
# ("class="footnote-ref"", EPUB's "noteref").
_NOTE_CLASS = re.compile(r"foot\s*note|\bfn(?:ref)?\b|note-?ref|\bref\b", re.IGNORECASE)


def _is_note_mark(element: object) -> bool:
    get = getattr(element, "get", None)
    if get is None:
        return False
    named = " ".join(str(get(key) or "") for key in ("class", "role", "epub:type", "id"))
    if _NOTE_CLASS.search(named):
        return True
    links = [a for a in element.iter("a")]  # type: ignore[attr-defined]
    return bool(links) and all(str(a.get("href") or "").startswith("#") for a in links)


def _drop_note_marks(tree: object) -> None:
    """Take out the footnote marks of ``tree``, each a ``<sup>`` linking to its note on the page: the extractor
    ran the mark into the sentence ("… the order says.1"), and the answer quoted the stray figure. A ``<sup>``
    that is no link to a note ("10<sup>th</sup>", "km<sup>2</sup>") is the text's own and stays. Its text after
    the mark stays too."""
    for sup in list(tree.iter("sup")):  # type: ignore[attr-defined]
        if not _is_note_mark(sup) or (parent := sup.getparent()) is None:
            continue
        tail = sup.tail or ""
        previous = sup.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(sup)


# A row of a table as trafilatura writes one, a line of cells between pipes: "| Kelmar | 940 | 3,150 |".
_TABLE_ROW = re.compile(r"\|.*\|")


def _blocks(paragraphs: list[str]) -> str:
    """The story's paragraphs a block each, but a table's rows one block, a line each: set apart by blank lines as
    paragraphs are, each row of a page's ``<table>`` was a sentence of its own ("| Kelmar | 940 | 3,150 | 212 |"),
    quoted without the header that says which figure is which, and the header's rule ("|---|---|") was a sentence
    too. Kept together, the table is read, searched and quoted whole as a pasted one is (``index.tables``)."""
    out: list[str] = []
    for paragraph in paragraphs:
        row = _TABLE_ROW.fullmatch(paragraph) is not None
        if row and out and _TABLE_ROW.fullmatch(out[-1].rsplit("\n", 1)[-1]):
            out[-1] += "\n" + paragraph
        else:
            out.append(paragraph)
    return "\n\n".join(out)


def extract_article(page: Page) -> WebArticle:
    """Main text and metadata of ``page``; ``NoArticleText`` when there is no article on it.

    CPU-bound (lxml parsing): call it from a worker thread. The publication date is read from what the
    page states (metadata, the URL, visible date lines; failing those, a stamp line over the story that htmldate
    can't read, ``index.page_stamps``), never from a copyright year, which is what trafilatura's extensive date
    search would fall back to.
    """
    import trafilatura

    text = _page_text(page)
    if not text.strip():  # an empty file: "could not be read as HTML", after two of lxml's error lines
        raise NoArticleText("the page is empty (nothing in it to read)")
    tree = trafilatura.load_html(text)
    if tree is None:
        raise NoArticleText("no article text on the page (it could not be read as HTML)")
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise NoArticleText(f"the page is too large to read as one article ({elements:,} HTML elements; a news "
                            f"page has a few thousand, and at most {MAX_ELEMENTS:,} are read)")
    _drop_note_marks(tree)
    captions_as_paragraphs(tree)  # a gallery's captions, a paragraph each (``index.page_galleries``)
    keep_story_asides(tree)  # a "Key dates" box is the story's; related links are not (``index.page_asides``)
    # Where a date can be stated: the text (JSON-LD included), attributes (meta, <time datetime>) and the URL.
    stated_in = " ".join([*tree.itertext(), *(str(v) for element in tree.iter() for v in element.attrib.values()),
                          page.final_url])
    extracted = trafilatura.bare_extraction(
        tree, url=page.final_url or None, with_metadata=True, include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(extracted, "text", None) or ""
    title = _clean(getattr(extracted, "title", None))
    paragraphs = [p for p in (" ".join(line.split()) for line in text.splitlines()) if p]
    start = paragraphs[0] if paragraphs else ""  # where the story begins, under its stamp line
    if (headline := page_headline(tree, title, paragraphs)) is not None:
        # The page's <title> is the site's name (``index.page_headline``): the story opens under its headline.
        title = paragraphs.pop(headline)
        start = paragraphs[headline] if headline < len(paragraphs) else ""
    elif paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline is in the front matter already
        start = paragraphs[0] if paragraphs else ""
    if is_newsletter(list(tree.itertext())):
        # A newsletter's web copy: the extractor may drop its preheader and unsubscribe footer, by which the index
        # knows a newsletter, and keep its sign-off, which was quoted and a timeline event ("That's all for this
        # week" in the week after the issue's day). Its sign-off and the footer under it are no story.
        while paragraphs and (signs_off(paragraphs[-1]) or is_pasted_furniture(paragraphs[-1])):
            paragraphs.pop()
    body = _blocks(paragraphs)
    words = len(body.split())
    if words < MIN_ARTICLE_WORDS:
        found = f"only {words} words of text" if words else "no text"
        raise NoArticleText(f"no article text on the page ({found}; is it a news article, or behind a login?)")
    # A saved page was fetched from nowhere: its address is the one it names (canonical link, og:url), if any.
    named = _clean(getattr(extracted, "url", None)) if not page.final_url else None
    return WebArticle(
        url=page.final_url or (named if named and _WEB.match(named) else ""), requested_url=page.url, title=title,
        date=(_stated(_clean(getattr(extracted, "date", None)), stated_in)
              or head_stamp(tree.iter(), start)),
        author=_clean(getattr(extracted, "author", None)), site_name=_clean(getattr(extracted, "sitename", None)),
        text=body, fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


# A page saved from a browser ("Save page as…", HTML only) is read as the same page fetched would be.
SAVED_PAGE_SUFFIXES = (".html", ".htm")


def is_saved_page(name: str) -> bool:
    return name.lower().endswith(SAVED_PAGE_SUFFIXES)


def saved_page_article(name: str, data: bytes) -> WebArticle:
    """The story of a web page a moderator saved and uploaded; ``NoArticleText`` when it holds none. Stored
    like a fetched page (front matter with its address when the page names one), so adding the same story
    by address later is recognised as the same article, and with the file name it was added under (``saved_as``), by
    which ``index remove`` finds it. CPU-bound, like ``extract_article``."""
    return replace(extract_article(Page(url=name, final_url="", body=data, charset=None)), saved_as=name)


async def _to_thread(fn: Callable[[], T]) -> T:
    return await asyncio.to_thread(fn)


async def fetch_articles(
    urls: Sequence[str], options: FetchOptions, run_in_thread: RunInThread[WebArticle] | None = None,
) -> tuple[list[WebArticle], list[dict[str, str]]]:
    """Fetch and extract each address in turn: the articles, and ``{"file", "reason"}`` for each refusal.

    Fetching is network I/O on the caller's event loop; extraction runs through ``run_in_thread`` (a
    worker thread by default) so an event loop serving chat stays responsive.
    """
    from index.fetch import fetch_page  # aiohttp, loaded only when a page is added

    run = run_in_thread or _to_thread
    articles: list[WebArticle] = []
    rejected: list[dict[str, str]] = []
    for url in urls:
        try:
            page = await fetch_page(url, options)
            articles.append(await run(functools.partial(extract_article, page)))
        except (FetchError, NoArticleText) as exc:
            rejected.append({"file": url, "reason": str(exc)})
        except Exception:  # a page that breaks the extractor costs that page, never the rest of the add
            log.exception("reading %s failed", url)
            rejected.append({"file": url, "reason": "the page could not be read as an article"})
    return articles, rejected
