"""A follow-up borrows what the asker asked, never the words of the bot's own earlier answers (a terminal tester's
chains): "why?" was searched "why? Trends" (a word of the quote "content, Trends, Tweets, and accounts"), that
word was carried on as the asker's, and two topics later "and what did he say about twitter?" was searched
"minister Honourable koo Trends"."""

from __future__ import annotations

from retrieval.engine import Engine
from retrieval.turns import FollowupContext, Turn, turn_of
from retrieval.types import Answer

ORDERED = "who ordered twitter to block the accounts?"


def _chain(engine: Engine, questions: list[str]) -> list[Answer]:
    turns: list[Turn] = []
    answers: list[Answer] = []
    for question in questions:
        answers.append(engine.ask(question, FollowupContext(tuple(turns)) if turns else None))
        turns.append(turn_of(question, answers[-1]))
    return answers


def _asked_words(questions: list[str]) -> set[str]:
    return {w.strip("?").lower() for q in questions for w in q.split()}


def test_a_chain_borrows_only_the_words_asked(shipped_engine: Engine) -> None:
    """"why?" borrowed "Trends" from the answer to "when?", and "and koo?" then "MeitY Trends": words of quotes,
    the second carried on from two turns back as if asked."""
    asked = [ORDERED, "when?", "why?", "what did twitter say?", "and koo?"]
    answers = _chain(shipped_engine, asked)
    for question, answer in zip(asked, answers, strict=True):
        borrowed = (answer.searched_for or question)[len(question):].split()
        assert all(w.lower() in _asked_words(asked) for w in borrowed), answer.searched_for
    assert answers[2].searched_for, "why? borrows the words asked before it"


def test_a_new_topic_leaves_the_turns_before_it(shipped_engine: Engine) -> None:
    """"how many accounts were blocked?" and "who is the IT minister?" asked after "and koo?": "he" is the minister
    asked about, and the words of the koo turn (or of the answers before it) are another topic's."""
    answers = _chain(shipped_engine, [ORDERED, "when?", "why?", "what did twitter say?", "and koo?",
                                      "how many accounts were blocked?", "who is the IT minister?",
                                      "and what did he say about twitter?"])
    searched = (answers[-1].searched_for or "").lower()
    assert "koo" not in searched.split() and "trends" not in searched.split(), answers[-1].searched_for


def test_why_does_not_give_again_an_answer_of_the_conversation(shipped_engine: Engine) -> None:
    """"why?" after "who is ajay sawhney?" and "when will he meet twitter?" gave, word for word, the answer two
    turns back."""
    answers = _chain(shipped_engine, ["who is ajay sawhney?", "when will he meet twitter?", "why?"])
    quoted = {c.quote for a in answers[:-1] for c in a.citations}
    why = answers[-1]
    assert not (why.answered and why.citations[0].quote in quoted), why.text
