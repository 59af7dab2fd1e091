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


@pytest.mark.parametrize(("question", "kind"), [
    ("which court told the app to find out who first sent the clip", Kind.NAME),
    ("what app did officials use when the ban began", Kind.NAME),
    ("which group asked why the posts were removed", Kind.NAME),
    ("which minister said where the meeting was held", Kind.NAME),
    ("who said the app would find out which court ruled", Kind.WHO),
    ("what day did the court say who sent it", Kind.WHEN),
    ("what reason did they give", Kind.WHY),
    ("what did the minister say when asked", Kind.WHEN),
])
def test_the_opening_asking_word_makes_the_kind(question: str, kind: Kind) -> None:
    """A "who", "when", "where" or "why" opening a clause inside the question ("... to find out who first sent the
    clip") is not what it asks: read by it, "which court told the app ..." asked for a person."""
    assert analyse(question).kind is kind
