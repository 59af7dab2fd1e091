"""A runner-up sentence nearly as likely to answer as the best one joins the answer (``pair_ratio``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.embedding import EncoderProvider
from retrieval.answer import compose
from retrieval.engine import Engine
from retrieval.features import FEATURES
from retrieval.ranker import AnswerModel

# Answered from the seed articles, and neither a count, a "when" nor a "why": nothing but the pairing can add
# the runner-up to its answer.
QUESTION = "What kind of accounts did Twitter suspend and then unblock within a few hours?"


def _engine(seed_engine: Engine, seed_index_dir: Path, encoder_provider: EncoderProvider,
            ratio: float) -> Engine:
    return Engine(seed_index_dir, encoder_provider, replace(seed_engine.model, pair_ratio=ratio))


def test_the_runner_up_joins_only_when_its_probability_reaches_the_share(
        seed_engine: Engine, seed_index_dir: Path, encoder_provider: EncoderProvider) -> None:
    _, found = seed_engine.candidates(QUESTION)
    probs = seed_engine.model.probabilities(found.matrix, FEATURES)
    best, second = (float(p) for p in np.sort(probs[found.column("answer_like") > 0])[::-1][:2])
    assert best >= seed_engine.model.threshold and second < best
    share = second / best
    alone = _engine(seed_engine, seed_index_dir, encoder_provider, min(1.0, share + 0.01)).ask(QUESTION)
    paired = _engine(seed_engine, seed_index_dir, encoder_provider, share - 0.01).ask(QUESTION)
    never = _engine(seed_engine, seed_index_dir, encoder_provider, 1.0).ask(QUESTION)
    assert len(alone.citations) == len(never.citations) == 1
    assert len(paired.citations) == 2 and paired.citations[0] == never.citations[0]
    assert paired.citations[1].score == pytest.approx(second, abs=1e-4)
    assert len(paired.text) <= 400 and paired.text.count("[") == 2
    # The runner-up moved into the answer is no longer offered among the related sentences.
    assert all(c.start != paired.citations[1].start for c in paired.related)


def test_the_share_is_read_from_the_model_file_and_checked() -> None:
    data = {"features": ["a"], "mean": [0.0], "scale": [1.0], "coef": [1.0], "intercept": 0.0, "threshold": 0.5}
    assert AnswerModel.from_dict(data).pair_ratio == 1.0  # a file from before pairing never pairs
    assert AnswerModel.from_dict({**data, "pair_ratio": 0.3}).to_dict()["pair_ratio"] == 0.3
    for bad in (0.0, 1.5, -0.2):
        with pytest.raises(ValueError, match="pair_ratio"):
            AnswerModel.from_dict({**data, "pair_ratio": bad})


def test_training_judges_an_answer_apart_from_the_decline(seed_engine: Engine) -> None:
    """``make train`` chooses the threshold on answers composed as if given: composed with the decline, every
    answer under the threshold it composes with read as wrong, and no lower threshold could ever win."""
    question, found = seed_engine.candidates(QUESTION)
    probs = seed_engine.model.probabilities(found.matrix, FEATURES)
    strict = replace(seed_engine.model, threshold=0.999)
    assert not compose(seed_engine.index, question, found, probs, strict).answered
    given = compose(seed_engine.index, question, found, probs, strict, undeclined=True)
    assert given.answered and given.citations
