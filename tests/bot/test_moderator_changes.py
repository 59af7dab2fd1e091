"""Moderator changes through the command core: each recorded in the store whatever became of it, read back by
moderators only (``/index-history``), and chat's ``/status`` saying what ``index status`` says."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.actors import Actor, ModeratorPolicy
from bot.audit_trail import AuditTrail
from bot.change_history import ChangeHistory
from bot.core import CommandCore
from bot.render import plain
from bot.results import IndexChange, IndexStatus, Notice, NoticeKind
from index import store
from index.build_failures import failure_path
from index.change_journal import Journal
from index.manage import Upload
from tests.bot.conftest import CoreFactory

MOD = Actor("discord", "42", "mod", role_ids=frozenset({"777"}), home="discord:9001")
MEMBER = Actor("discord", "43", "member", home="discord:9001")
FERRY = ("---\ntitle: Harbour ferry fares rise by a fifth\ndate: 2021-03-02\nurl: https://news.example.net/ferry\n"
         "---\nThe harbour board said on Tuesday that ferry fares would rise by a fifth from April.\n")


@pytest.fixture
def trail(tmp_path: Path) -> AuditTrail:
    (tmp_path / "var").mkdir()
    return AuditTrail(f"sqlite:///{tmp_path / 'var' / 'bot.db'}")


@pytest.fixture
def core(make_core: CoreFactory, built_copy: tuple[Path, Path], trail: AuditTrail) -> CommandCore:
    corpus, index_dir = built_copy
    return make_core(index_dir, corpus, ModeratorPolicy(role_ids=frozenset({"777"})), changes=trail)


async def test_every_change_is_recorded_with_who_where_what_and_how_it_ended(
        core: CommandCore, trail: AuditTrail, caplog: pytest.LogCaptureFixture) -> None:
    """The ``dispute_bot.audit`` log alone said who changed what, to whoever could read the bot's log."""
    caplog.set_level(logging.INFO, logger="dispute_bot.audit")
    assert isinstance(await core.add_articles(MOD, [Upload("ferry.md", FERRY.encode())]), IndexChange)
    refused = await core.reindex(MEMBER)
    assert isinstance(refused, Notice) and refused.kind is NoticeKind.FORBIDDEN
    missing = await core.remove_article(MOD, "Harbour ferry")
    assert isinstance(missing, Notice) and "did you mean 'ferry'" in missing.text
    assert isinstance(await core.remove_article(MOD, "ferry"), IndexChange)

    removed, not_found, added = trail.history(10).changes  # not the member's attempt: the log has it
    assert (added.action, added.outcome, added.given, added.place) == ("add", "published", ["ferry.md"], "discord:9001")
    assert (added.platform, added.user_id, added.user_name) == ("discord", "42", "mod")
    assert added.articles == [{"doc_id": "ferry", "title": "Harbour ferry fares rise by a fifth",
                               "url": "https://news.example.net/ferry", "change": "added"}]
    assert "refused rebuild the index for discord:43 (member): not a moderator" in caplog.text
    assert (not_found.outcome, not_found.given) == ("refused", ["Harbour ferry"])
    assert not_found.reason is not None and not_found.reason.startswith("There is no article with id 'Harbour ferry'")
    # the title of an article removed, read before it left the index
    assert removed.articles == [{"doc_id": "ferry", "title": "Harbour ferry fares rise by a fifth",
                                 "url": "https://news.example.net/ferry", "change": "removed"}]
    assert "add ferry.md by discord:42 (mod)" in caplog.text  # the log line too


async def test_only_moderators_read_the_changes_and_a_bad_limit_is_told(core: CommandCore, trail: AuditTrail) -> None:
    refused = await core.change_history(MEMBER)
    assert isinstance(refused, Notice) and refused.kind is NoticeKind.FORBIDDEN
    assert refused.text == "Only moderators can see the moderators' changes. Here that is members with Manage " \
                           "Server and members of the roles the bot's operator listed: to become one, ask the bot's " \
                           "operator to list you, or a member with Manage Server for one of those roles."
    await core.reindex(MEMBER)
    await core.reindex(MOD)
    shown = await core.change_history(MOD, "1")  # the member's refused attempt is in the log, not here
    assert isinstance(shown, ChangeHistory) and [c.user_id for c in shown.changes] == ["42"]
    assert plain.render(shown).startswith("The last moderator change:\n") and "rebuild by discord:42 (mod)" in \
        plain.render(shown)
    await core.reindex(MOD, full=True)
    both = await core.change_history(MOD)
    assert isinstance(both, ChangeHistory) and [c.given for c in both.changes] == [["full"], []]
    for bad in ("0", "many", "51"):
        told = await core.change_history(MOD, bad)
        assert isinstance(told, Notice) and told.kind is NoticeKind.INVALID and "1 to 50" in told.text


async def test_chat_status_says_what_index_status_says_without_the_servers_folders(
        core: CommandCore, built_copy: tuple[Path, Path]) -> None:
    """Chat's status showed the counts alone: not that the last build had failed (the index shown still served),
    nor that a change had been interrupted, nor that the index was out of date."""
    corpus, index_dir = built_copy
    failure_path(index_dir).write_text(json.dumps({"at": "2026-12-06T20:00:00+00:00", "reason": "No space left on "
                                                   "device", "file": str(index_dir.parent / "index.builds")}))
    Journal(index_dir, "add").record(corpus / "half.md", None, b"Half an article.\n")
    (corpus / "half.md").write_text("Half an article, added by a process that was killed.\n")
    status = await core.status(MEMBER)
    assert isinstance(status, IndexStatus)
    shown = plain.render(status)
    assert ("\nThe last build failed (2026-12-06T20:00:00+00:00): No space left on device. The index above is still "
            "the one served." in shown), shown
    assert "\nInterrupted: an add of half.md was interrupted" in shown
    assert "Out of date (" in shown and "/reindex first settles the interrupted change" in shown
    assert str(index_dir.parent) not in shown and "dispute-bot index build" not in shown


async def test_chat_status_names_a_file_cut_short_since_the_index_was_loaded(
        core: CommandCore, built_copy: tuple[Path, Path]) -> None:
    """Chat's status compared no file (the CLI's compares sizes): a damaged index was shown as healthy until the
    next restart failed to load it. It compares sizes, names the file without its folder and gives chat's fix."""
    _, index_dir = built_copy
    assert "files: sizes as built" in plain.render(await core.status(MEMBER))
    faiss_file = store.live_dir(index_dir) / store.FAISS  # type: ignore[operator]
    size = faiss_file.stat().st_size
    with faiss_file.open("r+b") as fh:
        fh.truncate(100)
    shown = plain.render(await core.status(MEMBER))
    assert (f"\nThe index file {store.FAISS} is 100 bytes; the build wrote {size:,}. Rebuild it with: /reindex full"
            in shown), shown
    assert str(index_dir.parent) not in shown and "dispute-bot" not in shown


async def test_chat_status_says_a_build_is_running_here_or_on_another_replica(
        core: CommandCore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core.shared, "building_elsewhere", lambda: True)  # the replicas' lock, held elsewhere
    status = await core.status(MEMBER)
    assert isinstance(status, IndexStatus) and "(a build is running)" in plain.render(status)
    monkeypatch.setattr(core.shared, "building_elsewhere", lambda: "connection refused")
    unknown = await core.status(MEMBER)
    assert isinstance(unknown, IndexStatus)
    assert "whether another replica is building can't be told" in plain.render(unknown)
