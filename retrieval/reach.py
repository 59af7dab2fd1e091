"""What the articles reach: the checks a decline's wording rests on. Which of the question's words the
articles never use (the one thing a decline may assert as fact), which period the articles cover (for a
question about another year), and which of the question's figures no article gives (a premise to name, not
an answer to confirm with another figure)."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import cache

import simplemma

from index.dates import day_words
from index.lexical import terms, words
from retrieval.figure_forms import as_written
from retrieval.loaded import LoadedIndex
from retrieval.question import REQUEST_TERMS, Question
from retrieval.shorthand import plain_words
from retrieval.stated_figures import as_given, given, stated_figures

# Words that only build the sentence in chat ("doesn't", "gonna", "what's going on") or pad it ("how many
# exactly", "the 69A thing", "ok thanks. who is ..."): true to say no article uses them, but no help to the
# asker ("the articles never use the word “doesn't”"), and "how many exactly", which names nothing else, is
# no question they don't cover.
_GRAMMAR = re.compile(
    r"(?:do|does|did|is|are|was|were|wo|ca|can|could|should|would|has|have|had|ai|need|must|might)n['’]?t"
    r"|gonna|wanna|gotta|going|lets|let['’]s"
    r"|exactly|actually|basically|really|literally|just|kinda|sorta|anyway|anyways|lol|lmao|pls|plz|thing|things"
    r"|stuff|ok|okay|thanks|thank|thx|ty|hey|hi|hello|yo|hmm+|please|btw|tbh|idk|ya|yeah|yep|nope|cool|wow",
    re.IGNORECASE)


def absent_words(index: LoadedIndex, question: Question) -> tuple[list[str], bool]:
    """The question's words, as typed, that no article uses ("calories", "banana"; or the "nuke"
    of chat, or a typo), and whether that is every one of its search words. Only this is evidence enough
    for a decline to assert something: the answer model's probability is not. Held out, about half the
    on-topic questions it scored lowest were answerable, worded in terms their article doesn't use, while a
    word no article uses is a checked fact, and one the asker can act on by rewording."""
    asked = [t for t in dict.fromkeys(question.terms) if t not in REQUEST_TERMS]
    missing = {t for t in asked if t not in index.idf and not _another_form_used(index, t)}
    shown: dict[str, str] = {}
    written = words(question.text)
    for at, word in enumerate(written):
        term = terms(word)
        if term and term[0] in missing and _worth_naming(word, written[at - 1] if at else ""):
            shown.setdefault(term[0], word)
    return list(shown.values()), bool(asked) and len(missing) == len(asked)


def _worth_naming(word: str, before: str) -> bool:
    """Whether a decline should name ``word`` as one the articles never use: not chat's grammar or padding,
    not an English function word ("did anyone get arrested" named "anyone" and "get"; scikit-learn's list),
    not a letter ("the U.S." named "U"), not the word that makes "how" ask ("how long", "how far"), and not
    chat's shorthand ("wat", "tho", "ppl": the asker knows what they meant)."""
    return not (_GRAMMAR.fullmatch(word) or word.lower() in _function_words() or len(word) < 2
                or before.lower() == "how" or plain_words(word) is not None)


@cache
def _function_words() -> frozenset[str]:
    """scikit-learn's English stop words, imported on the first decline that names words (a second's import
    and 60 MB the bot's questions otherwise never pay; the knowledge-gap report pays it the same way)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


# How many letters a word the articles use may run past the asked one and still be its form: "founder" for
# "founded" (stemmed "found"), "protester" for "protest". The stemmer leaves such agent nouns apart.
FORM_SUFFIX = 3
MIN_FORM_STEM = 4  # "ban" is no form of "bank"


def _another_form_used(index: LoadedIndex, term: str) -> bool:
    """Whether the articles use a longer form of ``term``: "who founded it?" was told the articles never use
    "founded" and likely don't cover it, above a passage naming the app's co-founder."""
    if len(term) < MIN_FORM_STEM:
        return False
    vocabulary = index.sorted_terms
    at = bisect_left(vocabulary, term)
    while at < len(vocabulary) and vocabulary[at].startswith(term):  # every term it begins, in order
        if len(vocabulary[at]) - len(term) <= FORM_SUFFIX:
            return True
        at += 1
    return False


# A bare four-digit number is a year when a word of time leads to it ("in 2019", "since 2017", "until
# 2022"); "block 2000 accounts" counts accounts, and declining it for the year 2000 told the asker which
# period the articles cover instead of that no article gives the figure.
_YEAR = re.compile(
    r"\b(?:in|since|during|of|by|before|after|until|till|from|to|between|and|early|late|mid|year|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)[\s,-]+"
    r"((?:19|20)\d\d)\b(?![,.]\d)",
    re.IGNORECASE,
)


def _years(question: Question) -> set[int]:
    return {int(m.group(1)) for m in _YEAR.finditer(question.text)}


def unreached_years(index: LoadedIndex, question: Question) -> bool:
    """The question asks only about years outside the period the articles cover, and no article so much as
    writes one of them. Answered, "what did twitter do in 2019?" got a sentence about February 2021 as if
    it told what happened in 2019; a year an article does write ("since 2017") may still be answered."""
    return bool(period_note(index, question))


def period_note(index: LoadedIndex, question: Question) -> str:
    """When the question names only years the articles don't cover ("what happened in 2022"), and no article so
    much as writes one of them, say which period they do cover: the decline is about the articles' reach, not the
    question. A year an article writes is within it: a podcast of March 2021 saying "That's up from 1,090 in 2019"
    was declined for "how many orders were issued in 2019" with "The articles cover 10 January 2021 to …"."""
    years = _years(question)
    if any(str(y) in index.idf for y in years):
        return ""
    period = index.period if years else None
    if period is None or any(int(period[0][:4]) <= y <= int(period[1][:4]) for y in years):
        return ""
    return " " + _covered_words(period)  # the period already found, not looked up again


def period_covered(index: LoadedIndex) -> str:
    """"The articles cover 26 January 2021 to 14 February 2021.", or "" when nothing is dated: said where
    a question or a timeline topic asks about a time the articles have nothing on."""
    return _covered_words(index.period)


def _covered_words(period: tuple[str, str] | None) -> str:
    if period is None:
        return ""
    first, last = (date.fromisoformat(d) for d in period)
    return f"The articles cover {day_words(first)} to {day_words(last)}."


# A question's own figure from this size up is a claim about the story ("why did twitter delete 10,000
# accounts"); smaller ones are as often a phrase ("in 3 days", "the 2 orders" written "two").
PREMISE_FIGURE = 10


def unknown_figures(index: LoadedIndex, question: Question) -> list[str]:
    """Figures the question states that no article gives. Answered, such a question got a sentence with
    another figure ("around 250 accounts") as if it confirmed the question's; declined, it is told which
    figure the articles never give, and the closest passages show what they do say."""
    # "1 178" is read as the articles write it ("1,178"), not as 1 and 178
    written = as_written(question.text, index.figure_texts, index.figure_forms) or question.text
    stated = [f for f in stated_figures(written) if f.value >= PREMISE_FIGURE]
    if not stated:
        return []
    known = index.figure_values
    return [f.text for f in stated if not given(f, known)]


def figures_as_given(text: str, index: LoadedIndex) -> str | None:
    """``text`` with its hedged or worded figures written as the articles give them (``as_given``)."""
    return as_given(text, index.figure_values, PREMISE_FIGURE)


# Where a two-letter acronym stands for a place or a body: after "the", in any case ("did the US ask", "in the
# us"), or in capitals after a preposition ("from EU officials"; "to us" is the pronoun). Elsewhere capitals are
# often a stop word typed for emphasis or from habit: a message's opening "NO idea, …", "why IS twitter …", a
# time's "9 AM".
_NAMED_ACRONYM = re.compile(
    r"\b(?:(?i:the)\s+([A-Za-z]{2})"
    r"|(?i:in|into|inside|outside|from|of|by|to|for|with|against|across|within|at|on)\s+([A-Z]{2}))\b")


def unknown_acronyms(index: LoadedIndex, question: Question) -> list[str]:
    """Two-letter acronyms the question names where a name stands (``_NAMED_ACRONYM``) that are stop words in
    lower case ("US", "IT") and that no article writes. Such a word is a country or a body the articles never
    mention, yet as one word of several it weighs little against the rest: "how many accounts did twitter block
    in the us" was answered with the Indian government's orders (1,178 accounts) over articles that never
    mention the US."""
    named = {(m.group(1) or m.group(2)).lower() for m in _NAMED_ACRONYM.finditer(question.text)}
    return [t.upper() for t in dict.fromkeys(question.terms)
            if t in named and not terms(t) and t not in index.idf]


# Who a question says spoke: "what did X say/tell/announce …", "how did X react", "according to X, …". The
# articles can't report words of someone they never name.
_SPEAKER = re.compile(
    r"\bwhat\s+(?:did|does|do|has|have|had|will|would)\s+(?P<who>[^?.!,]{1,60}?)\s+"
    r"(?:say|said|tell|told|claim|announce|write|tweet|post|state|add|reply|respond)\b"
    r"|\bhow\s+(?:did|does|has|have)\s+(?P<reacted>[^?.!,]{1,60}?)\s+(?:react|respond|reply)\b"
    r"|\baccording\s+to\s+(?P<source>[^?.!,]{1,60})",
    re.IGNORECASE)
# Words for the articles themselves or whoever wrote them ("according to the piece, …", "what did the writer
# say about …"): the asker means the articles, which the answer quotes, not someone they must name.
_THE_ARTICLES = frozenset(terms("piece pieces writeup text page site website paper newspaper author authors writer "
                                "writers reporter reporters outlet publication"))
_NO_SPEAKER = REQUEST_TERMS | _THE_ARTICLES


def unknown_speakers(index: LoadedIndex, question: Question) -> list[str]:
    """The words naming who the question says spoke that no article uses, in any form ("founder" in "what did
    koo's founder say about ministers moving to koo", "Shah" in "according to Amit Shah, …"). A speaker is the
    question's premise: one word of several, it weighed little against the rest, and "what did koo's founder
    say …" was answered with a report that ministers will shift to Koo, which no founder said. Only words the
    question is searched for count, and of those only an English word or a capitalised name: a typo ("the
    ministery", one slip from both "ministry" and "minister", so not mended before the search) names no one
    else, and "what did the ministery say about the blog post" was answered before this check declined it."""
    searched = set(question.terms)
    found = _SPEAKER.search(question.text)
    if found is None:
        return []
    who = next(g for g in found.groups() if g is not None)
    unknown: list[str] = []
    for word in words(who):
        term = terms(word)
        if (term and term[0] in searched and term[0] not in _NO_SPEAKER and term[0] not in index.idf
                and not _another_form_used(index, term[0])
                and (word.istitle() or simplemma.is_known(word.lower(), lang="en"))):
            unknown.append(word)
    return unknown
