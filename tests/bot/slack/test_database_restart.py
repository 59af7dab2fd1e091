"""A real ``dispute-bot run --platform slack --http`` replica while its PostgreSQL is stopped and started again
(``make test-postgres``; a server of its own, so the others' tests keep theirs). Each event's claim raised
while the database was down: Bolt answered Slack 400 with a traceback and no question was answered until it
was back. Now questions are answered meanwhile, a retry to the same replica still once, and the replica
shares its state again once the database is back, with no restart."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store.tables import handled_events
from bot.store_breaker import STORE_RETRY_AFTER
from tests.bot.slack.pg_replica import replica_on_own_postgres
from tests.bot.slack.slack_requests import event_payload, message_event, shown_text
from tests.bot.slack.stub_slack import BOT_USER_ID, StubSlack
from tests.bot.slack.test_replicas import deliver, replies

pytestmark = pytest.mark.asyncio(loop_scope="function")


def mention(channel: str, ts: str) -> dict[str, object]:
    return event_payload(message_event(f"<@{BOT_USER_ID}> Who is Ajay Prakash Sawhney?", kind="app_mention",
                                       channel=channel, ts=ts))


async def test_questions_are_answered_while_postgresql_restarts(
    stub: StubSlack, built_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    async with replica_on_own_postgres(stub, built_copy, tmp_path) as (cluster, http, bot, log):
        assert await deliver(http, bot, mention("C1", "1.1")) == 200
        await stub.wait_for(lambda: len(replies(stub, "chat.postMessage", "C1")) == 1)

        cluster.halt("fast")
        async with http.get(bot + "/readyz") as ready:
            assert ready.status == 200, "it answers without the database: the load balancer keeps it"
        during = mention("C2", "2.1")
        assert await deliver(http, bot, during) == 200
        await stub.wait_for(lambda: len(replies(stub, "chat.postMessage", "C2")) == 1)
        assert "Sawhney" in shown_text(replies(stub, "chat.postMessage", "C2")[0])
        assert await deliver(http, bot, during, retry=1) == 200  # dropped: this replica claimed it

        cluster.serve()
        await asyncio.sleep(STORE_RETRY_AFTER)  # the store is left alone that long after a failure
        after = mention("C3", "3.1")
        assert await deliver(http, bot, after) == 200
        await stub.wait_for(lambda: len(replies(stub, "chat.postMessage", "C3")) == 1)
        engine = sa.create_engine(cluster.url)
        try:
            with engine.connect() as conn:
                claims = set(conn.scalars(sa.select(handled_events.c.key)))
        finally:
            engine.dispose()
        assert f"event:{after['event_id']}" in claims, "claimed in the store again: shared with replicas"
    assert len(replies(stub, "chat.postMessage", "C2")) == 1, "the retry during the outage was not answered"
    text = log.read_text()
    # One line for the outage, from whichever store call found the database down first (a claim, or pruning).
    assert text.count("in the store; this replica decides alone for 10 s (the database can't be reached") == 1, text
    assert f"event {during['event_id']} was already handled" in text
    assert "Traceback" not in text and " 400" not in text, text
