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


# A long sentence on a later hearing, then one as long that gives the day of the ban: both can't be quoted whole.
BAN_ARTICLE = (
    "# Court hears challenge to ban on the Lantern messaging app\n\n"
    "The High Court of Veldmark on Tuesday began hearing a challenge to the government's ban on the messaging "
    "app Lantern, with the company's lawyers arguing that the ban was ordered without any evidence being shown "
    "to the app's owners or to the public.\n\n"
    "The interior ministry blocked Lantern on April 3 under the state security regulations, saying the app had "
    "been used to organise attacks on tax offices during the dock strike in the capital, and told providers to "
    "stop carrying it.\n\n"
    "Many users have since moved to other apps, a traders' group said.\n"
)


def _sentence(found_texts: list[str], start: str) -> int:
    return next(i for i, t in enumerate(found_texts) if t.startswith(start))


def test_a_pair_too_long_to_quote_whole_is_cut_to_windows_on_what_was_asked(
        tmp_path: Path, encoder_provider: EncoderProvider, seed_engine: Engine) -> None:
    """The runner-up held the asked-for date but was dropped: the best sentence, quoted whole, left it too
    little room. The best stays whole, and the runner-up is cut to a window on its date ("on April 3")."""
    from tests.retrieval.conftest import index_of

    index_of({"ban.md": BAN_ARTICLE}, tmp_path, encoder_provider)
    engine = Engine(tmp_path / "index", encoder_provider, replace(seed_engine.model, pair_ratio=0.5, threshold=0.1))
    question, found = engine.candidates("when did they ban lantern")
    best, second = _sentence(found.texts, "The High Court"), _sentence(found.texts, "The interior ministry")
    assert len(found.texts[best]) + len(found.texts[second]) > 400
    probs = np.full(len(found.texts), 0.01)
    probs[best], probs[second] = 0.9, 0.8
    answer = compose(engine.index, question, found, probs, engine.model)
    assert [c.quote.startswith(p) for c, p in zip(answer.citations, ("The High Court", "The interior"),
                                                  strict=True)] == [True, True]
    assert "on Tuesday" in answer.citations[0].quote and "April 3" in answer.citations[1].quote
    assert len(answer.text) <= 400 and "April 3" in answer.text
    # A question asking for nothing a sentence shows (a "what") keeps the old rule: the best whole, alone.
    question, found = engine.candidates("what did the lawyers argue about the ban on lantern")
    alone = compose(engine.index, question, found, probs, engine.model)
    assert len(alone.citations) == 1 and alone.citations[0].quote == found.texts[best]
