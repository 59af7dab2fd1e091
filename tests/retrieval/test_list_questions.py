"""List questions ("which ministers are named") are answered with the names of that kind the articles write, each
quoted; single-fact questions are not read as lists. The article is made up: no name here is in the seed corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from index.embedding import EncoderProvider
from retrieval.engine import Engine
from retrieval.list_questions import NameKind, list_question
from retrieval.loaded import LoadedIndex
from retrieval.mentions import MAX_NAMES, list_answer
from retrieval.name_spans import mentions
from tests.retrieval.conftest import index_of, module_index

ARTICLE = """---
title: Brelland orders messaging app Quillo to pull posts
date: 2023-03-14
---
The Brelland Ministry of Digital Affairs (MDA) on Tuesday ordered the messaging app Quillo to remove 40 posts under
Section 12B of the Online Harms Act. Quillo said Section 9 of the Brelland Telecom Act did not apply.

Digital Affairs Minister Odessa Varnlow said the posts broke the law. Quillo Inc. said it would challenge the order in
the High Court of Brelland.

Trade Minister Pell Arkwright told reporters the dispute would not hurt investment in Brelland.

Quillo's rival, the homegrown platform Tarnwick, gained 200,000 users within a day of the order.

Varnlow later met Quillo chief executive Marit Soole in Castrel. Varnlow said the MDA would also review the Brelland
Telecom Rules and Section 4 of the Online Harms Act.
"""

index = module_index({"brelland.md": ARTICLE}, "brelland")
PANEL = [f"Aldo Fen{chr(97 + i)}ik" for i in range(MAX_NAMES + 3)]
# Eleven spokespeople and no law, section or app.
panel = module_index({"panel.md": "---\ntitle: Panel\ndate: 2023-01-02\n---\n" + "\n\n".join(
    f"Spokesperson {p} said the panel in Orvale would meet again." for p in PANEL)}, "panel")


@pytest.mark.parametrize(("question", "kind", "noun"), [
    ("who are the main people in this story?", NameKind.PERSON, "people"),
    ("which companies are mentioned?", NameKind.COMPANY, "companies"),
    ("list the sections of the IT act mentioned", NameKind.SECTION, "sections"),
    ("which ministers are named", NameKind.ROLE, "ministers"),
    ("what apps are mentioned besides twitter", NameKind.APP, "apps"),
    ("What are the organisations mentioned in the articles?", NameKind.ORG, "organisations"),
    ("who is mentioned in the articles", NameKind.PERSON, "people"),
    ("name all the laws", NameKind.LAW, "laws"),
])
def test_list_questions_are_read_as_lists(question: str, kind: NameKind, noun: str) -> None:
    asked = list_question(question)
    assert asked is not None and (asked.kind, asked.noun) == (kind, noun)


@pytest.mark.parametrize("question", [
    "which minister met twitter's officials",  # one fact: a singular kind with a verb of its own
    "who are the farmers protesting against",
    "which accounts are mentioned",  # accounts, not names
    "which ones are mentioned",  # a follow-up's
    "what are the new rules",  # what they say
    "what are the main points",
    "who is the minister",
    "which companies did the ministry warn",
])
def test_single_fact_questions_are_not_lists(question: str) -> None:
    assert list_question(question) is None


def test_besides_leaves_names_out() -> None:
    asked = list_question("what platforms were named other than koo and twitter?")
    assert asked is not None and asked.besides == ("koo", "twitter")


def test_a_title_splits_a_span_and_marks_the_person() -> None:
    sentence = "Digital Affairs Minister Odessa Varnlow said the posts broke the law."
    found = {m.name: m for m in mentions(sentence)}
    assert found["Odessa Varnlow"].person
    assert not found["Digital Affairs"].person


def test_spans_end_at_a_full_stop_and_a_hyphen() -> None:
    names = [m.name for m in mentions("He used the made-in-Brelland app Tarnwick. Quillo did not.")]
    assert "Brelland" not in names and "Tarnwick" in names and "Tarnwick. Quillo" not in names


def test_an_owner_is_no_part_of_the_name_and_an_appositive_no_person() -> None:
    found = {m.name: m for m in mentions("Parley went to Belvoria's Constitutional Court to close Ostmark Square, "
                                         "the city's main square.")}
    assert found["Constitutional Court"].org and "Belvoria's Constitutional Court" not in found
    assert not found["Ostmark Square"].person  # ", the …" after a name says nothing of a person


def test_a_word_opening_a_sentence_has_its_capital_from_its_place() -> None:
    sentence = "Companies that fail lose the protection, Reuters said."
    [companies] = [m for m in mentions(sentence) if m.name == "Companies"]
    assert companies.opens(sentence) and not companies.company


def _names(index: LoadedIndex, question: str) -> str:
    asked = list_question(question)
    assert asked is not None
    answer = list_answer(index, asked, question)
    assert answer is not None
    return answer.text


def test_ministers_are_the_names_titled_minister(index: LoadedIndex) -> None:
    asked = list_question("which ministers are named")
    assert asked is not None
    answer = list_answer(index, asked, "which ministers are named")
    assert answer is not None and answer.answered
    assert answer.text.splitlines() == ["The articles name these ministers (the most often named first):",
                                        "1. Odessa Varnlow", "2. Pell Arkwright"]
    # each name with one quoted sentence naming it, from the article, checkable by its offsets
    assert [("Varnlow" in c.quote, "Arkwright" in c.quote) for c in answer.citations] == [(True, False), (False, True)]
    doc = index.docs[0]
    assert all(doc.text[c.start:c.end] == c.quote for c in answer.citations)


def test_people_apps_companies_laws_and_sections(index: LoadedIndex) -> None:
    people = _names(index, "who are the main people in this story?")
    assert "Odessa Varnlow" in people and "Marit Soole" in people and "Pell Arkwright" in people
    assert people.index("Odessa Varnlow") < people.index("Pell Arkwright")  # named most often first
    assert people.count("Varnlow") == 1  # "Varnlow" alone is her, not a name of its own
    companies = _names(index, "which companies are mentioned?")
    assert "Quillo" in companies and "Tarnwick" in companies  # "the platform Tarnwick": an app is its company's
    apps = _names(index, "what apps are mentioned besides quillo")
    assert "Tarnwick" in apps and "Quillo" not in apps
    assert _names(index, "list the sections mentioned").splitlines()[1:] == ["1. Section 12B", "2. Section 9",
                                                                             "3. Section 4"]
    # "Section 9 of the Brelland Telecom Act" is no section of the harms act; an act no section is of lists all
    assert _names(index, "list the sections of the online harms act").splitlines()[1:] == ["1. Section 12B",
                                                                                             "2. Section 4"]
    assert _names(index, "list the sections of the telecom act").splitlines()[1:] == ["1. Section 9"]
    assert len(_names(index, "list the sections of the penal code").splitlines()) == 4
    laws = _names(index, "which laws are cited")
    assert "Online Harms Act" in laws and "Brelland Telecom Rules" in laws
    assert "Ministry of Digital Affairs" in _names(index, "which organisations are mentioned")


def test_none_of_the_kind_declines(panel: LoadedIndex) -> None:
    for question, noun in (("which laws are cited", "laws"), ("list the sections mentioned", "sections"),
                           ("what apps are mentioned?", "apps")):
        asked = list_question(question)
        assert asked is not None
        declined = list_answer(panel, asked, question)
        assert declined is not None and not declined.answered and declined.text == f"The articles name no {noun}."


def test_a_kind_of_the_questions_own_named_beside_nothing_is_searched(panel: LoadedIndex) -> None:
    asked = list_question("which judges are named")
    assert asked is not None and list_answer(panel, asked, "which judges are named") is None


def test_capped_at_max_names(panel: LoadedIndex) -> None:
    asked = list_question("who are the people involved")
    assert asked is not None
    answer = list_answer(panel, asked, "who are the people involved")
    assert answer is not None and len(answer.citations) == MAX_NAMES
    assert answer.text.endswith("\n…and 3 more, named less often.")


def test_the_engine_answers_a_list_question_with_its_names(tmp_path: Path, encoder_provider: EncoderProvider) -> None:
    index_of({"brelland.md": ARTICLE}, tmp_path, encoder_provider)
    answer = Engine(tmp_path / "index", encoder_provider).ask("Which ministers are named?")
    assert answer.answered and answer.text.splitlines()[1] == "1. Odessa Varnlow"


def test_names_are_read_once_per_build(panel: LoadedIndex, index: LoadedIndex,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import retrieval.name_spans as spans
    calls: list[str] = []
    monkeypatch.setattr(spans, "mentions", lambda sentence: calls.append(sentence) or mentions(sentence))
    panel, index = replace(panel), replace(index)  # as loaded: no list question asked of them yet
    asked = list_question("who are the people involved")
    assert asked is not None
    first = list_answer(panel, asked, "who")
    read = len(calls)
    assert read and list_answer(panel, asked, "who") == first and len(calls) == read  # not read again
    list_answer(index, asked, "who")  # another build's sentences are its own
    assert len(calls) > read
