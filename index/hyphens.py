"""A word hyphenated across a line break, as a PDF or a justified paste breaks it ("Information Tech-" over
"nology Act"): one word, mended, unless the article writes it with a hyphen elsewhere ("micro-blogging") or
what follows the hyphen is no lower-case word ("COVID-" "19", "Indo-" "Pacific"). Left as written, the quote read
"Information Tech- nology Act" and neither half was a word anyone searches for. Shared by PDF text
(``index.pdf_text``) and wrapped text files (``mended``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.chunking import WRAPPED_LINE_MIN, is_wrapped

_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_NEXT_WORD = re.compile(r"[^\W\d_]+")
# A wrapped line (as long as ``index.chunking``'s soft breaks) ending on a word broken by a hyphen, and the rest
# of the word opening the next line.
_BROKEN_END = re.compile(r"(?<![^\W\d_])(?P<head>[^\W\d_]+)-(?P<eol>\r?\n)\Z")
_REST = re.compile(r"\w\S*")


def hyphenated_words(lines: Iterable[str]) -> set[str]:
    """The hyphenated words ``lines`` write within a line, in lower case: those stay hyphenated across a break."""
    return {word.lower() for line in lines for word in _HYPHENATED.findall(line)}


def is_broken_word(head: str, tail: str, hyphenated: set[str]) -> bool:
    """Whether ``head`` (a line's last word, before its hyphen) and ``tail`` (the next line) are one word broken
    by the line break, not a hyphenated word."""
    rest = _NEXT_WORD.match(tail)
    return rest is not None and tail[0].islower() and f"{head}-{rest.group(0)}".lower() not in hyphenated


def mended(text: str) -> str:
    """``text`` with each word broken by a hyphen over a wrapping line break written whole on the first line
    ("Tech-" "nology Act" is "Technology" "Act"; "micro-" "blogging", "COVID-" "19" keep the hyphen: quoted
    "micro- blogging" with the break read as a space). Only in text wrapped at a fixed width (``is_wrapped``)."""
    if not re.search(r"-\r?\n", text) or not is_wrapped(text):
        return text
    hyphenated = hyphenated_words(text.splitlines())
    written = text.splitlines(keepends=True)
    lines = list(written)
    for n in range(len(lines) - 1):
        broken, rest = _BROKEN_END.search(lines[n]), _REST.match(lines[n + 1])
        if broken is None or rest is None or len(written[n].rstrip()) < WRAPPED_LINE_MIN:
            continue  # a line as written shorter than a wrapped one ends where its writer ended it
        hyphen = "" if is_broken_word(broken.group("head"), lines[n + 1], hyphenated) else "-"
        after = lines[n + 1][rest.end():].lstrip(" \t")
        # The rest of the word moves up; a line it was all of goes with it (no blank line is left to end a paragraph).
        lines[n] = lines[n][: broken.end("head")] + hyphen + rest.group(0) + (broken.group("eol") if after.strip()
                                                                                 else after)
        lines[n + 1] = after if after.strip() else ""
    return "".join(lines)
