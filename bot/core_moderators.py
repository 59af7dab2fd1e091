"""The command core's moderator actions: the permission check, rebuilds, and adding and removing articles.

Every one is refused, and written to the audit log, for anyone who is not a moderator. A mixin of
``bot.core.CommandCore``, whose moderator policy, builds and corpus changes it uses.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.actors import Actor
from bot.article_choices import ArticleChoice, article_choices
from bot.results import IndexChange, Notice, NoticeKind
from index.builder import build_index
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

audit = logging.getLogger("dispute_bot.audit")
log = logging.getLogger(__name__)

FORBIDDEN = "Only moderators can {what}."
REMOVE_USAGE = "Usage: /remove-article ID, with the id /sources lists for the article"


class ModeratorActions:
    # What it reads of ``CommandCore``, set there.
    config: CoreConfig
    moderators: ModeratorPolicy
    builds: BuildRunner
    corpus: CorpusChanges
    _encoder_provider: EncoderProvider
    engine: Engine
    _queries: ThreadPoolExecutor

    def is_moderator(self, actor: Actor) -> bool:
        return self.moderators.allows(actor)

    def _refuse(self, actor: Actor, what: str) -> Notice | None:
        if self.is_moderator(actor):
            return None
        audit.warning("refused %s for %s: not a moderator", what, actor.describe())
        return Notice(NoticeKind.FORBIDDEN, FORBIDDEN.format(what=what))

    async def reindex(self, actor: Actor, full: bool = False) -> IndexChange | Notice:
        refusal = self._refuse(actor, "rebuild the index")
        if refusal:
            return refusal
        audit.info("reindex (full=%s) by %s", full, actor.describe())
        # A newer release's index is never replaced from chat, even with full: only the CLI's --full does.
        return await self.builds.run("reindex", actor, lambda: IndexChange("reindex", build_index(
            self.config.corpus_dir, self.config.index_dir, model=self.config.model,
            encoder_provider=self._encoder_provider, full=full, live_check=load_problem).to_dict()))

    def refuse_add(self, actor: Actor, reason: str) -> Notice:
        """An add an adapter refuses before the core sees it (too many addresses, a file over the limit, a
        download that failed): told to the moderator and, like every moderator action, in the audit log."""
        audit.info("add by %s refused: %s", actor.describe(), reason)
        return Notice(NoticeKind.INVALID, reason)

    async def add_articles(
        self, actor: Actor, uploads: list[Upload], urls: Sequence[str] = (), force: bool = False
    ) -> IndexChange | Notice:
        """Add uploaded files and the articles at ``urls`` (fetched on the event loop; extracted in a worker
        thread) in one rebuild. ``force`` adds pages already in the corpus anyway."""
        refusal = self._refuse(actor, "add articles")
        if refusal:
            return refusal
        if not uploads and not urls:
            return self.refuse_add(actor, "Attach a .txt, .md, .pdf or saved .html article, or give a web page's "
                                          "address, to add.")
        return await self.corpus.add(actor, uploads, urls, force)

    async def remove_article(self, actor: Actor, doc_id: str) -> IndexChange | Notice:
        refusal = self._refuse(actor, "remove articles")
        if refusal:
            return refusal
        if not doc_id.strip():  # Slack's /remove-article with nothing after it; Discord's option is required
            return Notice(NoticeKind.INVALID, REMOVE_USAGE)
        return await self.corpus.remove(actor, doc_id.strip())

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

