"""Loading articles and their metadata from the corpus folder."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.article_head import first_line_title, head_address, stamped
from index.day_order import day_first
from index.duplicates import without_tracking
from index.front_matter import (
    BOM,
    DATE_HEADER,
    FRONT_MATTER,
    ArticleProblem,
    clean_line,
    clean_str,
    front_matter,
    refuse_unless_text,
)
from index.hyphens import mended
from index.invisible import visible
from index.markdown_text import NestedTooDeep, plain_text
from index.mojibake import mojibake_mended
from index.page_breaks import joined_pages
from index.quotable import MIN_FIGURE_WORDS, MIN_WORDS, long_enough
from index.stamps import normalise_date, web_address

ARTICLE_SUFFIXES = (".txt", ".md")
# Bump when ``parse_article`` reads a file differently: builds keep parsed articles by content
# (``index.article_cache``) and parse them again only for a new version.
PARSE_VERSION = 46  # 10: a date alone on its line is a stamp; 11: HTML fragments, rules; 12: bylines;
# 13: front matter ended by "...", and TOML front matter; 14: an address pasted over the story;
# 15: breadcrumbs and page chrome ("Skip to main content") are no title; 16: a .md body without its markup;
# 17: a front-matter url that is no web address is no link; 18: a .md list item keeps a marker ("• ", "2. ");
# 19: a .md body without its struck text and footnote marks, each footnote a paragraph; 20: front matter that is a
# list, or a title, url or source that is a list or mapping, is refused; 21: a .md nested past the Markdown reader's
# limit is refused; 22: page furniture (a cookie notice, a share bar) is no title, and not counted among the lines
# a stamp is looked for in; 23: other spellings of the front matter's fields ("headline", "published_at"); 24: a day
# in figures that can be read one way only ("13/02/2021") is a date; 25: a url without its tracking parameters, and
# a front-matter date that is no day ("2021-02-30") read as written, not refused as broken YAML; 26: a yes or no
# under another spelling of a field (Jekyll's "published: true") is no value of it; 27: a story's line opening
# with "Copyright" or about cookie rules is no furniture; 28: a stamp is read with runs of spaces squeezed;
# 29: a photo's caption or credit ("Image: Reuters", "(Photo credit: PTI)") is no title, nor a section's label
# ("OPINION", "PRESS RELEASE") or a wire's slug ("UPDATE 2-");
# a release's dateline ("New Delhi, 11 February 2021") dates it; 30: a caption describing its picture
# ("File photo: …") is text again, only a credit ("Image: Reuters") is furniture; 31: a press release's issuer line
# ("Ministry of Electronics & IT") over its headline is no title; "Last modified: …" is a stamp; an e-mail is titled
# by its subject, a translation by its headline in its own script, a thread without its numbering or emoji;
# 32: in wrapped text a headline over its paragraph is a line of its own (``index.chunking.is_headline``), so titles it;
# a word hyphenated over a wrapping line break is mended (``index.hyphens``); "Prepared by …", "Page 2" titles nothing;
# 33: a day in figures that reads two ways ("10/02/2021") is read as the article writes days (``index.day_order``);
# 34: a PDF's page break pasted as text (page number, running header) is taken out, and a paragraph it cut joined;
# share bars labelled by action, tag lines and chrome pieces run together are no title (``index.toolbars``);
# 35: a lead paragraph's dateline with a full day ("MAREN, Friday 14 November 2025 - …") dates the article;
# 36: a page's prompts and reading tools ("Subscribe to our newsletter", "Download the app") are no title;
# 37: a page number between dashes ("- 2 -") is a page break too (``index.page_breaks``); 38: a story's sentence
# opening with its day ("On Thursday, 11 February 2021: …") is no lead dateline, and dates no article
# 39: a share bar's pieces parted by runs of spaces ("Share on X  Share on Y  Copy link") are no title; a release's
# dateline naming its country after the city ("VESKA, Norvania, Tuesday 9 March 2021 – …") dates it
# 40: a release's stamp both named and signed ("Posted On: 16 MAR 2021 6:15PM by PIB Delhi") dates it; an issuer
# line with "the" after "of" ("Government of the Republic of Castovia") is no title
# 41: a judgment's labelled day ("Date of Judgment: 5 March 2021", "Pronounced on: …") is a stamp, and dates it from
# anywhere in the caption over its first line of prose (``index.article_head._caption``)
# 42: a byline naming the writer by role only ("By a former member of the Law Commission", "By our special
# correspondent") is no title (``index.own_lines``)
# 43: a judgment's caption line in capitals is no line of prose however long (a PDF's bench joined into one line,
# "CORAM: THE HON'BLE …"): the caption's labelled day past it dates the judgment (``index.article_head._caption``)
# 44: invisible characters (zero-width space, soft hyphen, word joiner, a BOM mid-text) are no part of the text, and a
# no-break space is a space (``index.invisible``)
# 45: curly quotes, dashes and accents garbled by a Windows-1252 reading ("â€™", "Ã©") read as written
# (``index.mojibake``)
# 46: an issuer line naming its state ("Ministry of Digital Affairs, Republic of Caldany") is no title
_OPENS_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n")
# A saved page, or a part of one copied from its source ("<div class=story><p>…"): a file that opens with a
# block element's tag. Markdown's inline HTML ("<b>Note:</b>", "<br>", "<!-- -->") opens no article this way.
_HTML_PAGE = re.compile(
    r"\A\s*(?:<!doctype\s+html|<(?:html|head|body|meta|article|main|section|div|p|h[1-6]|header|nav|table|ul|ol)"
    r"[\s/>])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Document:
    """An article as indexed.

    ``text`` is the body with any metadata header removed, and for a Markdown (``.md``) article without its
    markup (``index.markdown_text``): it is what the index splits and what every quote is a slice of.
    ``body_offset`` is where that body begins in the file; an offset into ``text`` plus ``body_offset``
    points into the file on disk only where the body had no markup to drop (a ``.txt`` article always).
    ``date_estimated`` says ``date`` was not given but estimated from the text at build time
    (``index.date_estimate``); everything that shows such a date marks it as estimated.
    """

    doc_id: str
    title: str
    date: str | None
    url: str | None
    source: str | None
    text: str
    body_offset: int
    sha256: str
    filename: str
    date_estimated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "date": self.date,
            "date_estimated": self.date_estimated,
            "url": self.url,
            "source": self.source,
            "filename": self.filename,
            "sha256": self.sha256,
            "body_offset": self.body_offset,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            doc_id=data["doc_id"],
            title=data["title"],
            date=data.get("date"),
            url=data.get("url"),
            source=data.get("source"),
            text=data["text"],
            body_offset=int(data.get("body_offset", 0)),
            sha256=data["sha256"],
            filename=data.get("filename", data["doc_id"]),
            date_estimated=bool(data.get("date_estimated", False)),
        )


def _not_an_article(text: str) -> None:
    opened = _OPENS_FRONT_MATTER.match(text)
    if opened and not FRONT_MATTER.match(text):
        fence = opened.group(1)
        raise ArticleProblem(f"the front matter opened by {fence} is never closed by a line of {fence}")
    if _HTML_PAGE.match(text):
        raise ArticleProblem("an HTML page (or part of one), not an article's text: add it as .html or by its "
                             "address (URL), either of which extracts the story, or save the story's text as .txt "
                             "or .md")


# A full stop, question or exclamation mark, ellipsis, or the danda and ideographic full stop of other scripts.
_SENTENCE_END = re.compile(r"[.!?…।॥。！？]")
_PARAGRAPH = re.compile(r"\n\s*\n")
# An article this long needs no full stop to be quoted (a list of facts, a transcript).
MIN_WORDS_WITHOUT_SENTENCE = 20


def too_little_text(text: str) -> str | None:
    """Why an added article is too little to be one, or None: it is empty, or it has no full sentence (ending in
    a full stop, "?" or "!") as long as an answer's quote (``index.quotable``: six words, or four with a figure)
    and fewer than ``MIN_WORDS_WITHOUT_SENTENCE`` words. "ok" was added without a word, and "Twitter row." (a
    headline alone) as an article. Such a file is refused, not added with a note: the bot answers with sentences
    quoted from the articles, and one with nothing to quote can only be listed among the sources and come up in
    searches as noise; what a moderator sends so is a slip (the wrong file, a reply saved as one). A short
    statement ("Twitter restored the 97 accounts.") is an article and is added. Files put in the corpus folder
    by hand are built as they are."""
    if not text.strip():
        return "the article is empty"
    words = [w for w in text.split() if any(ch.isalnum() for ch in w)]
    sentences = [part.strip() for paragraph in _PARAGRAPH.split(text)  # a heading's line is no part of one
                 for part in _SENTENCE_END.split(paragraph)[:-1]]  # the text before each full stop
    if any(long_enough(s) for s in sentences) or len(words) >= MIN_WORDS_WITHOUT_SENTENCE:
        return None
    count = f"{len(words)} word{'' if len(words) == 1 else 's'}" if words else "no words"
    lacking = (f"no sentence of {MIN_WORDS} words or more, or {MIN_FIGURE_WORDS} with a figure"
               if any(s.split() for s in sentences) else "no full sentence")
    return (f"too little text to quote ({count}, and {lacking}): the bot answers with sentences quoted from the "
            "articles; add the article's text")


def is_markdown(filename: str) -> bool:
    return Path(filename).suffix.lower() == ".md"


def parse_article(raw: str, doc_id: str, filename: str) -> Document:
    """Split metadata from body: YAML front matter, else a ``date YYYY-MM-DD`` header, else none. The body
    of a ``.md`` file is read as Markdown and kept as its plain text; a ``.txt`` file's is kept as written
    (an asterisk in it is an asterisk)."""
    meta: dict[str, Any] = {}
    start = 1 if raw.startswith(BOM) else 0  # a byte-order mark is no part of the article
    body_offset = start
    body = raw[start:]
    _not_an_article(body)
    block = FRONT_MATTER.match(body)
    if block:
        found = front_matter(block.group(0))
        # An empty block ("---" twice) is no part of the story either; text between two rules that reads as no
        # metadata is the story's own (a Markdown article may open with a rule).
        if found or not block.group(0).strip("-.\r\n \t"):
            refuse_unless_text(block.group(0), found)
            meta = found
            rest = body[block.end():]
            body_offset = start + block.end() + len(rest) - len(rest.lstrip())
            body = raw[body_offset:].rstrip()
    else:
        header = DATE_HEADER.match(body)
        if header:
            meta["date"] = header.group(1)
            body_offset = start + header.end()
            body = raw[body_offset:]
    written = body
    if is_markdown(filename):
        try:
            body = plain_text(body)
        except NestedTooDeep as exc:  # a file of nested "> " was refused as "the article is empty"
            line = raw[:body_offset].count("\n") + exc.line + 1
            raise ArticleProblem(f"{exc} (from line {line})") from exc
    # A PDF's page breaks pasted as text go (``index.page_breaks``) before a word hyphenated over a wrapping line
    # break is mended: both are quoted and searched whole.
    # No zero-width space opens a quote (``index.invisible``), nor does "â€™" stand for "’" (``index.mojibake``)
    body = mended(joined_pages(visible(mojibake_mended(body))))
    title = visible(mojibake_mended(clean_line(meta.get("title")) or first_line_title(body) or doc_id))
    # "date: 10/02/2021" reads as the article writes a day in figures, when its text shows that (``index.day_order``)
    date = normalise_date(meta.get("date"), day_first(body) if meta.get("date") else None)
    if date is None and not meta.get("date"):  # a date given but unreadable is refused, not replaced
        date = stamped(body)
    # A head address is read from the body's lines as written; either is cited without its tracking parameters.
    url = web_address(clean_str(meta.get("url") or meta.get("link"))) or head_address(written)
    return Document(
        doc_id=doc_id,
        title=title,
        date=date,
        url=without_tracking(url) if url else None,
        source=clean_line(meta.get("source")),
        text=body,
        body_offset=body_offset,
        sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        filename=filename,
    )
