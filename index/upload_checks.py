"""Whether an uploaded file can be an article, and the corpus file name it gets: asked of every file of an add
before anything is written, and by the adapters before they download (``bot.uploads``)."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from index.corpus_files import parsed_article
from index.date_problems import date_problem
from index.documents import ARTICLE_SUFFIXES, too_little_text
from index.pdf_article import pdf_markdown
from index.repeated_keys import repeated_key_problem

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_STEM = 100


@dataclass(frozen=True)
class Upload:
    """An article as received: its file name (as the user gave it) and raw bytes."""

    name: str
    data: bytes


def safe_filename(name: str) -> str:
    """A plain file name for the corpus: no folders, no hidden files, only .txt/.md.

    A name whose letters the cleaning drops (another script, accents) or cuts (over ``MAX_STEM``) gets a
    short hash of the name as given: "किसान 2021.md" and "ट्विटर 2021.md" both cleaned to "2021.md", and the
    second silently replaced the first as if it were a correction of it. Accented Latin letters keep their
    base letter ("Déclaration Über.md" is "Declaration-Uber-…", not "D-claration-ber-…"): the id is what
    moderators see in /sources and type to remove the article.
    """
    base = Path(name.replace("\\", "/")).name
    given, suffix = os.path.splitext(base)
    folded = unicodedata.normalize("NFKD", given).encode("ascii", "ignore").decode("ascii")
    stem = _UNSAFE.sub("-", folded).strip(".-_")
    if suffix.lower() not in ARTICLE_SUFFIXES:
        allowed = ", ".join(ARTICLE_SUFFIXES)
        raise ValueError(f"only {allowed}, PDF (.pdf) and saved web pages (.html) can be added "
                         f"(got {suffix or 'no extension'!r})")
    if any(not ch.isascii() for ch in given) or len(stem) > MAX_STEM:
        digest = hashlib.sha256(given.encode("utf-8")).hexdigest()[:8]
        stem = f"{stem[:MAX_STEM - 9].rstrip('.-_') or 'article'}-{digest}"
    if not stem:
        raise ValueError("the file name has no usable characters")
    return f"{stem}{suffix.lower()}"


def pdf_upload(upload: Upload) -> Upload:
    """A PDF as the ``.md`` article it is stored as (``index.pdf_article``): its name's stem, and its text with
    front matter. CPU-bound; ``PdfRefused`` (a ``ValueError``) says why a PDF can't be added."""
    stem, markdown = pdf_markdown(upload.name, upload.data)
    return Upload(f"{stem}.md", markdown.encode("utf-8"))


def check_upload(upload: Upload, max_bytes: int) -> str:
    """The corpus file name for an acceptable upload; ``ValueError`` with the reason otherwise."""
    filename = safe_filename(upload.name)
    if len(upload.data) > max_bytes:
        raise ValueError(f"{len(upload.data):,} bytes is over the {max_bytes:,}-byte limit")
    raw, doc = parsed_article(upload.data, Path(filename).stem, filename)
    if (repeated := repeated_key_problem(raw)) is not None:
        raise ValueError(repeated)
    if (too_little := too_little_text(doc.text)) is not None:
        raise ValueError(too_little)
    if (problem := date_problem(raw, doc.date, doc.text)) is not None:
        raise ValueError(problem)
    return filename
