"""Searching for a follow-up: the raw question and its expansion, fused by weighted reciprocal rank.

The raw question keeps its own rankings, so a wrong guess about what "it" meant can add passages but never
remove the ones the question finds by itself. The expanded question adds a dense ranking (the question with
the borrowed words) and a lexical one (borrowed terms weighted below the question's own). The articles the
previous answer cited get a ranking of their own, at half weight: a follow-up usually stays with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from index.lexical import bm25_top, terms
from retrieval.features import DURATION_MATCH, Candidates, sentence_terms
from retrieval.followup import Expansion, expand
from retrieval.initialisms import names_cased
from retrieval.loaded import LoadedIndex
from retrieval.question import REQUEST_TERMS, Kind, Question
from retrieval.repeats import says_again
from retrieval.search import dense_top, distinct_passages, rrf_fuse
from retrieval.signals import asks_duration
from retrieval.turns import MAX_TURNS, FollowupContext
from retrieval.types import Answer, Passage

FAVOURED_WEIGHT = 0.5
# A sentence sharing this many of a follow-up's own words is about what the question itself names ("did twitter
# claim it was being fair when enforcing its rules": "... took enforcement action ... the Twitter Rules").
OWN_SUBJECT = 2
# A whole question opens with a question word, an auxiliary or a request, after any greeting ("ok who is ...");
# "used for what?" and "in person?" are fragments of one the conversation asked.
_WHOLE_QUESTION = re.compile(
    r"^\W*(?:(?:ok|okay|hey|hi|hello|so|well|wait|oh|hmm+|um+|btw)\b[\s,.!]*)*"
    r"(?:what|who|whom|whose|when|where|why|how|which|is|are|was|were|am|do|does|did|has|have|had|can|could|"
    r"will|would|should|shall|may|might|must|tell|explain|describe|list|name)\b", re.IGNORECASE)


def weighted_bm25(index: LoadedIndex, weights: Mapping[str, float], depth: int) -> list[int]:
    """Rows by the weighted sum of each term's BM25 score: a borrowed term counts less than an own one."""
    known = {t: w for t, w in weights.items() if t in index.bm25.vocab_dict and w > 0}
    n = len(index.chunks)
    if not known or n == 0:
        return []
    total = np.zeros(n, dtype=np.float64)
    for term, weight in known.items():
        total += weight * np.asarray(index.bm25.get_scores([term]), dtype=np.float64)[:n]
    depth = min(depth, n)
    top = np.argpartition(-total, depth - 1)[:depth]
    top = top[np.argsort(-total[top], kind="stable")]
    return [int(i) for i in top if total[i] > 0]


def followup_search(
    index: LoadedIndex, raw_vector: np.ndarray, raw_terms: list[str], expanded_vector: np.ndarray,
    expansion: Expansion, k: int,
) -> list[Passage]:
    """Top-k distinct chunks for a follow-up; syndicated copies (same text) count once, as in hybrid search."""
    depth = max(4 * k, 32)
    raw_dense = [r for r, _ in dense_top(index, raw_vector, depth)]
    raw_lexical = [r for r, _ in bm25_top(index.bm25, raw_terms, depth, len(index.chunks))]
    expanded_dense = [r for r, _ in dense_top(index, expanded_vector, depth)]
    expanded_lexical = weighted_bm25(index, {**expansion.weights, **dict.fromkeys(raw_terms, 1.0)}, depth)
    expanded = [row for row, _ in rrf_fuse([expanded_dense, expanded_lexical])]
    favoured = set(expansion.favoured_docs)
    cited_first = [row for row in expanded if index.chunks[row]["doc_id"] in favoured]
    fused = rrf_fuse([raw_dense, raw_lexical, expanded_dense, expanded_lexical, cited_first],
                     weights=[1.0, 1.0, 1.0, 1.0, FAVOURED_WEIGHT])
    # The answer model reads each passage's place in the dense and lexical lists: the expanded search's.
    return distinct_passages(index, fused, k, expanded_dense, expanded_lexical)


@dataclass(frozen=True)
class FollowUp:
    """A follow-up's search: what the answer layer reads instead of the raw question's passages."""

    expansion: Expansion
    question: Question
    vector: np.ndarray
    passages: list[Passage]
    own_terms: frozenset[str] = frozenset()
    echoes: tuple[str, ...] = ()  # what the previous answer quoted
    resolved_vector: np.ndarray | None = None  # the question with its pronoun resolved (``Expansion.resolved``)
    whole_vector: np.ndarray | None = None  # the previous question and this one, read as one text (``confirmed``)
    shown: tuple[str, ...] = ()  # the closest passages the declined earlier turns showed
    new_terms: frozenset[str] = frozenset()  # own words the previous question did not ask
    same_message: bool = False  # the previous question was asked in the same message (``FollowupContext``)

    def readings(self) -> list[np.ndarray]:
        """The meanings the follow-up's sentences are judged against: with the borrowed words, and resolved."""
        return [self.vector] if self.resolved_vector is None else [self.vector, self.resolved_vector]

    def without_echoes(self, found: Candidates, probs: np.ndarray) -> np.ndarray:
        """A sentence the previous answer quoted, sharing none of the follow-up's own words, answers nothing
        new: it is found only through the words borrowed from it ("and when is he expected to meet
        Twitter?" finds the sentence that said who he is). It can't be the answer; it stays a candidate for
        the related passages. One that does share them ("why did it restore them?" with "restored") can:
        people ask again about what a quote already said. So can one holding what a follow-up with no words of
        its own asks for ("how many were there", "and when": a figure, a date; for "how long", a span of time):
        it asks for a detail of what was just quoted ("... of which two were emergency blocking orders"), and
        with that sentence kept from it, "how many were there" was declined."""
        out = probs.copy()
        needed = DURATION_MATCH if asks_duration(self.question.text) else 1.0
        # "why?" asks what made the quoted thing happen, which the quote itself seldom says: it gave "why?" the
        # answer just given, word for word, when other sentences were there to answer.
        asks_reason = self.question.kind is Kind.WHY
        holds = (found.column("type_match") >= needed) if not self.own_terms and not asks_reason \
            else np.zeros(len(out), dtype=bool)
        for i, text in enumerate(found.texts):
            if says_again(text, self.echoes) and not sentence_terms(text) & self.own_terms and not holds[i]:
                out[i] = 0.0
            elif says_again(text, self.shown) and not sentence_terms(text) & self.new_terms:
                out[i] = 0.0  # shown as not answering, and holding nothing asked now that wasn't asked then
        return out

    def about_the_conversation(self, index: LoadedIndex, found: Candidates, probs: np.ndarray) -> np.ndarray:
        """``probs`` with the sentences that can't be about what the follow-up's pronoun stands for left out:
        those holding none of the borrowed words, in none of the articles the previous answer cited, nor
        ``OWN_SUBJECT`` of the question's own words (then the question names what it is about). "is the
        privacy policy available in hindi?" then "why does that matter?" was answered with a statement of
        another article saying "no matter their views", which shares only "matter" with it. Only for a question
        with a pronoun it gives nothing to refer to (it asks about what was said before), and only when an
        answer cited articles: a declined turn's closest passages name none."""
        favoured = set(self.expansion.favoured_docs)
        if not self.expansion.refers or not favoured:
            return probs
        out = probs.copy()
        borrowed = set(self.expansion.weights)
        for i, (row, text) in enumerate(zip(found.rows, found.texts, strict=True)):
            words = sentence_terms(text)
            if index.docs[int(index.sentence_spans[row][0])].doc_id in favoured or words & borrowed:
                continue
            if len(words & self.own_terms) < OWN_SUBJECT:
                out[i] = 0.0
        return out

    def judged(self, index: LoadedIndex, found: Candidates, probs: np.ndarray) -> np.ndarray:
        """``probs`` of one reading with what can't answer the follow-up left out (``without_echoes``,
        ``about_the_conversation``)."""
        return self.about_the_conversation(index, found, self.without_echoes(found, probs))

    def confirmed(self, found: Candidates, probs: np.ndarray, whole: np.ndarray, own_best: str | None
                  ) -> np.ndarray:
        """``probs`` with the sentence the question read alone ranks first (``own_best``) judged also against
        the previous question and this one read as one text (``whole``: its probabilities there), and trusted
        as the more confident of the two. The borrowed words are a few rare ones appended to the question, and
        a fragment keeps little of what was asked: "what about the parties" after "what fines do tarrowind
        influencers face for paid political posts?" ranked "... and the party that paid them can lose part of
        its public funding." first, as asked and with "fines tarrowind face Electoral" added, but under the
        threshold both times, and was declined. Read after the whole question it is answered.

        Only that sentence: read whole, the previous question lifts the sentences that answered it whatever is
        asked next (an article's opening sentence), and letting every sentence be read so answered four more
        follow-ups of the training conversations without the fact. The question's own words choose the
        sentence; the conversation, read whole, says whether it answers."""
        out = probs.copy()
        for i, text in enumerate(found.texts):
            if text == own_best:
                out[i] = max(out[i], whole[i])
        return out

    @property
    def fragment(self) -> bool:
        """Whether the question is a fragment of one the conversation asked ("used for what?", "in person?")."""
        return _WHOLE_QUESTION.match(self.question.text) is None

    @property
    def completes(self) -> bool:
        """Whether the question completes the previous one: a fragment with no pronoun left open ("in person?",
        "used for what?"), where "anyone challenging it" asks something new about what "it" was."""
        return self.fragment and not self.expansion.refers

    @property
    def leans(self) -> bool:
        """Whether the question means the conversation: it goes on from the previous one ("and when?", "why
        did it ..."), names nothing of its own ("why?") or is a fragment of a sentence ("used for what?", "in
        person?"); not a whole question that only names little ("who is the IT minister?", "what is koo"),
        unless the asker wrote the words it borrows in the same message."""
        return (self.same_message or self.expansion.goes_on or not self.own_terms - REQUEST_TERMS
                or self.fragment)

    def takes_over(self, expanded_best: float, own_best: float, threshold: float) -> bool:
        """Whether the expanded reading answers rather than the question's own (``*_best``: the probability of
        each reading's best sentence). A question that leans on the conversation (``leans``) takes the
        expanded reading when it is trusted more or the question's own doesn't answer: when neither answers,
        its decline shows the expanded reading's closest passages, about what "it" refers to. One that only
        names little may as well stand alone, and is answered or declined as itself unless only the expanded
        reading answers: "who is the IT minister?" after three turns was declined as "(Searched for: who is
        the IT minister? koo comply happen Twitter-like)", and "what is koo" was answered "(Searched for: what
        is koo comply happen)" when its own reading answered too."""
        if self.leans:
            return expanded_best > own_best or own_best < threshold
        return own_best < threshold <= expanded_best

    def finish(self, answer: Answer) -> Answer:
        """The answer, saying what was searched for, marked as read with the conversation."""
        return replace(answer, searched_for=self.expansion.text, expanded=True, leans=self.leans)


def follow_up(
    index: LoadedIndex, question: Question, vector: np.ndarray, context: FollowupContext,
    encode: Callable[[str], np.ndarray], k: int, reading: str | None = None,
) -> FollowUp | None:
    """None for a standalone question, which is then answered exactly as without a conversation.
    ``reading``: what the question is searched as (its English reading, chat's shorthand written out, typos
    mended; ``Engine``), which is what leans on the conversation: "uske baad kya hua" is "what after", a
    fragment, and "wat abt farmers" opens with "what about". Read as typed, their words no article uses
    counted as distinctive and each was searched alone."""
    # Names read in the articles' capitals ("the government of india"): a whole question naming one stands alone.
    typed = names_cased(question.text, index)
    searched = names_cased(reading, index) if reading and reading != question.text else typed
    expansion = expand(searched, index.idf, index.unknown_idf, context, typed=typed)
    if expansion is None:
        return None
    expanded_vector = encode(expansion.text)
    passages = followup_search(index, vector, question.terms, expanded_vector, expansion, k)
    # The sentences are also judged against the question with "it" resolved, searched with the same words:
    # "are ministers going to move to it? made-in-India app Koo" scored the sentence that answers at 0.18,
    # "are ministers going to move to Koo?" at 0.36.
    resolved_vector = encode(expansion.resolved) if expansion.resolved else None
    # The answer layer judges sentences against the expanded meaning, and takes the name the previous answer
    # gave for what is now "it" as one of the question's own words; the borrowed question words only steer
    # the search (as own words they would make every sentence look short of evidence).
    borrowed = [t for t in expansion.answer_terms if t not in question.terms]
    scored = replace(question, terms=[*question.terms, *borrowed]) if borrowed else question
    # Only an answer's quotes: a decline's closest passages were shown as not answering, and may still.
    last = context.turns[-1] if context.turns else None
    echoes = last.sentences if last is not None and last.answered else ()
    if question.kind is Kind.WHY:  # nor any answer of the topic: "why?" gave again the one two turns back
        echoes = tuple(s for t in context.turns[-MAX_TURNS:] if t.answered for s in t.sentences)
    # A declined turn's closest passages may answer a follow-up only with a word it asks anew: "how slow was
    # gatherly at answering complaints" was declined over the article's opening sentence (a fine "for failing to
    # deal with users' grievances on time"), and "what did they blame that on" was answered with it.
    shown = tuple(s for t in context.turns[-MAX_TURNS:] if not t.answered for s in t.sentences)
    new_terms = frozenset(question.terms) - set(terms(last.question)) if last is not None else frozenset()
    # Only a question that says it goes on from the previous one is read with it as one text: "who founded koo"
    # after "how much was twitter fined for not complying", so read, was answered with the sentence saying the
    # government would promote the "Twitter-like app Koo" (``FollowUp.confirmed``).
    whole_vector = (encode(f"{last.question.strip()} {question.text.strip()}")
                    if last is not None and expansion.goes_on else None)
    return FollowUp(expansion, scored, expanded_vector, passages, frozenset(question.terms), echoes,
                    resolved_vector, whole_vector, shown, new_terms, context.same_message)


def best_sentence(found: Candidates, probs: np.ndarray) -> str | None:
    """The sentence an answer to these candidates would start from (only answer-like ones can), if any."""
    like = np.flatnonzero(found.column("answer_like") > 0)
    return found.texts[int(like[np.argmax(probs[like])])] if len(like) else None
