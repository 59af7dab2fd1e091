"""A real Slack replica while its PostgreSQL is stopped (``make test-postgres``): what it writes per question.

Every question while the database was down tried to remember its turn, store its answer and mark the thread
replied in: a connect attempt and an ERROR line each, and the turn was lost, so a follow-up in the thread was
answered as if asked alone. A vote clicked meanwhile got "something went wrong". Now one line says the
database can't be reached, follow-ups on this replica are understood, a vote is refused to the voter, and the
turns reach the store once it is back.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import sqlalchemy as sa

from bot.history import VOTE_NOT_SAVED
from bot.store.tables import conversation_turns
from bot.store_breaker import STORE_RETRY_AFTER
from tests.bot.slack.pg_replica import replica_on_own_postgres
from tests.bot.slack.slack_requests import (
    FORM,
    block_action,
    event_payload,
    form_body,
    message_event,
    shown_text,
    signed_headers,
)
from tests.bot.slack.stub_slack import StubSlack
from tests.bot.slack.test_database_restart import mention
from tests.bot.slack.test_feedback import buttons, response
from tests.bot.slack.test_replicas import deliver, replies

pytestmark = pytest.mark.asyncio(loop_scope="function")

FOLLOW_UP = "and when is he expected to meet Twitter?"


async def press(http: aiohttp.ClientSession, base: str, payload: dict[str, Any]) -> int:
    body = form_body({"payload": json.dumps(payload)})
    async with http.post(base + "/slack/events", data=body, headers=signed_headers(body, FORM)) as answered:
        return answered.status


async def test_follow_ups_and_votes_while_postgresql_is_down(
    stub: StubSlack, built_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    async with replica_on_own_postgres(stub, built_copy, tmp_path, HISTORY_MODE="full") as (cluster, http, bot, log):
        assert await deliver(http, bot, mention("C1", "1.1")) == 200
        await stub.wait_for(lambda: len(replies(stub, "chat.postMessage", "C1")) == 1)
        up, _ = buttons(replies(stub, "chat.postMessage", "C1")[0])

        cluster.halt("fast")
        vote = block_action(stub, "feedback_up", up["value"])
        assert await press(http, bot, vote) == 200
        refused = await response(stub, vote)
        assert refused["response_type"] == "ephemeral" and refused["text"] == VOTE_NOT_SAVED

        assert await deliver(http, bot, mention("C2", "2.1")) == 200
        await stub.wait_for(lambda: len(replies(stub, "chat.postMessage", "C2")) == 1)
        during = replies(stub, "chat.postMessage", "C2")[0]
        assert "Sawhney" in shown_text(during) and not buttons(during), "no buttons: a vote can't be saved"
        follow = message_event(FOLLOW_UP, channel="C2", ts="2.2", thread_ts="2.1")
        assert await deliver(http, bot, event_payload(follow)) == 200
        await stub.wait_for(lambda: len(replies(stub, "chat.postMessage", "C2")) == 2)
        second = shown_text(replies(stub, "chat.postMessage", "C2")[1])
        assert "Searched for:" in second and "Sawhney" in second, "the follow-up lost its first turn"
        for n in range(3):  # more questions during the outage (5 answers in all): no more lines
            assert await deliver(http, bot, mention(f"C{3 + n}", f"{3 + n}.1")) == 200
            await stub.wait_for(lambda n=n: len(replies(stub, "chat.postMessage", f"C{3 + n}")) == 1)

        cluster.serve()
        await asyncio.sleep(STORE_RETRY_AFTER)
        again = message_event("and who is he?", channel="C2", ts="2.3", thread_ts="2.1")
        assert await deliver(http, bot, event_payload(again)) == 200
        await stub.wait_for(lambda: len(replies(stub, "chat.postMessage", "C2")) == 3)
        engine = sa.create_engine(cluster.url)
        try:
            with engine.connect() as conn:
                asked = [turn["question"] for turn in conn.scalars(sa.select(conversation_turns.c.turn))]
        finally:
            engine.dispose()
        assert any(FOLLOW_UP in q for q in asked), f"the outage's turns reached the store: {asked}"
    text = log.read_text()
    assert text.count("the database can't be reached") == 1, text
    assert "the store answers again after" in text and "save an answer ×5" in text, text
    assert "Traceback" not in text and " 400" not in text, text
