"""A numbered paragraph's number, or a thread's post number, is no part of the sentence it opens.

A judgment or an order numbers its paragraphs ("12. The petitioner submits …", "3.1 The Rules …", "(b) The
second ground …"), a report its sections, and a thread pasted as text its posts ("1/ Today we met …", "2/5 We
have agreed …"). Quoted, the number opened the answer ("12. For the reasons above, …") and told the reader
nothing about the story; searched, its digits were a figure of the sentence, matched against a count the question
asked for. So a sentence's span leaves out such a number when it opens a line and a capitalised word follows it. A
sentence that opens with a figure of the story ("2,340 accounts were named", "12 platforms complied", "1/3 of the
orders") keeps it: a paragraph's number is followed by its mark (".", ")", "/") and then a new sentence.
"""

from __future__ import annotations

import re

# "12. ", "3.1 ", "4.2.1 ", "12) ", "(12) ", "(b) ", "(iv) ", "1/ ", "2/5 ", "(1/3) ", then a capitalised word (or
# one in quotes or brackets); or the number alone, which the sentence splitter may part from its paragraph ("(2/5)").
_NUMBER = re.compile(
    r"(?:\(?\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+\.?|\((?:[a-z]|[ivx]{1,5})\)|\(?\d{1,3}/\d{0,3}\)?)"
    r"(?:[ \t]+(?=[\"'“‘(\[]?[A-Z])|$)")


# A sentence's end. A list item stating its fact without one ("2. Platforms must appoint an officer within 15 days")
# is quotable by its marker (``retrieval.answer_like``), and keeps it.
_ENDS = re.compile(r"[.!?…][\"'”’)\]]*\s*\Z")


def without_item_number(text: str, start: int, end: int) -> int:
    """Where the sentence at ``start:end`` of ``text`` begins once a paragraph's or a post's number opening its line
    is left out (see the module); ``start`` when it opens with none, ``end`` when it is one alone."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return start  # the sentence does not open its line: a number here is the story's
    found = _NUMBER.match(text, start, end)
    if found is None or (found.end() < end and not _ENDS.search(text, found.end(), end)):
        return start  # a list item without a full stop keeps its number: it marks the line as an item's fact
    return found.end()
