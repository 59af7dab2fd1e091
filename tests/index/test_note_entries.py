"""A page's endnotes (``index.note_marks``, ``index.reference_entries``): a mark split from the quote it follows is no
sentence, and an endnote naming one source and its day is no event of that day (no index, no model)."""

from __future__ import annotations

from index.chunking import split_sentences
from tests.index.test_events import dates, doc

STORY = ("The high court of Lorvath on Thursday suspended the ban on the app Vexo.[1] Justice Ada Krell said the "
         'ministry had "skipped every step the law requires".[2]\n\n'
         "NOTES\n\n[1] Order of the High Court of Lorvath, 7 September 2023.\n\n"
         "² Transcript of the hearing, 7 September 2023.\n")


def test_a_mark_after_a_closing_quote_is_no_sentence() -> None:
    """pysbd split '…requires".[2]' after its stop: "[2]" was a sentence of its own."""
    sentences = [STORY[s.start : s.end] for s in split_sentences(STORY)]
    assert not any(s.strip("[]0123456789¹²³⁴⁵⁶⁷⁸⁹⁰") == "" for s in sentences)
    assert 'Justice Ada Krell said the ministry had "skipped every step the law requires".' in sentences


def test_an_endnote_naming_one_source_is_no_event_of_its_day() -> None:
    """The notes were events of 7 September, and the endnote, its date written out, summed up that day on the
    timeline instead of the ruling's "on Thursday"."""
    assert dates(doc(STORY, "2023-09-08")) == ["2023-09-07"]  # the ruling's Thursday only


def test_a_line_of_one_part_and_a_day_without_a_mark_still_dates_it() -> None:
    assert dates(doc("Protesters gathered outside the ministry, 7 September 2023.", "2023-09-08")) == ["2023-09-07"]
