"""A whole message asking for the story in chat's own words: "what happened with twitter and india?", "what
happened between twitter and india?", "twitter india fight explain pls 🙏", "what is this dispute about?".

Searched, they were declined ("the articles never use the word “fight”", "…“dispute”, so they likely don't
cover this"), while "tl;dr" and "summarize" got the timeline (``bot.story_requests``). Such a message asks
(what happened, explain, tell me about …) and names nothing but the story: its main subjects, read from the
index (``retrieval.story_subjects``), a word for a story ("fight", "row", "issue") or a pointer at it ("this").
Any other word ("what happened with koo", "… on feb 10", "explain section 69a") makes it a question of its own.
"""

from __future__ import annotations

import re

from bot.smalltalk import normalised
from retrieval.story_subjects import names_subject

# How chat asks for an account of something; one of these makes the message a request.
_ASKS = re.compile(r"\b(?:what\s+(?:has\s+)?happen(?:ed|ing|s)|what'?s\s+happening|what\s+is\s+happening"
                   r"|what\s+went\s+(?:on|down)|explain|explanation|tell\s+(?:me|us)\s+(?:about|of)|describe"
                   r"|what(?:'?s|\s+is|\s+was)\s+(?:the\s+)?(?:deal|story|matter|issue|problem)(?:\s+with)?"
                   r"|what(?:'?s|\s+is|\s+was)\s+(?:up|going\s+on)\s+with|background|backstory|context|brief\s+me"
                   r"|summar(?:y|ise|ize)|overview|catch\s+(?:me|us)\s+up|fill\s+(?:me|us)\s+in|walk\s+(?:me|us)\s+through"
                   r"|break\s+(?:it\s+|this\s+)?down|(?:what|whats|what's)\b.*\babout$"
                   # "any news on twitter and india", "what's new with the standoff" (``retrieval.topical_asks``)
                   r"|any\s+(?:news|updates?|developments?|word)\s+(?:on|about|regarding|with)"
                   r"|what(?:'?s|\s+is)\s+(?:new|the\s+latest)\s+(?:with|on|about))")
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words for a story as a whole, in any story's news ("the twitter india row", "the whole saga").
_STORY = _words("""fight fights dispute disputes row rows standoff stand-off conflict feud spat clash clashes issue
issues controversy saga story matter case drama tussle battle war beef situation mess episode fallout faceoff face-off
showdown rift tension tensions thing things news""")
# Words of asking and joining that name nothing.
_FILLER = _words("""what whats what's is was has have had been happened happening happen happens going on up went
down deal explain explanation tell me us about of describe summary summarise summarize overview background backstory
context catch fill in walk through break brief the this that these those whole entire all between with and or & vs v
versus over a an its it to so can could would you u please pls plz briefly quickly simply short basically exactly
really just quick in kindly give bit little any news update updates development developments word regarding new
latest""")
# A pointer at the story ("what is this about", "explain all this"), which names it without a word of its own.
_POINTERS = frozenset({"this", "that", "it", "all"})


def asks_story(question: str, subjects: frozenset[str]) -> bool:
    """Whether the whole message asks for the story: an asking phrase and, besides words of asking and joining,
    only the story's main ``subjects``, a word for a story, or a pointer at it (one of these at least)."""
    text = normalised(question)
    if not _ASKS.search(text):
        return False
    words = text.replace("&", " & ").split()
    named = False
    for word in words:
        if word in _STORY or names_subject(word, subjects):
            named = True
        elif word not in _FILLER:
            return False
    return named or any(w in _POINTERS for w in words)


# "what's the latest?", "any news?", "latest updates", "what's new": the newest events first.
_LATEST = re.compile(r"(?:(?:what'?s|what\s+is|whats|any)\s+)?(?:the\s+)?(?:latest|newest|news|new|updates?|recent)"
                     r"(?:\s+(?:news|updates?|developments?|events?))?(?:\s+(?:on|about|with)\s+(?:this|it|the\s+story))?"
                     r"|(?:any|what\s+are\s+the)\s+(?:latest\s+|recent\s+|new\s+)?(?:updates?|developments?)"
                     r"|what'?s\s+new|anything\s+new")


def asks_latest(question: str) -> bool:
    """Whether the whole message asks for the newest news, which the timeline then leads with."""
    return bool(_LATEST.fullmatch(normalised(question)))


def may_ask_story(question: str) -> bool:
    """Whether the message asks the way a request for the story does, before the story's subjects are read from
    the index (on a large index, seconds the first time): most messages don't."""
    return bool(_ASKS.search(normalised(question)))
