"""A name the articles know as an organisation is no person in any sentence (``retrieval.name_kinds``), and a
title before a verb is no title of the name after it (``retrieval.name_spans``). Every name is made up."""

from __future__ import annotations

from retrieval.name_kinds import with_corpus_kinds
from retrieval.name_spans import mentions, told_names


def _people(sentences: list[str], aliases: dict[str, list[str]] | None = None) -> set[str]:
    named = with_corpus_kinds(told_names(sentences), aliases or {})
    return {m.name for _, _, found in named for m in found if m.person}


def test_a_name_written_elsewhere_as_an_organisation_is_no_person() -> None:
    said = ["Harbour Ledger said on Tuesday that it would not withdraw the report.",
            "Open Lantern said the document was genuine.", "Ilse Marrow said the ferry was safe."]
    assert {"Harbour Ledger", "Open Lantern"} <= _people(said)  # one sentence alone can't tell
    known = [*said, "The paper is owned by Harbour Ledger Ltd. in the capital.",
             "The Open Lantern Foundation published the document on Monday."]
    assert _people(known) == {"Ilse Marrow"}


def test_a_short_form_the_aliases_spell_out_as_an_organisation_is_no_person() -> None:
    sentences = ["The Ministry of Roads and Transport issued the order.", "A spokesperson, Mort, declined to comment."]
    assert "Mort" in _people(sentences)
    assert "Mort" not in _people(sentences, {"mort": ["ministri", "road", "transport"]})


def test_a_title_before_a_verb_is_the_speakers_not_the_names() -> None:
    judged = mentions("In a 46-page judgment, the judge said Yammerly had suspended the account within hours.")
    assert not any(m.person for m in judged)
    head = mentions("Scrollnest has about 4.5 million users in Tarvenia, said its country head.")
    assert not any(m.person for m in head)
    assert all(m.person for m in mentions("Union Minister Ravi Kell met the board.") if m.name == "Ravi Kell")
