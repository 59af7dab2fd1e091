"""The knowledge-gap report as a moderator reads it after a busy week: what it counts, how it groups the
declined questions and what it shows of the down-voted answers (real SQLite files, the seed index)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot import report as report_module
from bot.actors import Actor
from bot.history import History
from bot.history_results import THANKS, Feedback, GapReport
from bot.report import cluster
from bot.store import HistoryMode, Store, utcnow
from bot.store.tables import answers
from index.embedding import Encoder
from retrieval.types import Answer
from tests.bot.conftest import VOTE_KEY, CoreFactory, HistoryFactory

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


FARM_UNIONS = ["What did the farmers' unions say about Twitter?", "how did farmer unions react to the blocking",
               "did the farm unions comment on twitter's decision",
               "what did farmer leaders say about the account suspensions"]
KOO_VALUE = ["What is Koo's valuation?", "how much is koo worth", "how much funding has koo raised",
             "koo valuation in dollars"]
HOW_MANY_FARMERS = ["how many people joined the farm protests in delhi", "how big were the farmers protests",
                    "number of farmers protesting at the delhi border"]


def test_phrasings_of_one_gap_make_one_group_and_gaps_stay_apart(encoder: Encoder,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Asked in a week's own words, each gap was split in two to five groups at distance 0.4 (44 groups of
    60 declined questions), so the largest groups did not show the largest gaps."""
    monkeypatch.setattr(report_module, "EXAMPLES", 20)  # every member shown, to check where each went
    noise = ["yes", "recipe for butter chicken", "what is the capital of australia"]
    groups = cluster(FARM_UNIONS + KOO_VALUE + HOW_MANY_FARMERS + noise, encoder.encode)
    by_question = {q: i for i, g in enumerate(groups) for q in g.examples}
    for gap in (FARM_UNIONS, KOO_VALUE, HOW_MANY_FARMERS):
        assert len({by_question[q] for q in gap}) == 1, gap
        assert groups[by_question[gap[0]]].count == len(gap), "no other gap nor noise joins it"
    assert sum(g.count for g in groups) == len(FARM_UNIONS + KOO_VALUE + HOW_MANY_FARMERS + noise)


def test_a_group_is_labelled_by_its_most_typical_question(encoder: Encoder) -> None:
    """The first example labels the group in the report; the first one asked may be its odd one out."""
    asked = ["Is Koo made in India?", *KOO_VALUE, "Who invested in Koo and at what valuation?"]
    [group] = [g for g in cluster(asked, encoder.encode) if g.count > 1]
    assert "valuation" in group.examples[0] or "worth" in group.examples[0]


async def test_a_down_voted_answer_names_the_article_it_quoted(
    make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory
) -> None:
    """A moderator reading "👎 3: question → quote" had to search the articles for that quote to fix it."""
    core = make_core(seed_index_dir, NOWHERE, history=make_history())
    answer = await core.ask("Did Ravi Shankar Prasad meet Twitter?", MEMBER)
    other = await core.ask("What app is the government promoting as an alternative to Twitter?", MEMBER)
    assert isinstance(answer, Answer) and answer.answered and answer.answer_id
    assert isinstance(other, Answer) and other.answered and other.answer_id
    for user in ("U1", "U2"):
        await core.vote(Actor("slack", user), answer.answer_id, -1)
    await core.vote(MEMBER, other.answer_id, -1)
    await core.vote(MEMBER, other.answer_id, 1)  # changed its mind: no longer down-voted
    report = await core.report(MOD)
    assert isinstance(report, GapReport)
    [worst] = report.down_voted
    title, doc_id = answer.citations[0].title, answer.citations[0].doc_id
    assert (worst.down, worst.question, worst.article, worst.source) == (
        2, "Did Ravi Shankar Prasad meet Twitter?", doc_id, title)
    assert report.to_dict()["most_down_voted"][0]["source"] == title
    line = next(line for line in report.lines() if line.startswith("  👎"))
    assert answer.citations[0].quote[:40] in line and f"from {doc_id}: {title}" in line


async def test_the_answer_rate_says_what_it_counts(
    make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory
) -> None:
    """Small talk is neither stored nor counted, off-topic questions are declines: a moderator reading "answer
    rate 45%" could not tell which, nor whether a greeting had lowered it."""
    core = make_core(seed_index_dir, NOWHERE, history=make_history())
    for asked in ("hi", "thanks!", "Did Ravi Shankar Prasad meet Twitter?", "recipe for butter chicken"):
        await core.ask(asked, MEMBER)
    report = await core.report(MOD)
    assert isinstance(report, GapReport) and (report.questions, report.answered) == (2, 1)
    text = "\n".join(report.lines())
    assert "answer rate 50%" in text and "small talk" in text and "not counted" in text
    assert "small talk" in report.to_dict()["answer_rate_counts"]


async def test_a_period_longer_than_the_history_kept_says_so(
    make_core: CoreFactory, seed_index_dir: Path, tmp_path: Path
) -> None:
    """With HISTORY_RETENTION_DAYS=2, "--since 7d" read "since <a week ago> (last 7d)" over two days of
    answers: a moderator comparing weeks took it for a quiet week."""
    history = History(Store(f"sqlite:///{tmp_path / 'bot.db'}", VOTE_KEY, retention_days=2))
    core = make_core(seed_index_dir, NOWHERE, history=history)
    await core.ask("recipe for butter chicken", MEMBER)
    week, day = await core.report(MOD, "7d"), await core.report(MOD, "1d")
    assert isinstance(week, GapReport) and isinstance(day, GapReport) and week.questions == 1
    kept_from = datetime.fromisoformat(week.since)
    assert abs(kept_from - (utcnow() - timedelta(days=2))) < timedelta(minutes=1)
    assert "history is kept 2 days" in week.lines()[0] and week.to_dict()["kept_days"] == 2
    assert "kept" not in day.lines()[0] and day.to_dict()["kept_days"] is None


async def test_a_declined_follow_up_shows_what_it_was_about(
    make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory
) -> None:
    """"and how many users does it have?" heading a group says nothing of what is missing; what it searched
    for ("… Koo's") does. It is still grouped by what was asked."""
    core = make_core(seed_index_dir, NOWHERE, history=make_history())
    await core.ask("What is Koo's valuation?", MEMBER, "slack:thread:C1:1")
    follow = await core.ask("and how many users does it have?", MEMBER, "slack:thread:C1:1")
    assert isinstance(follow, Answer) and not follow.answered and follow.expanded and follow.searched_for
    report = await core.report(MOD)
    assert isinstance(report, GapReport)
    examples = [e for g in report.declined_clusters for e in g.examples]
    assert "and how many users does it have? [follow-up, with: Koo's]" in examples
    assert "What is Koo's valuation?" in examples


async def test_a_down_voted_decline_says_it_was_one(
    make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory
) -> None:
    """A 👎 on a decline read "👎 1 👍 0: “recipe for butter chicken”", as if an answer had been quoted."""
    core = make_core(seed_index_dir, NOWHERE, history=make_history())
    declined = await core.ask("recipe for butter chicken", MEMBER)
    assert isinstance(declined, Answer) and not declined.answered and declined.answer_id
    await core.vote(MEMBER, declined.answer_id, -1)
    report = await core.report(MOD)
    assert isinstance(report, GapReport)
    [line] = [line for line in report.lines() if line.startswith("  👎")]
    assert line.endswith("“recipe for butter chicken” → declined (nothing quoted)")


SEVERAL = "Who is Ajay Sawhney? How much is Koo worth?"


async def test_a_declined_question_of_a_message_asking_several_is_a_knowledge_gap(
    make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory
) -> None:
    """The message was stored as one answered question: "How much is Koo worth?" never reached the report. Each
    question now counts on its own, the message stays one stored answer, and its buttons vote on it."""
    core = make_core(seed_index_dir, NOWHERE, history=make_history())
    reply = await core.ask(SEVERAL, MEMBER)
    assert isinstance(reply, Answer) and reply.answered and reply.answer_id
    await core.ask("recipe for butter chicken", MEMBER)
    feedback = await core.vote(MEMBER, reply.answer_id, -1)
    assert isinstance(feedback, Feedback) and feedback.text.startswith(THANKS)
    report = await core.report(MOD)
    assert isinstance(report, GapReport)
    assert (report.questions, report.answered, report.messages) == (3, 1, 2)
    examples = [e for g in report.declined_clusters for e in g.examples]
    assert sorted(examples) == ["How much is Koo worth?", "recipe for butter chicken"]
    assert "Questions: 3 (in 2 messages); answered 1, declined 2" in "\n".join(report.lines())
    assert report.to_dict()["messages"] == 2 and "several" in report.to_dict()["answer_rate_counts"]
    [down] = report.down_voted  # the vote is on the reply as a whole
    assert down.question == SEVERAL and down.answered


@pytest.mark.parametrize("mode", [HistoryMode.ANONYMIZED, HistoryMode.OFF])
async def test_the_questions_of_a_message_keep_no_text_unless_history_is_full(
    make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory, mode: HistoryMode
) -> None:
    """Anonymized, each question's outcome is counted without its text; off, nothing is stored: as for a lone
    question."""
    history = make_history(mode)
    store = history.store
    assert store is not None
    core = make_core(seed_index_dir, NOWHERE, history=history)
    reply = await core.ask(SEVERAL, MEMBER)
    assert isinstance(reply, Answer) and len(reply.parts) == 2
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(answers.c.question, answers.c.parts)).all()
    if mode is HistoryMode.OFF:
        assert rows == [] and reply.answer_id is None
        return
    [(question, parts)] = rows
    assert question is None and [p["question"] for p in parts] == [None, None]
    assert [p["answered"] for p in parts] == [True, False] and "Koo" not in str(parts)
    report = await core.report(MOD)
    assert isinstance(report, GapReport) and report.anonymized
    assert (report.questions, report.answered, report.declined_clusters) == (2, 1, [])
