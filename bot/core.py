"""The command core: every chat command, its validation and its permission check, written once.

Adapters translate platform events into these calls and render what comes back. All CPU work (encoding,
search, builds) runs in worker threads so an adapter's event loop keeps its heartbeats and its 3-second
acknowledgements. Questions and builds use separate pools: a rebuild never delays an answer, and
questions keep being served from the old index until the new one is published.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from bot import metrics
from bot.about_asks import NOTED_TOPIC, acknowledges
from bot.actors import Actor, ModeratorPolicy
from bot.admission import Admission, VoteAdmission
from bot.audit_log import audit
from bot.audit_trail import AuditTrail
from bot.builds import APOLOGY, BuildRunner
from bot.conversations import OWN_ANSWER, with_pointed
from bot.core_config import CoreConfig
from bot.core_conversations import ConversationLinks
from bot.core_home import HomeReader
from bot.core_moderators import ModeratorActions
from bot.core_replies import ContextReplies
from bot.core_timeline import TimelineReaders
from bot.corpus_changes import CorpusChanges
from bot.help_text import Identify
from bot.history import REPORT_NEEDS_DATABASE, History
from bot.history_results import Feedback, GapReport
from bot.inflight import InFlight
from bot.ratelimit import RateLimiter
from bot.refusals import given_back
from bot.report import BadWindow
from bot.results import IndexStatus, Notice, NoticeKind, Reply, SourcesList
from bot.routing import route
from bot.shared_state import SharedState
from bot.smalltalk import NOTED, doubts_what_was_said
from bot.status_report import read_status, served_build
from bot.store_breaker import StoreDown
from bot.uploads import UploadRules
from bot.validation import InvalidInput, asks_nothing, clean_question, pointed_text, words_of
from index import store
from index.embedding import EncoderProvider
from index.index_status import index_status
from retrieval.engine import Engine
from retrieval.loaded import FIX_DAMAGED, IndexLoadError
from retrieval.types import Answer, Timeline

log = logging.getLogger(__name__)

T = TypeVar("T")
INDEX_CHECK_SECONDS = 1.0  # how often a replica looks for a build published elsewhere: one readlink

class CommandCore(TimelineReaders, ModeratorActions, ConversationLinks, HomeReader, ContextReplies):
    """The commands. Timeline readers (``bot.core_timeline``), moderator actions (``bot.core_moderators``),
    what adapters ask of a conversation (``bot.core_conversations``), the bot's own page (``bot.core_home``) and
    replies filled in from what it holds (``bot.core_replies``) are written in modules of their own."""

    def __init__(
        self, config: CoreConfig, encoder_provider: EncoderProvider, moderators: ModeratorPolicy,
        query_workers: int = 2, build_encoder_provider: EncoderProvider | None = None,
        history: History | None = None, shared: SharedState | None = None, changes: AuditTrail | None = None,
    ) -> None:
        """``encoder_provider`` encodes questions; ``build_encoder_provider`` (default: the same) embeds
        articles. They differ in the bot: questions go through the fast ONNX export, while article vectors
        come from the model itself, so they are the same whichever way an article was added. ``changes``: where
        moderator changes are recorded (default: the log alone)."""
        self.config = config
        self.moderators = moderators
        self._encoder_provider = build_encoder_provider or encoder_provider
        self.engine = Engine(config.index_dir, encoder_provider)
        self._queries = ThreadPoolExecutor(max_workers=query_workers, thread_name_prefix="query")
        self.history = history or History()  # follow-ups, stored answers, feedback (without a store: none)
        self.in_flight = InFlight(config.max_in_flight)
        self.shared = shared or SharedState()  # rate limits, event claims, build lock: own or replicas' (store)
        self.builds = BuildRunner(self.shared.build_lock, config, self.engine.reload)
        self.corpus = CorpusChanges(config, self.builds, self._encoder_provider)  # add and remove articles
        self.changes = changes or AuditTrail()
        self.uploads = UploadRules(config.max_article_bytes, config.fetch.max_bytes)  # asked before downloads
        limiter = self.shared.limiter(config.rate_limit_per_minute, config.rate_limit_burst)
        self.admission = Admission(limiter, self.in_flight)
        # Votes: their own budget, in this process whatever SHARED_STATE says (see ``VoteAdmission``).
        self.vote_admission = VoteAdmission(RateLimiter(config.vote_limit_per_minute, config.vote_limit_burst))
        self.warm = False  # index loaded and encoder warm
        self.index_available = True  # the last question could load the live index (a damaged one can't)
        metrics.watch_index(metrics.IndexGauges(lambda: store.live_dir(config.index_dir), self._index_counts))
        metrics.watch_store(lambda: self.history.records and self.history.breaker.down_for is None)

    def _index_counts(self) -> tuple[int, int]:
        info = index_status(self.config.index_dir)
        return int(info.get("docs", 0)), int(info.get("chunks", 0))

    @property
    def build_running(self) -> bool:
        return self.builds.running

    def close(self, wait_for_builds: bool = True) -> None:
        """``wait_for_builds=False`` (shutdown) leaves a running build to the atomic-swap rules: it is never
        published half-written, and the next build clears its folder."""
        self.warm = False
        metrics.READY.set(0)
        self.engine.close()
        self._queries.shutdown(wait=False, cancel_futures=True)
        self.builds.close(wait=wait_for_builds)
        self.history.close()
        self.changes.close()
        self.shared.close()

    async def _run(self, pool: ThreadPoolExecutor, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(pool, fn)

    async def warm_up(self) -> None:
        """Load the index and the model before the first user waits for them."""
        def load() -> None:
            _ = self.engine.index
            self.engine.encode_query("warm up")

        await self._run(self._queries, load)
        # Builds other processes publish are loaded beside the served index, an idle replica's too.
        self.engine.watch(INDEX_CHECK_SECONDS)
        self.warm = True
        self._publish_ready()

    @property
    def ready(self) -> bool:
        """What ``/readyz`` and ``dispute_bot_ready`` say: questions are answered now, and quickly. Not while
        warming up, not once the live index can't be loaded (questions get "not available" until it is
        rebuilt), and not while stopping."""
        return self.warm and self.index_available and not self.in_flight.closing

    def _publish_ready(self) -> None:
        # Set at each change rather than read at scrape time: a warm-up that ends while the bot is stopping
        # must not turn the gauge back to 1.
        metrics.READY.set(1 if self.ready else 0)

    # -- everyone -----------------------------------------------------------------------------------

    # Read commands pass ``Admission`` first: the per-user rate limit, the in-flight cap, metrics.

    async def ask(
        self, question: str | None, actor: Actor | None = None, conversation: str | None = None,
        pointed_at: str | None = None, about_answer: str | None = None, identify: Identify | None = None,
    ) -> Answer | Notice | Reply | Timeline:
        """``conversation`` names the thread, DM or session the question was asked in (see
        ``bot.conversations``): a follow-up there is searched with words from its earlier turns. Small talk
        ("hi", "thanks", "help") gets a short reply, and is neither searched nor kept in the history.

        ``pointed_at``: the text of the message the question points at, someone's post it replies to or
        forwards (the adapter fetches it). A question of its own reads it as the conversation's latest turn
        (``with_pointed``); a message that asks nothing else (a bare mention, a forward with no words) or only
        doubts it ("is this true?", "source?") asks what it says.

        ``about_answer``: the conversation of the bot's own answer the message points at (shared or forwarded
        back to it): asked about as a reply to that answer is, its text never searched (``with_pointed``).

        ``identify``: ``actor`` with the facts the adapter looks up only on need (Slack's admin flags), for help,
        which names a moderator's commands by the rule moderator commands and App Home use (``help_text.asker``)."""
        async def work() -> Answer | Notice | Reply | Timeline:
            if about_answer is not None and asks_nothing(question):
                return Reply(OWN_ANSWER)
            if acknowledges(question):  # "👍" after a reply: as "ok" is
                return await self._said(Reply(NOTED, about=NOTED_TOPIC), actor, identify, about_answer or conversation)
            asked = question
            pointed = "" if about_answer is not None else pointed_text(pointed_at, self.config.max_question_chars)
            if pointed and (asks_nothing(asked) or doubts_what_was_said(words_of(asked))):
                asked, pointed = pointed, ""
            try:
                cleaned = clean_question(asked, self.config.max_question_chars)
            except InvalidInput as exc:
                return Notice(NoticeKind.INVALID, str(exc))
            cleaned, routed = route(cleaned, await self._subjects(cleaned))
            if routed is not None:
                if routed.reply is not None:  # help for the asker; what the bot knows; "more", "ok" after a reply
                    return await self._said(routed.reply, actor, identify, about_answer or conversation)
                events = await self._story(routed, conversation)
                if not routed.if_events or not isinstance(events, Timeline) or events.events or events.asked_back:
                    return events
            context = await self.history.context(about_answer or conversation)
            # "and the next day?", "what happened next?" after a timeline or an answer: the events then, about
            # what the timeline was about.
            move = None if pointed else await self._moved(context, cleaned)
            if move is not None:
                return await self._events(move.topic, conversation, move)
            if pointed:
                context = with_pointed(context, pointed)
            result = await self._guarded("ask", lambda: self.engine.ask(cleaned, context))
            if isinstance(result, Answer):
                result = await self.history.record(cleaned, result, actor, conversation, self.engine)
            return result

        return given_back(await self.admission.run("ask", actor, work), question)

    async def sources(self, actor: Actor | None = None) -> SourcesList | Notice:
        return await self.admission.run(
            "sources", actor, lambda: self._guarded("sources", lambda: SourcesList(self.engine.sources())))

    async def status(self, actor: Actor | None = None) -> IndexStatus | Notice:
        """What ``index status`` shows (``bot.status_report``), for chat's /status: a build running here or on
        another replica, a change left interrupted, the last failed build, a file cut short or deleted since the
        load (sizes: a stat each; the checksums, seconds per GB, are the load's). Chat showed the counts alone."""
        def read() -> IndexStatus:
            elsewhere = True if self.builds.running else self.shared.building_elsewhere()
            try:
                status = read_status(self.config.corpus_dir, self.config.index_dir, self.config.model, elsewhere,
                                     files="sizes", trail=self.changes, seed_dir=self.config.corpus_seed_dir)
            except store.ManifestUnreadable as exc:
                raise IndexLoadError(self.config.index_dir, str(exc)) from None
            outage = self.shared.outage()  # claims and rate limits are this replica's own meanwhile
            if outage is not None:
                status.info["database_unreachable_seconds"] = round(outage)
            served = served_build(self.engine.reload_state())
            if served is not None:
                status.info["served_build"] = served
            if (running := self.builds.current) is not None:  # what, by whom, since when: not only that one runs
                status.info["running_change"] = running.describe(self.builds.now())
            return status

        return await self.admission.run("status", actor, lambda: self._guarded("status", read))

    async def _guarded(self, what: str, fn: Callable[[], T]) -> T | Notice:
        try:
            result = await self._run(self._queries, fn)
        except IndexLoadError as exc:
            self._index_loads(False)
            log.error("%s failed: %s", what, exc)
            # Anyone in a channel reads the text: the file (and the folders the bot runs from) goes in the
            # detail, which only the CLI and the terminal show, and in the log.
            return Notice(NoticeKind.UNAVAILABLE, "The article index is missing or damaged; the bot's log says "
                          f"which file. A moderator can rebuild it with: {FIX_DAMAGED}", detail=str(exc))
        except Exception:
            log.exception("%s failed", what)
            return Notice(NoticeKind.FAILED, APOLOGY)
        self._index_loads(True)
        return result

    def _index_loads(self, available: bool) -> None:
        if available != self.index_available:
            self.index_available = available
            log.log(logging.INFO if available else logging.ERROR, "the live index %s; /readyz says %s",
                    "loads again" if available else "cannot be loaded", "ready" if self.ready else "not ready")
            self._publish_ready()

    # -- feedback -----------------------------------------------------------------------------------

    async def vote(self, actor: Actor, answer_id: str, value: int) -> Feedback | Notice:
        """A 👍 (+1) or 👎 (-1) on a stored answer; a second vote by the same person replaces the first. Clicks
        past the clicker's vote budget are told to slow down and never reach the store (``VoteAdmission``)."""
        if value not in (1, -1) or not answer_id:
            return Notice(NoticeKind.INVALID, "That feedback button is not valid.")
        refusal = await self.vote_admission.refusal(actor)
        if refusal is not None:
            return refusal
        try:
            return await self.history.vote(actor, answer_id, value)
        except Exception:
            log.exception("recording a vote failed")
            return Notice(NoticeKind.FAILED, APOLOGY)

    async def report(self, actor: Actor, since: str | None = None) -> GapReport | Notice:
        """Moderators: answer rate, declined questions grouped by meaning, most down-voted answers.

        Asked in a server or workspace, it covers the questions asked there: a moderator of one community
        must not read what people asked in another that the same bot serves. Where the actor has no home (a
        DM, where only moderators the operator listed by user id qualify, and the terminal), it covers all.
        """
        refusal = self._refuse(actor, "see the knowledge-gap report")
        if refusal:
            return refusal
        if not self.history.records:
            return Notice(NoticeKind.UNAVAILABLE, "Nothing is recorded (HISTORY_MODE=off), so there is no report.")
        audit.info("report (%s) by %s", since or "default period", actor.describe())
        try:
            titles = await self._run(self._queries, self._titles)
            return await self.history.report(since, self.engine.encoder.encode, actor.home or None, titles)
        except BadWindow as exc:
            return Notice(NoticeKind.INVALID, str(exc))
        except StoreDown:  # the breaker logged the outage's first failure; during the back-off nothing waits
            return Notice(NoticeKind.UNAVAILABLE, REPORT_NEEDS_DATABASE)
        except Exception:
            log.exception("the report failed")
            return Notice(NoticeKind.FAILED, APOLOGY)

    def _titles(self) -> dict[str, str]:
        """Article titles by id, naming what a down-voted answer quoted; without the index the report still
        comes, naming articles by id."""
        try:
            return {source.doc_id: source.title for source in self.engine.sources()}
        except IndexLoadError as exc:  # says the file and the fix: a traceback (to stderr, for `report`) adds nothing
            log.warning("the report names articles by id: %s", exc)
            return {}
        except Exception:
            log.exception("the report names articles by id: the index could not be read")
            return {}
