"""The core's memory of conversations and answers: follow-up context, the store, votes and the report.

The command core calls this; it calls the store. All store work runs on one dedicated thread (SQLite has one
writer anyway), never on an adapter's event loop. A store failure is logged and costs only the feedback
buttons of that answer: the answer itself is always delivered.

While the database can't be reached, the process's ``Breaker`` (shared with the event claims and rate limits)
leaves it alone: each question cost a connect timeout and a log line per write. Meanwhile answers go out
without feedback buttons (a vote on them could not be saved) and are counted in the line logged when the
database is back; a vote clicked on an earlier answer is refused, told to the voter, never dropped silently;
turns stay in this replica's memory for follow-ups (``bot.store_turns``).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from typing import Any, TypeVar

import numpy as np

from bot.actors import Actor
from bot.conversations import ConversationMemory, RecentTurns
from bot.history_results import CHANGED, GONE, NOT_RECORDED, THANKS, Feedback, GapReport
from bot.report import build_report, parse_window
from bot.results import Notice, NoticeKind
from bot.shared_state import blocking
from bot.store import AnswerRecord, PartRecord, Store, VoteOutcome, utcnow
from bot.store.outage import log_store_failure
from bot.store_breaker import Breaker, StoreDown
from retrieval.engine import Engine
from retrieval.loaded import LoadedIndex
from retrieval.turns import FollowupContext, Turn, turn_of
from retrieval.types import Answer, Citation

log = logging.getLogger(__name__)
T = TypeVar("T")
VOTE_NOT_SAVED = ("Sorry, your vote could not be saved: the bot's database can't be reached right now. "
                  "Please click again in a minute.")
REPORT_NEEDS_DATABASE = ("The report needs the bot's database, which can't be reached right now. "
                         "Please try again in a minute.")


def _chunk_id(index: LoadedIndex, citation: Citation) -> int | None:
    doc_row = index.doc_index.get(citation.doc_id)
    if doc_row is None:
        return None
    for row in np.flatnonzero(index.chunk_doc == doc_row).tolist():
        chunk = index.chunks[row]
        if chunk["start"] <= citation.start < chunk["end"]:
            return int(chunk.get("id", row))
    return None


def _citation_from(data: dict[str, Any]) -> Citation | None:
    """A stored next-best passage; stored before a field existed, it takes the field's default."""
    try:
        return Citation(data["doc_id"], data["title"], data["date"], data["url"], data["quote"], data["start"],
                        data["end"], data["score"], date_estimated=bool(data.get("date_estimated")),
                        cut_before=bool(data.get("cut_before")), cut_after=bool(data.get("cut_after")))
    except (KeyError, TypeError):
        return None


def _log_failure(job: Future[None]) -> None:
    """Nobody awaits a rename: a failure would otherwise vanish with its future."""
    if not job.cancelled() and job.exception() is not None:
        log.error("could not move a conversation to its thread", exc_info=job.exception())


class History:
    def __init__(self, store: Store | None = None, memory: ConversationMemory | None = None,
                 breaker: Breaker | None = None) -> None:
        self.store = store
        self.memory: ConversationMemory = memory or RecentTurns()
        self.breaker = breaker or Breaker()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        if self.store is not None:
            self.store.close()

    async def _run(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn)

    async def _stored(self, fn: Callable[[], T], what: str) -> T:
        """``fn`` on the store thread through the breaker: raises ``StoreDown`` while the database is down."""
        return await self._run(lambda: self.breaker.call(fn, what))

    @property
    def records(self) -> bool:
        return self.store is not None

    async def context(self, conversation: str | None) -> FollowupContext | None:
        """The earlier turns; from a shared store on the store thread (after any rename queued there). If the
        store fails, the question is answered as if asked alone."""
        if not conversation:
            return None
        memory = self.memory
        if not blocking(memory):
            return memory.context(conversation)
        try:
            return await self._run(lambda: memory.context(conversation))
        except Exception:
            log_store_failure(log, "could not read the conversation's earlier turns; answering the question alone")
            return None

    def rename(self, old: str, new: str) -> None:
        if blocking(self.memory):
            self._pool.submit(self.memory.rename, old, new).add_done_callback(_log_failure)
        else:
            self.memory.rename(old, new)
        if self.store is not None:
            store = self.store
            self._pool.submit(self.breaker.ask, lambda: store.rename_conversation(old, new),
                              "move a conversation to its thread").add_done_callback(_log_failure)

    async def conversation_of(self, answer_id: str) -> str | None:
        """Where a stored answer was given (``Store.conversation_of``), read on the store thread after any rename
        queued there; None without a store, or when it fails (the caller then guesses)."""
        if self.store is None:
            return None
        store = self.store
        try:
            return await self._stored(lambda: store.conversation_of(answer_id), "read an answer's conversation")
        except StoreDown:
            return None
        except Exception:
            log_store_failure(log, "could not read the conversation of a stored answer")
            return None

    async def record(self, question: str, answer: Answer, actor: Actor | None, conversation: str | None,
                     engine: Engine) -> Answer:
        """Remember the turn and store the answer; the answer comes back with its id (for feedback)."""
        if conversation:
            await self.remember(conversation, turn_of(question, answer))
        if self.store is None:
            return answer
        store = self.store
        answer_id = uuid.uuid4().hex

        def write() -> bool:
            index = engine.index
            cited = [{"doc_id": c.doc_id, "chunk": _chunk_id(index, c), "start": c.start, "end": c.end}
                     for c in (answer.citations if answer.answered else [])]
            return store.record_answer(AnswerRecord(
                id=answer_id, platform=actor.platform if actor else "cli", conversation=conversation,
                question=question, answered=answer.answered, cited=cited, index_build=index.folder.name,
                searched_for=answer.searched_for, expanded=answer.expanded,
                quote=answer.citations[0].quote if answer.answered and answer.citations else None,
                alternatives=[c.to_dict() for c in answer.alternatives],
                place=(actor.home or None) if actor else None,
                parts=[PartRecord(p.question, p.answered, p.expanded, p.searched_for) for p in answer.parts],
            ))

        try:
            stored = await self._stored(write, "save an answer")
        except StoreDown:
            return answer  # without buttons: a vote on it could not be saved either
        except Exception:
            log_store_failure(log, "could not store an answer; it is delivered without feedback buttons")
            return answer
        return replace(answer, answer_id=answer_id) if stored else answer

    async def remember(self, conversation: str, turn: Turn) -> None:
        """Keep ``turn`` as the conversation's latest: an answer's (``record``), or a timeline reply's, which is
        no answer and is not stored as one."""
        memory = self.memory
        if not blocking(memory):
            memory.remember(conversation, turn)
            return
        try:
            await self._run(lambda: memory.remember(conversation, turn))
        except Exception:
            log_store_failure(log, "could not remember the turn; the next follow-up there will not see it")

    async def replied_in(self, conversation: str) -> None:
        """Mark that the bot replied in ``conversation`` now, whatever the reply (``Store.mark_replied``): what
        ``answered_in`` finds after a restart. A store failure is logged; the reply stands."""
        if self.store is None:
            return
        store = self.store
        try:
            await self._stored(lambda: store.mark_replied(conversation), "mark a conversation replied in")
        except StoreDown:
            return
        except Exception:
            log_store_failure(log, "could not mark the conversation replied in; after a restart it may go unfollowed")

    async def answered_in(self, conversation: str, within: timedelta) -> bool | None:
        """Whether a reply given in ``conversation`` in the last ``within`` is stored: what an adapter that
        lost its memory of the threads it answered in (a restart) asks before leaving a reply unanswered.
        False without a store; None when the store fails (logged, in one line while it can't be reached): not
        known, so not to be remembered as "no"."""
        if self.store is None:
            return False
        store = self.store
        try:
            return await self._stored(lambda: store.answered_in(conversation, utcnow() - within),
                                      "read a conversation's replies")
        except StoreDown:
            return None
        except Exception:
            log_store_failure(log, "could not read whether the conversation was answered in")
            return None

    async def vote(self, actor: Actor, answer_id: str, value: int) -> Feedback | Notice:
        if self.store is None:
            return Feedback(value, NOT_RECORDED)  # a button from before HISTORY_MODE=off
        store = self.store

        def write() -> tuple[VoteOutcome, list[dict[str, Any]]]:
            outcome = store.vote(answer_id, actor.platform, actor.user_id, value)
            more = store.alternatives(answer_id) if value < 0 and outcome is not VoteOutcome.UNKNOWN_ANSWER else []
            return outcome, more or []

        try:
            outcome, more = await self._stored(write, "save a vote")
        except StoreDown:
            return Notice(NoticeKind.UNAVAILABLE, VOTE_NOT_SAVED)
        if outcome is VoteOutcome.UNKNOWN_ANSWER:
            return Feedback(value, GONE)
        text = CHANGED if outcome is VoteOutcome.CHANGED else THANKS
        alternatives = [c for c in (_citation_from(d) for d in more) if c is not None]
        if value < 0:
            text += (" Here are the next-best passages I found; they may answer it better:" if alternatives
                     else " I found no other passages on this.")
        return Feedback(value, text, alternatives)

    async def report(self, window_text: str | None, encode: Callable[[list[str]], np.ndarray],
                     place: str | None = None, titles: Mapping[str, str] | None = None) -> GapReport:
        """Raises ``BadWindow`` for an unreadable period, ``StoreDown`` while the database can't be reached (at once
        during the back-off, ``bot.store_breaker``); needs a store (see ``records``). ``place``: only the
        questions asked in that server or workspace; ``titles``: article titles by id, naming what a
        down-voted answer quoted."""
        window, length = parse_window(window_text)
        if self.store is None:
            raise RuntimeError("no store")
        store = self.store
        since = utcnow() - length
        finish = await self._stored(lambda: build_report(store, window, since, place, titles),
                                   "read the knowledge-gap report")
        return await asyncio.to_thread(finish, encode)
