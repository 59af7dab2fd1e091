"""A year's statistic: a count a sentence gives for a whole year or a part of one, which is no happening of it.

"In 2023 the platform received 4,100 government requests" and "In the first half of 2023, Veltria sent 1,900
takedown demands" sum up many happenings over the period they name: a figure, which a question about it finds,
not an event the timeline can show on that period's line next to "In 2019 the law was amended". Read as events,
each was a timeline line of its year. A count of things (a hundred or more, or a share: "rose 40%") with a year or
a part of a year dates nothing of its sentence (``index.coarse_dates``); a day, a week or a month still does ("On
March 3 the ministry ordered 1,178 accounts blocked" is one order), and so does a sum of money ("was fined 2
million crowns in 2022" is one fine) or a span of time ("300 days").
"""

from __future__ import annotations

import re

# A figure, not part of a larger number, an amount of money ("$4,100", "₹2 crore") or a day ("3/5").
_NUMBER = re.compile(r"(?<![\w.,$€£₹¥/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d/]|[.,]\d)")
_SHARE = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)
# A figure's magnitude word and its worth ("4.1 million"); ``retrieval.money_sums`` reads sums by them too.
MAGNITUDES = {"hundred": 100.0, "thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7, "billion": 1e9}
_MAGNITUDE = re.compile(rf"\s+({'|'.join(MAGNITUDES)})s?\b", re.IGNORECASE)
# What is counted: a plural noun within two words ("4,100 government requests", "86,000 posts").
_COUNTED = re.compile(r"\s+(?:[A-Za-z-]+\s+){0,2}?([A-Za-z]+s)\b")
_YEAR = re.compile(r"(?:19|20)\d{2}")
# A currency's name in the plural a sum is written with ("2 million euros"); ``retrieval.money_sums`` reads them.
CURRENCY_WORDS = frozenset((
    "dollars", "euros", "pounds", "rupees", "crowns", "kronor", "kroner", "marks", "francs", "pesos", "reais",
    "rubles", "roubles", "yen", "yuan", "lira", "liras", "dinars", "dirhams", "riyals", "shillings", "zlotys",
    "forints", "rands", "takas", "florins", "guilders", "ducats", "rials", "kyats", "cents", "pence",
))
# Not things counted: money (a currency's name), time (a span), and words ending in "s" that are no plural.
_NOT_COUNTED = CURRENCY_WORDS | frozenset((
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades",
    "was", "has", "is", "its", "this", "his", "as", "us", "does", "thus", "plus", "less", "across", "whereas",
))
_LEAST = 100  # a count of fewer things may be one happening's ("two officials resigned")


def counted_noun(word: str) -> bool:
    """Whether ``word``, right after a figure, is a thing counted ("accounts", "handles"): a plural, not money, a
    span of time or a word ending in "s" that is no plural (``_NOT_COUNTED``)."""
    return word.lower() not in _NOT_COUNTED and re.fullmatch(r"[A-Za-z][A-Za-z-]*[^su'’]s", word) is not None


def counts(sentence: str) -> set[tuple[float, str]]:
    """The counts of things ``sentence`` gives, each as (figure, what it counts): "300 accounts" is (300.0,
    "accounts"), "4.1 million posts" (4100000.0, "posts"); a share is (its figure, "%"). Not a year, a sum of
    money or a span of time (``_NOT_COUNTED``)."""
    found: set[tuple[float, str]] = set()
    for number in _NUMBER.finditer(sentence):
        text = number.group(1)
        if _YEAR.fullmatch(text):
            continue
        after = sentence[number.end():]
        value = float(text.replace(",", ""))
        if _SHARE.match(after):
            found.add((value, "%"))
            continue
        if magnitude := _MAGNITUDE.match(after):
            value = round(value * MAGNITUDES[magnitude.group(1).lower()], 6)
            after = after[magnitude.end():]
        counted = _COUNTED.match(after)
        if counted is not None and counted.group(1).lower() not in _NOT_COUNTED:
            found.add((value, counted.group(1).lower()))
    return found


def counts_for_period(sentence: str) -> bool:
    """Whether ``sentence`` gives a count of things (``_LEAST`` or more) or a share: with only a year or a part of
    one to date it, a statistic of that period (module docstring)."""
    return any(what == "%" or value >= _LEAST for value, what in counts(sentence))
