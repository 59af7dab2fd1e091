"""Which corpus file a moderator means by the name given to remove an article: its id ("koo-surge-1"), its
file's name in the corpus ("koo-surge-1.txt"), or the name the file had when it was added ("koo surge
(1).txt", which the add stored under a cleaned name). "index remove 'koo surge (1).txt'" was told there is no
such article, and nothing said which one was meant."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from pathlib import Path

from index.corpus_files import article_paths
from index.documents import ARTICLE_SUFFIXES
from index.saved_names import saved_page_files

# The short hash of the name as given that ``upload_checks.safe_filename`` appends to a name whose letters it drops.
_HASH_TAIL = re.compile(r"-[0-9a-f]{8}$")
# How many ids a "did you mean" lists at most, and the characters of each one's title it shows.
CLOSE_IDS = 3
TITLE_CHARS = 60


class NoSuchArticle(KeyError):
    """No article by the name given; ``close``: the ids most like it, for a "did you mean"; ``titles``: their
    titles, by id, to say which article each is (an id such as ``000_23ab69559cfb75aa`` tells nobody)."""

    def __init__(self, given: str, close: list[str], titles: dict[str, str] | None = None,
                 unfiled: bool = False) -> None:
        super().__init__(given)
        self.given = given
        self.close = close
        self.titles = titles or {}
        # The live index holds an article of that id, whose file the corpus folder no longer has.
        self.unfiled = unfiled

    def did_you_mean(self) -> str:
        """"; did you mean 'koo-surge-1' (“Koo signups surge”)?" or nothing, to follow "There is no article with
        id …". For an article the index still serves without its file, why it can't be removed and what drops
        it: "there is no article" alone contradicted the sources list, which names it, and left it answered."""
        if self.unfiled:
            return ("; the index still holds it, but its file is no longer in the corpus folder (deleted or moved "
                    "by hand, or this replica reads another folder), so there is no file to remove: a rebuild of "
                    "the index drops it, with every other article the folder lacks; or add its file again")
        def named(doc_id: str) -> str:
            title = " ".join(self.titles.get(doc_id, "").split())
            if len(title) > TITLE_CHARS:
                title = title[:TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
            return f"{doc_id!r} (“{title}”)" if title else repr(doc_id)

        return f"; did you mean {' or '.join(named(doc_id) for doc_id in self.close)}?" if self.close else ""


def _as_added(given: str, clean: Callable[[str], str]) -> list[str]:
    """The corpus file names an add would have stored ``given`` under (``clean`` is ``upload_checks.safe_filename``): a
    .txt or .md by its cleaned name, a PDF as a .md of its cleaned stem; a name without an article's
    extension as its cleaned stem, any extension."""
    stem, suffix = os.path.splitext(Path(given.replace("\\", "/")).name)
    names = [given] if suffix.lower() in ARTICLE_SUFFIXES else [f"{stem}.md", f"{given}.md"]
    cleaned = []
    for name in names:
        try:
            cleaned.append(clean(name))
        except ValueError:  # no usable characters
            continue
    return cleaned


def named_files(corpus_dir: Path, given: str, clean: Callable[[str], str]) -> list[Path]:
    """The article files ``given`` names: by id (the stem; ``.TXT`` and ``.txt`` alike), by file name, or by
    the name it was added under. A cleaned name must match a file's name exactly, as the add stored it."""
    paths = article_paths(corpus_dir)
    found = [p for p in paths if given in (p.stem, p.name)]
    if found:
        return found
    added = _as_added(given, clean)
    stems = {Path(name).stem for name in added if Path(given).suffix.lower() not in ARTICLE_SUFFIXES}
    # A saved page was stored under a name made from its headline: found by the name it was added under.
    found = [p for p in paths if p.name in added or p.stem in stems] or saved_page_files(paths, given)
    if found or given.isascii():
        return found
    # Added before accented letters kept their base letter ("n-code-Koo-0bdcff54.md" for "Ünïcode 日本 Koo.md"):
    # the short hash of the name as given, which the cleaning appends to such a name, still names the file.
    hashed = {m.group(0) for name in added if (m := _HASH_TAIL.search(Path(name).stem))}
    return [p for p in paths if (m := _HASH_TAIL.search(p.stem)) and m.group(0) in hashed]


def close_ids(corpus_dir: Path, given: str, clean: Callable[[str], str]) -> list[str]:
    """The article ids most like ``given`` (or like the name an add would have stored it under)."""
    ids = sorted({p.stem for p in article_paths(corpus_dir)})
    by_lower = {doc_id.lower(): doc_id for doc_id in ids}
    close: list[str] = []
    for name in [given, *_as_added(given, clean)]:
        wanted = Path(name).stem.lower() if Path(name).suffix.lower() in ARTICLE_SUFFIXES else name.lower()
        if not wanted:
            continue
        matches = difflib.get_close_matches(wanted, list(by_lower), n=CLOSE_IDS, cutoff=0.6)
        matches += [low for low in by_lower if len(wanted) >= 3 and wanted in low]  # "koo" for "koo-surge-1"
        close += [by_lower[low] for low in matches]
    # Once each: an id both like the name and containing it ("story" for "new-story") was offered twice ("did
    # you mean 'new-story' or 'new-story'?").
    return list(dict.fromkeys(close))[:CLOSE_IDS]
