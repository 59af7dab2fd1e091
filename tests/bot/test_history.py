"""Conversations, stored answers, votes and the knowledge-gap report, through the command core."""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from bot import report as report_module
from bot.actors import Actor, ModeratorPolicy
from bot.history_results import Feedback, GapReport
from bot.results import Notice, NoticeKind
from bot.store import AnswerRecord, HistoryMode, Store, utcnow
from bot.store.tables import answers
from retrieval.types import Answer
from tests.bot.conftest import VOTE_KEY, CoreFactory, HistoryFactory

MOD = Actor("slack", "UMOD", platform_admin=True)
MEMBER = Actor("slack", "UMEMBER")
NOWHERE = Path("/nonexistent-corpus")


async def test_follow_ups_lean_on_their_own_conversation_only(
    make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory, tmp_path: Path
) -> None:
    core = make_core(seed_index_dir, NOWHERE, history=make_history())
    first = await core.ask("Who is Ajay Prakash Sawhney?", MEMBER, "slack:thread:C1:1")
    second = await core.ask("and when is he expected to meet Twitter?", MEMBER, "slack:thread:C1:1")
    other = await core.ask("and when is he expected to meet Twitter?", MEMBER, "slack:thread:C1:2")
    alone = await core.ask("and when is he expected to meet Twitter?", MEMBER)
    assert isinstance(first, Answer) and isinstance(second, Answer)
    assert isinstance(other, Answer) and isinstance(alone, Answer)
    assert second.searched_for and "Sawhney" in second.searched_for
    assert other.searched_for is None and alone.searched_for is None
    standalone = await core.ask("How many accounts did Twitter permanently suspend?", MEMBER, "slack:thread:C1:1")
    assert isinstance(standalone, Answer) and standalone.searched_for is None and "500" in standalone.text
    assert first.answer_id and second.answer_id and first.answer_id != second.answer_id
    store = core.history.store
    assert store is not None
    with store.engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(sa.select(answers))}
    assert rows[second.answer_id].expanded and rows[second.answer_id].conversation == "slack:thread:C1:1"
    assert rows[second.answer_id].searched_for == second.searched_for
    assert not rows[first.answer_id].expanded and rows[first.answer_id].platform == "slack"
    cited = rows[first.answer_id].cited
    assert cited and all(isinstance(c["chunk"], int) and c["doc_id"] for c in cited)
    assert rows[first.answer_id].index_build == Path(seed_index_dir).resolve().name


async def test_votes_change_and_a_down_vote_offers_the_next_best_passages(
    make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory
) -> None:
    core = make_core(seed_index_dir, NOWHERE, history=make_history())
    answer = await core.ask("What app is the government promoting as an alternative to Twitter?", MEMBER)
    assert isinstance(answer, Answer) and answer.answer_id
    up = await core.vote(MEMBER, answer.answer_id, 1)
    assert isinstance(up, Feedback) and up.text.startswith("Thanks") and not up.alternatives
    down = await core.vote(MEMBER, answer.answer_id, -1)
    assert isinstance(down, Feedback) and "changed" in down.text and down.alternatives
    quoted = {(c.doc_id, c.start) for c in answer.citations}
    assert all((c.doc_id, c.start) not in quoted for c in down.alternatives)
    gone = await core.vote(MEMBER, "0" * 32, 1)
    assert isinstance(gone, Feedback) and "too old" in gone.text
    bad = await core.vote(MEMBER, answer.answer_id, 7)
    assert isinstance(bad, Notice) and bad.kind is NoticeKind.INVALID


async def test_off_mode_records_nothing_and_shows_no_buttons(make_core: CoreFactory, seed_index_dir: Path) -> None:
    core = make_core(seed_index_dir, NOWHERE)  # no store: HISTORY_MODE=off
    first = await core.ask("Who is Ajay Prakash Sawhney?", MEMBER, "c")
    second = await core.ask("and when is he expected to meet Twitter?", MEMBER, "c")
    assert isinstance(first, Answer) and first.answer_id is None
    assert isinstance(second, Answer) and second.searched_for  # follow-ups still work, in memory only
    report = await core.report(MOD)
    assert isinstance(report, Notice) and "HISTORY_MODE=off" in report.text
    old_button = await core.vote(MEMBER, "0" * 32, 1)  # shown before history was switched off
    assert isinstance(old_button, Feedback) and "not recorded" in old_button.text


def seed(path: Path, mode: HistoryMode = HistoryMode.FULL) -> None:
    """Three declined questions about rain, two about Wimbledon, two answers (one down-voted), one expanded
    follow-up, and one declined question from long ago that the default week leaves out."""
    now = utcnow()
    clock_value = [now - timedelta(days=30)]
    store = Store(f"sqlite:///{path}", VOTE_KEY, mode, retention_days=90, clock=lambda: clock_value[0])

    def add(n: int, question: str, answered: bool, searched_for: str | None = None, quote: str | None = None) -> str:
        answer_id = f"{n:032x}"
        store.record_answer(AnswerRecord(answer_id, "discord", None, question, answered, [], "build", searched_for,
                                         quote))
        return answer_id

    add(99, "Is it snowing in Delhi today?", False)
    clock_value[0] = now - timedelta(hours=1)
    for n, q in enumerate(["Is it going to rain in Mumbai this weekend?", "Will it rain in Mumbai tomorrow?",
                           "What is the weather forecast for Mumbai?"]):
        add(n, q, False)
    add(10, "Who won the men's singles title at Wimbledon in 2019?", False)
    add(11, "Who won Wimbledon in 2019?", False)
    good = add(20, "What app is the government promoting?", True, quote="the government has decided to promote Koo")
    bad = add(21, "How many accounts were blocked?", True, searched_for="How many accounts were blocked? Koo",
              quote="Twitter said it had permanently suspended more than 500 accounts")
    for user, value in (("U1", -1), ("U2", -1), ("U3", 1)):
        store.vote(bad, "slack", user, value)
    store.vote(good, "slack", "U1", 1)
    store.close()


async def test_report_on_a_seeded_database(make_core: CoreFactory, seed_index_dir: Path,
                                           make_history: HistoryFactory, tmp_path: Path) -> None:
    seed(tmp_path / "bot.db")
    core = make_core(seed_index_dir, NOWHERE, ModeratorPolicy(), history=make_history())
    report = await core.report(MOD, "7d")
    assert isinstance(report, GapReport)
    assert (report.questions, report.answered, report.expanded) == (7, 2, 1)
    assert report.answer_rate == pytest.approx(2 / 7)
    groups = [(c.count, c.examples) for c in report.declined_clusters]
    assert groups[0][0] == 3 and all("Mumbai" in e for e in groups[0][1])
    assert groups[1][0] == 2 and all("Wimbledon" in e for e in groups[1][1])
    assert len(groups) == 2, "the old Delhi question is outside the week"
    [worst, *_] = report.down_voted
    assert (worst.down, worst.up, worst.question) == (2, 1, "How many accounts were blocked?")
    assert worst.quote and "500 accounts" in worst.quote
    assert len(report.down_voted) == 1
    month = await core.report(MOD, "60d")
    assert isinstance(month, GapReport) and month.questions == 8
    assert "answer rate 29%" in "\n".join(report.lines())
    refused = await core.report(MEMBER, "7d")
    assert isinstance(refused, Notice) and refused.kind is NoticeKind.FORBIDDEN
    bad = await core.report(MOD, "last tuesday")
    assert isinstance(bad, Notice) and bad.kind is NoticeKind.INVALID and "7d" in bad.text


async def test_anonymized_report_counts_but_does_not_group(make_core: CoreFactory, seed_index_dir: Path,
                                                          make_history: HistoryFactory, tmp_path: Path) -> None:
    seed(tmp_path / "bot.db", HistoryMode.ANONYMIZED)
    core = make_core(seed_index_dir, NOWHERE, history=make_history(HistoryMode.ANONYMIZED))
    report = await core.report(MOD)
    assert isinstance(report, GapReport) and report.anonymized and report.declined_clusters == []
    assert report.questions == 7 and report.down_voted[0].question is None
    assert "HISTORY_MODE=anonymized" in "\n".join(report.lines())


def test_window_parsing() -> None:
    from bot.report import BadWindow, parse_window

    assert parse_window(None) == ("7d", timedelta(days=7))
    assert parse_window(" 24H ") == ("24h", timedelta(hours=24))
    assert parse_window("2w")[1] == timedelta(weeks=2)
    for bad in ("0d", "7", "d", "7y", "-1d"):
        with pytest.raises(BadWindow):
            parse_window(bad)


def test_a_refused_window_says_what_is_wrong_with_it() -> None:
    """``0d`` and ``1000000d`` were told to give "a number and a unit", which they had; ``99999w`` went back
    to the year 110. The longest period is the longest history kept (HISTORY_RETENTION_DAYS, a century)."""
    from bot.report import BadWindow, parse_window

    with pytest.raises(BadWindow, match="longer than zero"):
        parse_window("0d")
    for too_long in ("1000000d", "99999w", "36501d", "876001h", "9" * 50 + "m"):
        with pytest.raises(BadWindow, match="at most 36,500 days"):
            parse_window(too_long)
    assert parse_window("36500d")[1] == parse_window("876000h")[1] == timedelta(days=36_500)


async def test_anonymized_report_shows_no_question_stored_before_the_switch(
        make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory, tmp_path: Path) -> None:
    seed(tmp_path / "bot.db", HistoryMode.FULL)
    core = make_core(seed_index_dir, NOWHERE, history=make_history(HistoryMode.ANONYMIZED))
    report = await core.report(MOD)
    assert isinstance(report, GapReport) and report.down_voted and report.down_voted[0].question is None
    assert "How many accounts" not in "\n".join(report.lines())


async def test_report_counts_add_up_across_a_mode_switch(
        make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory, tmp_path: Path) -> None:
    """Declined questions stored anonymized, reported in full mode, said "declined 5 … Declined questions:
    none"; stored in full and reported anonymized, the JSON claimed 5 grouped and showed no group."""
    seed(tmp_path / "bot.db", HistoryMode.ANONYMIZED)
    core = make_core(seed_index_dir, NOWHERE, history=make_history())
    report = await core.report(MOD)
    assert isinstance(report, GapReport) and report.questions - report.answered == 5
    assert (report.grouped, report.ungrouped, report.without_text) == (0, 0, 5)
    text = "\n".join(report.lines())
    assert "Declined questions: none" not in text and "stored without their text" in text and ": 5." in text
    seed(tmp_path / "full.db")
    other = make_core(seed_index_dir, NOWHERE, history=make_history(HistoryMode.ANONYMIZED, tmp_path / "full.db"))
    hidden = (await other.report(MOD)).to_dict()  # type: ignore[union-attr]
    assert hidden["declined_groups"] == [] and hidden["declined_grouped"] == hidden["declined_without_text"] == 0


async def test_many_declined_questions_group_the_newest(
        make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_module, "CLUSTER_LIMIT", 3)
    seed(tmp_path / "bot.db")
    core = make_core(seed_index_dir, NOWHERE, history=make_history())
    report = await core.report(MOD)
    assert isinstance(report, GapReport) and (report.grouped, report.ungrouped) == (3, 2)
    assert sum(c.count for c in report.declined_clusters) == 3
    assert "the newest 3; 2 older ones not grouped" in "\n".join(report.lines())
    assert report.to_dict()["declined_not_grouped"] == 2


async def test_a_report_being_grouped_holds_up_no_vote(make_history: HistoryFactory, tmp_path: Path) -> None:
    """Encoding thousands of declined questions took seconds on the store thread, and every vote and answer
    queued behind it."""
    seed(tmp_path / "bot.db")
    history = make_history()
    started, release = threading.Event(), threading.Event()

    def slow_encode(texts: list[str]) -> np.ndarray:
        started.set()
        release.wait(30)
        return np.eye(len(texts), dtype=np.float32)

    report = asyncio.create_task(history.report("7d", slow_encode))
    assert await asyncio.to_thread(started.wait, 30)
    try:
        feedback = await asyncio.wait_for(history.vote(MEMBER, f"{20:032x}", -1), 10)
        assert feedback.text.startswith("Thanks")
    finally:
        release.set()
    assert isinstance(await report, GapReport)
    history.close()


async def test_a_moderator_reads_the_questions_of_their_own_server_only(
        make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory) -> None:
    """One bot serves many servers and workspaces; a moderator of one read what people asked in all of them."""
    core = make_core(seed_index_dir, NOWHERE, ModeratorPolicy(), history=make_history())
    here = Actor("discord", "11", platform_admin=True, home="discord:100")
    there = Actor("discord", "22", home="discord:200")
    dm = Actor("discord", "33")
    for actor, question in ((here, "Will it rain in Mumbai tomorrow?"), (there, "Who won Wimbledon in 2019?"),
                            (dm, "What is the best biryani recipe?")):
        answer = await core.ask(question, actor)
        assert isinstance(answer, Answer) and not answer.answered
        if actor is there:
            assert await core.vote(here, answer.answer_id or "", -1)  # a 👎 from elsewhere is not this server's
    mine = await core.report(here)
    assert isinstance(mine, GapReport) and mine.questions == 1 and mine.place == "discord:100"
    assert [c.examples for c in mine.declined_clusters] == [["Will it rain in Mumbai tomorrow?"]]
    assert mine.down_voted == [] and "questions asked in this server or workspace" in mine.lines()[0]
    everything = await core.report(Actor("terminal", "local", platform_admin=True))
    assert isinstance(everything, GapReport) and everything.questions == 3 and everything.place is None
    assert len(everything.down_voted) == 1


def test_migration_4_gives_answers_stored_before_no_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.store import migrations

    url = f"sqlite:///{tmp_path / 'bot.db'}"
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", [m for m in migrations.MIGRATIONS if m[0] < 4])
        old = Store(url, VOTE_KEY)
        assert old.version == 3
        with old.engine.begin() as conn:  # a row as version 3 wrote it: no place column yet
            conn.execute(sa.text("INSERT INTO answers (id, created_at, platform, question, answered, cited, "
                                 "index_build, expanded, alternatives) VALUES ('a', :now, 'slack', 'old?', 0, "
                                 "'[]', 'b', 0, '[]')"), {"now": utcnow()})
        old.close()
    store = Store(url, VOTE_KEY)
    assert store.version == max(m[0] for m in migrations.MIGRATIONS)
    store.record_answer(AnswerRecord("b", "slack", None, "new?", False, [], "b", place="slack:T1"))
    assert [r.question for r in store.answers_since(utcnow() - timedelta(days=1))] == ["old?", "new?"]
    assert [r.question for r in store.answers_since(utcnow() - timedelta(days=1), "slack:T1")] == ["new?"]
    assert sa.inspect(store.engine).get_indexes("answers")
    store.close()


async def test_a_database_gone_away_is_one_line_per_failure_not_a_traceback(
        make_core: CoreFactory, make_history: HistoryFactory, seed_index_dir: Path, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    """While the database was unreachable (PostgreSQL restarting), every question logged a 40-line traceback
    per store call (four with shared state) around its one line, "connection refused". Here SQLite's file
    goes away with its folder; the question is still answered, and each failure is one line."""
    import shutil

    (tmp_path / "db").mkdir()
    history = make_history(path=tmp_path / "db" / "bot.db")
    core = make_core(seed_index_dir, Path("/nonexistent-corpus"), history=history)
    asker = Actor(platform="test", user_id="u1")
    assert isinstance(await core.ask("How many accounts were ordered blocked?", asker, "c1"), Answer)
    assert history.store is not None
    shutil.rmtree(tmp_path / "db")
    history.store.engine.dispose()  # a new connection, to a file that can't be opened: the database is gone
    answer = await core.ask("How many accounts were ordered blocked?", asker, "c1")
    assert isinstance(answer, Answer) and answer.answered and answer.answer_id is None
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in failures] == [
        "could not save an answer in the store; this replica decides alone for 10 s (the database can't be "
        "reached: unable to open database file)"]
    assert failures[0].exc_info is None
