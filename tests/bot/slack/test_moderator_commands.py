"""Moderator slash commands through Bolt's real dispatcher: who may run them (listed ids, admins and owners of
the right workspace only), and what they answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.actors import ModeratorPolicy
from bot.core import CommandCore
from bot.history_results import GapReport
from bot.settings import Settings
from bot.slack.users import UserDirectory
from bot.wiring import moderator_policy
from tests.bot.conftest import CoreFactory, returning
from tests.bot.slack.conftest import BECOME, BECOME_ELSEWHERE, BECOME_LISTED
from tests.bot.slack.dm_results import results_in
from tests.bot.slack.slack_requests import (
    JSON,
    command_reply,
    dispatch,
    event_payload,
    message_event,
    reply_to,
    shown_text,
    slash,
    slash_payload,
)
from tests.bot.slack.stub_slack import BOT_TOKEN, TEAM_ID, StubSlack

pytestmark = pytest.mark.asyncio(loop_scope="function")


async def test_non_moderator_reindex_is_refused_ephemerally(stub: StubSlack, seed_app: AsyncApp) -> None:
    payload = slash_payload(stub, "/reindex", user="UASKER")
    await slash(seed_app, payload)
    reply = await reply_to(stub, payload)
    assert reply["response_type"] == "ephemeral"
    assert reply["text"] == f"Only moderators can rebuild the index. {BECOME}"
    assert [c.params["user"] for c in stub.calls if c.method == "users.info"] == ["UASKER"]


async def test_admins_owners_and_listed_ids_may_reindex(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path],
) -> None:
    core = make_core(*copied_index, ModeratorPolicy(user_ids=frozenset({"slack:UMOD"})))
    app = make_app(core)
    for user in ("UADMIN", "UOWNER", "UMOD"):
        payload = slash_payload(stub, "/reindex", user=user)
        await slash(app, payload)
        reply = await reply_to(stub, payload, timeout=60)
        assert reply["response_type"] == "ephemeral"
        assert reply["text"].startswith("Index already up to date: 4 articles"), reply["text"]
    usage = slash_payload(stub, "/reindex", "everything now", user="UADMIN")
    await slash(app, usage)
    assert (await reply_to(stub, usage))["text"] == "Usage: /reindex [full]"
    assert len([c for c in stub.calls if c.method == "users.info"]) == 3  # UADMIN's second lookup was cached



async def test_a_moderator_removes_an_article_by_its_id_and_others_are_refused(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path],
) -> None:
    """Slack's moderators could add an article (a DM with "add") but not remove one: /remove-article was
    Discord's alone. Every reply is private; the id is the one /sources lists, as on Discord."""
    index_dir, corpus_dir = copied_index
    core = make_core(index_dir, corpus_dir, ModeratorPolicy(user_ids=frozenset({"slack:UMOD"})))
    app = make_app(core)
    [first, *rest] = sorted(p.stem for p in corpus_dir.iterdir())
    for user, text, said in (("UASKER", first, f"Only moderators can remove articles. {BECOME_LISTED}"),
                             ("UMOD", "  ", "Usage: /remove-article ID, with the id /sources lists for the article"),
                             ("UMOD", "no-such-article", "There is no article with id 'no-such-article'")):
        payload = slash_payload(stub, "/remove-article", text, user=user)
        await slash(app, payload)
        reply = await reply_to(stub, payload, timeout=60)
        assert reply["response_type"] == "ephemeral" and reply["text"].startswith(said), (user, reply["text"])
    assert sorted(p.stem for p in corpus_dir.iterdir()) == [first, *rest]  # nothing removed so far
    payload = slash_payload(stub, "/remove-article", first, user="UMOD")
    await slash(app, payload)
    reply = await reply_to(stub, payload, timeout=60)
    assert reply["response_type"] == "ephemeral" and first in reply["text"], reply["text"]
    assert sorted(p.stem for p in corpus_dir.iterdir()) == rest
    assert first not in {s.doc_id for s in core.engine.sources()}

async def test_admins_count_only_in_the_workspaces_named(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path],
) -> None:
    """With OAuth anyone may install the app in a workspace of their own: its admins are nobody's moderators."""
    policy = moderator_policy(Settings(_env_file=None, slack_client_id="123.456",  # type: ignore[call-arg]
                                       slack_moderator_team_ids=TEAM_ID))
    app = make_app(make_core(*copied_index, policy))
    for user, allowed in (("UELSEWHERE", False), ("UADMIN", True)):
        payload = slash_payload(stub, "/reindex", user=user)
        await slash(app, payload)
        reply = await reply_to(stub, payload, timeout=60)
        refused = reply["text"] == f"Only moderators can rebuild the index. {BECOME_ELSEWHERE}"
        assert refused is not allowed, (user, reply["text"])


async def test_an_admin_of_another_workspace_is_no_moderator_with_one_token(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path], slack_settings: Settings,
) -> None:
    """With the default single bot token, an admin of another workspace using the bot in a shared channel
    (the request names this workspace; users.info their own) could /reindex and read /report."""
    app = make_app(make_core(*copied_index, moderator_policy(slack_settings)))
    for user, allowed in (("UELSEWHERE", False), ("UADMIN", True)):
        for command, refusal in (("/reindex", f"Only moderators can rebuild the index. {BECOME_ELSEWHERE}"),
                                 ("/report", f"Only moderators can see the knowledge-gap report. "
                                             f"{BECOME_ELSEWHERE}")):
            payload = slash_payload(stub, command, user=user)
            await slash(app, payload)
            reply = await reply_to(stub, payload, timeout=60)
            assert (reply["text"] == refusal) is not allowed, (user, command, reply["text"])


async def test_a_payload_naming_the_foreign_admins_own_workspace_makes_no_moderator(
    stub: StubSlack, make_core: CoreFactory, make_app: Callable[[CommandCore], AsyncApp],
    copied_index: tuple[Path, Path], slack_settings: Settings,
) -> None:
    """One bot token, no SLACK_MODERATOR_TEAM_IDS: admin trust was anchored on the team the payload names, so a
    Slack Connect or Enterprise Grid request carrying the user's own team made that team's admin a moderator
    here. It is anchored on the bot token's own workspace (auth.test, as Bolt authorized the request)."""
    app = make_app(make_core(*copied_index, moderator_policy(slack_settings)))
    for user, allowed in (("UELSEWHERE", False), ("UADMIN", True)):
        payload = {**slash_payload(stub, "/report", user=user), "team_id": stub.users[user]["team_id"]}
        await slash(app, payload)
        reply = await reply_to(stub, payload, timeout=60)
        assert reply["text"].startswith("Only moderators") is not allowed, (user, reply["text"])
    assert [c.method for c in stub.calls].count("auth.test") == 1  # once, for the token; not per request
    event = message_event("add https://news.example/a", user="UELSEWHERE", channel="D9", channel_type="im")
    await dispatch(app, json.dumps({**event_payload(event), "team_id": "T0OTHER",
                                    "authorizations": [{"team_id": "T0OTHER", "user_id": "UBOT", "is_bot": True}]}),
                   JSON)
    [refused] = await results_in(stub)
    assert refused["text"] == f"Only moderators can add articles. {BECOME_ELSEWHERE}"


async def test_the_user_directory_asks_auth_test_once_when_bolt_gave_no_installation(stub: StubSlack) -> None:
    client = AsyncWebClient(token=BOT_TOKEN, base_url=stub.api_url)
    users = UserDirectory(client)
    for user in ("UELSEWHERE", "UADMIN"):
        actor = await users.actor(user, lookup=True, team="T0OTHER")
        assert actor.installed_in == f"slack:{TEAM_ID}" and actor.platform_admin
        assert moderator_policy(Settings(_env_file=None)).allows(actor) is (user == "UADMIN")  # type: ignore[call-arg]
    assert [c.method for c in stub.calls].count("auth.test") == 1


async def test_a_report_of_long_questions_is_delivered_whole_and_privately(
    stub: StubSlack, seed_app: AsyncApp, seed_core: CommandCore, monkeypatch: pytest.MonkeyPatch,
    long_question_report: GapReport,
) -> None:
    monkeypatch.setattr(seed_core, "report", returning(long_question_report))
    reply = await command_reply(stub, seed_app, "/report", user="UADMIN")
    assert reply["response_type"] == "ephemeral" and "blocks" in reply
    shown = shown_text(reply)
    assert "Most down-voted answers" in shown and "<!channel>" not in shown


async def test_status_and_the_moderators_changes_from_slack(
    stub: StubSlack, make_core: CoreFactory, copied_index: tuple[Path, Path],
    make_app: Callable[[CommandCore], AsyncApp], tmp_path: Path,
) -> None:
    """/status says what ``index status`` says (a change left interrupted here), privately and without the
    server's folders; /index-history is for moderators, through the core's check."""
    from bot.audit_trail import AuditTrail
    from index.change_journal import Journal

    index_dir, corpus = copied_index
    core = make_core(index_dir, corpus, changes=AuditTrail(f"sqlite:///{tmp_path / 'bot.db'}"))
    Journal(index_dir, "remove").record(corpus / "gone.md", b"An article a killed removal took out.\n", None)
    app = make_app(core)
    status = await command_reply(stub, app, "/status")
    shown = shown_text(status)
    assert status["response_type"] == "ephemeral" and "4 articles, " in shown
    assert "Interrupted: a removal of gone.md was interrupted" in shown, shown
    assert str(tmp_path) not in shown and "dispute-bot index build" not in shown
    refused = await command_reply(stub, app, "/index-history")
    assert shown_text(refused) == f"Only moderators can see the moderators' changes. {BECOME}"
    await command_reply(stub, app, "/reindex", user="UADMIN")
    history = shown_text(await command_reply(stub, app, "/index-history", "5", user="UADMIN"))
    assert "The last moderator change:" in history and " rebuild by slack:UADMIN" in history, history
