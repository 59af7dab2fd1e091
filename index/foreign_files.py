"""Files in the corpus folder that a build does not read: anything but ``.txt`` and ``.md``. A saved page copied
in by hand (``cp page.html corpus/``) was left out without a word ("Index already up to date"), so a moderator
took it for indexed. The build's report and ``index status`` name each one, why, and how it is added instead."""

from __future__ import annotations

from pathlib import Path

from index.corpus_files import SkippedFile
from index.documents import ARTICLE_SUFFIXES
from index.pdf_article import is_pdf
from index.web_article import is_saved_page

ONLY = "which a build does not read (only .txt and .md files)"
CONVERTED = "add it with index add, or from chat, which converts it to .md; then delete this copy"


def foreign_files(corpus_dir: Path) -> list[SkippedFile]:
    """Every file of ``corpus_dir`` a build leaves out for its kind, by name, with the reason; hidden files (an
    editor's, the system's, an add's half-written ``.upload-…``) are nobody's articles and are not named."""
    if not corpus_dir.is_dir():
        return []
    return [SkippedFile(path.name, _reason(path.name)) for path in sorted(corpus_dir.iterdir())
            if not path.name.startswith(".") and path.suffix.lower() not in ARTICLE_SUFFIXES and path.is_file()]


def _reason(name: str) -> str:
    if is_saved_page(name):
        return f"a saved web page, {ONLY}: {CONVERTED}"
    if is_pdf(name):
        return f"a PDF, {ONLY}: {CONVERTED}"
    return f"not an article file, {ONLY}: rename it to .txt if it is an article's plain text"
