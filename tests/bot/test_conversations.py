"""The in-process conversation memory: last three turns, least recently used forgotten first, one-hour TTL."""

from __future__ import annotations

from bot.conversations import RecentTurns
from retrieval.turns import Turn, turn_of
from retrieval.types import Answer, Citation
from tests.bot.fake_clock import FakeClock


def test_keeps_the_last_three_turns_in_order() -> None:
    memory = RecentTurns(clock=FakeClock().monotonic)
    for n in range(5):
        memory.remember("c", Turn(f"q{n}"))
    context = memory.context("c")
    assert context is not None and [t.question for t in context.turns] == ["q2", "q3", "q4"]
    assert memory.context("other") is None


def test_least_recently_used_conversation_is_forgotten_first() -> None:
    memory = RecentTurns(max_conversations=2, clock=FakeClock().monotonic)
    memory.remember("a", Turn("qa"))
    memory.remember("b", Turn("qb"))
    assert memory.context("a") is not None  # "a" is now the most recently used
    memory.remember("c", Turn("qc"))
    assert memory.context("b") is None and memory.context("a") is not None and len(memory) == 2


def test_turns_expire_after_the_ttl_and_conversations_can_move() -> None:
    clock = FakeClock()
    memory = RecentTurns(ttl=3600, clock=clock.monotonic)
    memory.remember("a", Turn("old"))
    clock.advance(3000)
    memory.remember("a", Turn("new"))
    clock.advance(1000)  # "old" is 4000 s old, "new" 1000 s
    context = memory.context("a")
    assert context is not None and [t.question for t in context.turns] == ["new"]
    memory.rename("a", "thread")
    assert memory.context("a") is None and memory.context("thread") is not None
    clock.advance(3601)
    assert memory.context("thread") is None and len(memory) == 0


def test_a_turn_keeps_what_was_searched_for_and_favours_only_real_citations() -> None:
    cited = Citation("d1", "t", None, None, "Quote one.", 0, 10, 1.0)
    answered = Answer("and when?", "x", True, [cited, cited], searched_for="and when? Sawhney")
    turn = turn_of("and when?", answered)
    assert turn.question == "and when? Sawhney" and turn.doc_ids == ("d1",) and turn.answered
    declined = turn_of("what?", Answer("what?", "The articles don't say.", False, [cited]))
    # The passages a decline showed are kept for the names they give, but their articles are not favoured.
    assert declined.doc_ids == () and declined.sentences == ("Quote one.",) and not declined.answered
