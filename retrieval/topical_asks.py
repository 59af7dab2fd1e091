"""A vague topical ask in chat's words: "what happened with X", "what's going on with X", "any news on X", "any
update on X", "what's the story with X", "what's new with X": read as "tell me about X" when the articles name X.

Such a message asks for what the articles tell about X, as "tell me about X" does, but searched as typed its
framing words counted as words of the question ("happen", "updat", "new", "deal"): no article sentence holds
them, so "what happened with koo?" was declined over the very sentences "tell me about koo" is answered with,
and "what happened with …" was taken for a question about what was done (``retrieval.planned``), which a
sentence about a plan can't answer. Only a whole message so framed counts, and only when every word of X is a
word the articles use: "what happened with the weather in delhi" stays itself (and is declined, "weather"
being no article's word), and so does one whose X is more than a short name ("what happened with koo and why
did ministers join" asks something of its own).

"what about X" is left alone: it reads as "tell me about X" already ("about" is no search word), and in a
conversation it asks the previous question again about X (``retrieval.followup``). So are "what happened at / on
/ after …" (a time or an event's outcome, ``retrieval.planned``) and a pointer ("what happened with it"), which
names nothing of its own and leans on the conversation. Nothing here knows an article or a story.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.lexical import terms
from retrieval.question import REQUEST_TERMS

# "what happened with / to X", "what's (been) happening with X", "whats going on with X", "what's up with X",
# "what's new with X", "what's the story / deal / situation / status / latest with X", "any news / update(s) /
# word / developments / progress on X", "anything new on X"; a word of chat before it ("so", "ok", "hey").
_FRAME = re.compile(
    r"^\s*(?:(?:so|ok|okay|and|but|hey|yo|btw|also|anyway|hmm+)\s*,?\s+)*"
    r"(?:"
    r"what(?:'?s|\s+is|\s+has)?\s+(?:been\s+)?(?:happen(?:ed|ing|s))\s+(?:with|to)"
    r"|what\s+went\s+on\s+with"
    r"|what(?:'?s|\s+is)\s+(?:going\s+on|up|new)\s+(?:with|about|on)"
    r"|what(?:'?s|\s+is|\s+was)\s+the\s+(?:story|deal|situation|status|latest|news|scoop)\s+(?:with|on|about|of|regarding)"
    r"|(?:(?:is|are)\s+there\s+)?any\s+(?:news|updates?|word|developments?|progress|latest)\s+(?:on|about|regarding|re|with)"
    r"|anything\s+new\s+(?:on|about|with)"
    r")\s+(?P<topic>\S.*?)"
    # Closing words of chat that say nothing of X.
    r"(?:\s+(?:lately|these\s+days|nowadays|now|rn|then|pls|plz|please|bot))*[\s?.!]*$",
    re.IGNORECASE,
)
# What X may not be: a pointer at the conversation ("it", "them", "this"), which only a follow-up reads.
_POINTERS = frozenset(["it", "this", "that", "them", "they", "these", "those", "he", "she", "him", "her", "his",
                       "its", "their", "all", "everything"])
# A short name, not a clause: longer, the message asks something of its own about X.
_MOST_WORDS = 6
# A second question, or a clause, in X.
_CLAUSE = re.compile(r"\b(?:who|whom|whose|what|when|where|why|how|which|did|does|do|will|would|could|should|can)\b"
                     r"|[,;:]", re.IGNORECASE)


def topic_of(text: str) -> str | None:
    """X of a whole message framed as a vague topical ask ("any news on koo?": "koo"); None otherwise. Whether
    the articles name X is not asked here (``as_told_about``)."""
    match = _FRAME.match(text)
    if match is None:
        return None
    topic = match.group("topic").strip()
    words = topic.split()
    if len(words) > _MOST_WORDS or _CLAUSE.search(topic) or all(w.lower() in _POINTERS for w in words):
        return None
    return topic


def as_told_about(text: str, named: Callable[[str], bool]) -> str | None:
    """``text`` read as "tell me about X" when it is a vague topical ask whose X the articles name: ``named``
    tells whether a search term is a word of theirs. None when it is no such ask, or X holds a word of no
    article (the message is then searched as typed, and declined as before)."""
    topic = topic_of(text)
    if topic is None:
        return None
    own = [t for t in terms(topic) if t not in REQUEST_TERMS]
    if not own or not all(named(t) for t in own):
        return None
    return f"tell me about {topic}"
