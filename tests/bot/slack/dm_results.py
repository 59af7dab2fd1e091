"""The replies to a moderator's ``add`` in a DM: ordinary messages, after the one message an add keeps up to date
while it runs (``bot.slack.add_progress``), which these leave out."""

from __future__ import annotations

from typing import Any

from tests.bot.slack.stub_slack import StubSlack

# Every progress message says this when it is posted (``bot.build_updates.BuildUpdate.text``).
PROGRESS_MARK = "I'll say here when it's done."


def progress_posts(stub: StubSlack) -> list[dict[str, Any]]:
    return [p for p in stub.posted("chat.postMessage") if PROGRESS_MARK in str(p.get("text"))]


def results(stub: StubSlack) -> list[dict[str, Any]]:
    """The app's messages other than progress messages, in order."""
    return [p for p in stub.posted("chat.postMessage") if PROGRESS_MARK not in str(p.get("text"))]


async def results_in(stub: StubSlack, count: int = 1, timeout: float = 20.0) -> list[dict[str, Any]]:
    """``results`` once there are at least ``count`` of them."""
    await stub.wait_for(lambda: len(results(stub)) >= count, timeout)
    return results(stub)
