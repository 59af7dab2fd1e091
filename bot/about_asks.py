"""Messages asking about the bot rather than the story: what it knows (how many articles, which, how recent),
where its last answer came from, whether it can search the web, "more" after an answer, who it is.

Each got one generic reply ("Every quote names its article …", the whole help) that answered none of them, or
was searched ("can you search the web?", "more" as a word). ``bot.smalltalk`` reads the words and tags its
reply with one of these topics; the command core fills in the answer from what the bot holds (its articles,
the conversation's last answer: ``bot.core_replies``), as it fills in help for the asker.
"""

from __future__ import annotations

import re

STOCK_TOPIC = "stock"  # how many articles, which ones
RECENT_TOPIC = "recent"  # how recent they are
CITED_TOPIC = "cited"  # the sources of the last answer ("source?", "where did you get that?")
WEB_TOPIC = "web"  # whether the bot searches the web
MORE_TOPIC = "more"  # the next-best passages for the last question
NOTED_TOPIC = "noted"  # "ok", "lol" said after a reply: what it says depends on that reply

# What the bot holds, as a chat user names it: "your" articles, info or data, or "the" articles or sources.
STOCK = (r"(?:(?:your|ur)\s+(?:articles|sources|news|data|information|info|knowledge|stories|reports)"
         r"|the\s+(?:articles|sources))")
# How old or new it is: "how recent is your info", "are your sources up to date", "when were the articles written".
RECENT = re.compile(
    rf"how\s+(?:recent|old|new|current|fresh|up[\s-]+to[\s-]+date)\s+(?:are|is)\s+(?:{STOCK}|(?:you|u))"
    rf"|(?:are|is)\s+{STOCK}\s+(?:recent|current|new|old|fresh|up[\s-]+to[\s-]+date)"
    rf"|when\s+(?:were|was)\s+{STOCK}\s+(?:written|published|collected|updated|added)"
    r"|(?:what'?s|what\s+is|whats)\s+(?:your|ur)\s+(?:knowledge\s+)?cut\s*-?\s*off(?:\s+date)?"
    r"|(?:are|r)\s+(?:you|u)\s+up[\s-]+to[\s-]+date")
# Which articles, or how many: "what articles do you have", "how many sources do you have".
STOCK_ASK = re.compile(
    r"(?:what|which|how\s+many)\s+(?:articles|sources|news\s+articles|reports|stories)\s+(?:do|did|can)\s+(?:you|u)"
    r"\s+(?:have|use|know|read|cite|quote|search)(?:\s+from)?"
    r"|(?:what|which|how\s+many)\s+(?:articles|sources|news\s+articles|reports|stories)\s+(?:have|has)\s+(?:you|u)"
    r"\s+(?:got|read|indexed|collected)"
    rf"|where\s+(?:do|does|did)\s+{STOCK}\s+come\s+from|list\s+{STOCK}")
# The web: "can you search the web?", "do you have internet access?", "are you online?".
WEB = re.compile(
    r"(?:(?:can|could|do|will|would)\s+(?:you|u)\s+)?(?:search|browse|google|surf|access|use|check"
    r"|look\s+(?:it\s+|things\s+|that\s+|this\s+|stuff\s+)?up)\s+(?:on\s+|in\s+)?(?:the\s+)?(?:web|internet|online|google|net)"
    r"|(?:do|does)\s+(?:you|u)\s+have\s+(?:internet|web|online)(?:\s+access)?"
    r"|(?:are|r)\s+(?:you|u)\s+(?:connected\s+to\s+|on\s+)?(?:the\s+)?(?:internet|web|online)")
# "more", "tell me more", "go on" after an answer: its next-best passages (searched, "more" was a search word).
MORE = re.compile(r"(?:(?:and|ok(?:ay)?|so)\s+)?(?:more|tell\s+(?:me\s+|us\s+)?more"
                  r"|(?:say|show|give)\s+(?:me\s+|us\s+)?more|go\s+on|continue|keep\s+going|more\s+(?:info|details|passages|quotes|on\s+(?:that|this|it))"
                  r"|anything\s+else|what\s+else|(?:can\s+you\s+)?(?:elaborate|expand)(?:\s+on\s+(?:that|this|it))?)")
# About the bot itself: "who made you", "are you a bot" (a closing "bot" is taken off as filler: "are you a").
ME = re.compile(r"(?:are|r)\s+(?:you|u)\s+(?:an?(?:\s+(?:robot|human|person|ai|chatbot|real\s+person))?|real|human|ai)"
                r"|who\s+(?:made|built|created|wrote|runs|owns|programmed)\s+(?:you|u|this\s+bot|this)|who\s+are\s+(?:you|u)"
                r"|what\s+are\s+(?:you|u)")
ABOUT_ME = ("I'm a bot: I answer questions about the articles I have by quoting them, each quote with its source, "
            "and say so when they don't tell. Whoever runs this server or workspace set me up. Say “help” to see "
            "how to use me.")

# A message of emoji alone that acknowledges a reply ("👍", "👌🙏"); skin tones and variation marks aside.
_ACK_EMOJI = frozenset("👍👌🙏✅💯🙂😊😀😃😄😁😂🤣😆👏🔥❤♥😎🤝✌🆗🙌😅🥲😉")
_MODIFIERS = re.compile("[\ufe0f\u200d\U0001f3fb-\U0001f3ff\\s]")


def acknowledges(text: str | None) -> bool:
    """Whether ``text`` is only emoji that acknowledge a reply: refused as "ask a question" before, which a 👍
    said after an answer is not."""
    marks = _MODIFIERS.sub("", text or "")
    return bool(marks) and all(ch in _ACK_EMOJI for ch in marks)


def sourced_topic(text: str) -> str:
    """Which of the bot's holdings a message about its sources asks after (``text`` normalised)."""
    if RECENT.fullmatch(text):
        return RECENT_TOPIC
    return STOCK_TOPIC if STOCK_ASK.fullmatch(text) else CITED_TOPIC
