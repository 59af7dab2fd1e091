"""The knowledge-gap report as a moderator reads it after a busy week: what it counts, how it groups the
declined questions and what it shows of the down-voted answers (real SQLite files, the seed index)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from bot.actors import Actor
from bot.history_results import GapReport
from bot.store.tables import answers
from retrieval.types import Answer
from tests.bot.conftest import CoreFactory, HistoryFactory

MOD = Actor("slack", "UMOD", platform_admin=True)
MEMBER = Actor("slack", "UMEMBER")
NOWHERE = Path("/nonexistent-corpus")


async def test_a_question_with_typos_mended_is_no_expanded_follow_up(
    make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory
) -> None:
    """Mended spelling is shown as "Searched for: …" like a follow-up's borrowed words, but it borrows nothing
    from earlier turns: a week of typos made "follow-ups expanded with earlier turns" 19 where 11 were."""
    core = make_core(seed_index_dir, NOWHERE, history=make_history())
    typo = await core.ask("who is ajay sahwney", MEMBER)
    assert isinstance(typo, Answer) and typo.searched_for, "the seed index mends this spelling"
    await core.ask("Who is Ajay Prakash Sawhney?", MEMBER, "slack:thread:C1:1")
    follow = await core.ask("and when is he expected to meet Twitter?", MEMBER, "slack:thread:C1:1")
    assert isinstance(follow, Answer) and follow.searched_for
    report = await core.report(MOD)
    assert isinstance(report, GapReport) and (report.questions, report.expanded) == (3, 1)
    store = core.history.store
    assert store is not None
    with store.engine.connect() as conn:
        mended = conn.execute(sa.select(answers.c.expanded, answers.c.searched_for)
                              .where(answers.c.id == typo.answer_id)).one()
    assert not mended.expanded and mended.searched_for == typo.searched_for, "what was searched is still kept"
