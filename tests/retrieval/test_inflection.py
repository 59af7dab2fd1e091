"""The phrasal verbs' forms from lemminflect's English dictionary, checked against the hand-written inflector
they replace, for every verb of the table and every plain verb it is read as. They differ only where the hand
rules were wrong: a doubled last consonant they did not know ("submitted", "expelled", "deferred",
"beginning")."""

from __future__ import annotations

import pytest
from lemminflect import getInflection

from retrieval.phrasal import TABLE, forms

VERBS = sorted({entry.verb for entry in TABLE}
               | {plain.split()[0] for entry in TABLE for plain in entry.plain + (entry.removing or ())})
# What the library writes where the hand rules were wrong (base, third person, past, participle, -ing).
CORRECTED = {
    "begin": ("begin", "begins", "began", "begun", "beginning"),
    "defer": ("defer", "defers", "deferred", "deferred", "deferring"),
    "expel": ("expel", "expels", "expelled", "expelled", "expelling"),
    "submit": ("submit", "submits", "submitted", "submitted", "submitting"),
}


def _library(verb: str) -> tuple[str, str, str, str, str]:
    past = getInflection(verb, "VBD")[0]
    participles = getInflection(verb, "VBN")
    participle = past if past in participles else participles[0]  # "quit", not "quitted"
    return verb, getInflection(verb, "VBZ")[0], past, participle, getInflection(verb, "VBG")[0]


@pytest.mark.parametrize("verb", VERBS)
def test_the_library_inflects_as_the_hand_rules(verb: str) -> None:
    assert _library(verb) == CORRECTED.get(verb, forms(verb))
