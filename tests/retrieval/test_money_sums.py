"""Sums of money as the timeline compares them (``retrieval.money_sums``)."""

from __future__ import annotations

import pytest

from retrieval.money_sums import sums


@pytest.mark.parametrize(("text", "expected"), [
    ("fined Bramblr 2 million euros", {(2e6, "money:euros")}),
    ("a penalty of $1.5 million", {(1.5e6, "money:dollars")}),
    ("a fine of Rs. 50 lakh", {(5e6, "money:rupees")}),
    ("₹2 crore", {(2e7, "money:rupees")}),
    ("fined £20m", {(2e7, "money:pounds")}),
    ("a 5 million euro fine", {(5e6, "money:euros")}),
    ("fined 300,000 pounds", {(3e5, "money:pounds")}),
])
def test_a_sum_is_its_amount_in_its_currency(text: str, expected: set[tuple[float, str]]) -> None:
    assert sums(text) == expected


@pytest.mark.parametrize("text", [
    "ordered Quillo to block 300 accounts", "it had 10 million users in 2021", "on March 3, 2021", "rose 40%",
])
def test_counts_dates_and_shares_are_no_sums(text: str) -> None:
    assert sums(text) == set()
