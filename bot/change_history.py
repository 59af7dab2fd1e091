"""Moderator changes as a record and as the history a moderator reads (``index history``, ``/index-history``).

Plain values without SQLAlchemy: the store keeps them (``bot.store.changes``), the command core and the CLI
make them from what a change returned (``change_record``), and every renderer shows ``ChangeHistory.lines``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.actors import Actor
from bot.one_line import on_one_line
from index.article_match import IndexedArticle

REFUSED_KINDS = frozenset({"invalid", "forbidden", "busy", "rate_limited", "overloaded"})
SHOWN_IDS = 5  # article ids a line of the history names; the rest are counted


@dataclass(frozen=True)
class ChangeRecord:
    """One moderator change: ``action`` "add", "remove" or "rebuild"; ``outcome`` "published", "unchanged",
    "refused" or "failed", with ``reason`` saying why (or, for a published add, which files it refused)."""

    action: str
    platform: str
    user_id: str
    outcome: str
    user_name: str | None = None
    place: str | None = None
    given: list[str] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)  # {"doc_id", "title", "url", "change"}
    reason: str | None = None
    at: datetime | None = None  # naive UTC; set when written

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "at": f"{self.at.isoformat(timespec='seconds')}Z" if self.at else None}

    def line(self) -> str:
        """"2026-12-06 20:01 UTC add (koo.md) by discord:42 (mod) in discord:9: published; added koo “Koo …”"."""
        when = f"{self.at:%Y-%m-%d %H:%M} UTC" if self.at else "(time unknown)"
        who = f"{self.platform}:{self.user_id}" + (f" ({self.user_name})" if self.user_name else "")
        where = f" in {self.place}" if self.place else ""
        given = f" ({', '.join(self.given)})" if self.given else ""
        text = f"{when} {self.action}{given} by {who}{where}: {self.outcome}"
        changed = _changed(self.articles)
        if changed:
            text += f"; {changed}"
        if self.reason:
            text += f"; {' '.join(self.reason.split())}"
        return on_one_line(text)  # a file name with a line break in it wrote a made-up record under this one


def _changed(articles: Sequence[dict[str, Any]]) -> str:
    by_change: dict[str, list[str]] = {}
    for article in articles:
        title = " ".join(str(article.get("title") or "").split())
        shown = f"{article['doc_id']} “{title[:60]}{'…' if len(title) > 60 else ''}”" if title else article["doc_id"]
        by_change.setdefault(str(article.get("change", "changed")), []).append(shown)
    parts = []
    for change, shown in by_change.items():
        more = f" and {len(shown) - SHOWN_IDS} more" if len(shown) > SHOWN_IDS else ""
        parts.append(f"{change} {', '.join(shown[:SHOWN_IDS])}{more}")
    return "; ".join(parts)


@dataclass(frozen=True)
class ChangeHistory:
    """The newest moderator changes, newest first; ``kept`` says where (none when nothing records them).
    ``restore``: how the reader restores an article ("/restore-article ID"), said under a removal or replacement
    (a removed article's text was lost for good, and nothing said it could come back)."""

    changes: list[ChangeRecord]
    kept: bool = True
    restore: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"changes": [c.to_dict() for c in self.changes]}

    def lines(self) -> list[str]:
        if not self.kept:
            return ["Moderator changes are not recorded here (no database), only in the bot's log."]
        if not self.changes:
            return ["No moderator change is recorded yet."]
        lines = [f"The last {len(self.changes)} moderator changes, newest first:" if len(self.changes) > 1
                 else "The last moderator change:", *(c.line() for c in self.changes)]
        lost = {"removed", "changed"}
        if self.restore and any(a.get("change") in lost for c in self.changes for a in c.articles):
            lines.append(f"A removed or replaced article can be brought back as it was with {self.restore} "
                         "while its copy is kept.")
        return lines


def change_record(action: str, actor: Actor, given: Iterable[str], said: dict[str, Any],
                  before: Sequence[IndexedArticle], after: Sequence[IndexedArticle]) -> ChangeRecord:
    """The record of a change from what it returned (``IndexChange.to_dict()``, or a refusal's ``{"error",
    "message"}``: the CLI prints the same), with the titles and addresses of the articles it changed, from the
    index before it (a removed article's) and after it (an added one's)."""
    error = said.get("error")
    refused = "; ".join(f"{r.get('file')}: {r.get('reason')}" for r in said.get("rejected", []))
    if error:
        outcome = "refused" if error in REFUSED_KINDS else "failed"
        reason = str(said.get("message") or "") or refused or str(error)
    else:
        outcome = "unchanged" if said.get("unchanged") else "published"
        reason = f"refused {refused}" if refused else ""
    titles = {a.doc_id: a for a in before} | {a.doc_id: a for a in after}
    articles = [{"doc_id": doc_id, "title": titles[doc_id].title if doc_id in titles else None,
                 "url": titles[doc_id].url if doc_id in titles else None, "change": change}
                for key, change in (("added_doc_ids", "added"), ("changed_doc_ids", "changed"),
                                    ("removed_doc_ids", "removed"))
                for doc_id in said.get(key, [])]
    if outcome == "unchanged":
        articles = []
    return ChangeRecord(action=action, platform=actor.platform, user_id=actor.user_id, outcome=outcome,
                        user_name=actor.name or None, place=actor.home or None, given=[str(g) for g in given],
                        articles=articles, reason=reason or None)
