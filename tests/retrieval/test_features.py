"""Features that say what a candidate lacks: the question's rarest word, in the sentence or its article."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import pytest

from index.lexical import terms
from retrieval.features import Coverage, document_terms, sentence_terms
from retrieval.loaded import LoadedIndex


def _coverage(question: str, idf: dict[str, float]) -> Coverage:
    index = SimpleNamespace(idf={t: idf[w] for w, t in ((w, terms(w)[0]) for w in idf)}, unknown_idf=9.0,
                            aliases={})
    return Coverage(cast(LoadedIndex, index), terms(question))


def test_the_rarest_missing_word_is_what_the_text_lacks() -> None:
    cover = _coverage("which court did twitter approach", {"court": 4.0, "twitter": 0.5, "approach": 2.0})
    share, largest = cover.missing(sentence_terms("Twitter may approach the government again."))
    assert largest == pytest.approx(1.0)  # "court", the rarest word asked about, is absent
    assert share == pytest.approx(4.0 / 6.5)
    assert cover.missing(sentence_terms("Twitter may approach a court.")) == (0.0, 0.0)


def test_an_unknown_word_counts_as_missing_at_the_index_s_rarest() -> None:
    cover = _coverage("what does the ministry of railways do", {"ministry": 1.0})
    share, largest = cover.missing(document_terms("The ministry sent Twitter an order."))
    assert largest == pytest.approx(1.0) and share == pytest.approx(9.0 / 10.0)
