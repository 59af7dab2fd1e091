"""The sums of money a sentence gives, so that two fines of different sums are told apart as two counts are.

``index.period_figures.counts`` leaves money out on purpose (a fine is one happening, not a year's statistic), so
two reports of one day alike in all but their sums ("Tessary fined Bramblr 2 million euros", "Tessary fined
Chirrup 5 million euros") shared one line of the timeline: nothing told them apart. Read here as counts of their
currency, two different sums in one currency part them, and one sum in common tells one happening, as a figure in
common does (``retrieval.timeline_happenings``).
"""

from __future__ import annotations

import re

from index.period_figures import CURRENCY_WORDS, MAGNITUDES

MONEY = "money:"  # what a sum counts: "money:" and its currency's plural name
_FIGURE = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
# The magnitude words counts are read by ("2 million euros"), and the short forms sums are written with ("£20m").
_SHORT = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
_MAGNITUDES = {**MAGNITUDES, **_SHORT}
_MAGNITUDE = rf"(?:\s*({'|'.join(_SHORT)})\b|\s+({'|'.join(MAGNITUDES)})s?\b)?"
# A symbol or code written before the figure ("$4,100", "₹2 crore", "Rs. 50 lakh", "EUR 3m").
_SIGNS = {"$": "dollars", "us$": "dollars", "usd": "dollars", "€": "euros", "eur": "euros", "£": "pounds",
          "gbp": "pounds", "₹": "rupees", "rs": "rupees", "rs.": "rupees", "inr": "rupees", "¥": "yen"}
_BEFORE = re.compile(r"(?<![\w$€£₹¥])(US\$|\$|€|£|₹|¥|(?:Rs\.?|INR|USD|EUR|GBP)(?=\s?\d))\s?" + _FIGURE + _MAGNITUDE,
                     re.IGNORECASE)
# A currency's name after it, in the plural or as a word before the noun ("2 million euros", "a 5 million euro fine").
_STEMS = sorted({word[:-1] if word.endswith("s") else word for word in CURRENCY_WORDS}, key=len, reverse=True)
_AFTER = re.compile(r"(?<![\w.,$€£₹¥/-])" + _FIGURE + _MAGNITUDE + r"\s+(" + "|".join(_STEMS) + r")s?\b",
                    re.IGNORECASE)


def _value(figure: str, short: str | None, long: str | None) -> float:
    magnitude = (short or long or "").lower()
    return round(float(figure.replace(",", "")) * _MAGNITUDES.get(magnitude, 1.0), 6)


def _currency(stem: str) -> str:
    plural = stem.lower() + "s"
    return plural if plural in CURRENCY_WORDS else stem.lower()


def sums(sentence: str) -> set[tuple[float, str]]:
    """Each sum ``sentence`` gives as (amount, "money:" + its currency's plural name): "$1.5 million" is
    (1500000.0, "money:dollars"), "Rs 50 lakh" (5000000.0, "money:rupees")."""
    found: set[tuple[float, str]] = set()
    for match in _BEFORE.finditer(sentence):
        sign, figure, short, long = match.groups()
        found.add((_value(figure, short, long), MONEY + _SIGNS[sign.lower().strip()]))
    for match in _AFTER.finditer(sentence):
        figure, short, long, stem = match.groups()
        found.add((_value(figure, short, long), MONEY + _currency(stem)))
    return found
