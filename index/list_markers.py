"""A list item's marker: "• " (a Markdown bullet as ``index.markdown_text`` keeps it), "- ", "* ", "+ ", or an
ordered item's number ("2. ", "3) ") opening a line.

The index keeps it in the item's sentence: a list item states its fact without a full stop ("• Appoint a nodal
officer for law enforcement"), and only its marker tells the answer layer it is one, not a heading
(``retrieval.answer_like``). But it is page furniture, not the article's words: quoted, an answer opened with
"• Appoint a chief compliance officer …" and its quote with “• …”. So a quote starts after it.
"""

from __future__ import annotations

import re

LIST_MARKER = re.compile(r"(?:[-*+•]|\d{1,2}[.)])\s+(?=\S)")


def after_list_marker(text: str, start: int, end: int) -> int:
    """Where the words of the sentence at ``start:end`` of ``text`` begin: after a list item's marker opening its
    line, else ``start``."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return start  # the sentence does not open its line: a dash here is the story's
    found = LIST_MARKER.match(text, start, end)
    return found.end() if found is not None else start
