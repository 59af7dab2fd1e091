"""Extractive answers: verbatim sentences chosen by the answer model, or an honest decline.

The answer never contains a word the articles don't: it is built from whole sentences (or clause-aligned
windows of a long one), each carried with the offsets that locate it in its article. Which sentences, and
whether to answer at all, is the answer model's call (``retrieval.ranker``), in the order ``retrieval.answer_order``
gives its ranking; this module only shapes what it chose into a reply.
"""

from __future__ import annotations

import re

import numpy as np

from index.figures import figures, figures_near
from index.list_markers import after_list_marker
from index.tables import one_line
from retrieval.answer_order import answer_order
from retrieval.asked import asked_span
from retrieval.cited import citation
from retrieval.features import FEATURES, Candidates
from retrieval.loaded import LoadedIndex
from retrieval.question import Kind, Question
from retrieval.quote_days import with_days_meant
from retrieval.quotes import trim_to_window
from retrieval.ranker import AnswerModel
from retrieval.repeats import repeats
from retrieval.said_by import with_speaker
from retrieval.signals import Carries, carries
from retrieval.types import Answer, Citation
from retrieval.wording import CLOSEST_BELOW, decline_text

MAX_CHARS = 400
MAX_SENTENCES = 3
KEEP_OF_LATER = 0.6  # a sentence after the first is quoted with at least this share of its text, or not at all
SHOWN = 3  # quotes a reply shows: the answer's, then related sentences
RELATED_CHARS = 300
MIN_WINDOW = 60  # a later sentence given less room than this is a fragment: it is left out
# A window on what was asked needs room for what it is about: with 60, "… the app's developer said on
# Tuesday… [2]" gave a day and nothing it was the day of.
MIN_ASKED_WINDOW = 120
DECLINE_SHOWN = 3
# A sentence opening like this leans on the one before or after it; quoting the pair keeps it readable.
_CONTINUES = re.compile(
    r"^[\"“‘']?(?:It|They|He|She|Doing so|To do so|"
    r"(?:This|That) (?:is|was|comes|came|means|meant|has|had|will|would|could|may|might))\b"
)
# A sentence opening like this points back at the one before ("Of these, two were emergency orders"), which
# it can't be read without.
LEANS_BACK = re.compile(
    r"^[\"“‘']?(?:Of (?:these|them|those|which)\b|Instead\b|Reacting to (?:this|that|it)\b|In response,"
    r"|(?:This|That|These|Those) (?:is|was|were|are|comes|came|means|meant|follows|followed)\b"
    r"|The same (?:was|is|were|has|had)\b)"
)


def _quote(index: LoadedIndex, row: int, score: float, question: Question, budget: int, follow: bool,
           asked: bool = False) -> tuple[str, Citation]:
    """The sentence, or the clause-aligned window of it that holds the question's terms.

    With ``follow``, a next sentence that continues this one ("It said that doing so ...") is quoted too,
    as one slice, when the pair fits. With ``asked``, the window holds what the question asks for (its date,
    name or place; a count's figure always).
    """
    doc_row, start, end = (int(v) for v in index.sentence_spans[row])
    doc_text = index.docs[doc_row].text
    text = doc_text[start:end]
    before = row - 1
    if (LEANS_BACK.match(text) and before >= 0 and int(index.sentence_spans[before][0]) == doc_row
            and "\n" not in doc_text[int(index.sentence_spans[before][2]) : start]
            and end - int(index.sentence_spans[before][1]) <= budget):
        start = int(index.sentence_spans[before][1])  # quoted with the sentence it points back at
        text = doc_text[start:end]
    nxt = row + 1
    if follow and nxt < len(index.sentence_spans) and int(index.sentence_spans[nxt][0]) == doc_row:
        following = index.sentence_text(nxt)
        gap = doc_text[end : int(index.sentence_spans[nxt][1])]
        new_end = int(index.sentence_spans[nxt][2])
        # A "when" answer whose sentence gives no time takes the next one that does ("The talks are likely
        # to happen this week."), as one slice: the sentence after is usually what the first one is about.
        completes = question.kind is Kind.WHEN and _adds(question, [text], following)
        # A next sentence pointing back at this one ("Reacting to this, MeitY said the move was unusual.") says
        # what it led to: without it, "what did meity call it" got the blog post but not the ministry's word.
        leans = LEANS_BACK.match(following) is not None
        if (_CONTINUES.match(following) or leans or completes) and "\n" not in gap and new_end - start <= budget:
            text, end = doc_text[start:new_end], new_end
    start = after_list_marker(doc_text, start, end)  # a list item's marker is no word of the answer
    text = doc_text[start:end]
    keep = set(question.terms) | set(question.focus)
    must = asked_span(text, question) if asked or question.kind is Kind.COUNT else None
    shown, (s, e) = trim_to_window(text, keep, budget, must)
    return shown, citation(index, row, start + s, start + e, score)


def _has_time(carried: Carries) -> bool:
    return carried.has_date or carried.has_weekday or carried.has_relative_time


def _adds(question: Question, chosen: list[str], candidate: str) -> bool:
    """Whether another sentence brings more of what was asked: a figure not yet given for a count (the
    articles may give several: each is worth showing), a date for a "when" or a reason for a "why" where the
    first sentence has none."""
    b = carries(candidate)
    if question.kind is Kind.COUNT:
        given = set().union(*(carries(t).figures for t in chosen)) | {f.value for f in figures(question.text)}
        # Once the answer has figures of the counted thing itself, only another figure of that thing counts
        # ("two orders" adds nothing to "how many accounts"); where the articles never name it (a
        # paraphrase), any new figure may.
        named = bool(question.focus) and any(figures_near(t, question.focus) for t in chosen)
        offered = {f.value for f in figures_near(candidate, question.focus)} if named else b.figures
        return bool(offered - given)
    a = carries(chosen[0])
    if question.kind is Kind.WHEN:
        return _has_time(b) and not _has_time(a)
    if question.kind is Kind.WHY:
        return b.has_reason and not a.has_reason
    return False


def _close_second(probs: np.ndarray, order: list[int], ratio: float) -> bool:
    """Whether the runner-up is nearly as likely to answer as the best sentence. On articles nobody tuned for,
    the answer is often the second sentence, not the first (see README, "Answer quality"); quoting both, when
    the model can't tell them apart, gives the asker the fact at the cost of one sentence more to read."""
    return ratio < 1.0 and probs[order[1]] >= ratio * probs[order[0]]


def compose(
    index: LoadedIndex, question: Question, found: Candidates, probs: np.ndarray, model: AnswerModel,
    *, undeclined: bool = False,
) -> Answer:
    """``undeclined``: the answer the bot would give were its best sentence over the threshold (training
    judges answers apart from the decline, which it chooses on them)."""
    chosen = answer_order(index, question, found, probs, model, undeclined=undeclined)
    if chosen.declined:
        return decline(index, question, found, probs)
    order = chosen.order
    picked = [order[0]]
    most = MAX_SENTENCES if question.kind is Kind.COUNT else 2
    for i in order[1:]:
        if probs[i] < model.threshold or len(picked) == most:
            break
        if _adds(question, [found.texts[j] for j in picked], found.texts[i]):
            picked.append(i)
    if not chosen.headed and len(picked) == 1 and len(order) > 1 and _close_second(probs, order, model.pair_ratio):
        picked.append(order[1])
    parts, citations = _fill(index, question, found, probs, picked)
    if len(citations) < len(picked):
        windowed = _windows(index, question, found, probs, picked)
        if len(windowed[1]) > len(citations):
            parts, citations = windowed
    # Words quoting someone named in another sentence are quoted with it (``retrieval.said_by``).
    parts, citations = with_speaker(index, found.rows[picked[0]], parts, citations, MAX_CHARS)
    related = _related(index, question, found, probs, order, citations)
    if question.kind is Kind.WHEN:  # "Yesterday …" quoted as written, its day beside it (``retrieval.quote_days``)
        citations = with_days_meant(index, citations)
    return Answer(question.text, " ".join(parts), True, citations, related=related)


def _fill(index: LoadedIndex, question: Question, found: Candidates, probs: np.ndarray, picked: list[int]
          ) -> tuple[list[str], list[Citation]]:
    """The picked sentences in order, the first whole when it fits, while the room lasts."""
    parts: list[str] = []
    citations: list[Citation] = []
    used = 0
    for n, i in enumerate(picked, start=1):
        marker = f" [{n}]"
        # The best sentence is quoted whole when it fits: the model judged the sentence, not a window of it,
        # and a window chosen by the question's words cuts off what they lead to ("..., saying the order did
        # not explain what law"). What it leaves is shared fairly among the sentences that add to it.
        room = MAX_CHARS - used - len(marker) - (1 if parts else 0)
        budget = room if n == 1 else room // (len(picked) - n + 1)
        if budget < MIN_WINDOW and parts:
            break
        shown, cited = _quote(index, found.rows[i], float(probs[i]), question, budget, follow=n == 1)
        if parts and len(shown.strip("…")) < KEEP_OF_LATER * len(found.texts[i]):
            # A later sentence cut to a few words around the question's ("…flagged by security agencies
            # as…") reads as a fragment; it stays among the related passages, whole.
            break
        parts.append(one_line(shown) + marker)  # a wrapped article's line breaks are no part of it
        citations.append(cited)
        used += len(parts[-1]) + (1 if len(parts) > 1 else 0)
    return parts, citations


def _windows(index: LoadedIndex, question: Question, found: Candidates, probs: np.ndarray, picked: list[int]
             ) -> tuple[list[str], list[Citation]]:
    """When the picked sentences don't all fit whole: the best one whole as ever (it holds what the question
    asks for: its type is what the model weighed), each later one cut to a window around what the question
    asks for (a count's figure, a "when"'s date, a "who"'s name), while the room lasts; nothing from a
    sentence that holds nothing of the sort.

    Cut from its start, or to the clauses holding the question's words, and dropped when that left under
    60% of it, the second sentence lost the date the asker wanted ("when did they ban ...": a long sentence
    on the hearing, then the one with the day of the ban). Giving the first a share of the room instead lost
    the fact it was chosen for.
    """
    texts = [found.texts[i] for i in picked]
    markers = [f" [{n}]" for n in range(1, len(picked) + 1)]
    room = MAX_CHARS - len(markers[0])
    parts: list[str] = []
    citations: list[Citation] = []
    if asked_span(texts[0], question) is None:
        return parts, citations
    need = sum(min(len(t), MIN_ASKED_WINDOW) + len(m) + 1 for t, m in zip(texts[1:], markers[1:], strict=True))
    # Whole when it fits; what the later windows can do without goes to the sentence it leans on or that
    # continues it.
    budget = max(min(len(texts[0]), room), room - need)
    for n, i in enumerate(picked):
        if n:
            room -= len(markers[n]) + 1
            budget = _shares([len(t) for t in texts[n:]], room)[0]
            if budget < min(len(texts[n]), MIN_ASKED_WINDOW) or asked_span(texts[n], question) is None:
                break
        shown, cited = _quote(index, found.rows[i], float(probs[i]), question, budget, follow=n == 0, asked=True)
        if n and asked_span(cited.quote, question) is None:
            break
        parts.append(one_line(shown) + markers[n])
        citations.append(cited)
        room -= len(parts[-1]) - len(markers[n])
    return parts, citations


def _shares(lengths: list[int], room: int) -> list[int]:
    """``room`` shared among sentences of these lengths: one shorter than its even share keeps its length, and
    what it leaves goes to the others."""
    out = [0] * len(lengths)
    left = room
    for k, n in enumerate(sorted(range(len(lengths)), key=lambda n: lengths[n])):
        out[n] = min(lengths[n], left // (len(lengths) - k))
        left -= out[n]
    return out


def _related(index: LoadedIndex, question: Question, found: Candidates, probs: np.ndarray, order: list[int],
             citations: list[Citation]) -> list[Citation]:
    """The next sentences by the model's ranking that the answer doesn't already quote: on an article nobody
    tuned for, the right sentence is often second or third (see README, "Answer quality"), however low the
    model scores it (ones under 0.07 were left out, and with them the fact for 3 of the 216 questions on the
    24 never-fitted articles)."""
    out: list[Citation] = []
    for i in order:
        if len(citations) + len(out) >= SHOWN:
            break
        doc_row, start, end = (int(v) for v in index.sentence_spans[found.rows[i]])
        doc_id = index.docs[doc_row].doc_id
        if any(c.doc_id == doc_id and c.start < end and c.end > start for c in [*citations, *out]):
            continue
        if repeats(found.texts[i], [*citations, *out]):  # an article quoting a statement twice
            continue
        text = index.docs[doc_row].text[start:end]
        _, (s, e) = trim_to_window(text, set(question.terms) | set(question.focus), RELATED_CHARS)
        out.append(citation(index, found.rows[i], start + s, start + e, float(probs[i])))
    return out


def decline(index: LoadedIndex, question: Question, found: Candidates, probs: np.ndarray) -> Answer:
    """Decline, and show what came closest so users can judge. It asserts only what was checked against the
    articles (a figure, or every word, of the question that no article has), never that they don't say."""
    closest: list[Citation] = []
    like = found.column("answer_like") > 0 if len(probs) else np.zeros(0, dtype=bool)
    # Sentences first, headings and captions only when there is nothing else; no statement twice.
    ranked = sorted((int(i) for i in np.argsort(-probs, kind="stable")), key=lambda i: not like[i])
    for i in ranked:
        if len(closest) == DECLINE_SHOWN:
            break
        if repeats(found.texts[i], closest):
            continue
        # A sentence the length of a page (an article without full stops) shows its window on the question.
        shown = _quote(index, found.rows[i], float(probs[i]), question, MAX_CHARS, follow=False)[1]
        # Widened (a sentence that leans on the one before takes it along), a quote can hold one shown already.
        if not repeats(shown.quote, closest):
            closest.append(shown)
    text = decline_text(index, question)
    if closest:
        text += CLOSEST_BELOW
    return Answer(question.text, text, False, closest)


__all__ = ["FEATURES", "citation", "compose", "decline"]
