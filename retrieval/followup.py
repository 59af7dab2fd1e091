"""Follow-up questions: when a question leans on earlier turns, and what to search for instead.

"Who is Ajay Prakash Sawhney?" then "and when is he expected to meet Twitter?": the second question names
nobody, so on its own it retrieves whatever mentions meetings. These pure functions decide whether a question
leans on the conversation (``detect``) and, if so, which words of the earlier turns to add (``expand``).

Detection reads grammar and the index's statistics, never a list of topics: an opener that continues a
thought ("and …", "what about …"), a pronoun with nothing in the question for it to refer to, or a question
with no distinctive term of its own (every term is common in the articles, or it is very short), where
"distinctive" is judged with the index's IDF. A standalone question is left alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from index.lexical import terms
from retrieval.phrases import asked_plural, dislocated, possessed
from retrieval.pronouns import (
    person_referent,
    resolve,
    stands_for_person,
    thing_referent,
    unresolved_reference,
    words,
)
from retrieval.question import REQUEST_TERMS
from retrieval.turn_words import answer_names, asked_words, topic_turns
from retrieval.turns import MAX_TURNS, FollowupContext

# Earlier words added to a follow-up: enough to name what "he" or "it" was, few enough to keep the new
# question's own words in charge.
MAX_QUESTION_TERMS = 3
MAX_ANSWER_TERMS = 1
# Each older turn counts half as much as the one after it.
DECAY = 0.5
# Words from the cited sentences describe the previous answer, not the question: they count less.
ANSWER_WEIGHT = 0.6
# A term is distinctive when at most this share of the index's units (sentences) contains it, or at most
# ``MIN_DISTINCT_DF`` of them in a small corpus, where any share is a handful of sentences.
DISTINCT_SHARE = 0.02
MIN_DISTINCT_DF = 2
# Terms in more than this share of the units say nothing about which passage is meant ("Twitter" here).
COMMON_SHARE = 0.15
VERY_SHORT = 2  # content terms
FRAGMENT_WORDS = 5  # words in all: "what did twitter do instead?" is a fragment, a question twice as long isn't
# A name at most this many words from the words asked about stands in apposition to them ("the app Koo").
APPOSITION = 1

# An earlier question of fewer words ("why?", "when exactly?") went on with the topic before it.
TOPIC_WORDS = 3

# Why a question is read as a follow-up when it only names little: it may as well start a new topic.
VERY_SHORT_REASON = "very short"
NO_TERM_REASON = "no distinctive term of its own"

# Words that continue the previous question rather than start a new one, after chat's fillers ("ok so who's
# going instead": read as a question of its own, it kept its own answer).
_OPENERS = re.compile(
    r"^\s*(?:(?:ok|okay|ok+ay|right|alright|well|hmm+|oh|ah|wait)\b[\s,.!]*)*"
    r"(?:and|but|also|so|then|plus|what\s+about|how\s+about|what\s+else|and\s+what|anything\s+else)\b",
    re.IGNORECASE,
)
# A word leaving unsaid what it replaces or adds to ("who's going instead", "who else", "did they sign too"):
# the previous turn said it. "instead of meeting twitter" says it itself.
_ELLIPSIS = re.compile(r"\b(?:instead(?!\s+of\b)|else)\b|\b(?:either|too|as\s+well|again)\s*[?.!]*\s*$",
                       re.IGNORECASE)
ELLIPSIS_WORDS = 8  # words in all: a longer question says what it is about
# What makes a short question stand on its own: a figure, or a capitalised word after its first (a name).
_NAMES_SOMETHING = re.compile(r"\d|(?<=\S)\s+[\"'“‘(]?(?!I\b)[A-Z]")
# "why though?", "how long then": a trailing particle that answers the previous turn.
_CLOSERS = re.compile(r"\b(?:then|though|tho)\s*[?.!]*\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Expansion:
    """What a follow-up is searched for in addition to its own words."""

    text: str  # the question plus the borrowed words, for the dense encoder and for people to read
    added: tuple[str, ...]  # the borrowed words as they were written
    weights: Mapping[str, float] = field(default_factory=dict)  # borrowed lexical term -> weight (0..1]
    favoured_docs: tuple[str, ...] = ()  # articles the previous answer cited
    # Names the previous answer put right next to the words it was asked about ("the app Koo"): most
    # likely what "it" now refers to, so the answer layer treats them as the question's own words.
    answer_terms: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    # The question with its pronoun replaced by a guess at what it stands for ("are ministers going to move
    # to Koo?"): a meaning the borrowed words appended to the question ("... to it? made-in-India app Koo")
    # blur, but only a guess ("how seriously did the government take it?" meant the CEO's like, not him).
    resolved: str | None = None
    # The pronouns ("it", "that") the question gives nothing to refer to, as written (``Detection.references``).
    references: tuple[str, ...] = ()

    @property
    def refers(self) -> bool:
        """Whether the question has a pronoun it gives nothing to refer to."""
        return bool(self.references)

    @property
    def goes_on(self) -> bool:
        """Whether the question says itself that it goes on from the previous one (a pronoun with nothing to
        refer to in it, "and ..." or "what about ...", "... then"), not only that it names little: "who founded
        koo", three lowercase words, may as well start a new topic."""
        return any(r not in (VERY_SHORT_REASON, NO_TERM_REASON) for r in self.reasons)


@dataclass(frozen=True)
class Detection:
    follow_up: bool
    reasons: tuple[str, ...]
    references: tuple[str, ...] = ()  # a pronoun with nothing in the question to refer to (one of ``reasons``)


def idf_for_df(df: float, units: int) -> float:
    """The IDF the index gives a term found in ``df`` of ``units`` units (same formula as the index)."""
    return math.log(1 + (units - df + 0.5) / (df + 0.5))


def units_from_unknown(unknown_idf: float) -> int:
    """The index's unit count, recovered from the IDF it gives an unseen term (``log(1 + (n + .5) / .5)``)."""
    return max(1, round((math.exp(unknown_idf) - 1) * 0.5 - 0.5))


def detect(text: str, idf: Mapping[str, float], unknown_idf: float, context: FollowupContext | None) -> Detection:
    """Whether ``text`` leans on the earlier turns, and why (for logs and tests)."""
    if context is None or not context.turns:
        return Detection(False, ())
    reasons: list[str] = []
    if _OPENERS.match(text) or _CLOSERS.search(text):
        reasons.append("continues the previous question")
    elif (_ELLIPSIS.search(text) and len(words(text)) <= ELLIPSIS_WORDS
          and _NAMES_SOMETHING.search(text.strip()) is None):
        reasons.append("leaves unsaid what it goes on from")
    reference = unresolved_reference(text)
    if reference:
        reasons.append(f"“{reference}” refers to something earlier")
    references = (reference,) if reference else ()
    own = set(terms(text))
    units = units_from_unknown(unknown_idf)
    distinct_floor = idf_for_df(max(MIN_DISTINCT_DF, DISTINCT_SHARE * units), units)
    # A word the articles never use is distinctive too: it names something new ("France"), not "it". Words
    # that only ask name nothing when they are all there is: "tell", which no article uses, made "tell me
    # more" a question of its own, searched alone.
    fragment = len(words(text)) <= FRAGMENT_WORDS
    names_something = _NAMES_SOMETHING.search(text.strip()) is not None
    if not own - REQUEST_TERMS:
        reasons.append(VERY_SHORT_REASON)
    elif not any(idf.get(t, unknown_idf) >= distinct_floor for t in own):
        if len(own) <= VERY_SHORT:
            reasons.append(VERY_SHORT_REASON)
        elif fragment or not names_something:
            # Not a whole question naming its subject: "what did the Government of India ask twitter to block",
            # all common words, borrowed the earlier turn's "meity secretary" and was answered about him.
            reasons.append(NO_TERM_REASON)
    elif len(own - REQUEST_TERMS) <= VERY_SHORT and fragment and not names_something:
        # "used for what?", "in person?", "what did twitter do instead?": a few words, all lowercase and no
        # figure, are a fragment of the conversation even when a word is rare or one no article uses. Both
        # readings are searched (``Engine``), so a short question that stands alone keeps its own answer.
        reasons.append(VERY_SHORT_REASON)
    return Detection(bool(reasons), tuple(reasons), references)


def expand(
    text: str, idf: Mapping[str, float], unknown_idf: float, context: FollowupContext | None,
    typed: str | None = None,
) -> Expansion | None:
    """The words to add to a follow-up, weighted by rarity and recency; None for a standalone question.
    ``text`` is what is searched; ``typed``, the question as typed when that differs: either one leaning on
    the conversation makes a follow-up ("why tho" is searched as "why", and its "tho" still continues)."""
    detection = detect(text, idf, unknown_idf, context)
    if typed is not None and typed != text:
        also = detect(typed, idf, unknown_idf, context)
        detection = Detection(detection.follow_up or also.follow_up,
                              tuple(dict.fromkeys(detection.reasons + also.reasons)),
                              tuple(dict.fromkeys(detection.references + also.references)))
    if not detection.follow_up or context is None:
        return None
    # Words that only ask ("tell me more", "explain please") name nothing: "tell", which no article uses,
    # counted as a distinctive word of the question's own, and "tell me more" was searched alone.
    own = set(terms(text)) - REQUEST_TERMS
    units = units_from_unknown(unknown_idf)
    floor = idf_for_df(COMMON_SHARE * units, units)
    top = max(idf.values(), default=1.0) or 1.0
    every = list(context.turns[-MAX_TURNS:])
    turns = topic_turns(every, lambda q: _leans(q, detect(q, idf, unknown_idf, context)))
    candidates: dict[str, tuple[float, str, int]] = {}  # term -> (weight, surface word, order)
    answer_terms: dict[str, tuple[float, str, int]] = {}
    appositive: set[str] = set()
    order = 0
    for age, turn in enumerate(reversed(turns)):
        recency = DECAY**age
        for word, term, value in asked_words(turn.question, idf, floor):
            order += 1
            weight = recency * value / top
            if term not in own and weight > candidates.get(term, (0.0, "", 0))[0]:
                candidates[term] = (weight, word, order)
        if age == 0:
            # From the previous answer only names ("Koo", "MeitY"): what "it" or "he" most often stands for;
            # the name next to the question's own words is most likely the one the answer was about.
            asked = set(terms(turn.question))
            for sentence in turn.sentences:
                for word, term, value, distance in answer_names(sentence, idf, floor, asked):
                    if distance > APPOSITION:
                        # Only the name the answer gives the asked words (what it was about): any other name of
                        # its quotes is the bot's word, not the asker's ("why?" was searched "why? Trends", from
                        # "content, Trends, Tweets, and accounts"), as of a passage merely shown.
                        continue
                    order += 1
                    weight = ANSWER_WEIGHT * value / top / (1 + distance)
                    if term not in own and term not in candidates and weight > answer_terms.get(term, (0, "", 0))[0]:
                        answer_terms[term] = (weight, word, order)
                        appositive.add(term)
    if not candidates and turns:
        # "what did the government order twitter to do?" then "why?": every word asked before is common in
        # the articles, so none was borrowed, and "why" was told it names nothing. The words asked just
        # before are still what it means, common or not, with or without a name the answer gave.
        for word, term, value in asked_words(turns[-1].question, idf, 0.0):
            order += 1
            if term not in own and value / top > candidates.get(term, (0.0, "", 0))[0]:
                candidates[term] = (value / top, word, order)
    reference = unresolved_reference(text)
    # "he" is the person an earlier question named, though a question of another topic came since ("what is koo")
    person = person_referent(reference, [t.question for t in every], idf, [t.sentences for t in every])
    if person is not None and person[0] not in candidates and person[0] not in own and person != person_referent(
            reference, [t.question for t in turns], idf, [t.sentences for t in turns]):
        order += 1
        candidates[person[0]] = (DECAY * idf[person[0]] / top, person[1].split()[-1], order)
    chosen = sorted(candidates.items(), key=lambda kv: -kv[1][0])[:MAX_QUESTION_TERMS]
    chosen += sorted(answer_terms.items(), key=lambda kv: -kv[1][0])[:MAX_ANSWER_TERMS]
    # What "it" may stand for: the name borrowed from the previous answer, or the person asked about.
    antecedent = next((word for term, (_, word, _) in chosen if term in appositive and term in answer_terms), None)
    if turns:
        # A name the earlier question gave itself is what "it" or "they" goes on about; the answer's name
        # beside the words asked only when the question asked for one ("the made-in-India app mentioned": Koo).
        # The answer's name read "what did they blame that on", after "how slow was gatherly at answering
        # complaints in castavia?", as "what did Online blame that on" (its "Online Services Commission").
        previous = turns[-1]
        known = {term for _, term, _ in asked_words(previous.question, idf, floor)}
        thing = thing_referent(reference, previous.question, previous.sentences, known)
        # A plain noun phrase rather than a name: the phrase the name owns ("Lestria's new fact-check unit"),
        # the plural things the question asked about ("which groups ..."), the set "any of them" counts.
        phrase = (possessed(reference, previous.question, thing) if thing else None) or asked_plural(
            reference, previous.question, text)
        antecedent = phrase or thing or antecedent
        if dislocated(text):
            antecedent = None  # "and the police, what have they done?": the question says what "they" is
    if person is not None and person[0] in candidates:
        # "he" is this person, not a name the answer gave: a sentence naming them speaks of what was asked.
        appositive, antecedent = {person[0]}, person[1]
    elif stands_for_person(reference):
        # No person named earlier: the answer's name beside the words asked is as often a thing's, and "when did
        # his party complain about it" was read as "when did Progressive's party complain about it".
        antecedent = None
    if not chosen:
        return None
    chosen.sort(key=lambda kv: kv[1][2])  # in the order they were written, so the words read naturally
    added = tuple(_dedupe(word for _, (_, word, _) in chosen))
    last_answered = next((t for t in reversed(turns) if t.answered and t.doc_ids), None)
    return Expansion(
        text=f"{text.strip()} {' '.join(added)}",
        added=added,
        weights={term: round(weight, 4) for term, (weight, _, _) in chosen},
        favoured_docs=last_answered.doc_ids if last_answered else (),
        answer_terms=tuple(term for term, _ in chosen if term in appositive),
        reasons=detection.reasons,
        references=detection.references,
        resolved=resolve(text, reference, antecedent) if antecedent else None,
    )


def _leans(question: str, detection: Detection) -> bool:
    """Whether an earlier question leaned on the turns before it: it says it goes on ("and koo?", "when will he
    meet twitter?"), or it is a word or two ("why?"). A whole question of its own common words ("how many
    accounts were blocked?") started a topic of its own, though read as a follow-up when asked."""
    return len(words(question)) < TOPIC_WORDS or any(
        r not in (VERY_SHORT_REASON, NO_TERM_REASON) for r in detection.reasons)


def _dedupe(words: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for word in words:
        if word.lower() not in seen:
            seen.add(word.lower())
            out.append(word)
    return out
