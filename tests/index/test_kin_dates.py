"""An undated article's yearless days take their year from the dated articles most like it (``index.kin_dates``)."""

from __future__ import annotations

from index.chunking import split_sentences
from index.date_estimate import estimate_dates
from index.documents import Document
from index.events import extract_events
from index.kin_dates import kin_periods


def doc(text: str, when: str | None = None, doc_id: str = "a") -> Document:
    return Document(doc_id=doc_id, title=doc_id, date=when, url=None, source=None, text=text, body_offset=0,
                    sha256="0" * 64, filename=f"{doc_id}.txt")


STORY = doc("The ministry ordered Twitter to block accounts of protesting farmers. Twitter met ministry "
            "officials on Wednesday about the blocking order.", "2021-02-10")
UNDATED = doc("Twitter said on February 8 that it was cooperating with the ministry over the blocking order. On "
              "February 10, Twitter put out a note on the accounts it had blocked.", doc_id="b")
# Another story, a year later, with days in early February as well: more dated articles than the story has.
LATER = [doc(text, day, doc_id=f"v{k}") for k, (text, day) in enumerate([
    ("The Veloria Data Authority on February 8 ordered Chirpnet to restore Osterland union pages.", "2022-02-11"),
    ("Chirpnet restored the Osterland union pages on February 14 after the Veloria order.", "2022-02-16"),
    ("The Veloria Data Authority fined Chirpnet on February 21 over the Osterland pages.", "2022-02-23")])]


def _estimated(corpus: list[Document]) -> Document:
    return next(d for d in estimate_dates(corpus, {d.doc_id: split_sentences(d.text) for d in corpus})
                if d.doc_id == "b")


def test_an_undated_article_keeps_its_year_when_dated_articles_of_another_story_and_year_are_added() -> None:
    """Three dated 2022 articles about another story added to a story with one dated article of 10 February 2021:
    the undated story article's "February 8" and "February 10" took 2022 (the larger group, and as near), its
    estimated date became ~2022-02-10 and its events joined 2022's. It shares its words with the 2021 article."""
    corpus = [STORY, UNDATED, *LATER]
    assert kin_periods(corpus) == {"b": ["2021-02-10"]}
    estimated = _estimated(corpus)
    assert estimated.date == "2021-02-10" and estimated.date_estimated
    sentences = {d.doc_id: split_sentences(d.text) for d in corpus}
    records = extract_events([STORY, estimated, *LATER], sentences)
    assert {e["date"] for e in records if e["doc_id"] == "b"} == {"2021-02-08", "2021-02-10"}


def test_an_undated_article_of_the_other_story_takes_that_story_s_year() -> None:
    """The rule is likeness, not the first or the oldest group: an undated Chirpnet report goes with 2022's."""
    chirpnet = doc("Chirpnet said on February 9 that it was reviewing the Veloria order on the Osterland pages.",
                   doc_id="b")
    assert _estimated([STORY, chirpnet, *LATER]).date == "2022-02-09"


def test_with_one_group_or_no_likeness_the_whole_period_stands() -> None:
    """One group of dated articles: nothing changes. An article sharing no word with any dated one: no group is
    its own, and the period's rule (the larger group, the nearest days) decides as before."""
    assert kin_periods([STORY, UNDATED]) == {}
    assert kin_periods([STORY, doc("Nothing alike here.", doc_id="b"), *LATER]) == {}
    assert _estimated([STORY, UNDATED]).date == "2021-02-10"
