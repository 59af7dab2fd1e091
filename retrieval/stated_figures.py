"""The figures a question states, read as chat writes them, and whether the articles give one it could mean.

A question's own figure is a premise (``retrieval.reach.unknown_figures``): one no article gives is named in a
decline rather than confirmed with another figure. Chat rarely states a figure exactly. It rounds ("about 1200
accounts?" for 1,178), bounds ("were over a thousand accounts blocked?") and writes figures in words, Indian
English ones too ("five hundred", "a lakh", "2 crore", "1.2k"). Read digit for digit, each of these was declined
with "The articles never give the figure hundred (or 1200, or thousand) that the question names" over the
passage giving 1,178 or 500, which is the answer. A figure that only a round, hedged or bounded reading matches is
given; an exact one ("block 1,200 accounts", "10,000 accounts") still has to be given as stated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from index.figures import figures

# A word multiplying the figure before it ("five hundred", "2 lakh"), or standing for one with "a"/"an" ("a
# thousand", "a lakh"). "k" only right after digits ("1.2k", "5k"): alone it is a letter.
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000,
                "crores": 10_000_000, "million": 1_000_000, "billion": 1_000_000_000}
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
          "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1}
_COMPOUND = re.compile(
    r"(?<![\w.,])(?:(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<k>k)\b"
    r"|(?:(?P<lead>\d+(?:\.\d+)?|" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r")[\s-]+)?"
    r"(?P<mult>" + "|".join(sorted(_MULTIPLIERS, key=len, reverse=True)) + r"))\b",
    re.IGNORECASE,
)
# Words before a figure that say it is rounded or a bound, not exact: "about 1200", "over a thousand", "~500".
_HEDGE = re.compile(
    r"(?:(?P<about>about|around|roughly|approximately|approx\.?|nearly|almost|close\s+to|some|circa|~|abt|like)"
    r"|(?P<over>over|more\s+than|above|at\s+least|upwards\s+of|in\s+excess\s+of|>)"
    r"|(?P<under>under|less\s+than|fewer\s+than|below|at\s+most|up\s+to|<))\s*$",
    re.IGNORECASE,
)
ABOUT = 0.1  # "about X" fits a figure within a tenth of X either side: "about 1200" is 1,178
ROUNDED_FROM = 100  # a figure from here up ending in zeros may be a rounding ("1000 accounts" for 1,178)


@dataclass(frozen=True)
class Stated:
    value: float
    text: str  # as written: what a decline names
    hedge: str  # "exact", "about", "over" or "under"
    start: int
    end: int  # the figure's span in the question, with the hedge before it ("over a thousand")

    @property
    def in_words(self) -> bool:
        """Written in words or as thousands ("five hundred", "a thousand", "1.2k"): a figure rounded by its writer."""
        return not self.text[0].isdigit() or self.text.lower().endswith("k")


def stated_figures(text: str) -> list[Stated]:
    """The figures ``text`` states, a compound in words read as one ("five hundred": 500), each with how it is
    hedged. Dates, years and hashtags are no figures (``index.figures``)."""
    compounds: list[tuple[int, int, float]] = []
    for m in _COMPOUND.finditer(text):
        if m["k"]:
            value = float(m["digits"].replace(",", "")) * 1_000
        else:
            lead = (m["lead"] or "").lower()
            if not lead:
                continue  # "hundred", "lakhs of" alone: index.figures reads them as ever (or not at all)
            value = float(_SMALL.get(lead) or lead) * _MULTIPLIERS[m["mult"].lower()]
        compounds.append((m.start(), m.end(), value))
    found = list(compounds)
    found += [(f.start, f.end, f.value) for f in figures(text)
              if not any(s <= f.start < e for s, e, _ in compounds)]
    out = []
    for s, e, v in sorted(found):
        hedge = _HEDGE.search(text[:s])
        kind = "exact" if hedge is None else next(k for k in ("about", "over", "under") if hedge[k] is not None)
        out.append(Stated(v, text[s:e], kind, hedge.start() if hedge else s, e))
    return out


def _rounded(figure: float, known: float) -> bool:
    """Whether ``known`` rounds to ``figure`` at the figure's own precision (1,178 to 1000 or 1200)."""
    if figure < ROUNDED_FROM or figure != int(figure):
        return False
    step = 1
    while figure % (step * 10) == 0:
        step *= 10
    return step >= 100 and abs(known - figure) * 2 < step  # "250" is as likely exact as rounded


def _fits(figure: Stated, value: float) -> bool:
    if figure.hedge == "over":
        return value > figure.value
    if figure.hedge == "under":
        return value < figure.value
    return _rounded(figure.value, value) or abs(value - figure.value) <= ABOUT * figure.value


def meant(figure: Stated, known: Iterable[float]) -> float | None:
    """The figure the articles give that the question's could mean: the same; or, for one hedged ("about 1200",
    "over a thousand") or written in words ("a thousand"), the nearest one it allows. A figure in digits with
    no hedge ("1000 accounts") is exact: "did twitter suspend 1000 accounts" is no question about 1,178."""
    values = set(known)
    if figure.value in values:
        return figure.value
    if figure.hedge == "exact" and not figure.in_words:
        return None
    fitting = [v for v in values if _fits(figure, v)]
    return min(fitting, key=lambda v: abs(v - figure.value)) if fitting else None


def given(figure: Stated, known: Iterable[float]) -> bool:
    """Whether the articles give a figure the question could mean (``meant``)."""
    return meant(figure, known) is not None


def as_given(text: str, known: Iterable[float], least: float) -> str | None:
    """``text`` with each hedged or worded figure from ``least`` up that the articles give only as another
    (``meant``) written as they give it, its hedge dropped ("were over a thousand accounts blocked" is searched as
    "were 1,178 accounts blocked"); None when there is none. Searched as typed, "thousand" and "1200" were words
    no article uses, counted against every sentence, and the question was declined over the one giving 1,178."""
    values = set(known)
    out, at = [], 0
    for figure in stated_figures(text):
        value = meant(figure, values) if figure.value >= least else None
        if value is None or value == figure.value:
            continue
        out += [text[at:figure.start], f"{value:,.0f}" if value == int(value) else f"{value:,}"]
        at = figure.end
    return "".join(out) + text[at:] if out else None
