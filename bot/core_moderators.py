"""The command core's moderator actions: the permission check, rebuilds, and adding and removing articles.

Every one is refused, and written to the audit log, for anyone who is not a moderator. Every change, whatever
became of it, is also recorded in the store (``bot.audit_trail``), which moderators read back with
``change_history``. A mixin of ``bot.core.CommandCore``, whose moderator policy, builds and corpus changes it uses.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.actors import Actor
from bot.article_choices import ArticleChoice, article_choices, kept_choices
from bot.audit_log import audit
from bot.audit_trail import AuditTrail
from bot.build_updates import ProgressRelay, ProgressSink
from bot.change_history import ChangeHistory, change_record
from bot.moderator_words import how_to_become
from bot.results import IndexChange, Notice, NoticeKind
from index.article_match import indexed_articles
from index.builder import build_index
from index.corpus_files import article_paths
from index.manage import Upload
from retrieval.loaded import load_problem

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from bot.actors import ModeratorPolicy
    from bot.builds import BuildRunner
    from bot.core_config import CoreConfig
    from bot.corpus_changes import CorpusChanges
    from index.embedding import EncoderProvider
    from retrieval.engine import Engine

log = logging.getLogger(__name__)

FORBIDDEN = "Only moderators can {what}."  # then who moderates here and how to become one (``bot.moderator_words``)
REMOVE_USAGE = "Usage: /remove-article ID, with the id /sources lists for the article"
RESTORE_USAGE = "Usage: /restore-article ID, with the id of a removed article (/index-history names them)"
RESTORE_HOW = "/restore-article ID"
NOTHING_TO_ADD = "Attach a .txt, .md, .pdf or saved .html article, or give a web page's address, to add."
HISTORY_LIMIT = 10  # changes /index-history shows unless asked for more
MAX_HISTORY_LIMIT = 50


class ModeratorActions:
    # What it reads of ``CommandCore``, set there.
    config: CoreConfig
    moderators: ModeratorPolicy
    builds: BuildRunner
    corpus: CorpusChanges
    _encoder_provider: EncoderProvider
    engine: Engine
    _queries: ThreadPoolExecutor
    changes: AuditTrail

    def is_moderator(self, actor: Actor) -> bool:
        return self.moderators.allows(actor)

    def _refuse(self, actor: Actor, what: str) -> Notice | None:
        if self.is_moderator(actor):
            return None
        audit.warning("refused %s for %s: not a moderator", what, actor.describe())
        return Notice(NoticeKind.FORBIDDEN, f"{FORBIDDEN.format(what=what)} {how_to_become(self.moderators, actor)}")

    async def _recorded(self, action: str, actor: Actor, given: Sequence[str],
                        change: Callable[[], Awaitable[IndexChange | Notice]]) -> IndexChange | Notice:
        """``change`` run, and recorded whatever became of it, with the titles and addresses of the articles it
        changed: a removed one's from the index before it, an added one's from the index after it. Not someone
        else's attempt, refused as not a moderator: the audit log says it, and anyone could fill the store, kept
        for good, with such rows (Slack shows moderator commands to everyone, and they pass no rate limit)."""
        if not self.is_moderator(actor):
            return await change()
        index_dir = self.config.index_dir
        before = await asyncio.to_thread(indexed_articles, index_dir)
        result = await change()
        after = await asyncio.to_thread(indexed_articles, index_dir) if isinstance(result, IndexChange) else []
        await self.changes.record(change_record(action, actor, given, result.to_dict(), before, after))
        return result

    async def reindex(self, actor: Actor, full: bool = False, progress: ProgressSink | None = None
                      ) -> IndexChange | Notice:
        """``progress``: as for ``add_articles`` (a full rebuild of a large corpus runs for minutes)."""
        async def change() -> IndexChange | Notice:
            refusal = self._refuse(actor, "rebuild the index")
            if refusal:
                return refusal
            audit.info("reindex (full=%s) by %s", full, actor.describe())
            relay = ProgressRelay(progress, "reindex", [], clock=self.corpus.clock) if progress else None
            try:
                # A newer release's index is never replaced from chat, even with full: only the CLI's --full does.
                return await self.builds.run("reindex", actor, lambda still_held: IndexChange("reindex", build_index(
                    self.config.corpus_dir, self.config.index_dir, model=self.config.model,
                    encoder_provider=self._encoder_provider, full=full, live_check=load_problem,
                    still_held=still_held, progress=relay).to_dict()))
            finally:
                if relay is not None:
                    await relay.close()

        return await self._recorded("rebuild", actor, ["full"] if full else [], change)

    def refuse_add(self, actor: Actor, reason: str) -> Notice:
        """An add an adapter refuses before the core sees it (too many addresses, a file over the limit, a
        download that failed): told to the moderator and, like every moderator action, in the audit log and
        the store."""
        audit.info("add by %s refused: %s", actor.describe(), reason)
        notice = Notice(NoticeKind.INVALID, reason)
        self.changes.submit(change_record("add", actor, [], notice.to_dict(), [], []))
        return notice

    async def add_articles(
        self, actor: Actor, uploads: list[Upload], urls: Sequence[str] = (), force: bool = False,
        progress: ProgressSink | None = None,
    ) -> IndexChange | Notice:
        """Add uploaded files and the articles at ``urls`` (fetched on the event loop; extracted in a worker
        thread) in one rebuild. ``force`` adds pages already in the corpus anyway. ``progress``: the adapter's
        edit of its reply, given the build's stages as it runs (``bot.build_updates``)."""
        async def change() -> IndexChange | Notice:
            refusal = self._refuse(actor, "add articles")
            if refusal:
                return refusal
            if not uploads and not urls:
                audit.info("add by %s refused: %s", actor.describe(), NOTHING_TO_ADD)
                return Notice(NoticeKind.INVALID, NOTHING_TO_ADD)
            return await self.corpus.add(actor, uploads, urls, force, progress)

        given = [u.name for u in uploads] + list(urls) + (["--force"] if force else [])
        return await self._recorded("add", actor, given, change)

    async def remove_article(self, actor: Actor, doc_id: str) -> IndexChange | Notice:
        async def change() -> IndexChange | Notice:
            refusal = self._refuse(actor, "remove articles")
            if refusal:
                return refusal
            if not doc_id.strip():  # Slack's /remove-article with nothing after it; Discord's option is required
                return Notice(NoticeKind.INVALID, REMOVE_USAGE)
            return await self.corpus.remove(actor, doc_id.strip())

        return await self._recorded("remove", actor, [doc_id.strip()] if doc_id.strip() else [], change)

    async def restore_article(self, actor: Actor, given: str) -> IndexChange | Notice:
        """Put back the newest kept copy of a removed or replaced article, recorded as an add or removal is."""
        async def change() -> IndexChange | Notice:
            refusal = self._refuse(actor, "restore articles")
            if refusal:
                return refusal
            if not given.strip():
                return Notice(NoticeKind.INVALID, RESTORE_USAGE)
            return await self.corpus.restore(actor, given.strip())

        return await self._recorded("restore", actor, [given.strip()] if given.strip() else [], change)

    async def change_history(self, actor: Actor, limit: str | int | None = None) -> ChangeHistory | Notice:
        """Moderators: the newest moderator changes (``HISTORY_LIMIT``, or ``limit`` up to ``MAX_HISTORY_LIMIT``),
        who made each where, what it named and changed, and how it ended."""
        refusal = self._refuse(actor, "see the moderators' changes")
        if refusal:
            return refusal
        try:
            count = HISTORY_LIMIT if limit is None or str(limit).strip() == "" else int(str(limit).strip())
        except ValueError:
            count = 0
        if not 1 <= count <= MAX_HISTORY_LIMIT:
            return Notice(NoticeKind.INVALID, f"Give how many changes to show, 1 to {MAX_HISTORY_LIMIT} "
                                              f"(default {HISTORY_LIMIT}).")
        try:
            return replace(await self.changes.read(count), restore=RESTORE_HOW)
        except Exception:
            log.exception("the moderators' changes could not be read")
            return Notice(NoticeKind.FAILED, "The moderators' changes could not be read; the bot's log says why.")

    async def removal_choices(self, actor: Actor, typed: str) -> list[ArticleChoice]:
        """The articles to offer while ``actor`` types the id of one to remove: none to anyone who may not remove
        one (the command refuses them anyway), and none when the index can't be read, which removal reports.
        Asked at every keystroke, so neither refusal is audited or logged above DEBUG."""
        if not self.is_moderator(actor):
            return []
        try:
            sources = await asyncio.get_running_loop().run_in_executor(self._queries, self.engine.sources)
        except Exception:
            log.debug("no articles to offer: the index could not be read", exc_info=True)
            return []
        return article_choices(sources, typed)

    async def restore_choices(self, actor: Actor, typed: str) -> list[ArticleChoice]:
        """The removed articles to offer while ``actor`` types the id of one to restore, as ``removal_choices``."""
        if not self.is_moderator(actor):
            return []

        def offered() -> list[ArticleChoice]:
            # The articles served (in memory: asked at every keystroke) and any file in the corpus folder.
            live = {s.doc_id for s in self.engine.sources()} | {p.stem for p in article_paths(self.config.corpus_dir)}
            return kept_choices(self.config.index_dir, live, typed)

        try:
            return await asyncio.get_running_loop().run_in_executor(self._queries, offered)
        except Exception:
            log.debug("no articles to offer: the kept copies could not be read", exc_info=True)
            return []
