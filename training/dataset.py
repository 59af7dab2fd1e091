"""Candidate sentences with features and labels for every training question, computed by the bot's own
retrieval code (``Engine.candidates``), so what the model learns from is exactly what it will score."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.builder import build_index
from index.embedding import DEFAULT_MODEL, Encoder, EncoderProvider, lazy_encoder
from index.manage import Upload, add_articles
from index.scratch import scratch_copy
from retrieval.engine import Engine
from retrieval.evaluate import EvalQuestion, contains
from retrieval.features import Candidates
from retrieval.loaded import LoadedIndex
from retrieval.question import Question
from training.groups import ROOT, Group

log = logging.getLogger(__name__)
WORK = ROOT / "var" / "train"


@dataclass
class Item:
    group: str
    question: EvalQuestion
    analysed: Question
    found: Candidates
    labels: np.ndarray  # 1 where the sentence is in the question's articles and holds a gold string
    index: LoadedIndex
    original: bool = True  # False for a paraphrase: fitted on, never scored


def labels_for(q: EvalQuestion, index: LoadedIndex, found: Candidates) -> np.ndarray:
    golds = [*q.answers_any, *q.answers_all]
    out = np.zeros(len(found.rows), dtype=np.int8)
    if not q.answerable:
        return out
    for i, (row, text) in enumerate(zip(found.rows, found.texts, strict=True)):
        doc = index.docs[int(index.sentence_spans[row][0])].doc_id
        if (not q.docs or doc in q.docs) and any(contains(text, g) for g in golds):
            out[i] = 1
    return out


def group_index(group: Group, seed_index: Path, provider: EncoderProvider, work: Path) -> Path:
    """The seed corpus plus the group's article, built once and reused while the article is unchanged."""
    if group.article is None:
        return seed_index
    folder = work / "groups" / group.name
    index_dir = folder / "index"
    if index_dir.exists():
        build_index(folder / "corpus", index_dir, model=DEFAULT_MODEL, encoder_provider=provider)
        return index_dir
    folder.mkdir(parents=True, exist_ok=True)
    corpus, index_dir = scratch_copy(ROOT / "corpus", seed_index, folder)
    add_articles([Upload(group.article.name, group.article.read_bytes())], corpus, index_dir,
                 model=DEFAULT_MODEL, encoder_provider=provider, max_bytes=10_000_000)
    return index_dir


def build_items(groups: list[Group], encoder: Encoder, work: Path = WORK) -> list[Item]:
    provider: EncoderProvider = lambda: encoder  # noqa: E731
    seed_index = work / "seed" / "index"
    build_index(ROOT / "corpus", seed_index, model=DEFAULT_MODEL, encoder_provider=provider)
    items: list[Item] = []
    for group in groups:
        index_dir = group_index(group, seed_index, provider, work)
        # Questions are encoded as the bot encodes them: by the index's ONNX export.
        engine = Engine(index_dir, lazy_encoder(DEFAULT_MODEL, index_dir))
        index = engine.index
        asked = [(q, True) for q in group.questions] + [(q, False) for q in group.paraphrases]
        for q, original in asked:
            analysed, found = engine.candidates(q.question, index)
            items.append(Item(group.name, q, analysed, found, labels_for(q, index, found), index, original))
        log.info("group %s: %d questions, %d paraphrases", group.name, len(group.questions), len(group.paraphrases))
    return items
