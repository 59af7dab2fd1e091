"""A follow-up about the previous answer, read first in that answer's own sentences and their neighbours.

"what did the centre order twitter to take down earlier?" is answered with "Earlier, the Centre had ordered
Twitter to take down all handles ...", and "how long did that last" asks about that very event: the next sentence
says "for a few hours". Searched across the articles with a few words borrowed from the conversation, such a
follow-up names almost nothing ("how long did that last earlier"), the sentence that answers scores under the
threshold, and it was declined. The article the previous answer quoted, a few sentences either side of its
quote, is where a follow-up about it is answered most often (in the training conversations, at most four
sentences away for most of those the search declined).

So the answer layer also reads those sentences: only the ones holding what the question asks for (a duration
for "how long", a date for "when", a name for "who"; see ``features._type_match``), and the quoted sentence
itself at a discount, since the asker has just read it. They answer when they are trusted as much as the search
(or more), or when the search finds nothing it trusts and the best of them is at least plausible
(``FLOOR``): the conversation, not the follow-up's few words, says where it is. A follow-up with words of its own
("are they appealing?") is answered only by a sentence sharing one, or holding the figure or date it asks for
(``on_the_question``): a plausible neighbour holding none of them was more often a wrong answer than a right one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.lexical import terms
from retrieval.answer_like import is_answer_like
from retrieval.features import DURATION_MATCH, FEATURES, Candidates, Encode, candidates, reread, sentence_terms
from retrieval.loaded import LoadedIndex
from retrieval.question import REQUEST_TERMS, Kind, Question
from retrieval.ranker import AnswerModel
from retrieval.signals import asks_duration
from retrieval.turns import Turn
from retrieval.types import Passage

# Sentences either side of a quoted one, in its own article: a paragraph or two of news prose.
WINDOW = 3
# The quoted sentence itself counts for this share of its probability: the asker has just read it, and a
# follow-up asks mostly for what it did not say ("how long did that last"), though sometimes for a detail of it.
ECHO_WEIGHT = 0.5
# The least probability at which a nearby sentence answers when the search answers nothing: a seventh of the
# shipped threshold (0.35), where on the training conversations a nearby sentence holding the asked-for type
# was more often the answer than not.
FLOOR = 0.05
# A date for "when", a span of time for "how long": few sentences hold one, so the one a few sentences from the
# quote is the answer even when the follow-up's few words leave the model unsure ("how long did that last":
# "... blocked those accounts for a few hours ...", at 0.015).
SPARSE_FLOOR = 0.01
# Kinds whose answer a sentence's surface shows (a figure, a date, a name, a place, a stated cause).
_TYPED = frozenset([Kind.COUNT, Kind.WHEN, Kind.WHO, Kind.NAME, Kind.WHERE, Kind.WHY])
# Words that only ask for a time ("what day was that", "how long did it take", "when did that happen"): a
# question of no other words asks about the quoted event itself, not one told beside it.
_ASKS_A_TIME = frozenset(t for w in ("day", "date", "time", "long", "last", "take", "took", "happen", "hour", "week",
                                     "month", "year") for t in terms(w))


@dataclass(frozen=True)
class Nearby:
    """The sentences around the previous answer's quotes, judged against the follow-up."""

    found: Candidates
    probs: np.ndarray  # 0 for a sentence out of reach or not holding what is asked
    passages: list[Passage]
    floor: float = FLOOR  # the least probability at which the best of them answers when the search declines

    @property
    def best(self) -> float:
        return self.found.best(self.probs)

    def answers(self, searched_best: float, threshold: float) -> bool:
        """Whether these sentences answer rather than the search (``searched_best``: the probability of the best
        sentence the search found): trusted as much, or the search declines and the best here is plausible."""
        best = self.best
        return best >= max(threshold, searched_best) or (searched_best < threshold and best >= self.floor)


def quoted_rows(index: LoadedIndex, turn: Turn) -> list[int]:
    """The sentence rows the turn's quotes cover, found by their text in the articles it cited (a declined turn
    cited none: its closest passages are looked for in every article)."""
    doc_rows = [index.doc_index[d] for d in turn.doc_ids if d in index.doc_index] or range(len(index.docs))
    rows: set[int] = set()
    for quote in turn.sentences:
        for doc_row in doc_rows:
            at = index.docs[doc_row].text.find(quote)
            if at >= 0:
                rows.update(_rows_between(index, doc_row, at, at + len(quote)))
                break
    return sorted(rows)


def _doc_rows(index: LoadedIndex, doc_row: int) -> range:
    """The article's sentence rows (they run on from its first, in order)."""
    first = end = int(index.doc_first_sentence[doc_row])
    while end < len(index.sentence_spans) and int(index.sentence_spans[end][0]) == doc_row:
        end += 1
    return range(first, end)


def _rows_between(index: LoadedIndex, doc_row: int, start: int, end: int) -> list[int]:
    return [r for r in _doc_rows(index, doc_row)
            if int(index.sentence_spans[r][1]) < end and int(index.sentence_spans[r][2]) > start]


def window(index: LoadedIndex, rows: Sequence[int], reach: int = WINDOW) -> list[int]:
    """The rows within ``reach`` sentences of any of ``rows``, in the same article."""
    near: set[int] = set()
    for row in rows:
        own = _doc_rows(index, int(index.sentence_spans[row][0]))
        near.update(r for r in range(row - reach, row + reach + 1) if r in own)
    return sorted(near)


def passages_over(index: LoadedIndex, rows: Sequence[int]) -> list[Passage]:
    """The chunks holding any of ``rows``, in article order."""
    wanted = set(rows)
    doc_rows = {int(index.sentence_spans[r][0]) for r in rows}
    found: list[Passage] = []
    for chunk_row in np.flatnonzero(np.isin(index.chunk_doc, list(doc_rows))).tolist():
        if wanted.intersection(index.chunk_sentence_rows(chunk_row)):
            chunk = index.chunks[chunk_row]
            found.append(Passage(chunk_row, chunk["doc_id"], chunk["start"], chunk["end"], chunk["text"], 1.0))
    return found


def holds_asked(question: Question, found: Candidates) -> np.ndarray:
    """Per candidate, whether it holds what the question asks for: any sentence for a question of no such kind
    ("did they go along with it"), a span of time for "how long"."""
    if question.kind not in _TYPED:
        return np.ones(len(found.rows), dtype=bool)
    needed = DURATION_MATCH if asks_duration(question.text) else 1e-6
    return found.column("type_match") >= needed


def on_the_question(question: Question, found: Candidates, quoted: Sequence[int], own: frozenset[str],
                    completes: bool) -> np.ndarray:
    """Per candidate, whether anything in it shows it is about what the follow-up asks: one of the follow-up's
    own words (``own``), or for "how many" / "when" / "how long" the figure, date or span asked for (few
    sentences hold one). A follow-up naming nothing of its own ("how long for", "for what?") and a fragment of the
    previous question ("in person?", ``completes``) ask about what was just answered: any sentence may answer.

    Read without this, "anyone challenging it", "who got it before it cost money" and "are they appealing?" were
    answered with the quote or a sentence beside it holding none of their words, where the search had declined:
    of the 12 training conversations' second turns the nearby reading had answered without the fact, 8 are
    declined again, and none of the 13 it answered right is lost. The quoted sentence's own date or figure does not
    count: the asker has read it, and a follow-up with words of its own asks about another event ("so when does
    the block end" after "... said on Monday ...")."""
    asked = own - REQUEST_TERMS - _ASKS_A_TIME
    if not asked or completes:
        return np.ones(len(found.rows), dtype=bool)
    shares = np.array([bool(sentence_terms(text) & asked) for text in found.texts], dtype=bool)
    if question.kind in (Kind.COUNT, Kind.WHEN):
        shares |= holds_asked(question, found) & (found.column("type_match") >= 1.0) & ~np.isin(found.rows, quoted)
    return shares


def nearby(index: LoadedIndex, last: Turn, question: Question, vectors: Sequence[np.ndarray], model: AnswerModel,
           encode: Encode, own: frozenset[str] = frozenset(), completes: bool = True) -> Nearby | None:
    """The sentences around ``last``'s quotes, each judged against every reading of the follow-up (``vectors``)
    and kept at its best; None when the turn quoted nothing found in the articles. ``own``: the follow-up's own
    words (not those borrowed from the conversation); ``completes``: it completes the previous question
    (``FollowUp.completes``, ``on_the_question``)."""
    quoted = quoted_rows(index, last)
    near = window(index, quoted)
    passages = passages_over(index, near)
    if not passages or not vectors:
        return None
    found = candidates(index, question, vectors[0], passages, encode, is_answer_like)
    probs = model.probabilities(found.matrix, FEATURES)
    for vector in vectors[1:]:
        probs = np.maximum(probs, model.probabilities(reread(index, found, question, vector, encode).matrix, FEATURES))
    rows = np.asarray(found.rows)
    holds = holds_asked(question, found) & (found.column("answer_like") > 0) & on_the_question(
        question, found, quoted, own, completes)
    reach = np.isin(rows, near) & holds
    weight = np.where(np.isin(rows, quoted), ECHO_WEIGHT, 1.0)
    told = np.isin(rows, quoted) & holds
    if told.any() and _asks_time_of_quote(question):
        # "what day was that" after "Twitter released a blog post on Wednesday ...": that day, not the date the
        # next sentence gives ("Beginning on 26 January 2021, ..."), which the model preferred. The quote holds
        # the time asked of it, so it answers however unsure the model is of a follow-up of no words of its own
        # (0.0097 for this one, refitted on 2026-12-08, under ``SPARSE_FLOOR``): no floor, unless the search trusts
        # a sentence of its own.
        return Nearby(found, np.where(told, probs, 0.0), passages, 0.0)
    probs = np.where(reach, probs * weight, 0.0)
    return Nearby(found, probs, passages, _floor(question, found, probs))


def _asks_time_of_quote(question: Question) -> bool:
    """Whether the question asks only when, or how long, "that" was: no word of its own but those asking."""
    asks_time = question.kind is Kind.WHEN or asks_duration(question.text)
    return asks_time and not set(question.terms) - REQUEST_TERMS - _ASKS_A_TIME


def _floor(question: Question, found: Candidates, probs: np.ndarray) -> float:
    """``SPARSE_FLOOR`` when the best sentence holds a date a "when" asks for or the span a "how long" does."""
    if not len(probs) or not (question.kind is Kind.WHEN or asks_duration(question.text)):
        return FLOOR
    return SPARSE_FLOOR if found.column("type_match")[int(np.argmax(probs))] >= 1.0 else FLOOR
