"""Which attached files an add accepts, asked by the adapters before they download anything.

A 900 KB PDF attached on Discord was downloaded only to be refused for its type; the rules live here, once,
so Discord and Slack refuse the same files with the same words before a byte is fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.pdf_article import is_pdf
from index.upload_checks import safe_filename
from index.web_article import is_saved_page

# Pages one add may fetch: each is a download and an extraction, all before one rebuild.
MAX_URLS = 5


@dataclass(frozen=True)
class UploadRules:
    """``max_article_bytes`` limits an article's text; ``max_page_bytes`` a fetched web page."""

    max_article_bytes: int
    max_page_bytes: int

    def limit(self, filename: str) -> int:
        """The largest file named ``filename`` an adapter should download. A saved web page is read as its
        address would be, and a page's inline scripts and styles often take it past 1 MB though its story is a
        few kilobytes: it may be as large as a fetched page (its extracted article is then held to
        ``max_article_bytes``, as a fetched one is). So may a PDF, whose fonts and pictures outweigh its text."""
        if is_saved_page(filename) or is_pdf(filename):
            return max(self.max_page_bytes, self.max_article_bytes)
        return self.max_article_bytes

    def refusal(self, filename: str, size: int) -> str | None:
        """Why a file of this name and size can't be added, or None when it may be (``size`` 0 when the
        platform has not said yet)."""
        if not is_saved_page(filename) and not is_pdf(filename):
            try:
                safe_filename(filename)
            except ValueError as exc:  # not .txt, .md, .pdf or .html
                return str(exc)
        limit = self.limit(filename)
        if size <= limit:
            return None
        # What to do, said with the limit: the number alone left the moderator to guess (a shorter file? none?).
        if is_saved_page(filename) or is_pdf(filename):
            return (f"{size:,} bytes is over the {limit:,}-byte limit for a saved page or PDF: give the page's web "
                    f"address instead, or put the article's text in a .txt or .md file (at most "
                    f"{self.max_article_bytes:,} bytes) and add that")
        return (f"{size:,} bytes is over the {limit:,}-byte limit for an article: split it into parts under the "
                "limit and add each, or ask whoever runs the bot to raise MAX_ARTICLE_BYTES")

    def too_many_addresses(self, urls: Sequence[str]) -> str | None:
        """Why an add of these addresses is refused before anything is fetched, or None. Discord and Slack each
        kept their own copy of the limit."""
        return f"Give at most {MAX_URLS} addresses at a time." if len(urls) > MAX_URLS else None
