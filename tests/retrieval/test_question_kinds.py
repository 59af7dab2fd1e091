"""Ways chat asks that were read as the wrong kind of question (``retrieval.question``): each with made-up
questions, none from the eval or training files. A table's readings are checked together, those that must stay
as they were beside those that change, so each test fails without its change."""

from __future__ import annotations

from retrieval.question import Kind, analyse


def test_when_or_where_after_another_asking_word_joins_a_clause() -> None:
    readings = {
        "why was the firm fined when it had paid the levy": Kind.WHY,
        "what did the regulator say when the app went offline": Kind.OTHER,
        "how did the company react when its office was raided": Kind.OTHER,
        "who chaired the panel when the report came out": Kind.WHO,
        "which union ran the depot where the strike began": Kind.NAME,
        "the app was pulled in march, why exactly was it restored when the ban stood": Kind.WHY,
        # still asking: after a preposition, "and", a noun of time or place, or opening a clause of its own
        "from when till when was the portal down": Kind.WHEN,
        "what was the day when the portal went down": Kind.WHEN,
        "the portal went down last week, when did it come back": Kind.WHEN,
        "do you know when the portal comes back": Kind.WHEN,
        "when and where was the rally held": Kind.WHEN,
        "what was the place where the rally was held": Kind.WHERE,
    }
    assert {question: analyse(question).kind for question in readings} == readings


def test_how_come_asks_why_and_is_no_search_word() -> None:
    question = analyse("how come the firm skipped the hearing")
    assert question.kind is Kind.WHY
    assert "come" not in question.terms


def test_apostrophe_contraction_reads_as_whats() -> None:
    assert analyse("what's the petition called").category == ("petit",)
    assert analyse("what’s the petition called").category == analyse("whats the petition called").category


def test_a_bare_phrase_ending_in_name_asks_for_one() -> None:
    readings = {
        "bank regulator chief name": (Kind.NAME, ("regul", "chief")),
        "ferry operator name?": (Kind.NAME, ("ferri", "oper")),
        "ports closed by the strike, names": (Kind.NAME, ("close", "strike")),
        "did the ferry operator change its name": (Kind.OTHER, ()),  # yes or no
    }
    found = {question: (analyse(question).kind, analyse(question).category) for question in readings}
    assert found == readings


def test_no_dot_of_is_number_of() -> None:
    for question, focus in (("no. of branches closed by the bank", ["branch"]),
                            ("no. of fines issued last year", ["fine"])):
        found = analyse(question)
        assert (found.kind, found.focus) == (Kind.COUNT, focus)


def test_amt_is_an_amount() -> None:
    assert analyse("bank fine amt").kind is Kind.COUNT
