"""A question's figures in digits written as the articles write them: "1178" or "1 178" for their "1,178".

The keyword index reads "1178" and "1,178" as one term, but the sentence encoder and the answer model read the
question as typed: "what were the 1178 accounts accused of?" was declined over the sentence giving "1,178
accounts ... flagged by security agencies", which answers "what were the 1,178 accounts accused of?". Only a
figure the articles give is rewritten, and only to a form they write it in; a European "1.178" only when it is
unambiguous: the articles give 1,178 and never 1.178 (or it has several groups, "1.178.000").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

# Digits with no separator, or grouped in threes by spaces or dots ("1178", "1 178", "1.178", "1.178.000").
# Not part of a word, a date ("8/2"), a decimal ("1.5") or a figure with commas ("1,178").
_DIGITS = re.compile(
    r"(?<![\w#/.,:])(?P<lead>\d{1,3})(?P<groups>(?:[ \u00a0\u202f]\d{3})+|(?:\.\d{3})+)(?![\w/]|[.,:]\d)"
    r"|(?<![\w#/.,:])(?P<bare>\d{4,})(?![\w/]|[.,:]\d)")
# A bare four-digit figure in this range may be a year ("in 2000"), which the articles never group.
_YEARS = range(1900, 2100)


def articles_forms(texts: Mapping[float, Counter[str]]) -> dict[float, str]:
    """Each figure the articles write in digits, with the form they write it in most often."""
    out: dict[float, str] = {}
    for value, forms in texts.items():
        digits = Counter({form: n for form, n in forms.items() if form[:1].isdigit()})
        if digits:
            out[value] = digits.most_common(1)[0][0]
    return out


def _value(match: re.Match[str], forms: Mapping[float, str]) -> float | None:
    """The figure ``match`` means, when the articles give it; None when it may mean another."""
    if match["bare"] is not None:
        value = float(match["bare"])
        return None if value in _YEARS else value
    groups = match["groups"]
    value = float(match["lead"] + re.sub(r"\D", "", groups))
    if groups.count(".") == 1 and float(match[0]) in forms:
        return None  # "1.178": the articles give the decimal too, so it may mean that
    return value


def as_written(text: str, texts: Mapping[float, Counter[str]], forms: Mapping[float, str]) -> str | None:
    """``text`` with each figure in digits that the articles give written as they most often write it, when
    they never write it as typed; None when nothing changed. ``texts``: each figure the articles give, with
    how often each written form of it occurs (``LoadedIndex.figure_texts``); ``forms``: ``articles_forms`` of
    them, read once per index (``LoadedIndex.figure_forms``), not on every question."""
    out, at = [], 0
    for match in _DIGITS.finditer(text):
        value = _value(match, forms)
        if value is None or value not in forms or match[0] in texts[value]:
            continue
        out += [text[at:match.start()], forms[value]]
        at = match.end()
    return "".join(out) + text[at:] if out else None
