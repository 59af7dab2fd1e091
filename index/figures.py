"""Spotting figures and dates inside a sentence, for count and "when" questions.

It lives in ``index`` because the words around each figure are embedded at build time (a count question
then needs no extra encoding); ``retrieval`` uses the same functions to read sentences at question time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from index.lexical import terms

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "thousand": 1000, "dozen": 12, "dozens": 12, "hundreds": 100, "thousands": 1000,
    "million": 1_000_000, "millions": 1_000_000, "billion": 1_000_000_000,
}
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# A figure said as a multiple: "grew twelvefold", "doubled", "halved" answer "by how much" as "by 12 times" does.
_MULTIPLE_VERBS = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}
_NUMBER = re.compile(
    r"(?<![\w#/])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:per\s*cent|percent|%))?(?![\w/])"
    r"|\b(?P<fold>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")fold\b"
    r"|\b(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
    r"|\b(?P<multiple>" + "|".join(_MULTIPLE_VERBS) + r")\b(?!\s+down\b)",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    rf"|(?:in|since|from|until|by)\s+(?:{_MONTHS})\b(?:\s+\d{{4}})?"
    rf"|(?:on|last|this|next)\s+(?:{_WEEKDAYS})\b"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:in|since|by)\s+(?:19|20)\d{{2}}\b)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
# A figure counts only when it sits this close to what the question counts: "257 accounts", "two were
# emergency blocking orders".
NEAR = 6


@dataclass(frozen=True)
class Figure:
    value: float
    text: str
    start: int
    end: int


def figures(sentence: str) -> list[Figure]:
    """Numbers in the sentence, written as digits or words; years, dates and hashtags are not figures."""
    return list(_figures(sentence))


# Answering one question reads the same few hundred sentences several times: remember the results.
@lru_cache(maxsize=16_384)
def _figures(sentence: str) -> tuple[Figure, ...]:
    # Date matches never overlap and come in order: the last one starting at or before a number is the only
    # one that can hold it. Scanning them all per number made a whole article's figures (the question-time
    # check of which figures the articles give) quadratic: 17 s for one 950 KB article.
    dates = [(m.start(), m.end()) for m in _DATE.finditer(sentence)]
    starts = [s for s, _ in dates]
    found: list[Figure] = []
    for match in _NUMBER.finditer(sentence):
        i = bisect_right(starts, match.start()) - 1
        if i >= 0 and match.start() < dates[i][1]:
            continue
        raw = match.group("num")
        if raw is not None:
            if _YEAR.match(raw) and "," not in raw:
                continue
            value = float(raw.replace(",", ""))
        elif match.group("fold") is not None:
            value = float(_NUMBER_WORDS[match.group("fold").lower()])
        elif match.group("multiple") is not None:
            value = _MULTIPLE_VERBS[match.group("multiple").lower()]
        else:
            word = match.group("word").lower()
            if word == "one":  # "one of the", "no one": almost never a count
                continue
            value = float(_NUMBER_WORDS[word])
        found.append(Figure(value, match.group(0), match.start(), match.end()))
    return tuple(found)


def figures_near(sentence: str, focus: list[str]) -> list[Figure]:
    """Figures within a few words of a focus term; with no focus, every figure."""
    return list(_figures_near(sentence, tuple(focus)))


@lru_cache(maxsize=65_536)
def _word_terms(word: str) -> frozenset[str]:
    return frozenset(terms(word))


@lru_cache(maxsize=16_384)
def _figures_near(sentence: str, focus: tuple[str, ...]) -> tuple[Figure, ...]:
    all_figures = _figures(sentence)
    if not focus or not all_figures:
        return all_figures
    wanted = set(focus)
    words = list(re.finditer(r"\S+", sentence))
    positions = [i for i, w in enumerate(words) if wanted.intersection(_word_terms(w.group(0)))]
    if not positions:
        return ()
    near: list[Figure] = []
    for fig in all_figures:
        idx = next((i for i, w in enumerate(words) if w.start() <= fig.start < w.end()), None)
        if idx is not None and any(abs(idx - p) <= NEAR for p in positions):
            near.append(fig)
    return tuple(near)


def window_around(sentence: str, figure: Figure, words: int = NEAR) -> str:
    """The few words either side of a figure: what the figure is a figure of."""
    before = sentence[: figure.start].split()[-words:]
    after = sentence[figure.end :].split()[:words]
    return " ".join([*before, figure.text, *after])


# Words either side of a figure that say what it counts ("asked Twitter to block 257 accounts using the").
WINDOW_WORDS = 3


def figure_windows(sentence: str) -> list[tuple[Figure, str]]:
    """Each figure of the sentence with the few words around it: the texts embedded at build time."""
    return [(fig, window_around(sentence, fig, WINDOW_WORDS)) for fig in figures(sentence)]


def has_date(sentence: str) -> bool:
    return _DATE.search(sentence) is not None


def date_span(sentence: str) -> tuple[int, int] | None:
    """Where the sentence's first date is ("on March 28", "in 2019"): what a quote of a "when" answer keeps."""
    match = _DATE.search(sentence)
    return (match.start(), match.end()) if match else None
