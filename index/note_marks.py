"""A note's reference mark is no part of the sentence it is glued to.

A page copied from the web or a report keeps its footnote and endnote marks as text: "[2]" or a superscript
digit ("²") after the sentence it annotates ("… of which it had challenged three.[2]"), and again before the
note itself at the end ("[2] Hollerhub transparency report, January 2023."). Quoted with its sentence, the mark
reads as one of the answer's own citation numbers ("… three.[2] [1]"), and it is a figure to nobody. So a
sentence's span leaves out a mark that follows its closing punctuation or opens it; a mark between words ("the
law[3] says") stays, as does a superscript after a letter, which is a unit's ("40 m²").
"""

from __future__ import annotations

import re

_MARK = r"(?:\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)"
# Marks closing a sentence: right after its last punctuation (a full stop, a closing quote or bracket).
_CLOSING = re.compile(rf"(?<=[.!?;:,\"'”’)])(?:{_MARK})+$")
# A mark opening a note's line ("[1] Judgment of …", "² The posts were …"), before the note's first word.
_OPENING = re.compile(rf"{_MARK}[ \t]+(?=\S)")  # matched at the sentence's start
_ONLY = re.compile(rf"(?:{_MARK})+")
_LINE_MARK = re.compile(rf"[ \t]*{_MARK}[ \t]+")  # all of a line before its note's first word


def without_note_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)``, a sentence of ``text``, without a note's mark at either end (see the module)."""
    sentence = text[start:end]
    if _ONLY.fullmatch(sentence):  # split from a quote it follows ('… requires".[2]'): no sentence at all
        return start, start
    closing = _CLOSING.search(sentence)
    if closing is not None and closing.start() > 0:
        end = start + closing.start()
    opening = _OPENING.match(text, start, end)
    if opening is not None:
        start = opening.end()
    return start, end


def note_mark_before(text: str, start: int) -> str:
    """The note's mark opening the line of the sentence at ``start`` ("[1] " of "[1] Order of …"), which the
    sentence leaves out; "" when its line opens otherwise."""
    head = text[text.rfind("\n", 0, start) + 1 : start]
    return head if _LINE_MARK.fullmatch(head) else ""
