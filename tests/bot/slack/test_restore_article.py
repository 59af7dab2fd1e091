"""/restore-article through Bolt's real dispatcher: moderators only, private, the removed article back as it was,
and the live article refused with how to remove it first. Fails before (the command was not handled)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from slack_bolt.async_app import AsyncApp

from bot.actors import ModeratorPolicy
from bot.core import CommandCore
from tests.bot.conftest import CoreFactory
from tests.bot.slack.conftest import BECOME_LISTED
from tests.bot.slack.slack_requests import command_reply, shown_text
from tests.bot.slack.stub_slack import StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_a_moderator_restores_a_removed_article(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path],
) -> None:
    index_dir, corpus = copied_index
    app = make_app(make_core(index_dir, corpus, ModeratorPolicy(user_ids=frozenset({"slack:UMOD"}))))
    path = sorted(corpus.iterdir())[0]
    text = path.read_bytes()
    removed = await command_reply(stub, app, "/remove-article", path.stem, user="UMOD")
    assert f"removed: {path.stem} (“" in shown_text(removed), shown_text(removed)
    assert not path.exists()

    refused = await command_reply(stub, app, "/restore-article", path.stem, user="UASKER")
    assert refused["response_type"] == "ephemeral"
    assert shown_text(refused) == f"Only moderators can restore articles. {BECOME_LISTED}"
    restored = await command_reply(stub, app, "/restore-article", path.stem, user="UMOD")
    assert restored["response_type"] == "ephemeral" and f"restored: {path.stem} (“" in shown_text(restored)
    assert path.read_bytes() == text
    again = await command_reply(stub, app, "/restore-article", path.stem, user="UMOD")
    assert again["response_type"] == "ephemeral"
    told = shown_text(again).replace("\u2060", "")  # word joiners keep Slack from reading _ as italics
    assert f"remove it first (/remove-article {path.stem})" in told, told
