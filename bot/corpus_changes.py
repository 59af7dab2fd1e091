"""A moderator's change to the corpus from chat, once the core has checked who asks and what was given: the
files and web pages of an add, or the article to remove, go in with their rebuild as one build on the build
thread, so questions go on being answered from the old index until the new one is published."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from bot.actors import Actor
from bot.audit_log import audit
from bot.build_updates import ProgressRelay, ProgressSink
from bot.builds import BuildRunner
from bot.core_config import CoreConfig
from bot.force_hints import chat_hint
from bot.restore_text import live_refusal, nothing_kept, restored
from bot.results import IndexChange, Notice, NoticeKind
from index.article_names import NoSuchArticle
from index.embedding import EncoderProvider
from index.lock_check import LockCheck
from index.manage import Upload, add_articles, remove_article
from index.restore import ArticleLive, NothingKept, restore_article
from index.web_article import WebArticle, fetch_articles


class CorpusChanges:
    def __init__(self, config: CoreConfig, builds: BuildRunner, encoder_provider: EncoderProvider) -> None:
        """``encoder_provider`` embeds the articles (the model itself, as a reindex does: see ``CommandCore``)."""
        self._config = config
        self._builds = builds
        self._encoder_provider = encoder_provider
        self.clock: Callable[[], float] = time.monotonic  # what progress updates are spaced by; tests set theirs

    async def add(self, actor: Actor, uploads: list[Upload], urls: Sequence[str], force: bool,
                  progress: ProgressSink | None = None) -> IndexChange | Notice:
        """The pages at ``urls`` are fetched here, on the event loop, once the add is let in (refused like a file
        add while another change runs); their text is extracted on the build thread. ``progress``: where the
        build's stages go as it runs (``bot.build_updates``)."""
        names = [u.name for u in uploads] + list(urls)
        audit.info("add %s%s by %s", ", ".join(names), " (force)" if force else "", actor.describe())
        relay = ProgressRelay(progress, "add", names, clock=self.clock) if progress is not None else None
        fetched: list[WebArticle] = []
        problems: list[dict[str, str]] = []

        async def fetch() -> Notice | None:
            nonlocal fetched, problems
            if not urls:
                return None
            if relay is not None:
                relay("fetching", 0, len(urls))
            # Extraction is CPU-bound and can't be stopped: on the build thread, never one that answers questions.
            fetched, problems = await fetch_articles(urls, self._config.fetch, self._builds.in_thread)
            if fetched or uploads:
                return None
            reasons = "; ".join(f"{r['file']}: {r['reason']}" for r in problems)
            audit.info("add by %s: nothing added (%s)", actor.describe(), reasons)
            return Notice(NoticeKind.INVALID, f"Nothing was added. {reasons}")

        def run(still_held: LockCheck | None) -> IndexChange | Notice:
            outcome = add_articles(
                uploads, self._config.corpus_dir, self._config.index_dir, model=self._config.model,
                encoder_provider=self._encoder_provider, max_bytes=self._config.max_article_bytes,
                web_articles=fetched, force=force, still_held=still_held, retention=self._config.kept,
                progress=relay,
            )
            rejected = problems + outcome.rejected
            hint = "" if force else chat_hint(rejected)
            if outcome.report is None:  # notes: an earlier add a killed process left, undone meanwhile
                reasons = "; ".join(f"{r['file']}: {r['reason']}" for r in rejected)
                notes = "".join(f"\nNote on {n['file']}: {n['note']}" for n in outcome.notes)
                return Notice(NoticeKind.INVALID, f"Nothing was added. {reasons}{notes}{hint}")
            return IndexChange("add", outcome.change(), rejected, hint=hint.strip())

        try:
            return await self._builds.run("add", actor, run, prepare=fetch)
        finally:
            if relay is not None:
                await relay.close()

    async def remove(self, actor: Actor, doc_id: str) -> IndexChange | Notice:
        audit.info("remove %s by %s", doc_id, actor.describe())

        def run(still_held: LockCheck | None) -> IndexChange | Notice:
            try:
                report = remove_article(doc_id, self._config.corpus_dir, self._config.index_dir,
                                        model=self._config.model, encoder_provider=self._encoder_provider,
                                        still_held=still_held, retention=self._config.kept)
            except NoSuchArticle as exc:
                return Notice(NoticeKind.INVALID,
                              f"There is no article with id {doc_id!r}{exc.did_you_mean()}; see /sources.")
            return IndexChange("remove", report.to_dict())

        return await self._builds.run("remove", actor, run)

    async def restore(self, actor: Actor, given: str) -> IndexChange | Notice:
        """The newest kept copy of a removed or replaced article put back (``index.restore``), with its rebuild."""
        audit.info("restore %s by %s", given, actor.describe())

        def run(still_held: LockCheck | None) -> IndexChange | Notice:
            try:
                report, copy = restore_article(given, self._config.corpus_dir, self._config.index_dir,
                                               model=self._config.model, encoder_provider=self._encoder_provider,
                                               still_held=still_held)
            except ArticleLive as exc:
                return Notice(NoticeKind.INVALID, live_refusal(exc.doc_id, f"/remove-article {exc.doc_id}"))
            except NothingKept as exc:
                return Notice(NoticeKind.INVALID, nothing_kept(exc, self._config.kept, "/index-history"))
            return IndexChange("restore", {**report.to_dict(), "restored": restored(copy)})

        return await self._builds.run("restore", actor, run)

