"""Restoring a removed article through the command core (/restore-article on Discord and Slack): moderators only,
recorded in the history as an add or removal is, refused clearly when the article is live or nothing is kept; and
the replies of an add and a removal name each article's title and date. Each test fails before."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.actors import Actor, ModeratorPolicy
from bot.audit_trail import AuditTrail
from bot.change_history import ChangeHistory
from bot.core import CommandCore
from bot.render import plain
from bot.results import IndexChange, Notice, NoticeKind, SourcesList
from bot.store.changes import ChangeStore
from index.manage import Upload
from tests.bot.conftest import CoreFactory

MOD = Actor("slack", "U42", "mod", home="slack:T1")
MEMBER = Actor("slack", "U43", "member", home="slack:T1")
FERRY = ("---\ntitle: Harbour ferry fares rise by a fifth\ndate: 2021-03-02\n---\n"
         "The harbour board said on Tuesday that ferry fares would rise by a fifth from April.\n")


async def _live(core: CommandCore) -> set[str]:
    listed = await core.sources(MOD)
    assert isinstance(listed, SourcesList)
    return {s.doc_id for s in listed.sources}


@pytest.fixture
def trail(tmp_path: Path) -> AuditTrail:
    return AuditTrail(f"sqlite:///{tmp_path / 'bot.db'}")


@pytest.fixture
def core(make_core: CoreFactory, built_copy: tuple[Path, Path], trail: AuditTrail) -> CommandCore:
    corpus, index_dir = built_copy
    return make_core(index_dir, corpus, ModeratorPolicy(user_ids=frozenset({"slack:U42"})), changes=trail)


async def test_a_removed_article_is_restored_and_recorded(core: CommandCore, trail: AuditTrail,
                                                          tmp_path: Path) -> None:
    added = await core.add_articles(MOD, [Upload("ferry.md", FERRY.encode())])
    assert isinstance(added, IndexChange)
    assert "added: ferry (“Harbour ferry fares rise by a fifth”, 2021-03-02)" in added.summary(10)
    removed = await core.remove_article(MOD, "ferry")
    assert isinstance(removed, IndexChange)
    assert "removed: ferry (“Harbour ferry fares rise by a fifth”, 2021-03-02)" in removed.summary(10)
    assert [c.doc_id for c in await core.restore_choices(MOD, "harbour")] == ["ferry"]
    assert await core.restore_choices(MEMBER, "harbour") == []

    restored = await core.restore_article(MOD, " ferry ")
    assert isinstance(restored, IndexChange), restored
    assert "restored: ferry (“Harbour ferry fares rise by a fifth”, 2021-03-02)" in restored.summary(10)
    assert "Restored ferry.md as it was when removed on " in restored.summary(10)
    assert "ferry" in await _live(core)
    assert await core.restore_choices(MOD, "harbour") == []  # live again: nothing to offer

    record = trail.history(1).changes[0]
    assert (record.action, record.outcome, record.given) == ("restore", "published", ["ferry"])
    assert record.articles[0]["doc_id"] == "ferry" and record.articles[0]["title"].startswith("Harbour ferry")
    assert "ferry" in ChangeStore(f"sqlite:///{tmp_path / 'bot.db'}").recorded_articles()[0]  # kept


async def test_restore_refusals_are_private_and_say_what_to_do(core: CommandCore, trail: AuditTrail) -> None:
    forbidden = await core.restore_article(MEMBER, "ferry")
    assert isinstance(forbidden, Notice) and forbidden.kind is NoticeKind.FORBIDDEN and forbidden.ephemeral
    usage = await core.restore_article(MOD, "  ")
    assert isinstance(usage, Notice) and usage.text.startswith("Usage: /restore-article ID")
    nothing = await core.restore_article(MOD, "ferry")
    assert isinstance(nothing, Notice) and nothing.kind is NoticeKind.INVALID and nothing.ephemeral
    assert "No removed or replaced article 'ferry' is kept" in nothing.text and "/index-history" in nothing.text
    live_id = sorted(await _live(core))[0]
    live = await core.restore_article(MOD, live_id)
    assert isinstance(live, Notice) and live.kind is NoticeKind.INVALID
    assert f"remove it first (/remove-article {live_id})" in live.text
    assert [c.outcome for c in trail.history(5).changes] == ["refused", "refused", "refused"]


async def test_the_history_says_a_removed_article_can_be_restored(core: CommandCore) -> None:
    await core.add_articles(MOD, [Upload("ferry.md", FERRY.encode())])
    added_only = await core.change_history(MOD)
    assert isinstance(added_only, ChangeHistory) and "/restore-article" not in plain.render(added_only)
    await core.remove_article(MOD, "ferry")
    shown = await core.change_history(MOD)
    assert isinstance(shown, ChangeHistory)
    assert plain.render(shown).endswith("A removed or replaced article can be brought back as it was with "
                                        "/restore-article ID while its copy is kept.")
