"""A long chat message that rambles around its question in one sentence: it tells what the asker has in mind
first, between commas, asks, and then says why it asks ("ok so basically i'm trying to understand, like, the
whole thing with the farmers and the hashtags, what exactly was the hashtag that got the first accounts blocked,
because i saw a lot of different ones going around").

Searched as one text, the words around the ask ("trying", "understand", "lot", "different") outweighed its
own, and such a message was declined over the sentence that answers it, which the ask alone finds. Told in
sentences of its own, the scene was read already (``retrieval.several.context_and_ask``); in one sentence it
was not. The asker's reason after the ask (a clause of "because", "since", "as" or "cause" whose subject is the
asker: "because i saw …", "since my uncle says …") is no part of what is asked, in any message.
"""

from __future__ import annotations

import re

from retrieval.several import asks_alone

# The fewest words of a message read as a scene and an ask: a short one ("who is sawhney, the IT secretary")
# asks in all its words.
SCENE_WORDS = 15
# The asker's own reason for asking, to the end of the message: its subject is the asker ("i", "my uncle",
# "we"), so it says nothing the articles could.
_OWN_REASON = re.compile(r"(?:(?<=[?!.])\s+|\s*[,;:—–-]+\s*)(?:(?:just|only|mostly)\s+)?"
                         r"(?:because|cause|coz|cuz|since|as)\s+"
                         r"(?:i|i'm|im|i've|ive|i'd|my|me|we|we're|our)\b.*$", re.IGNORECASE | re.DOTALL)
# Where a scene told between commas gives way to the ask: a comma, then an asking word.
_ASK_AFTER_COMMA = re.compile(r",\s+(?:(?:so|but|and|like|just)\s+)?(?=(?:who|what|when|where|why|how|which)\b)",
                              re.IGNORECASE)


def without_own_reason(text: str) -> str:
    """``text`` without the reason for asking its asker gives after the question ("…, because i saw a lot of
    different ones"); as it is when nothing asking is left before it."""
    match = _OWN_REASON.search(text)
    if match is None or match.start() == 0:
        return text
    asked = text[:match.start()].rstrip(" ,;:")
    return asked if asks_alone(asked) or asked.endswith("?") else text


def scene_and_ask(text: str) -> tuple[str, str] | None:
    """A long one-sentence message that tells its scene between commas and then asks: the scene, and the ask
    (from its asking word to the end, the asker's reason left out); None for any other message."""
    if len(text.split()) < SCENE_WORDS:
        return None
    cuts = [m.end() for m in _ASK_AFTER_COMMA.finditer(text)]
    for cut in cuts:
        scene, ask = text[:cut].rstrip(" ,"), without_own_reason(text[cut:].strip())
        if any(ch.isalnum() for ch in scene) and asks_alone(ask):
            return scene, ask
    return None
