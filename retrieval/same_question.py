"""A second turn that asks the previous question again about something else: "same question for the latest
notice", "same for koo?", "ditto for the farmers' accounts".

Such a turn names only the new subject; the rest of it ("same question") is talk about the asking. Read as
typed, "question" is a word no article uses, so it counted as the turn's own distinctive word: the turn was
not taken for a follow-up, and was declined with the articles "never use the word “question”". It means what
"what about the latest notice?" means, which ``retrieval.followup`` already reads as going on from the previous
turn, so it is read as that. Only inside a conversation: asked first, there is no previous question.
"""

from __future__ import annotations

import re

# "(and) (the) same (question|thing|q) (for|about|with) X", "same goes for X", "ditto for X".
_SAME = re.compile(
    r"^\s*(?:(?:and|but|ok|okay|so)\s*,?\s+)?"
    r"(?:(?:the\s+)?same(?:\s+(?:question|questions|q|thing|one|again|here))?(?:\s+(?:goes|applies))?|ditto)"
    r"\s*,?\s+(?:but\s+)?(?:for|about|with|regarding|on)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)


def as_what_about(text: str) -> str | None:
    """``text`` read as "what about X" when it asks the previous question again about X; None otherwise."""
    match = _SAME.match(text)
    if match is None:
        return None
    return f"what about {match.group('rest').strip()}"
