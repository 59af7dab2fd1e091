""""What did X say" is answered with X's words (``retrieval.speaker_first``): a made-up article where a regulator's
reaction names the company asked about, scored by made-up probabilities so that the regulator's sentence is the
model's best, as the defect had it (MeitY's reaction quoted for "what did twitter say?")."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.answer import compose
from retrieval.features import FEATURES, INDEX, Candidates
from retrieval.loaded import LoadedIndex
from retrieval.question import analyse
from retrieval.ranker import AnswerModel
from retrieval.speaker_first import asked_speaker
from tests.retrieval.conftest import module_index

STORY = """---
title: Regulator and Orbel trade words over blocked posts
date: 2024-05-02
source: Velmora Ledger
---
The Department of Coastal Communications (DCC) ordered Orbel to block 300 posts about the harbour strike.

"Upon the request of Orbel, the order was explained in detail," the DCC responded on Orbel's rival app Quillo.

In a blog post, Orbel said it had blocked only the posts that broke local law and restored the rest.

"We will keep defending the free expression of our users," said Mara Tesk, Orbel's head of policy.

"The order did not say which law the posts broke."

The company said it remained open to talks with the government.

Strike leaders said the blocked posts had named the harbour's owners.
"""

index = module_index({"orbel.md": STORY}, "speaker_first")
MODEL = AnswerModel(tuple(FEATURES), np.zeros(len(FEATURES)), np.ones(len(FEATURES)), np.zeros(len(FEATURES)), 0.0,
                    0.3, {}, 1.0)


def _row(index: LoadedIndex, opening: str) -> int:
    return next(r for r in range(len(index.sentence_spans)) if index.sentence_text(r).startswith(opening))


def _answer(index: LoadedIndex, question: str, scored: dict[str, float]) -> str:
    """The answer to ``question`` when the sentences opening as ``scored``'s keys are the
    candidates, with those probabilities."""
    rows = [_row(index, opening) for opening in scored]
    matrix = np.zeros((len(rows), len(FEATURES)), dtype=np.float32)
    matrix[:, INDEX["answer_like"]] = 1.0
    found = Candidates(rows, [index.sentence_text(r) for r in rows], matrix)
    answer = compose(index, analyse(question), found, np.array(list(scored.values())), MODEL)
    assert answer.answered
    return answer.text


REACTION = '"Upon the request of Orbel'
BLOG = "In a blog post, Orbel said"


@pytest.mark.parametrize("question", [
    "what did orbel say?",
    "How did Orbel respond to the order?",
    "what was orbel's response",
])
def test_the_asked_speakers_words_answer_before_another_speakers_reaction(index: LoadedIndex, question: str) -> None:
    """The regulator's reaction, which names Orbel, had been quoted as what Orbel said."""
    answer = _answer(index, question, {REACTION: 0.6, "Strike leaders said": 0.5, BLOG: 0.45})
    assert answer.startswith(BLOG) and "Upon the request" not in answer


def test_a_speaker_asked_by_a_common_noun_is_found_by_the_articles_alias(index: LoadedIndex) -> None:
    """"the department" is the DCC, the short form the article defines for it."""
    assert _answer(index, "What did the department say?", {BLOG: 0.6, REACTION: 0.5}).startswith(REACTION)


def test_a_quote_naming_no_one_is_said_by_the_speaker_of_the_quote_it_continues(index: LoadedIndex) -> None:
    """Mara Tesk's second quote names no one; it is hers, and the question asks for hers."""
    answer = _answer(index, "what did mara tesk say about the order", {REACTION: 0.6, '"The order did not say': 0.5})
    assert '"The order did not say' in answer and "Upon the request" not in answer


@pytest.mark.parametrize(("question", "scored"), [
    ("what did orbel say?", {REACTION: 0.6, BLOG: 0.2}),  # the asked speaker's words far less likely
    ("what did orbel say?", {"The company said": 0.6, BLOG: 0.5}),  # "the company" may well be Orbel
    ("what did the strike leaders say?", {"Strike leaders said": 0.6, BLOG: 0.55}),  # already theirs
    ("what happened to the posts?", {REACTION: 0.6, BLOG: 0.55}),  # no speaker asked
])
def test_the_models_best_stands_otherwise(index: LoadedIndex, question: str, scored: dict[str, float]) -> None:
    assert _answer(index, question, scored).startswith(next(iter(scored)))


@pytest.mark.parametrize(("question", "asked"), [
    ("what did the ministry say", ["ministri"]),
    ("How has Ravi Shankar Prasad responded?", ["ravi", "shankar", "prasad"]),
    ("What was the ministry's reaction to the blog post?", ["ministri"]),
    ("according to the union, why were the posts removed", ["union"]),
    ("Who said the order was unlawful?", []),
    ("what did the order say", ["order"]),
    ("when was the order issued", []),
])
def test_the_asked_speaker_is_read_from_the_question(question: str, asked: list[str]) -> None:
    assert asked_speaker(question) == asked
