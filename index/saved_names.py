"""Which corpus file a saved web page's name means: "index remove 'cp1252 page.html'" was told there is no such
article, though the add had stored that page (as ``web-<title>-<hash>.md``, named from its headline, not its file)
and the README promises removal by the name an article was added under."""

from __future__ import annotations

from pathlib import Path

import yaml

from index.web_article import address_digest, is_saved_page

HEAD_CHARS = 4096  # an article's front matter is read from its first characters alone


def saved_page_files(paths: list[Path], given: str) -> list[Path]:
    """The articles among ``paths`` added from the saved page ``given`` ("cp1252 page.html"): by the name their
    front matter keeps (``saved_as``), or, for one added before it was kept and naming no address of its own, by
    the hash of that name that ends its file name (``WebArticle.filename``)."""
    name = Path(given.replace("\\", "/")).name
    if not is_saved_page(name):
        return []
    tail = f"-{address_digest(name)}"
    return [p for p in paths if p.suffix.lower() == ".md"
            and (_saved_as(p) == name or (p.stem.startswith("web-") and p.stem.endswith(tail)))]


def _saved_as(path: Path) -> str | None:
    """The ``saved_as`` of a stored page's front matter; None for any other article, or one that can't be read."""
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            head = f.read(HEAD_CHARS)
    except OSError:
        return None
    if not head.startswith("---\n") or (end := head.find("\n---", 4)) < 0:
        return None
    try:
        meta = yaml.safe_load(head[4:end])
    except yaml.YAMLError:
        return None
    value = meta.get("saved_as") if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None
