"""Answer quality on the eval files, scored by ``dispute-bot eval``'s rules with the shipped answer model.

The floors are the figures measured when the model was last fitted (README, "Answer quality"), so a change
that makes answers worse fails here; they are not the targets, which the README lists beside them.
``tests/eval/`` holds copies of the project's eval files, so the suite needs nothing outside the checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.embedding import DEFAULT_MODEL, EncoderProvider, OnnxEncoder, lazy_encoder
from index.manage import Upload, add_articles
from retrieval.baseline import Baseline
from retrieval.engine import Engine
from retrieval.evaluate import evaluate, load_questions, summary

TESTS = Path(__file__).resolve().parents[1]
SEED_FILES = [TESTS / "dev.jsonl", TESTS / "eval" / "dev_more.jsonl"]
ADDED = TESTS / "eval" / "koo_signups.md"


@pytest.fixture(scope="module")
def shipped_engine(seed_index_dir: Path) -> Engine:
    """Questions encoded as the bot encodes them: by the (int8) ONNX export in the index folder."""
    return Engine(seed_index_dir, lazy_encoder(DEFAULT_MODEL, seed_index_dir))


def test_seed_questions(shipped_engine: Engine) -> None:
    assert isinstance(shipped_engine.encoder, OnnxEncoder)  # not silently the torch fallback
    report = evaluate(load_questions(SEED_FILES), shipped_engine.ask)
    print("\n" + summary(report))
    t = report.totals()
    # 44 of 53 on the machines of 2026-12-03..06; 43 on an AMD EPYC on 2026-12-07, where the int8 export's
    # arithmetic puts p-37's answer at 0.343 against the 0.35 threshold: one question of margin for the CPU.
    assert t["answer_holds"] >= 43 and t["top3_holds"] >= 49  # of 53
    assert t["declined"] >= 8 and t["over_long"] == 0  # of 10 unanswerable


def test_seed_questions_written_blind(shipped_engine: Engine) -> None:
    """40 questions about the seed articles written on 2026-12-04 before the bot was run on them, in chat style
    (``training/seed_blind.jsonl``, never fitted on): what questions nobody tuned for get."""
    report = evaluate(load_questions([TESTS.parent / "training" / "seed_blind.jsonl"]), shipped_engine.ask)
    t = report.totals()
    assert t["answer_holds"] >= 14 and t["top3_holds"] >= 27  # of 30 (README)
    assert t["declined"] >= 8 and t["over_long"] == 0  # of 10 unanswerable


@pytest.mark.parametrize("question", ["What is the capital of France?", "who won the ipl final this year",
                                      "best recipe for biryani", "will it rain in delhi tomorrow",
                                      "how much does a kilo of onions cost"])
def test_off_topic_questions_are_always_declined(shipped_engine: Engine, question: str) -> None:
    assert not shipped_engine.ask(question).answered


def test_off_topic_questions_written_after_the_fit_are_declined(shipped_engine: Engine) -> None:
    """31 questions written after the 2026-12-02 fit (``tests/eval/offtopic_probe.txt``), never fitted on:
    everyday questions that name India, Twitter or a city, as people ask a bot in a busy server; the last six
    (2026-12-07) in chat's vague framing ("what happened with …", "any news on …"), which is read as "tell me
    about …" only when the articles name the subject (``retrieval.topical_asks``)."""
    questions = [q for q in (TESTS / "eval" / "offtopic_probe.txt").read_text().splitlines() if q.strip()]
    answered = [q for q in questions if shipped_engine.ask(q).answered]
    assert len(questions) == 31 and not answered, answered


def test_an_added_article_is_answered_from(seed_index_dir: Path, encoder_provider: EncoderProvider,
                                           tmp_path: Path) -> None:
    """The article stands for one a moderator adds later: no question about it was ever fitted on."""
    corpus = tmp_path / "corpus"
    shutil.copytree(TESTS.parent / "corpus", corpus)
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index_dir.resolve(), tmp_path / "index.builds" / "seed")
    index_dir.symlink_to(tmp_path / "index.builds" / "seed", target_is_directory=True)
    add_articles([Upload(ADDED.name, ADDED.read_bytes())], corpus, index_dir, model=DEFAULT_MODEL,
                 encoder_provider=encoder_provider, max_bytes=1_000_000)
    engine = Engine(index_dir, lazy_encoder(DEFAULT_MODEL, index_dir))
    report = evaluate(load_questions([ADDED.with_suffix(".jsonl")]), engine.ask)
    print("\n" + summary(report))
    t = report.totals()
    assert t["answer_holds"] >= 5 and t["top3_holds"] >= 6  # of 6


def test_new_articles_are_found_at_least_as_often_as_by_the_tutorial_stack(
        seed_index_dir: Path, encoder_provider: EncoderProvider, tmp_path: Path) -> None:
    """The 24 articles of ``training/heldout/``, written after the model was fitted and never fitted on, added
    together: the three quotes a reply shows hold the fact at least as often as the tutorial stack's top three
    500-character passages (issue 11, point 8), scored in the same run."""
    heldout = TESTS.parent / "training" / "heldout"
    corpus = tmp_path / "corpus"
    shutil.copytree(TESTS.parent / "corpus", corpus)
    shutil.copytree(seed_index_dir.resolve(), tmp_path / "index.builds" / "seed")
    index_dir = tmp_path / "index"
    index_dir.symlink_to(tmp_path / "index.builds" / "seed", target_is_directory=True)
    add_articles([Upload(p.name, p.read_bytes()) for p in sorted(heldout.glob("*.md"))], corpus, index_dir,
                 model=DEFAULT_MODEL, encoder_provider=encoder_provider, max_bytes=1_000_000)
    engine = Engine(index_dir, lazy_encoder(DEFAULT_MODEL, index_dir))
    tutorial = Baseline.build(encoder_provider(), corpus)
    report = evaluate(load_questions(sorted(heldout.glob("*.jsonl"))), engine.ask, tutorial.top)
    print("\n" + summary(report))
    t = report.totals()
    assert t["answerable"] == 216
    assert t["top3_holds"] >= t["baseline_top3"] and t["top3_holds"] >= 171  # 172/216 on 2026-12-04 (README)
    assert t["answer_holds"] >= 86 and t["declined"] >= 34  # 88/216 and 36/72 on 2026-12-04 (README)
