"""Spotting figures and dates inside a sentence, for count and "when" questions."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_NUMBER = re.compile(
    r"(?<![\w#/])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:per\s*cent|percent|%))?(?![\w/])"
    r"|\b(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b",
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
    dates = [(m.start(), m.end()) for m in _DATE.finditer(sentence)]
    found: list[Figure] = []
    for match in _NUMBER.finditer(sentence):
        if any(s <= match.start() < e for s, e in dates):
            continue
        raw = match.group("num")
        if raw is not None:
            if _YEAR.match(raw) and "," not in raw:
                continue
            value = float(raw.replace(",", ""))
        else:
            word = match.group("word").lower()
            if word == "one":  # "one of the", "no one": almost never a count
                continue
            value = float(_NUMBER_WORDS[word])
        found.append(Figure(value, match.group(0), match.start(), match.end()))
    return found


def figures_near(sentence: str, focus: list[str]) -> list[Figure]:
    """Figures within a few words of a focus term; with no focus, every figure."""
    all_figures = figures(sentence)
    if not focus:
        return all_figures
    wanted = set(focus)
    positions: list[int] = []
    words = list(re.finditer(r"\S+", sentence))
    for i, w in enumerate(words):
        if wanted.intersection(terms(w.group(0))):
            positions.append(i)
    if not positions:
        return []
    near: list[Figure] = []
    for fig in all_figures:
        idx = next((i for i, w in enumerate(words) if w.start() <= fig.start < w.end()), None)
        if idx is not None and any(abs(idx - p) <= NEAR for p in positions):
            near.append(fig)
    return near


def window_around(sentence: str, figure: Figure, words: int = NEAR) -> str:
    """The few words either side of a figure: what the figure is a figure of."""
    before = sentence[: figure.start].split()[-words:]
    after = sentence[figure.end :].split()[:words]
    return " ".join([*before, figure.text, *after])


def has_date(sentence: str) -> bool:
    return _DATE.search(sentence) is not None
