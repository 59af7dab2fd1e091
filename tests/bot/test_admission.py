"""What the core takes on: the per-user rate limit, the in-flight cap, shutdown, and their metrics."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from bot.actors import LOCAL_USER, Actor, ModeratorPolicy
from bot.admission import OVERLOADED, STOPPING
from bot.core import CommandCore
from bot.history_results import Feedback
from bot.results import IndexChange, Notice, NoticeKind
from retrieval.types import Answer
from tests.bot.conftest import CoreFactory, HistoryFactory

QUESTION = "how many accounts were ordered blocked?"
ALICE = Actor("discord", "1001", "alice")
BOB = Actor("slack", "U1002", "bob")


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def limited_core(make_core: CoreFactory, seed_index_dir: Path) -> CommandCore:
    return make_core(seed_index_dir, Path("/nonexistent-corpus"), rate_limit_per_minute=5, rate_limit_burst=3)


async def test_a_flood_gets_the_burst_and_one_slow_down(limited_core: CommandCore) -> None:
    before = sample("dispute_bot_rate_limited_total", platform="discord", notified="false")
    results = [await limited_core.ask(QUESTION, ALICE) for _ in range(30)]
    assert sum(isinstance(r, Answer) for r in results) == 3
    notices = [r for r in results if isinstance(r, Notice)]
    assert {n.kind for n in notices} == {NoticeKind.LIMITED}
    told = [n for n in notices if not n.silent]
    assert len(told) == 1 and told[0].text.startswith("Slow down") and "try again in 12 s" in told[0].text
    assert told[0].asked == QUESTION, "given back to send again after the wait (a slash command's text is gone)"
    assert all(not n.asked for n in notices if n.silent)
    assert sample("dispute_bot_rate_limited_total", platform="discord", notified="false") - before == 26
    # Everyone else still gets answers; so does the operator at the terminal.
    assert isinstance(await limited_core.ask(QUESTION, BOB), Answer)
    for _ in range(5):
        assert isinstance(await limited_core.ask(QUESTION, LOCAL_USER), Answer)
    assert isinstance(await limited_core.sources(ALICE), Notice), "sources share the user's bucket"


async def test_empty_questions_count_too(limited_core: CommandCore) -> None:
    """A flood of empty mentions must not produce a flood of hints."""
    results = [await limited_core.ask("  ", ALICE) for _ in range(10)]
    assert sum(isinstance(r, Notice) and not r.silent for r in results) == 4  # 3 hints and one slow-down
    assert not any(isinstance(r, Notice) and r.asked for r in results), "nothing typed, nothing to give back"


async def test_questions_past_the_in_flight_cap_are_turned_away(
    make_core: CoreFactory, seed_index_dir: Path
) -> None:
    core = make_core(seed_index_dir, Path("/nonexistent-corpus"), max_in_flight=2)
    await core.warm_up()
    before = sample("dispute_bot_questions_total", command="ask", platform="slack", outcome="overloaded")
    results = await asyncio.gather(*(core.ask(QUESTION, Actor("slack", f"U{n}")) for n in range(6)))
    assert sum(isinstance(r, Answer) for r in results) == 2
    busy = [r for r in results if isinstance(r, Notice)]
    assert len(busy) == 4 and all(n.kind is NoticeKind.OVERLOADED and n.text == OVERLOADED for n in busy)
    assert all(n.asked == QUESTION for n in busy)
    assert "busy" in OVERLOADED and "try again in a moment" in OVERLOADED
    assert sample("dispute_bot_questions_total", command="ask", platform="slack", outcome="overloaded") - before == 4
    assert core.in_flight.questions == 0 and sample("dispute_bot_questions_in_flight") == 0
    assert isinstance(await core.ask(QUESTION, BOB), Answer), "the slots are free again"


async def test_closing_turns_new_questions_away_and_drain_waits(seed_core: CommandCore) -> None:
    await seed_core.warm_up()
    running = asyncio.create_task(seed_core.ask(QUESTION, BOB))
    await asyncio.sleep(0)  # the question is in flight
    assert seed_core.in_flight.questions == 1
    seed_core.in_flight.close()
    refused = await seed_core.ask(QUESTION, ALICE)
    assert isinstance(refused, Notice) and refused.text == STOPPING and refused.asked == QUESTION
    assert await seed_core.in_flight.drain(10)
    assert running.done() and isinstance(running.result(), Answer)


async def test_drain_gives_up_after_the_grace_period(seed_core: CommandCore) -> None:
    async with seed_core.in_flight.handling():
        assert not await seed_core.in_flight.drain(0.1)
    assert await seed_core.in_flight.drain(0.1)


async def test_outcomes_and_latency_are_counted(seed_core: CommandCore) -> None:
    def answered() -> float:
        return sample("dispute_bot_questions_total", command="ask", platform="slack", outcome="answered")

    before, declined, invalid = answered(), sample(
        "dispute_bot_questions_total", command="ask", platform="slack", outcome="declined"), sample(
        "dispute_bot_questions_total", command="ask", platform="slack", outcome="invalid")
    latency = sample("dispute_bot_question_seconds_count", command="ask")
    await seed_core.ask(QUESTION, BOB)
    await seed_core.ask("What is the capital of France?", BOB)
    await seed_core.ask("?!", BOB)
    assert answered() - before == 1
    assert sample("dispute_bot_questions_total", command="ask", platform="slack", outcome="declined") - declined == 1
    assert sample("dispute_bot_questions_total", command="ask", platform="slack", outcome="invalid") - invalid == 1
    assert sample("dispute_bot_question_seconds_count", command="ask") - latency == 3
    assert sample("dispute_bot_index_articles") == 4 and sample("dispute_bot_index_chunks") > 4


async def test_builds_are_counted_and_timed(make_core: CoreFactory, built_copy: tuple[Path, Path]) -> None:
    corpus, index_dir = built_copy
    core = make_core(index_dir, corpus, ModeratorPolicy(user_ids=frozenset({"slack:UMOD"})))
    done = sample("dispute_bot_builds_total", action="reindex", outcome="done")
    timed = sample("dispute_bot_build_seconds_count", action="reindex")
    assert isinstance(await core.reindex(Actor("slack", "UMOD")), IndexChange)
    assert sample("dispute_bot_builds_total", action="reindex", outcome="done") - done == 1
    assert sample("dispute_bot_build_seconds_count", action="reindex") - timed == 1
    assert not core.build_running


async def test_a_question_turned_away_for_load_or_shutdown_costs_no_rate_limit_token(
        make_core: CoreFactory, seed_index_dir: Path) -> None:
    """Three "busy" replies used to spend the burst: the fourth try was "slow down", the fifth dropped."""
    core = make_core(seed_index_dir, Path("/nonexistent-corpus"), max_in_flight=1, rate_limit_per_minute=5,
                     rate_limit_burst=3)
    await core.warm_up()
    assert core.in_flight.try_enter()  # someone else's question holds the only slot
    busy = [await core.ask(QUESTION, ALICE) for _ in range(4)]
    assert all(isinstance(r, Notice) and r.text == OVERLOADED for r in busy)
    core.in_flight.leave()
    answers = [await core.ask(QUESTION, ALICE) for _ in range(3)]
    assert all(isinstance(a, Answer) for a in answers), "the burst is still there"
    core.in_flight.close()
    assert (await core.ask(QUESTION, BOB)).text == STOPPING  # type: ignore[union-attr]
    assert core.in_flight.questions == 0


async def test_store_round_trips_never_queue_behind_other_thread_work() -> None:
    """The event claim Slack's acknowledgement waits for ran on asyncio's default executor, behind timeline
    pictures: acknowledgements took 15 s."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Event

    from bot.shared_state import call

    class StoreBacked:
        blocking = True

        def claim(self, key: str) -> bool:
            return key == "event:1"

    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=1))
    busy = Event()
    hog = loop.run_in_executor(None, busy.wait, 30)  # the default executor's only thread is taken
    try:
        store = StoreBacked()
        assert await asyncio.wait_for(call(store, store.claim, "event:1"), 5)
    finally:
        busy.set()
        await hog


async def test_pictures_past_the_backlog_are_skipped_not_queued(monkeypatch: pytest.MonkeyPatch) -> None:
    from threading import Event

    from bot.render import picture, timeline_png
    from retrieval.types import Timeline, TimelineEvent

    release = Event()

    def slow_render(timeline: Timeline) -> bytes:
        release.wait(30)
        return b"png"

    monkeypatch.setattr(timeline_png, "render_png", slow_render)
    timeline = Timeline(events=[TimelineEvent("2021-02-10", "Something happened.", [])])
    waiting = [asyncio.create_task(picture.timeline_png(timeline)) for _ in range(picture.MAX_WAITING)]
    await asyncio.sleep(0.05)
    assert await asyncio.wait_for(picture.timeline_png(timeline), 1) is None  # not drawn: text goes alone
    release.set()
    assert await asyncio.gather(*waiting) == [b"png"] * picture.MAX_WAITING


async def test_vote_clicks_past_their_budget_are_told_to_slow_down_and_never_written(
    make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every 👍/👎 click was a write to the store, with no limit: 30 clicks by one user, 30 writes. Votes now
    have a budget of their own: the rest are told to slow down (each of them: a click always gets an answer),
    and neither budget spends the other."""
    core = make_core(seed_index_dir, Path("/nonexistent-corpus"), history=make_history(), rate_limit_per_minute=5,
                     rate_limit_burst=3, vote_limit_per_minute=20, vote_limit_burst=6)
    answer = await core.ask(QUESTION, ALICE)
    assert isinstance(answer, Answer) and answer.answer_id
    store = core.history.store
    assert store is not None
    writes: list[int] = []
    vote = store.vote
    monkeypatch.setattr(store, "vote", lambda *args: writes.append(1) or vote(*args))
    before = sample("dispute_bot_votes_rate_limited_total", platform="discord")
    results = [await core.vote(ALICE, answer.answer_id, 1 if n % 2 else -1) for n in range(30)]
    assert sum(isinstance(r, Feedback) for r in results) == 6 and len(writes) == 6
    refused = [r for r in results if isinstance(r, Notice)]
    assert len(refused) == 24 and {r.kind for r in refused} == {NoticeKind.LIMITED}
    assert all(not r.silent and r.text.startswith("Slow down") and r.ephemeral for r in refused)
    assert sample("dispute_bot_votes_rate_limited_total", platform="discord") - before == 24
    # The clicks cost no question, and nobody else's votes.
    assert isinstance(await core.ask(QUESTION, ALICE), Answer)
    assert isinstance(await core.vote(BOB, answer.answer_id, 1), Feedback)
    for _ in range(10):
        assert isinstance(await core.vote(LOCAL_USER, answer.answer_id, 1), Feedback)
