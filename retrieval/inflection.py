"""A verb's five forms (base, third person, past, past participle, -ing), from lemminflect's English dictionary.

The phrasal verbs' table (``retrieval.phrasal``) reads a question's verb in any form ("kicked", "took") and writes
its plain verb in the same one ("taken effect"). Hand-written rules for that missed a doubled last consonant they
did not list ("submited", "expeled"); the library knows each verb's spelling, and inflects one it does not know by
the regular rules. Its dictionary is read on the first call (about 0.2 s), not on import.
"""

from __future__ import annotations

from functools import cache

from lemminflect import getInflection

BASE, THIRD, PAST, PARTICIPLE, ING = range(5)
Forms = tuple[str, str, str, str, str]


@cache
def forms(verb: str) -> Forms:
    """``verb``'s base, third person, past, past participle and -ing forms. Where the dictionary lists more than
    one participle and one of them is the past's spelling, that one ("quit", not the older "quitted")."""
    past = getInflection(verb, "VBD")[0]
    participles = getInflection(verb, "VBN") or (past,)
    participle = past if past in participles else participles[0]
    return verb, getInflection(verb, "VBZ")[0], past, participle, getInflection(verb, "VBG")[0]


def form_of(word: str, verb: str) -> int | None:
    """Which form of ``verb`` ``word`` is (``BASE``...``ING``), or None."""
    found = [i for i, form in enumerate(forms(verb)) if form == word]
    return found[0] if found else None
