"""Which sentences can be an answer: a statement, not a heading, caption, question or interviewer's turn.

The answer model reads it as a feature (``answer_like``), and the next-best passages offered after a 👎 are
such sentences; the timeline sums up an event by one that ends as a sentence does (``ends_sentence``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from index.list_markers import LIST_MARKER
from index.quotable import long_enough
from index.tables import is_table
from index.turn_labels import is_interviewer_turn

# Real sentences end in terminal punctuation (possibly inside a closing quote); headings and captions don't.
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
# An interview's question turn ("Q: Your office sent a lot of notices."): the interviewer's words, not the story's.
# A broadcast's or podcast's host asks too ("HOST: The ministry has said it will respond on Friday.", "ANCHOR (Radio
# Estrava): …"): answered by the host's lead-in, an unanswerable question got the host's words as the fact.
_INTERVIEWER = re.compile(r"(?:Q|Question|Interviewer|INTERVIEWER|QUESTION|Host|HOST|Presenter|PRESENTER|Anchor|ANCHOR"
                          r"|Moderator|MODERATOR)(?:\s*\([^()]{1,40}\))?\s*:\s")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does, in terminal punctuation (perhaps inside a closing quote or
    bracket): a heading, a caption or a fact box's line ("• Account suspended: 3rd Jan") does not."""
    return _TERMINAL.search(text) is not None


@lru_cache(maxsize=65_536)  # read for every candidate of every question: the same index sentences again
def is_answer_like(text: str) -> bool:
    """Headings, captions and the article's own rhetorical questions are context, never an answer. A list
    item states a fact without a full stop ("- Twitter must appoint a grievance officer within 15 days"), as a
    small table does (``index.tables``: its rows of figures under their header). An
    interviewer's turn puts a question, even where it is written as a statement ("Q: Your office sent a lot of
    removal notices in its first year.")."""
    stripped = text.strip()
    if stripped.rstrip("\"'”’)]").endswith("?") or _INTERVIEWER.match(stripped):
        return False
    if not ends_sentence(stripped) and not LIST_MARKER.match(stripped) and not is_table(stripped):
        return False
    return long_enough(stripped)  # the lengths an added article needs a sentence of (``index.quotable``)


def answers_in(article: str, sentence: str, answer_like: Callable[[str], bool] = is_answer_like) -> bool:
    """Whether ``sentence`` of ``article`` can be an answer: ``answer_like`` (a caller may give its own) and no
    interviewer's turn the article labels by a name ("Northern Ledger: …", ``index.turn_labels``), which only the
    whole article tells."""
    return answer_like(sentence) and not is_interviewer_turn(article, sentence)
