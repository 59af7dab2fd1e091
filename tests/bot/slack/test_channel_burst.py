"""A burst of questions in one Slack channel, against a stub holding chat.postMessage to one message a second
per channel (``tests.bot.slack.channel_limit``): the real Bolt app, slack_sdk client, pacer and retry."""

from __future__ import annotations

import itertools
import logging
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from pydantic import SecretStr
from slack_bolt.async_app import AsyncApp

from bot.core import APOLOGY, CommandCore
from bot.settings import Settings
from bot.slack.app import build_app, build_client
from bot.slack.busy import HELD_BACK
from bot.slack.pacing import Clock
from tests.bot.slack.channel_limit import Attempt, ChannelLimitedSlack, FastForwardClock
from tests.bot.slack.slack_requests import SIGNING_SECRET, message_event, send_event, settled, shown_text
from tests.bot.slack.stub_slack import BOT_TOKEN, BOT_USER_ID, TEAM_ID

QUESTION = "how many accounts were ordered blocked?"
ASKERS = [f"UASK{n}" for n in range(8)]


@pytest.fixture
def clock() -> FastForwardClock:
    return FastForwardClock()


@pytest_asyncio.fixture(loop_scope="function")
async def limited(clock: FastForwardClock) -> AsyncIterator[ChannelLimitedSlack]:
    slack = ChannelLimitedSlack(clock)
    await slack.start()
    slack.users.update({u: {"id": u, "name": u.lower(), "team_id": TEAM_ID} for u in ASKERS})
    yield slack
    await slack.stop()
    unexpected = [r for r in slack.rejected if r[1] != "ratelimited"]
    assert not unexpected and not slack.unfurled, (unexpected, slack.unfurled)


@pytest.fixture
def app(limited: ChannelLimitedSlack, clock: FastForwardClock, seed_core: CommandCore) -> AsyncApp:
    settings = Settings(_env_file=None, slack_bot_token=SecretStr(BOT_TOKEN),  # type: ignore[call-arg]
                        slack_signing_secret=SecretStr(SIGNING_SECRET), slack_api_url=limited.api_url)
    return build_app(seed_core, settings, client=build_client(settings, clock=Clock(clock.now, clock.sleep)))


async def ask_at_once(app: AsyncApp, askers: list[str], channel: str = "C1", first_ts: int = 0) -> list[str]:
    """Mentions from ``askers`` in ``channel``, all delivered before any is answered; their ts."""
    stamps = [f"1700001000.{first_ts + n:06d}" for n in range(len(askers))]
    for asker, ts in zip(askers, stamps, strict=True):
        event = message_event(f"<@{BOT_USER_ID}> {QUESTION}", kind="app_mention", user=asker, channel=channel, ts=ts)
        assert (await send_event(app, event)).status == 200
    return stamps


def a_second_apart(posts: list[Attempt]) -> bool:
    return all(later.at - earlier.at >= 1.0 for earlier, later in itertools.pairwise(posts))


async def test_eight_questions_at_once_in_one_channel_all_get_their_answer_in_turn(
    limited: ChannelLimitedSlack, app: AsyncApp, seed_core: CommandCore, caplog: pytest.LogCaptureFixture
) -> None:
    """Measured before: 3 answers posted, 5 askers told "something went wrong" (slack_sdk retried twice, into
    the same limit, then the apology). Now every asker's answer is posted in their thread, one a second, none
    overtaking another that was refused and retried; Slack refuses at most the burst's second post."""
    limited.retry_after = 1
    with caplog.at_level(logging.WARNING):
        stamps = await ask_at_once(app, ASKERS)
        await limited.wait_for(lambda: len(limited.accepted("C1")) >= 8 or bool(limited.posted("chat.postEphemeral")),
                               timeout=60)
        await settled(seed_core)
    answered, ephemeral = limited.accepted("C1"), limited.posted("chat.postEphemeral")
    assert [e["text"] for e in ephemeral if e["text"] == APOLOGY] == [] and ephemeral == []
    assert sorted(a.thread_ts for a in answered) == stamps  # each asker, once
    firsts = list(dict.fromkeys(a.thread_ts for a in limited.attempts))
    assert [a.thread_ts for a in answered] == firsts  # in the order they were first sent
    assert a_second_apart(answered)
    assert len(limited.refused("C1")) <= 2
    posts = [c.params for c in limited.calls if c.method == "chat.postMessage"]
    assert all("257" in shown_text(p) for p in posts)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_thirty_second_retry_after_holds_the_channel_for_all_of_it(
    limited: ChannelLimitedSlack, app: AsyncApp, seed_core: CommandCore, clock: FastForwardClock
) -> None:
    """Slack answers a post with 429 and ``Retry-After: 30``: that post goes again after the whole 30 s (on the
    test's clock), and the channel's other answers wait behind it instead of each being refused in turn (before:
    sent at once, refused)."""
    limited.retry_after, limited.refuse["C1"] = 30, 1
    stamps = await ask_at_once(app, ASKERS[:3])
    await limited.wait_for(lambda: len(limited.accepted("C1")) >= 3 or len(limited.refused("C1")) >= 2, timeout=60)
    refusals = limited.refused("C1")
    assert len(refusals) == 1, f"the channel's other answers were sent into Slack's wait: {refusals}"
    await settled(seed_core)
    refused = refusals[0]
    answered = limited.accepted("C1")
    assert sorted(a.thread_ts for a in answered) == stamps and answered[0].thread_ts == refused.thread_ts
    assert answered[0].at - refused.at >= 30.0 and any(s >= 30.0 for s in clock.slept)
    assert a_second_apart(answered)
    assert limited.posted("chat.postEphemeral") == []


async def test_an_answer_slack_keeps_refusing_goes_to_its_asker_privately_without_an_error(
    limited: ChannelLimitedSlack, app: AsyncApp, seed_core: CommandCore, caplog: pytest.LogCaptureFixture
) -> None:
    """Past the retries' two minutes Slack still refuses: the answer was logged as an ERROR and replaced with
    "something went wrong"; now its asker sees it privately, told why and to ask again to share it."""
    limited.retry_after, limited.refuse["C1"] = 1, 100
    with caplog.at_level(logging.WARNING):
        await ask_at_once(app, ASKERS[:1])
        await limited.wait_for(lambda: bool(limited.posted("chat.postEphemeral")), timeout=30)
        await settled(seed_core)
    [note] = limited.posted("chat.postEphemeral")
    assert note["user"] == ASKERS[0] and note["thread_ts"] == "1700001000.000000"
    assert HELD_BACK in shown_text(note) and "257" in shown_text(note) and APOLOGY not in shown_text(note)
    assert limited.accepted("C1") == [] and 2 < len(limited.refused("C1")) < 100
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "held back" in caplog.text
