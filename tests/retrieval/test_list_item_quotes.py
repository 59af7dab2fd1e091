"""A list item's marker ("• " from a Markdown list, "- " or "2. " in a text file) is page furniture: no answer, quote
or timeline event starts with it. An answer read "• Appoint a chief compliance officer who lives in India. [1]"
and quoted “• Appoint …”."""

from __future__ import annotations

import pytest

from index.embedding import Encoder, EncoderProvider
from index.list_markers import after_list_marker
from retrieval.engine import Engine
from retrieval.types import Citation
from tests.retrieval.conftest import index_of, topic_timeline

ARTICLES = {
    "rules.md": (
        "---\ntitle: What the new IT rules ask of platforms\ndate: 2021-02-25\n---\n"
        "The government notified new rules for social media platforms on Thursday. Under the rules, a significant "
        "platform must do the following:\n\n"
        "- Appoint a chief compliance officer who lives in India.\n"
        "- Appoint a nodal contact person for round-the-clock coordination with law enforcement agencies\n"
        "- Publish a monthly compliance report naming the complaints received and the action taken.\n\n"
        "The ministry said platforms with more than five million users count as significant.\n"),
    "koo.txt": (
        "Koo gains users as ministers join\n\ndate 2021-02-12\n\n"
        "What happened this week:\n"
        "- On February 10, Koo said its downloads had risen tenfold in two days.\n"
        "- Ministers and government departments opened accounts on the app\n"
        "2. The company said it would hire engineers to keep up with the sign-ups.\n"),
}
MARKERS = ("•", "-", "*", "2.")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, encoder_provider: EncoderProvider) -> Engine:
    folder = tmp_path_factory.mktemp("list-items")
    index_of(ARTICLES, folder, encoder_provider)
    return Engine(folder / "index", encoder_provider)


def _from_first_word(engine: Engine, cited: Citation) -> None:
    text = engine.index.docs[engine.index.doc_index[cited.doc_id]].text
    assert text[cited.start : cited.end] == cited.quote  # still checkable
    assert not cited.quote.startswith(MARKERS), cited.quote


@pytest.mark.parametrize(("question", "fact"), [
    ("who must a significant platform appoint as compliance officer?", "chief compliance officer"),
    ("who must platforms appoint for coordination with law enforcement?", "nodal contact person"),
    ("how much did koo downloads rise?", "tenfold"),
])
def test_an_answer_from_a_list_item_starts_with_its_words(engine: Engine, question: str, fact: str) -> None:
    answer = engine.ask(question)
    assert answer.answered and fact in answer.text
    assert not answer.text.startswith(MARKERS), answer.text
    quotes = [*answer.citations, *answer.related]
    assert any(fact in c.quote for c in quotes)
    for cited in quotes:
        _from_first_word(engine, cited)
        assert not cited.cut_before  # a whole item, not a window of it


def test_a_declines_closest_passages_and_a_timeline_event_start_with_the_words(engine: Engine,
                                                                                encoder: Encoder) -> None:
    for cited in engine.ask("what must platforms publish every month?").citations:
        _from_first_word(engine, cited)
    events = topic_timeline(engine.index, encoder, "koo downloads").events
    assert any("tenfold" in c.quote for e in events for c in e.citations)
    for event in events:
        for cited in event.citations:
            _from_first_word(engine, cited)


@pytest.mark.parametrize(("text", "start", "words"), [
    ("• Appoint an officer", 0, 2), ("Intro:\n- Appoint an officer", 7, 9), ("x\n12) The court said so.", 2, 6),
    ("He said - not for the first time - that", 8, 8),  # a dash inside a line is the story's
    ("2021 was the year", 0, 0), ("-5 degrees", 0, 0),
])
def test_a_marker_is_one_opening_its_line(text: str, start: int, words: int) -> None:
    assert after_list_marker(text, start, len(text)) == words
