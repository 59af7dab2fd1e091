"""Whether a text is written mostly in a script other than Latin (Devanagari, say): the keyword index reads Latin
letters and the default model English, so such words can't be looked up.

One rule for an added article (``index.add_notes``: added with a note that it will rarely be found) and a question
(``retrieval.wording``: told to ask in English). A question naming nothing but holding one letter of another
script ("what is π?", "µ") was told to ask in English, as if written in Hindi."""

from __future__ import annotations

import re
import unicodedata

# Below this share of Latin letters a text is in another script.
MIN_LATIN_SHARE = 0.5


def mostly_in_another_script(text: str) -> bool:
    """Whether under ``MIN_LATIN_SHARE`` of the letters of ``text`` are Latin ("é" is; "π", "µ", "क" are not). A text
    without letters is in no script."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    return latin / len(letters) < MIN_LATIN_SHARE


# A danda or double danda (Devanagari and the scripts that borrow it: Hindi, Marathi, Bengali …) ending a
# sentence, before the next one's first word. pysbd's English rules know only ".", "?" and "!".
_DANDA_END = re.compile(r"[।॥][\"'”’)]*(?=\s+\S)")


def at_dandas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence ``text[start:end]`` split after each danda that ends a sentence inside it: a Hindi paragraph
    of three sentences was one quote, read and searched whole."""
    out: list[tuple[int, int]] = []
    for found in _DANDA_END.finditer(text, start, end):
        out.append((start, found.end()))
        start = found.end()
        while start < end and text[start].isspace():
            start += 1
    return [*out, (start, end)]
