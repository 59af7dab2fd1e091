"""Socket Mode connections refreshed while an answer is computed. Slack replaces each connection every few hours:
it sends a ``disconnect`` message (reason ``refresh_requested``; ``warning`` about 10 s before), the client opens
a new one (``apps.connections.open``), and an event it had not acknowledged comes again on the new one with
``retry_attempt`` set."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from pydantic import SecretStr

from bot.core import CommandCore
from bot.settings import Settings
from bot.slack.app import serve_slack
from tests.bot.conftest import hold_answers
from tests.bot.slack.slack_requests import event_payload, message_event, posts_in, settled
from tests.bot.slack.stub_slack import APP_TOKEN, BOT_USER_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")


def envelope(name: str, event: dict[str, object], retry: int = 0) -> dict[str, object]:
    return {"envelope_id": name, "type": "events_api", "accepts_response_payload": False,
            "payload": event_payload(event), "retry_attempt": retry, "retry_reason": "timeout" if retry else ""}


async def test_a_refreshed_connection_loses_no_answer_and_sends_none_twice(
    stub: StubSlack, seed_core: CommandCore, slack_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    computing, release = hold_answers(seed_core, monkeypatch)
    settings = slack_settings.model_copy(update={"slack_app_token": SecretStr(APP_TOKEN),
                                                 "slack_signing_secret": None})
    task = asyncio.create_task(serve_slack(seed_core, settings))
    try:
        await stub.wait_for(lambda: stub.connected > 0)
        first = message_event(f"<@{BOT_USER_ID}> how many accounts was twitter ordered to block?",
                              kind="app_mention", ts="600.1")
        await stub.push(envelope("env-first", first))
        assert await asyncio.to_thread(computing.wait, 20), "the first question is being computed"
        await stub.push({"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "stub"}})
        opened = lambda: [c.method for c in stub.calls].count("apps.connections.open")  # noqa: E731
        await stub.wait_for(lambda: opened() == 2 and stub.connected == 1, timeout=10)
        # Slack sends the first event again on the new connection, as if unacknowledged, and a new one.
        second = message_event(f"<@{BOT_USER_ID}> who is ajay sawhney?", kind="app_mention", ts="600.2")
        await stub.push(envelope("env-first-again", first, retry=1))
        await stub.push(envelope("env-second", second))
        await stub.wait_for(lambda: {"env-first-again", "env-second"} <= {a.get("envelope_id") for a in stub.acks})
        release.set()
        await posts_in(stub, "chat.postMessage", 2)
        await settled(seed_core)
        posts = stub.posted("chat.postMessage")
        assert sorted(post["thread_ts"] for post in posts) == ["600.1", "600.2"], "each answered once"
        assert "1,178" in next(p["text"] for p in posts if p["thread_ts"] == "600.1")
    finally:
        release.set()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    await stub.wait_for(lambda: stub.connected == 0, timeout=5)
