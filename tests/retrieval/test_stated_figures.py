"""A question's figures as chat writes them: rounded, bounded, in words (``retrieval.stated_figures``)."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.stated_figures import as_given, meant, stated_figures

KNOWN = (1178.0, 500.0, 257.0, 250.0, 24.0, 3.0)


@pytest.mark.parametrize(("text", "value", "written", "hedge"), [
    ("were over a thousand accounts blocked?", 1000, "a thousand", "over"),
    ("did twitter suspend around five hundred accounts", 500, "five hundred", "about"),
    ("a lakh accounts?", 100_000, "a lakh", "exact"),
    ("2.5 crore users", 25_000_000, "2.5 crore", "exact"),
    ("about 1.2k accounts", 1200, "1.2k", "about"),
    ("fewer than 300 accounts", 300, "300", "under"),
])
def test_a_figure_is_read_as_written_with_its_hedge(text: str, value: float, written: str, hedge: str) -> None:
    (figure,) = stated_figures(text)
    assert (figure.value, figure.text, figure.hedge) == (value, written, hedge)


@pytest.mark.parametrize(("text", "expected"), [
    ("about 1200 accounts?", 1178),  # rounded
    ("were over a thousand accounts blocked?", 1178),  # a bound
    ("roughly 260 accounts", 257),  # the nearest the hedge allows
    ("a thousand accounts", 1178),  # in words: its writer rounded it
    ("did twitter suspend 1000 accounts", None),  # digits, no hedge: exact
    ("more than 5,000 accounts", None),  # no figure the bound allows
    ("about 1,500 accounts", None),
])
def test_the_figure_a_question_means_is_one_the_articles_give(text: str, expected: float | None) -> None:
    (figure,) = stated_figures(text)
    assert meant(figure, KNOWN) == expected


def test_a_hedged_figure_is_searched_as_the_articles_write_it() -> None:
    assert as_given("were over a thousand accounts blocked?", KNOWN, 10) == "were 1,178 accounts blocked?"
    assert as_given("about 1200 accounts?", KNOWN, 10) == "1,178 accounts?"
    assert as_given("did twitter suspend 500 accounts", KNOWN, 10) is None  # given as written
    assert as_given("did twitter suspend 1000 accounts", KNOWN, 10) is None  # exact: the decline names it


@pytest.mark.parametrize(("question", "fact"), [
    ("were over a thousand accounts blocked?", "1,178"),
    ("about 1200 accounts?", "1,178"),
    ("did twitter suspend around five hundred accounts", "500"),
])
def test_a_rounded_or_worded_figure_is_answered_with_the_one_it_means(
        seed_engine: Engine, question: str, fact: str) -> None:
    """Each was declined: "The articles never give the figure thousand (1200, hundred) that the question names",
    over the passage giving 1,178 (500)."""
    answer = seed_engine.ask(question)
    assert answer.answered and fact in answer.text


def test_an_exact_figure_no_article_gives_is_still_named(seed_engine: Engine) -> None:
    answer = seed_engine.ask("did twitter suspend 1000 accounts")
    assert not answer.answered
    assert answer.text.startswith("The articles never give the figure 1000 that the question names.")
