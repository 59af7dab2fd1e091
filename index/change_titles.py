"""The title and date of each article a build added, changed or removed, for its report.

An add's reply named ids alone ("added: koo-surge"), so a page added by address whose title or date the extraction
got wrong was seen only later, in /sources; a removal's named an id such as ``000_23ab69559cfb75aa``. The report
now carries what the index holds for each: the new build's for an added or changed article, the previous
build's (kept beside it by ``store.publish``) for a removed one. Best effort: an index that can't be read names
ids alone, never failing a build that was published.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.store import DOCS, live_dir, read_jsonl

if TYPE_CHECKING:
    from index.build_report import BuildReport

log = logging.getLogger(__name__)


def article_heads(build: Path | None) -> dict[str, dict[str, Any]]:
    """Each article of the build folder ``build`` by id: its title, date and whether the date was estimated."""
    if build is None:
        return {}
    try:
        rows = read_jsonl(build / DOCS)
    except (OSError, ValueError) as exc:
        log.warning("could not read the titles of %s's articles (%s)", build, exc)
        return {}
    return {str(r["doc_id"]): {"title": str(r.get("title") or ""), "date": r.get("date"),
                               "date_estimated": bool(r.get("date_estimated"))}
            for r in rows if isinstance(r, dict) and r.get("doc_id")}


def previous_heads(index_dir: Path) -> Callable[[], dict[str, dict[str, Any]]]:
    """The live index's ``article_heads``, for after a build: read then from its build folder (publishing keeps
    it beside the new one), unless ``INDEX_DIR`` is a plain folder, which publishing moves aside: read at once."""
    live = live_dir(index_dir)
    if live is None or live == index_dir:
        heads = article_heads(live)
        return lambda: heads
    return lambda: article_heads(live)


def name_articles(report: BuildReport, before: Callable[[], dict[str, dict[str, Any]]], live: Path | None) -> None:
    """Fill ``report.articles`` for the ids it added, changed or removed (each build read only when needed)."""
    if report.unchanged:
        return
    new = [*report.added_docs, *report.changed_docs]
    heads = {**(before() if report.removed_docs else {}), **(article_heads(live) if new else {})}
    report.articles = {doc_id: heads[doc_id] for doc_id in [*new, *report.removed_docs] if doc_id in heads}
