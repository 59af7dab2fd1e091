"""One thing's names read as one (``retrieval.name_forms``), a name set off by commas beside a role read as a
person's (``retrieval.name_spans``), and a question asking for a role's name answered only with a name
(``retrieval.unnamed``). Every name is made up."""

from __future__ import annotations

import pytest

from index.lexical import terms
from retrieval.name_forms import same_thing
from retrieval.name_spans import mentions
from retrieval.types import Answer, Citation
from retrieval.unnamed import asks_for_a_name, without_unnamed


@pytest.mark.parametrize(("short", "long"), [
    ("IT Act", "Information Technology Act"),  # initials for a run of words
    ("DPA", "Data Protection Act"),
    ("Ministry of Transport and DE", "Ministry of Transport and Digital Economy"),
    ("Transport Ministry", "Ministry of Roads and Transport"),  # "X Ministry" for "Ministry of … and X"
    ("Digital Economy Ministry", "Ministry of Communications and Digital Economy"),
    ("DE Ministry", "Ministry of Communications and Digital Economy"),
    ("Tomas Haldane", "Tomas Erik Haldane"),  # a middle name left out
    ("Haldane", "Tomas Erik Haldane"),  # the last words, as before
])
def test_short_forms_name_the_long_one(short: str, long: str) -> None:
    assert same_thing(short, long, people=short.startswith("Tomas"))


@pytest.mark.parametrize(("short", "long"), [
    ("Data Act", "Data Protection Act"),  # a word left out of a law's name is another law
    ("Tomas Vell", "Tomas Erik Haldane"),
    ("Erik Haldane", "Tomas Erik Haldane Vell"),
    ("Port Ministry", "Ministry of Communications and Digital Economy"),
    ("Information Technology Act", "Information Technology Act"),  # the same name: nothing shortened
])
def test_other_names_are_other_things(short: str, long: str) -> None:
    assert not same_thing(short, long, people=short.startswith(("Tomas", "Erik")))


def test_a_short_form_an_article_defines_names_the_whole_name() -> None:
    long = "Ministry of Communications and Digital Economy"
    aliases = {"mincom": terms(long)}  # "… Digital Economy (MinCom)": no initials of it
    assert same_thing("MinCom", long, aliases) and not same_thing("MinCom", long)


@pytest.mark.parametrize("sentence", [
    "The regulator's chairperson, Mirela Dovic, said the reports were false.",
    "Lise Morrow, the company's head of public policy, said it would appeal.",
    "Quorvan's Justice Minister, Hana Velt, said the authority acted lawfully.",
])
def test_a_name_set_off_by_commas_beside_a_role_is_a_person(sentence: str) -> None:
    assert any(m.person and len(m.name.split()) == 2 for m in mentions(sentence))


@pytest.mark.parametrize(("question", "asks"), [
    ("whats the name of streamly's co-founder", True),
    ("What is the name of the regulator's chief executive?", True),
    ("what's the ministry secretary's name", True),
    ("what's the name of the homegrown app", False),  # a name, but of no one's role
    ("who is lise morrow", False),
])
def test_questions_asking_for_a_roles_name(question: str, asks: bool) -> None:
    assert asks_for_a_name(question) is asks


def _answer(question: str, quote: str) -> Answer:
    cited = Citation(doc_id="d", title="t", date=None, url=None, quote=quote, start=0, end=len(quote), score=0.9)
    return Answer(question, quote + " [1]", answered=True, citations=[cited])


def test_a_role_without_its_name_is_declined() -> None:
    unnamed = without_unnamed(_answer("whats the name of pellway's lawyer",
                                      "Pellway's lawyer said the company would go to court next week."))
    assert not unnamed.answered and unnamed.citations  # the sentence shown as the closest passage
    named = _answer("whats the name of pellway's lawyer", "Pellway's lawyer, Irena Malk, said the site would appeal.")
    assert without_unnamed(named) == named
