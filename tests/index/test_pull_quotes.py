"""A pull quote, a line of the story printed again apart, is no sentence of its own; the story's sentence is."""

from __future__ import annotations

from pathlib import Path

from index.builder import build_index
from index.chunking import split_sentences
from index.embedding import DEFAULT_MODEL, EncoderProvider
from index.pull_quotes import without_pull_quotes
from retrieval.loaded import load_index

OPED = """Port Halden's ferry freeze is a lesson in how not to regulate

The harbour board froze eleven ferry licences on 12 March 2024, and the islands paid for it.

"A regulator that acts without warning loses the trust it needs to act at all."

Commuters waited up to four hours for the remaining boats. A regulator that acts without warning loses the trust \
it needs to act at all. The board could have given operators a month's notice.

"We will not be rushed," the board's chief said on Tuesday.
"""


def _sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in without_pull_quotes(text, split_sentences(text))]


def test_a_pull_quote_is_left_out_and_the_storys_sentence_stays() -> None:
    sentences = _sentences(OPED)
    assert '"A regulator that acts without warning loses the trust it needs to act at all."' not in sentences
    assert "A regulator that acts without warning loses the trust it needs to act at all." in sentences
    assert '"We will not be rushed," the board\'s chief said on Tuesday.' in sentences  # a quote of its own stays


def test_a_line_said_twice_apart_keeps_both() -> None:
    text = "Ferries will run late all week, the board said.\n\nFerries will run late all week, the board said.\n"
    assert len(_sentences(text)) == 2


def test_a_built_index_has_the_story_sentence_and_not_the_pull_quote(tmp_path: Path,
                                                                     encoder_provider: EncoderProvider) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "oped.txt").write_text(OPED, encoding="utf-8")
    build_index(tmp_path / "corpus", tmp_path / "index", model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    index = load_index(tmp_path / "index")
    sentences = [index.sentence_text(row) for row in range(len(index.sentence_spans))]
    assert sum("loses the trust it needs" in s for s in sentences) == 1
