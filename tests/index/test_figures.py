"""Figures in a whole article: the question-time check of which figures the articles give reads every one."""

from __future__ import annotations

import time

from index.figures import figures


def test_figures_skip_dates_and_keep_counts() -> None:
    found = figures("On February 11, 2021 the ministry asked Twitter to block 1,178 accounts and 257 handles.")
    assert [f.value for f in found] == [1178.0, 257.0]


def test_a_long_article_with_many_dates_is_read_in_linear_time() -> None:
    """A 950 KB article of dated paragraphs took 17 s (each number was checked against every date in the
    text), and the first question stating a figure after it was added waited that long."""
    text = " ".join(f"Talks about order {i + 2200} resumed on February 11, 2021 with 3{i} officials."
                    for i in range(4000))
    started = time.perf_counter()
    found = figures(text)
    elapsed = time.perf_counter() - started
    assert len(found) == 8000
    assert {f.value for f in found[:2]} == {2200.0, 30.0}
    assert elapsed < 2.0, f"{elapsed:.1f} s"


def test_multiples_are_figures() -> None:
    """ "Sign-ups grew twelvefold" answers "by how much" as "grew by 12 times" does: without a figure in it, a
    count question found nothing to answer with in the sentence, and the question was declined."""
    cases = {
        "One provider said sign-ups had grown twelvefold.": [(12.0, "twelvefold")],
        "Downloads rose sevenfold over the weekend and doubled again in May.": [(7.0, "sevenfold"), (2.0, "doubled")],
        "Its sales were halved, and the company tripled its staff.": [(0.5, "halved"), (3.0, "tripled")],
        "The ministry doubled down on its demand.": [],  # an idiom, not a multiple
        "The streaming app Tunefold and the town of Crestfold.": [],  # a name ending in "fold"
    }
    for sentence, expected in cases.items():
        assert [(f.value, f.text) for f in figures(sentence)] == expected, sentence
