"""Whether a sentence opens by pointing back at the sentence before it ("The talks …", "It …", "They …").

"Sawhney will meet Twitter's Vice President through a video conference. The talks are likely to happen this
week." names Sawhney and the meeting only in the first sentence, but the dated one is the second: a timeline
topic judged on the dated sentence alone ("/timeline sawhney", "/timeline the meeting") missed it. A sentence
that opens with a pronoun, or with a determiner and a common noun (lowercase: "The talks", "This move", "The
Delhi High Court" names its subject outright), is about what the sentence before told of, so the timeline
may judge its topic by that sentence too (``retrieval.timeline``); what it quotes stays the sentence itself.
"""

from __future__ import annotations

import re

_PRONOUNS = ("it", "its", "they", "their", "them", "this", "that", "these", "those", "he", "she", "his", "her",
             "such")
_DETERMINERS = ("the", "this", "that", "these", "those", "such", "its", "their", "his", "her")
_TIMES = {"day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "morning", "afternoon",
          "evening", "night", "time", "same", "next", "following", "previous"}
# An opening quote mark may come before the sentence's first word. A sentence after a dateline ("Solvenna: The
# government …") opens the article: the line before it is the headline, which it does not point back at.
_FIRST_WORDS = re.compile(r"^\s*[\"'“‘(]*([A-Za-z]+)\b[,\s]*([\w'’-]*)")


def opens_with_reference(sentence: str) -> bool:
    """Whether the sentence's subject is told of by the sentence before: an opening pronoun ("It said …",
    "They met …", "This came …") or a determiner before a lowercase word ("The talks …", "The next round …")."""
    m = _FIRST_WORDS.match(sentence)
    if m is None:
        return False
    first, second = m.group(1).lower(), m.group(2)
    if second.lower() in _TIMES:
        return False  # "This week, Centre had sent …": a time, which dates the sentence, not its subject
    if first in _DETERMINERS and second[:1].islower():
        return True
    return first in _PRONOUNS and not (second[:1].isupper() and first in _DETERMINERS)


# The pronouns that stand for who did something, named only in the sentence before: "It met on Wednesday.", "They
# said so on Monday.", "Its board met …". A demonstrative ("This came after …") is left out: it stands for what
# happened more often than for who did it.
_PERSONAL = {"it", "its", "they", "their", "them", "he", "she", "his", "her", "we", "our"}


def opens_with_pronoun(sentence: str) -> bool:
    """Whether the sentence opens with a pronoun standing for who did what it tells (``_PERSONAL``): shown alone
    ("It met on Wednesday."), nobody can tell who."""
    m = _FIRST_WORDS.match(sentence)
    return m is not None and m.group(1).lower() in _PERSONAL
