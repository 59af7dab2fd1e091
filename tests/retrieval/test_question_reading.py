"""How a chat question is read before search: its kind."""

from __future__ import annotations

import pytest

from retrieval.question import Kind, analyse


@pytest.mark.parametrize("question", [
    "what weekday was the report approved", "which weekday did the regulator send the order",
])
def test_a_weekday_asked_for_is_a_when_question(question: str) -> None:
    """"what weekday was the report approved" was read as asking for a name of the sort "weekday", and declined."""
    assert analyse(question).kind is Kind.WHEN
