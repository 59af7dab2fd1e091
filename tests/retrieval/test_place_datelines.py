"""A dateline naming the place and its country ("VALMERE, Tavrenia - …", ``index.place_dateline``) is quoted by
no timeline event, and is no words of its sentence for an answer."""

from __future__ import annotations

from pathlib import Path

from index.embedding import EncoderProvider
from retrieval.coverage import sentence_terms
from retrieval.leads import dateline_only
from retrieval.question import analyse
from retrieval.timeline import build_timeline
from tests.retrieval.conftest import index_of

ARTICLES = {
    "fine.md": "---\ntitle: Tavrenia fines Brightwire over election posts\ndate: 2022-06-03\n---\n\n"
               "VALMERE, Tavrenia - The electoral commission on Wednesday fined Brightwire 1.8 million crowns.\n\n"
               "A spokesperson said on Thursday that the company would appeal.\n",
    "wire.md": "---\ntitle: EU opens a case against Brightwire\ndate: 2022-06-10\n---\n\n"
               "Brussels (AFP) - The European Commission on Tuesday opened a case against Brightwire.\n",
}


def test_summaries_and_quotes_leave_out_a_place_and_its_country(tmp_path: Path,
                                                                encoder_provider: EncoderProvider) -> None:
    index = index_of(ARTICLES, tmp_path, encoder_provider)
    timeline = build_timeline(index)
    assert [(e.date, e.summary[:24]) for e in timeline.events] == [
        ("2022-06-01", "The electoral commission"), ("2022-06-02", "A spokesperson said on T"),
        ("2022-06-07", "The European Commission ")]
    for event in timeline.events:
        for c in event.citations:  # still the article's own text where it says it is
            assert index.docs[index.doc_index[c.doc_id]].text[c.start : c.end] == c.quote


def test_a_place_and_its_country_are_no_words_of_the_sentence() -> None:
    sentence = "VALMERE, Tavrenia - The electoral commission on Wednesday fined Brightwire 1.8 million crowns."
    assert not {"valmere", "tavrenia"} & sentence_terms(sentence)
    question = analyse("what is the weather like in valmere this week?")
    assert dateline_only(question, sentence)
    assert not dateline_only(question, "The commission met in Valmere on Wednesday.")
