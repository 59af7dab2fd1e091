"""An article too short to quote from is refused on adding, by the rule the answer layer quotes by
(``index.quotable``): a full sentence of six words, or four with a figure, or 20 words without one. "Twitter row."
(a headline alone, two words and a full stop) was added as an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedding import EncoderProvider
from index.manage import Upload, add_articles, check_upload
from index.quotable import MIN_FIGURE_WORDS, MIN_WORDS

SHORT = f"no sentence of {MIN_WORDS} words or more, or {MIN_FIGURE_WORDS} with a figure"


@pytest.mark.parametrize(("raw", "count"), [
    ("Twitter row.", "2 words"), ("ok.\n", "1 word"), ("Fine text.", "2 words"), ("Did Twitter comply?", "3 words"),
    ("Koo news\n\nTwitter row. Koo up.", "6 words"),  # a heading's line is no part of the sentence under it
])
def test_an_article_with_no_sentence_long_enough_to_quote_is_refused(raw: str, count: str) -> None:
    with pytest.raises(ValueError, match=rf"^too little text to quote \({count}, and {SHORT}\): "):
        check_upload(Upload("a.txt", raw.encode()), 10_000)


def test_the_core_refuses_it_for_every_caller(tmp_path: Path, encoder_provider: EncoderProvider) -> None:
    """``add_articles`` serves ``index add`` and chat's ``/add-article`` alike."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "story.txt").write_text("The ministry said on Monday that Twitter had restored forty accounts.\n")
    outcome = add_articles([Upload("row.txt", b"Twitter row.\n")], corpus, index_dir, model="unused",
                           encoder_provider=encoder_provider, max_bytes=10_000)
    assert outcome.report is None and [r["file"] for r in outcome.rejected] == ["row.txt"]
    assert outcome.rejected[0]["reason"].startswith(f"too little text to quote (2 words, and {SHORT})")
    assert not (corpus / "row.txt").exists()
