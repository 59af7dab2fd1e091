from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from index.chunking import ChunkSpec, chunk_sentences, split_sentences
from index.corpus_files import load_corpus

SEED = Path(__file__).resolve().parents[2] / "corpus"


def test_sentence_spans_are_exact_slices_of_every_seed_article() -> None:
    docs, _ = load_corpus(SEED)
    for doc in docs:
        spans = split_sentences(doc.text)
        assert spans
        for span in spans:
            piece = doc.text[span.start:span.end]
            assert piece == piece.strip() and piece
        assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_abbreviations_do_not_split_sentences() -> None:
    text = "Twitter Inc. on Monday met Mr. Sawhney at 4 p.m. in Delhi. They talked for an hour."
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == [
        "Twitter Inc. on Monday met Mr. Sawhney at 4 p.m. in Delhi.", "They talked for an hour."]


def test_paragraph_breaks_end_sentences() -> None:
    text = "Twitter vs India\n\nThe ministry wrote again."
    assert [text[s.start:s.end] for s in split_sentences(text)] == ["Twitter vs India", "The ministry wrote again."]


def test_chunks_hold_whole_sentences_with_overlap_and_exact_offsets() -> None:
    text = " ".join(f"Sentence number {i} talks about blocking orders and accounts." for i in range(30))
    spans = split_sentences(text)
    chunks = chunk_sentences("d", text, spans, ChunkSpec(max_chars=200, overlap_sentences=1))
    assert len(chunks) > 3
    for chunk in chunks:
        assert text[chunk.start:chunk.end] == chunk.text
        assert len(chunk.text) <= 200
    for a, b in itertools.pairwise(chunks):
        assert b.first_sentence == a.last_sentence - 1  # one sentence of overlap
    assert chunks[0].first_sentence == 0 and chunks[-1].last_sentence == len(spans)


def test_a_sentence_longer_than_the_limit_is_its_own_chunk() -> None:
    long = "word " * 200 + "end."
    text = f"Short one. {long} Short two."
    spans = split_sentences(text)
    chunks = chunk_sentences("d", text, spans, ChunkSpec(max_chars=100, overlap_sentences=1))
    assert any(c.text == long.strip() for c in chunks)
    assert all(text[c.start:c.end] == c.text for c in chunks)


def test_wrapped_lines_do_not_end_sentences_but_short_lines_and_list_items_keep_theirs() -> None:
    """Wire copy and e-mails wrap at 72-80 columns; a heading, caption or list item is a line of its own."""
    text = ("Twitter vs India\n"
            "The Ministry of Electronics and Information Technology issued a fresh\r\n"
            "notice to Twitter on Wednesday asking it to remove 1,178 accounts linked to\n"
            "the protests. The company said it would review the order.\n"
            "- Twitter must appoint a grievance officer within fifteen days\n"
            "- Officials may ask for more")
    assert [text[s.start:s.end].split() for s in split_sentences(text)] == [t.split() for t in [
        "Twitter vs India",
        "The Ministry of Electronics and Information Technology issued a fresh notice to Twitter on Wednesday "
        "asking it to remove 1,178 accounts linked to the protests.",
        "The company said it would review the order.",
        "- Twitter must appoint a grievance officer within fifteen days",
        "- Officials may ask for more"]]


def test_a_stamp_line_in_wrapped_text_is_a_line_of_its_own() -> None:
    """Wire copy's headline (40 characters or more) was glued to the date under it, and a long stamp to the
    story's first sentence; a wrapped sentence that ends on a date stays whole."""
    text = ("Twitter blocks accounts again after government notice\n"
            "Feb 12, 2021\n\n"
            "Twitter blocks accounts again after government notice\n"
            "Published: Friday, February 12, 2021, 09:30 PM IST\n"
            "New Delhi: Twitter blocked 500 more accounts, the company said in a statement on\n"
            "February 11, 2021.\n")
    assert [text[s.start:s.end].split() for s in split_sentences(text)] == [t.split() for t in [
        "Twitter blocks accounts again after government notice", "Feb 12, 2021",
        "Twitter blocks accounts again after government notice",
        "Published: Friday, February 12, 2021, 09:30 PM IST",
        "New Delhi: Twitter blocked 500 more accounts, the company said in a statement on February 11, 2021."]]


def test_a_web_page_copied_with_a_paragraph_per_line_keeps_each_line_break() -> None:
    """No line of wrapped text is this long; the headline (over 40 characters) was glued to the byline and the
    first sentence, and so was the title taken from them."""
    from index.documents import parse_article

    text = ("Twitter blocks accounts again after government notice\n"
            "By Press Trust of India\n"
            "New Delhi: Twitter on Thursday blocked 500 more accounts that the government had flagged, the company "
            "said in a statement. The ministry had sent a notice.\n")
    assert [text[s.start:s.end] for s in split_sentences(text)][:3] == [
        "Twitter blocks accounts again after government notice", "By Press Trust of India",
        "New Delhi: Twitter on Thursday blocked 500 more accounts that the government had flagged, the company "
        "said in a statement."]
    assert parse_article(text, "web", "web.txt").title == "Twitter blocks accounts again after government notice"


def test_a_page_saved_as_one_line_is_read_in_windows_with_the_same_sentences(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """pysbd's time grows with the square of a paragraph (393 KB took 95 s, holding the build lock): a long
    paragraph is read in windows, and the sentences found are the ones found reading it whole."""
    from index import chunking

    corpus = sorted((Path(__file__).resolve().parents[2] / "corpus").glob("*.*"))
    one_line = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in corpus * 2)
    assert len(one_line) > 3 * chunking.PIECE_CHARS
    calls: list[int] = []
    segment = chunking._segmenter().segment
    monkeypatch.setattr(chunking._segmenter(), "segment", lambda text: calls.append(len(text)) or segment(text))
    windowed = [(s.start, s.end) for s in split_sentences(one_line)]
    assert len(calls) >= 4 and max(calls) <= chunking.PIECE_CHARS
    monkeypatch.setattr(chunking, "PIECE_CHARS", 10**9)
    assert windowed == [(s.start, s.end) for s in split_sentences(one_line)]
    monkeypatch.setattr(chunking, "PIECE_CHARS", 5000)
    unbroken = "x" * 12_000  # one "sentence" longer than a window: read in pieces all the same
    assert [(s.start, s.end) for s in split_sentences(unbroken)] == [(0, 5000), (5000, 10000), (10000, 12000)]


WRAPPED_AT_60 = """Government tells Twitter to obey the law of the land
The Indian government on Thursday asked Twitter to comply
with its orders to block accounts, saying the company must
follow the laws of the land regardless of its own rules.
Secretary Ajay Prakash Sawhney met Twitter's vice president
for global public policy and told the company that it was
bound to obey the orders issued under Section 69A.
"""

WRAPPED_AT_72 = """NEW DELHI, Feb 11 (Wire) - Twitter Inc said on Wednesday it had restored
most of the accounts it had blocked in India after the Ministry of
Electronics and Information Technology warned its executives.

Ministry warns of penal action against executives
Officials said the government had ordered the blocking of 1,178 accounts
it said were linked to Pakistani and Khalistani supporters, in addition
to 257 accounts named earlier.
"""


def test_a_headline_over_a_wrapped_paragraph_is_a_line_of_its_own() -> None:
    """A headline of 40 characters or more right over its paragraph was read into the paragraph's first sentence,
    and titled the article with it; the wrap width the text shows (its long lines) tells the two apart."""
    from index.documents import parse_article

    assert [" ".join(WRAPPED_AT_60[s.start:s.end].split()) for s in split_sentences(WRAPPED_AT_60)] == [
        "Government tells Twitter to obey the law of the land",
        "The Indian government on Thursday asked Twitter to comply with its orders to block accounts, saying the "
        "company must follow the laws of the land regardless of its own rules.",
        "Secretary Ajay Prakash Sawhney met Twitter's vice president for global public policy and told the company "
        "that it was bound to obey the orders issued under Section 69A."]
    assert parse_article(WRAPPED_AT_60, "w", "w.txt").title == "Government tells Twitter to obey the law of the land"
    sentences = [" ".join(WRAPPED_AT_72[s.start:s.end].split()) for s in split_sentences(WRAPPED_AT_72)]
    assert sentences[1:3] == ["Ministry warns of penal action against executives",
                              "Officials said the government had ordered the blocking of 1,178 accounts it said "
                              "were linked to Pakistani and Khalistani supporters, in addition to 257 accounts named "
                              "earlier."]


@pytest.mark.parametrize("text", [
    # The first line of a paragraph, short because the next word did not fit at this width.
    "The ministry said the company had been given several chances to\n"
    "Comply with the orders, and that its officials could face seven years\n"
    "in prison and a fine under the law that governs such blocking orders.\n",
    # A first line that ends a clause goes on in the next.
    "Twitter said in a statement on Wednesday evening that,\n"
    "Unlike the government, it would not block accounts of journalists\n"
    "and activists because that would violate their rights under the law.\n",
    # Under a line that goes on, a short line is the paragraph's, not a headline.
    "The Ministry of Electronics and Information Technology issued notices\n"
    "to Twitter on Wednesday over the accounts it\n"
    "Had named in its orders under Section 69A of the Information Act.\n",
    # Copied from a PDF in proportional type: lines of one width hold more or fewer characters. A line left short
    # before a word that still did not fit ("… refuse to" over "comply") shows the first line is full too.
    "The Ministry of Electronics and Information Technology said\n"
    "Twitter had failed to act on the orders issued under Section 69A of the\n"
    "Information Technology Act, and warned its officials of penal action\n"
    "in prison and a fine for executives who refuse to\n"
    "comply with them, as an official told reporters.\n",
])
def test_wrapped_lines_of_a_paragraph_are_no_headlines(text: str) -> None:
    assert len(split_sentences(text)) == 1


def test_a_notes_mark_is_no_part_of_its_sentence() -> None:
    """A footnote or endnote mark copied with a page ("three.[2]", "to it.²", the note's own "[1] Judgment …")
    was quoted with its sentence, where it read as one of the answer's citation numbers; a mark between words
    and a unit's superscript ("40 m²") stay (``index.note_marks``)."""
    text = ("It had challenged three.[2] The office did not say which passages it objected to.² "
            "The law[3] says so. The hall covers 40 m².\n\n"
            "[1] Judgment of the Court of Appeal, No. 118 of 2023.\n\n² The posts were later quoted in full.")
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        "It had challenged three.", "The office did not say which passages it objected to.",
        "The law[3] says so.", "The hall covers 40 m².",
        "Judgment of the Court of Appeal, No. 118 of 2023.", "The posts were later quoted in full."]


@pytest.mark.parametrize(("line", "sentence"), [
    ("[00:00:31] GUEST: We counted 2,816 orders in 2020.", "GUEST: We counted 2,816 orders in 2020."),
    ("(12:31) HOST: Let's start with the numbers.", "HOST: Let's start with the numbers."),
    ("00:12:31 MINISTER: The orders stand.", "MINISTER: The orders stand."),
    # a clock time the story tells stays: only a transcript's time code opens a turn
    ("At 10:30 on Tuesday the ministry wrote again.", "At 10:30 on Tuesday the ministry wrote again."),
])
def test_a_transcripts_time_code_is_no_part_of_the_turns_sentence(line: str, sentence: str) -> None:
    """"[00:00:31] GUEST: We counted 2,816 orders in 2020." was quoted with its time code, which tells the reader
    nothing, and scored below the turn's next sentence, which had none."""
    text = f"Episode 58 transcript\n\n{line} It was a busy year.\n"
    assert [text[s.start : s.end] for s in split_sentences(text)][1] == sentence


@pytest.mark.parametrize(("line", "sentence"), [
    ("12. The petitioner submits that the orders were issued without notice.",
     "The petitioner submits that the orders were issued without notice."),
    ("3.1 The Rules require a hearing before an order.", "The Rules require a hearing before an order."),
    ("(b) The second ground is that the committee met once.", "The second ground is that the committee met once."),
    ("1/ Today we met the Secretary for two hours.", "Today we met the Secretary for two hours."),
    ("(2/5) We have agreed to withhold another 150 accounts.", "We have agreed to withhold another 150 accounts."),
    # a figure of the story opening its sentence stays: no mark, or no new sentence after it
    ("12 platforms complied with the order.", "12 platforms complied with the order."),
    ("1/3 of the orders were never reviewed.", "1/3 of the orders were never reviewed."),
    ("2,340 accounts were named in them.", "2,340 accounts were named in them."),
])
def test_a_paragraphs_or_posts_number_is_no_part_of_its_sentence(line: str, sentence: str) -> None:
    """A judgment's "12. The petitioner submits …" was quoted with its paragraph's number, and a pasted thread's
    "1/ Today we met …" with its post's: neither tells the reader anything, and each was a figure of the sentence."""
    text = f"Judgment of the court\n\n{line} It was so ordered.\n"
    assert [text[s.start : s.end] for s in split_sentences(text)][1] == sentence


def test_a_list_item_without_a_full_stop_keeps_its_number() -> None:
    """Its marker is what makes a list item stating a fact without a full stop quotable (``retrieval.answer_like``)."""
    text = "Key facts\n\n2. Platforms must appoint an officer within 15 days\n\nIt was so ordered.\n"
    said = [text[s.start : s.end] for s in split_sentences(text)]
    assert said[1] == "2. Platforms must appoint an officer within 15 days"


def test_a_hindi_paragraph_is_split_at_its_dandas() -> None:
    # Invented: "The Zarnovian regulator fined the company. The company said it will appeal." Two sentences, one
    # quote each; pysbd's English rules had read them as one.
    text = 'ज़ार्नोविया के नियामक ने कंपनी पर जुर्माना लगाया। कंपनी ने कहा, "हम अपील करेंगे।" फ़ैसला 3 मई को आया॥ अंत'
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    assert sentences == ["ज़ार्नोविया के नियामक ने कंपनी पर जुर्माना लगाया।", 'कंपनी ने कहा, "हम अपील करेंगे।"',
                         "फ़ैसला 3 मई को आया॥", "अंत"]
