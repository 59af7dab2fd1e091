"""A greeting before a question and thanks after it ("hello! who is the IT secretary? thank you so much").

They are manners, not what is asked: searched, "hello", "thank", "good" and "morning" were question words that
no article sentence holds, counted against every candidate (the share of the question the articles never use),
and "who is the IT secretary?" (0.69) fell to 0.35 with them, a hair above declining. Only a greeting opening
the message and thanks closing it are left out, and never the whole message (a message of nothing but small
talk is the chat layer's to answer): "who did the minister thank?" keeps its word.
"""

from __future__ import annotations

import re

_ADDRESSED = r"(?:\s+(?:there|all|everyone|folks|team|guys|bot))?"
# Who is greeted, after a comma: only before the punctuation that ends the greeting ("hi, all accounts …" keeps
# its "all").
_ADDRESSED_AFTER_COMMA = r"(?:\s*,\s*(?:there|all|everyone|folks|team|guys|bot)(?=\s*[,!.:;\-–—]))?"
# "hi there! ", "Good morning, team: ", "hey bot - ": a greeting and what follows it before the question.
_OPENING = re.compile(
    # Atomic: "hello there" is a greeting and nothing else, not "hello" before a question "there".
    r"^\s*(?:(?>(?:hiya|howdy|hi+|hello+|hey+|greetings|namaste|good\s+(?:morning|afternoon|evening|day))\b"
    rf"{_ADDRESSED}){_ADDRESSED_AFTER_COMMA}\s*[,!.:;\-–—]*\s+)+(?=\S)",
    re.IGNORECASE,
)
# Thanks closing the message, with any emoji or emoticon before or after it: "thanks!", "thx", "… ? 🙏 thank you
# so much". "thanks"/"thx" may follow the question's last word ("what was blocked thanks"); "thank you", "ty" and
# "cheers" only after punctuation or an emoji, where they can't be what the question asks about ("did they say
# thank you").
_MUCH = r"(?:\s+(?:a\s+lot|so\s+much|very\s+much|in\s+advance|again))?"
_EMOJI = "\u2600-\u27bf\U0001f300-\U0001faff"
_AFTER = rf"(?<=[?.!,:;){_EMOJI}])\s*(?:[{_EMOJI}]\s*)*"  # punctuation or an emoji, then any more emoji
_CLOSING = re.compile(
    rf"(?:{_AFTER}(?:thank\s+you|ty|tysm|cheers|much\s+appreciated){_MUCH}"
    rf"|(?:{_AFTER}|\s+)(?:thanks|thx){_MUCH}){_ADDRESSED}[\W_]*$",
    re.IGNORECASE,
)


def without_pleasantries(text: str) -> str:
    """``text`` without an opening greeting and closing thanks, or as it is when that would leave nothing."""
    stripped = _CLOSING.sub("", _OPENING.sub("", text, count=1), count=1).strip()
    return stripped if re.search(r"\w", stripped) else text
