"""The moderator changes kept in the store (``moderator_changes``, migration 9): written once per change, read
newest first by ``index history`` and the chat command.

Synchronous, like the rest of the store: the command core calls it from a worker thread, the CLI directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa

from bot.change_history import ChangeRecord
from bot.store.db import utcnow
from bot.store.engines import open_engine
from bot.store.migrations import migrate
from bot.store.reads import reading
from bot.store.tables import PLACE_CHARS, fit_key, moderator_changes

REASON_CHARS = 2000  # a refusal naming every file of a large add stays readable, and bounded


class ChangeStore:
    def __init__(self, url: str, clock: Callable[[], datetime] = utcnow) -> None:
        self.engine = open_engine(url)
        self.version = migrate(self.engine)
        self._clock = clock

    def close(self) -> None:
        self.engine.dispose()

    def write(self, record: ChangeRecord) -> None:
        reason = record.reason[:REASON_CHARS] if record.reason else None
        with self.engine.begin() as conn:
            conn.execute(sa.insert(moderator_changes).values(
                at=record.at or self._clock(), action=record.action[:16], platform=record.platform[:16],
                user_id=record.user_id[:200], user_name=record.user_name[:200] if record.user_name else None,
                place=fit_key(record.place, PLACE_CHARS) if record.place else None,
                given=list(record.given), articles=list(record.articles), outcome=record.outcome[:16], reason=reason,
            ))

    def recent(self, limit: int) -> list[ChangeRecord]:
        """The newest ``limit`` changes, newest first."""
        c = moderator_changes.c
        with reading(self.engine) as conn:
            rows = conn.execute(sa.select(moderator_changes).order_by(c.at.desc(), c.id.desc()).limit(limit))
            return [ChangeRecord(action=r.action, platform=r.platform, user_id=r.user_id, outcome=r.outcome,
                                 user_name=r.user_name, place=r.place, given=list(r.given or []),
                                 articles=list(r.articles or []), reason=r.reason, at=r.at) for r in rows]

    def recorded_articles(self) -> tuple[set[str], set[str]]:
        """The doc ids a published add (chat's or the CLI's) put in the index and no published change since has
        removed: the articles a replica's start-up must not drop for its corpus folder lacking them. An article
        a build picked up from the folder (start-up's, ``index build``) is a hand edit, not an add, and does not
        make one of them; the latest add or removal naming an article decides. And every doc id any published
        change names (added, changed or removed, by any action): an indexed article outside those was indexed
        before the store recorded changes (migration 9), so nothing here can say a moderator added or removed
        it (``bot.lacking_articles``)."""
        c = moderator_changes.c
        held: set[str] = set()
        named: set[str] = set()
        with reading(self.engine) as conn:
            rows = conn.execute(sa.select(c.action, c.articles).where(c.outcome == "published")
                                .order_by(c.at, c.id))
            for action, articles in rows:
                for article in articles or []:
                    change, doc_id = article.get("change"), str(article.get("doc_id"))
                    named.add(doc_id)
                    if change == "removed":
                        held.discard(doc_id)
                    elif action in ("add", "restore"):  # a restore puts an article back as an add does
                        held.add(doc_id)
        return held, named
