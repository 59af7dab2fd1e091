"""Acronyms typed in lower case are read as the articles write them (``retrieval.acronyms``)."""

from __future__ import annotations

from pathlib import Path

from index.embedding import EncoderProvider
from index.lexical import terms
from retrieval.acronyms import restore_acronyms
from retrieval.engine import Engine
from tests.retrieval.conftest import index_of

ARTICLE = ("---\ntitle: Washington weighs in\ndate: 2021-02-12\n---\n"
           "The U.S. State Department said on Thursday that it supports the free flow of information online. "
           "Officials of the IT Ministry met the company's lawyers the same day. Separately, the US embassy "
           "declined to comment. The UK government made no statement.\n")


def test_an_acronym_is_no_inflected_word() -> None:
    """"US" was lemmatised as the pronoun "we", so a question about the US matched no article's "US"."""
    assert terms("what did the US say") == ["us"]
    assert terms("the IS claimed it") == ["is", "claim"]
    assert terms("who MET sawhney") == terms("who met sawhney")  # other words in capitals keep their forms


def test_lower_case_acronyms_after_the_read_as_the_articles_write_them(
        tmp_path: Path, encoder_provider: EncoderProvider) -> None:
    index = index_of({"us.md": ARTICLE}, tmp_path, encoder_provider)
    assert restore_acronyms("what did the us say", index) == "what did the U.S. say"
    assert restore_acronyms("what did the it say", index) == "what did the IT say"
    # A question that names something without it is searched as typed (see restore_acronyms).
    assert restore_acronyms("who from the it ministry met them", index) is None
    assert restore_acronyms("did it tell us anything", index) is None  # no "the": pronouns
    assert restore_acronyms("what did the uk say", index) is None  # "uk" is a search word as typed


def test_a_question_about_the_us_in_lower_case_is_searched(tmp_path: Path, encoder_provider: EncoderProvider) -> None:
    """It was told it "names nothing to look for"; now the sentences about the U.S. come first."""
    index_of({"us.md": ARTICLE}, tmp_path, encoder_provider)
    answer = Engine(tmp_path / "index", encoder_provider).ask("what did the us say")
    assert "names nothing" not in answer.text
    assert "U.S. State Department" in answer.citations[0].quote, answer.citations[0].quote


def test_the_us_is_the_country_whatever_else_is_named(tmp_path: Path, encoder_provider: EncoderProvider,
                                                      seed_engine: Engine) -> None:
    """"what did the us government say about the blocking" read "us" as the pronoun, asked what "the
    government" said, and was answered with the Indian government's orders from articles that never mention
    the US."""
    index = index_of({"us.md": ARTICLE}, tmp_path, encoder_provider)
    assert restore_acronyms("what did the us embassy say", index) == "what did the U.S. embassy say"
    assert restore_acronyms("did it tell us anything", index) is None  # no "the": the pronoun
    answer = seed_engine.ask("what did the us government say about the blocking")
    assert not answer.answered, answer.text
