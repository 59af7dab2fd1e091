"""A comparison declined as one text is answered one fact at a time (``retrieval.comparisons``)."""

from __future__ import annotations

import pytest

from retrieval.comparisons import sides
from retrieval.engine import Engine


@pytest.mark.parametrize(("text", "asks", "shown"), [
    ("was the order before or after the meeting?", ("when was the order", "when was the meeting"),
     ("was the order", "before or after the meeting?")),
    ("did twitter suspend more accounts than the first notice asked it to block?",
     ("how many accounts did twitter suspend", "how many accounts the first notice asked it to block"),
     ("did twitter suspend more accounts", "than the first notice asked it to block?")),
    ("which came first, the blog post or the meeting?", ("when was the blog post", "when was the meeting"),
     ("the blog post", "the meeting")),
])
def test_a_comparison_is_read_as_its_two_sides(text: str, asks: tuple[str, str], shown: tuple[str, str]) -> None:
    found = sides(text)
    assert found is not None and found.asks == asks and found.shown == shown


@pytest.mark.parametrize("text", [
    "did twitter block more than 500 accounts?",  # a bound on one figure, no second fact
    "how many accounts did twitter suspend?",
    "were more accounts blocked than suspended?",  # nothing after "than" to ask on its own
    "what happened before the meeting?",
])
def test_other_questions_have_no_sides(text: str) -> None:
    assert sides(text) is None


def test_a_declined_comparison_quotes_each_side(seed_engine: Engine) -> None:
    """As one text no sentence holds both counts and the question was declined; each side alone is answered,
    by a sentence of its own, shown under the asker's words for it."""
    text = "did the ministry send more notices than twitter got emergency orders?"
    reply = seed_engine.ask(text)
    assert reply.answered and reply.question == text and len(reply.citations) == 2
    assert "“did the ministry send more notices”" in reply.text and "three notices" in reply.citations[0].quote
    assert "“than twitter got emergency orders”" in reply.text
    assert "two were emergency blocking orders" in reply.citations[1].quote


def test_sides_quoting_one_sentence_leave_the_comparison_declined(seed_engine: Engine) -> None:
    """"when was the order" and "when was the meeting" both lead with the sentence on the meeting: it dates one
    of them, so the pair compares nothing, and the question stays declined."""
    assert not seed_engine.ask("was the order before or after the meeting").answered
