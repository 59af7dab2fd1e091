"""Initialisms no article writes are read as the one name they spell out (``retrieval.initialisms``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import EncoderProvider
from index.lexical import terms
from retrieval.engine import Engine
from retrieval.initialisms import names_cased, spell_out_initials
from tests.retrieval.conftest import index_of

ARTICLE = ("---\ntitle: Ports reopen\ndate: 2021-03-02\n---\n"
           "The Government of India said on Monday that the Ministry of Shipping would reopen three ports. "
           "Harbour Master Anil Rao welcomed the order. Port Authority staff and Port Agents met on Tuesday.\n")


def test_an_initialism_no_article_writes_is_read_as_the_name_it_spells(
        tmp_path: Path, encoder_provider: EncoderProvider) -> None:
    """"what did GoI ask twitter to block" was declined: "GoI" is in no article, which write "Government of
    India", and counted against every sentence as the question's rarest word."""
    index = index_of({"ports.md": ARTICLE}, tmp_path, encoder_provider)
    assert spell_out_initials("what did GoI say", index) == "what did Government of India say"
    assert spell_out_initials("what did the goi say", index) == "what did the Government of India say"
    assert spell_out_initials("what did the mos decide", index) == "what did the Ministry of Shipping decide"
    assert spell_out_initials("who is the hm", index) == "who is the Harbour Master"
    # Two names it could shorten ("Port Authority", "Port Agents"): no guess. Words the articles use, or stop
    # words, are never read as initials.
    assert spell_out_initials("what did the pa say", index) is None
    assert spell_out_initials("how many ports reopen", index) is None
    assert spell_out_initials("who is he", index) is None
    # The reply says what was searched.
    engine = Engine(tmp_path / "index", encoder_provider)
    answer = engine.ask("what did GoI say about the ports")
    assert answer.searched_for == "what did Government of India say about the ports"


def test_a_name_typed_in_lowercase_is_read_in_the_articles_capitals(
        tmp_path: Path, encoder_provider: EncoderProvider) -> None:
    """Whether a whole question names its subject is read from its capitals: after "who is the meity secretary",
    "what did the government of india ask twitter to block" leaned on the earlier turn and was answered with the
    secretary's quotes, while "… the Government of India …" stood alone."""
    index = index_of({"ports.md": ARTICLE}, tmp_path, encoder_provider)
    assert names_cased("did the government of india and the port authority agree", index) == (
        "did the Government of India and the Port Authority agree")
    assert names_cased("did the government agree", index) == "did the government agree"


def test_only_a_name_s_initials_are_tokenized(
        tmp_path: Path, encoder_provider: EncoderProvider, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word that is no name's initials is left at one look-up: every short word of every question was
    tokenized before."""
    from retrieval import initialisms

    index = index_of({"ports.md": ARTICLE}, tmp_path, encoder_provider)
    read: list[str] = []
    monkeypatch.setattr(initialisms, "terms", lambda text: read.append(text) or terms(text))
    assert spell_out_initials("what did GoI say about the ports", index) == \
        "what did Government of India say about the ports"
    assert read == ["GoI"]
