"""A follow-up's pronoun that the question itself gives nothing to refer to is held as written
(``Expansion.references``): what ``Expansion.refers`` reads, not the wording of a reason shown in logs."""

from __future__ import annotations

from retrieval.followup import expand
from tests.retrieval.test_followups import EARLIER, IDF, UNKNOWN


def test_an_unresolved_pronoun_is_held_as_written() -> None:
    expansion = expand("when is he expected?", IDF, UNKNOWN, EARLIER)
    assert expansion is not None and expansion.references == ("he",) and expansion.refers


def test_a_follow_up_with_no_pronoun_refers_to_nothing() -> None:
    expansion = expand("and the date?", IDF, UNKNOWN, EARLIER)
    assert expansion is not None and expansion.references == () and not expansion.refers


def test_the_pronoun_of_the_question_as_typed_counts_as_well() -> None:
    """"why tho" is searched as "why": the question as typed may hold the pronoun the searched text lost."""
    expansion = expand("why did ministers move", IDF, UNKNOWN, EARLIER, typed="why did ministers move to it")
    assert expansion is not None and expansion.references == ("it",) and expansion.refers
