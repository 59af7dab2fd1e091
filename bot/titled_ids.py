"""An article named in a change's reply by its id, title and date: "koo-surge (“Koo crosses 3 million users”,
2021-02-10)". An add's reply named ids alone, so a page added by address whose title or date the extraction got
wrong was seen only later, in /sources; a removal named an id such as ``000_23ab69559cfb75aa``."""

from __future__ import annotations

from typing import Any

TITLE_CHARS = 80
# The changes whose replies name each article so: a moderator's own, of a few articles. A rebuild's names ids
# only (its first build adds every article).
TITLED_ACTIONS = frozenset({"add", "remove", "restore"})


def titled(doc_id: str, articles: dict[str, dict[str, Any]]) -> str:
    """``doc_id`` with the title and date ``articles`` (a build report's) gives it; the id alone without them."""
    head = articles.get(doc_id)
    if not head:
        return doc_id
    title = " ".join(str(head.get("title") or "").split())
    if len(title) > TITLE_CHARS:
        title = title[:TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    date = head.get("date")
    day = f"{date}, estimated" if date and head.get("date_estimated") else (date or "undated")
    return f"{doc_id} (“{title}”, {day})" if title else f"{doc_id} ({day})"


def restored_line(report: dict[str, Any]) -> str:
    """"Restored koo.md as it was when removed on 2026-12-07 09:14 UTC." for a restore's reply, or ""."""
    copy = report.get("restored")
    if not copy:
        return ""
    when = str(copy.get("at") or "")[:16].replace("T", " ")
    return f"\nRestored {copy['filename']} as it was when {copy['why']} on {when} UTC."
