"""Features that say what a candidate lacks: the question's rarest word, in the sentence or its article."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import numpy as np
import pytest

from index.lexical import terms
from retrieval.answer_like import is_answer_like
from retrieval.engine import Engine
from retrieval.features import FEATURES, Coverage, candidates, document_terms, reread, sentence_terms
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


def test_a_term_is_held_by_the_form_standing_for_it() -> None:
    """An alias the articles define counts as the words it stands for, and they as it."""
    meity = terms("MeitY")[0]
    ministry = terms("ministry electronics")
    index = SimpleNamespace(idf={meity: 3.0, ministry[0]: 1.0, ministry[1]: 2.0}, unknown_idf=9.0,
                            aliases={meity: ministry})
    short = Coverage(cast(LoadedIndex, index), [meity])
    assert short.of(sentence_terms("The Ministry of Electronics said so.")) == (1.0, 1.0)
    spelled = Coverage(cast(LoadedIndex, index), ministry)
    assert spelled.of(sentence_terms("MeitY said so.")) == (1.0, 1.0)
    assert spelled.missing(sentence_terms("The ministry said so.")) == (pytest.approx(2.0 / 3.0), 1.0)


def test_texts_holding_the_same_terms_are_scored_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question is checked against about 150 texts, most holding the same few of its terms."""
    cover = _coverage("which court did twitter approach", {"court": 4.0, "twitter": 0.5, "approach": 2.0})
    scored: list[frozenset[str]] = []
    of = cover._of
    monkeypatch.setattr(cover, "_of", lambda found: scored.append(found) or of(found))
    texts = ["Twitter may approach the government again.", "Twitter could approach officials.",
             "Twitter will approach a court.", "Nothing here."]
    shares = [cover.of(sentence_terms(t)) for t in texts]
    assert len(scored) == 3  # the first two hold "twitter" and "approach" alike
    assert shares[0] == shares[1] == (pytest.approx(2.5 / 6.5), pytest.approx(2 / 3))
    assert shares[2] == (1.0, 1.0) and shares[3] == (0.0, 0.0)


@pytest.mark.parametrize(("asked", "reading"), [
    ("how many accounts were ordered blocked?", "how many accounts did the government tell Twitter to block"),
    ("who met Twitter's executives?", "who met Twitter's executives about the blocking orders"),
])
def test_a_second_reading_is_the_candidates_of_its_vector_to_the_bit(seed_engine: Engine, asked: str,
                                                                     reading: str) -> None:
    """A follow-up judges its sentences against a second reading (``Engine._read_follow_up``): re-reading only
    the columns that read the vector must give what ``candidates`` gives for it, to the bit; a column that
    reads the vector but is kept from the first reading would differ (the first case is a count: its figure
    windows are compared with the vector too)."""
    index = seed_engine.index
    question, first, passages, _ = seed_engine._search(asked, index, asked)
    second = seed_engine.encode_query(reading)
    encode = seed_engine.encoder.encode
    found = candidates(index, question, first, passages, encode, is_answer_like)
    expected = candidates(index, question, second, passages, encode, is_answer_like)
    got = reread(index, found, question, second, encode)
    assert got.rows == expected.rows and got.texts == expected.texts
    assert np.array_equal(got.matrix, expected.matrix)
    changed = {FEATURES[i] for i in np.flatnonzero((found.matrix != expected.matrix).any(axis=0))}
    assert {"dense", "dense_ctx", "type_x_dense"} <= changed  # the readings differ where a vector is read
