"""Messages that are no question about the articles: a greeting, thanks, goodbye or a request for help, and
the greetings and thanks said around a question (requests for the story as a whole, which the timeline answers,
are ``bot.story_requests``).

Searched like questions, "hi" or "thanks!" got "The articles don't say …" over three unrelated passages,
and the knowledge-gap report counted them among the questions the articles can't answer. Only a whole
message of small talk counts ("hi, how many accounts were blocked?" is a question), so nothing a user asks
about the articles is ever caught here.
"""

from __future__ import annotations

import re

from bot.about_asks import (
    ABOUT_ME,
    ME,
    MORE,
    MORE_TOPIC,
    NOTED_TOPIC,
    RECENT,
    STOCK_ASK,
    WEB,
    WEB_TOPIC,
    sourced_topic,
)
from bot.results import Reply

INTRO = ("I answer questions about the February 2021 standoff between Twitter and the Government of India by "
         "quoting the news articles I have, each quote with its source, and I say so when they don't tell. Ask "
         "me something like “How many accounts were ordered blocked?”. /timeline lists the dated events, "
         "/sources the articles.")
WELCOME = "You're welcome! Ask me anything else about the articles."
NOTED = "Glad that helps. Ask me anything else about the articles."
FAREWELL = "Bye! Come back any time with more questions about the articles."
DISPUTED = ("Thanks for saying so. My answers are the articles' own sentences, each with its source under it, so "
            "a wrong one is the wrong sentence: a 👎 under the answer (on Discord and Slack) tells the moderators "
            "and shows you the next-best passages. Asking again in other words often finds the right one.")
HELP_TOPIC = "help"  # ``Reply.about`` of the introduction, which the core fills in for the asker
ADDING_TOPIC = "adding"  # of the request to know how articles are added (``bot.help_text``)
ADDING = "Moderators add articles; ask me on Discord or Slack how, or see the README's Moderators section."
WEB_REPLY = "No, I can't search the web: I answer only from the articles I have, which /sources lists."
MORE_REPLY = "Ask me a question about the articles first; after an answer, “more” shows the next-best passages."
SOURCED = ("Every quote names its article right under the answer: title, date, and a link where the article has "
           "one. /sources lists all the articles I have.")

_BOT = r"(?:\s+(?:bot|there|all|everyone|folks|team|guys|y'?all|people|friends|fam|bro|buddy|mate))?"
_HOW_ARE_YOU = r"(?:what'?s\s+up|wh?at\s+up|sup|how\s+are\s+you|how\s+r\s+u|how'?s\s+it\s+going)"
# "test", "ping", "are you there": someone checking that the bot answers, searched, it was declined and
# counted in the report as a question the articles can't answer.
_GREETING = re.compile(r"(?:(?:hi+|hello+|hey+|hiya|yo|howdy|namaste|greetings|gm|bruh+|test(?:ing)?(?:\s+\d+)*|ping"
                       r"|(?:are\s+)?(?:you|u)\s+there|anyone\s+(?:here|there)|is\s+this\s+(?:thing\s+)?on"
                       rf"|good\s+(?:morning|afternoon|evening|day)){_BOT}(?:\s+{_HOW_ARE_YOU})?|{_HOW_ARE_YOU})")
# A chat reply that only acknowledges the answer: searched, "ok cool" got "The articles don't say" over three
# passages and counted in the report as a question the articles can't answer.
_NOTED = re.compile(r"(?:ok(?:ay)?|k+|cool|nice|great|awesome|alright|got\s+it|i\s+see|makes\s+sense|interesting"
                    r"|yes|yeah|yep|yup|ya"
                    r"|wow|lol|hmm+|ah+|oh+|good\s+to\s+know|fair\s+enough|understood|noted|perfect|sure"
                    # Praise for the bot ("good bot", "great job"), with the closing "bot" taken off as filler.
                    r"|good|(?:good|great|nice)\s+(?:job|work|one)|well\s+done|love\s+it|amazing|brilliant|neat"
                    r"|(?:you'?re|youre|you\s+are|ur)\s+(?:great|awesome|the\s+best|amazing|helpful|smart)"
                    # Said of the answer: searched, "that helps" was declined ("never use the word “helps”").
                    r"|(?:that|this|it)(?:'?s|\s+is|\s+was)?\s+(?:helps|helped|helpful|useful|clear))"
                    r"(?:\s+(?:ok(?:ay)?|cool|nice|great|thanks?|then|got\s+it|makes\s+sense|interesting))*")
# Said around any of these, the words below change nothing ("tldr pls", "hey bot, what's up").
_FILLER = re.compile(r"^(?:(?:so|well|um+|uh+|hey\s+bot|bot)\s+)+|(?:\s+(?:pls|plz|please|bot))+$")
_THANKS = re.compile(r"(?:(?:ok(?:ay)?|great|awesome|cool|perfect|nice)\s+)?"
                     r"(?:thanks?(?:\s+(?:a\s+lot|so\s+much|again))?|thank\s+you(?:\s+(?:so|very)\s+much)?"
                     rf"|thx|ty|cheers|much\s+appreciated|shukriya|dhanyavaa?d){_BOT}")
_FAREWELL = re.compile(r"(?:(?:ok(?:ay)?|thanks?|thank\s+you)\s+)?"
                       r"(?:bye(?:\s+bye)?|good\s*bye|good\s*night|gn|see\s+(?:you|ya)(?:\s+(?:later|soon|around))?|cya"
                       rf"|bye\s+for\s+now|take\s+care){_BOT}")
# Said back to an answer. Searched, "that's wrong" got "The articles never use the word “wrong”, so they
# likely don't cover this", and "source?" was declined as a question, its word borrowed by later follow-ups.
_YOU = r"(?:that\s+is|that'?s|thats|this\s+is|it\s+is|it'?s|its|you\s+are|you'?re|youre|ur|u\s+r)"
_DISPUTED = re.compile(
    rf"(?:(?:no+|nope|nah|wait|hmm+|um+|but)\s+)*(?:{_YOU}\s+)?(?:(?:totally|completely|just|so|still|all)\s+)?"
    r"(?:no+|nope|nah|wrong(?:\s+answer)?|incorrect|not\s+(?:right|true|correct|it|helpful|what\s+i\s+asked)|false|untrue"
    r"|(?:a\s+)?(?:bad|wrong|useless)\s+answer|nonsense|rubbish|made\s+up"
    # Said of the bot ("bad bot", "you're useless"), the closing "bot" taken off as filler.
    r"|bad|stupid|dumb|useless|terrible|awful|trash|garbage|(?:you|u|this)\s+sucks?"
    r"|(?:that|this|it)\s+(?:doesn'?t|does\s+not|didn'?t|did\s+not)\s+answer\s+(?:my|the)\s+question)")
_SOURCED = re.compile(
    r"(?:(?:and|so|ok(?:ay)?)\s+)?(?:(?:the|your|any|a)\s+)?(?:sources?|citations?|links?|refs?|references?|proof)"
    r"|(?:what'?s|what\s+is|what\s+are|whats)\s+(?:the|your)\s+(?:sources?|citations?)"
    r"|(?:where|how)\s+(?:did|do)\s+(?:you|u)\s+(?:get|find|read)\s+(?:that|this|it)(?:\s+from)?"
    # The articles themselves, which ones and how recent (``bot.about_asks``): searched, "how recent is your
    # info", "where do your articles come from" and "how many articles have you got" were declined over three
    # passages ("the articles never use the word “got”"), as if the articles could say what the bot holds.
    rf"|{STOCK_ASK.pattern}|{RECENT.pattern}"
    r"|(?:is|was)\s+(?:that|this|it)\s+(?:true|right|correct|accurate|real)(?:\s+(?:though|really))?"
    r"|says\s+who|(?:according\s+to\s+)?who\s+says")
_HELP = re.compile(r"help(?:\s+me)?|commands|usage|what\s+can\s+you\s+do|what\s+do\s+you\s+do"
                   r"|how\s+do\s+(?:i|you)\s+use\s+(?:you|this|this\s+bot|the\s+bot)"
                   r"|how\s+does\s+this\s+(?:bot\s+)?work"
                   # (about the bot itself, "are you a bot", "who made you": ``bot.about_asks.ME``, a short line)
                   r"|what\s+(?:do|can)\s+(?:you|u)\s+(?:know|answer|tell\s+me)(?:\s+about)?"
                   # What it covers, in other words: searched, "what topics do you cover" was declined ("the
                   # articles never use the word “topics”"), as if the articles could say what the bot answers.
                   r"|(?:what|which)(?:\s+(?:topics?|subjects?|things|questions|kind\s+of\s+questions))?\s+(?:do|can)"
                   r"\s+(?:you|u)\s+(?:cover|handle|talk\s+about|help\s+with)"
                   r"|(?:what|which)\s+(?:topics?|subjects?|things|questions|kind\s+of\s+questions)\s+(?:do|can)"
                   r"\s+(?:you|u)\s+(?:answer|know(?:\s+about)?)"
                   r"|what(?:\s+(?:questions|things|kind\s+of\s+questions))?\s+(?:can|should|may)\s+i\s+ask(?:\s+(?:you|u))?"
                   r"|what'?s\s+your\s+(?:scope|coverage|topic)|what\s+is\s+your\s+(?:scope|coverage|topic)"
                   # The question announced, not asked ("i have a question", "can i ask you something?"): searched,
                   # it was told it "names nothing to look for".
                   r"|(?:i\s+(?:have|got)|i'?ve\s+got)\s+(?:a|one|some|a\s+few|few|two|a\s+couple(?:\s+of)?)\s+"
                   r"(?:(?:quick|small|simple)\s+)?(?:q|qs|questions?)"
                   r"|(?:can|could|may)\s+i\s+ask(?:\s+(?:you|u))?(?:\s+(?:something|a\s+question|some\s+questions"
                   r"|a\s+(?:quick|small|simple)\s+question))?")

# How the articles get in, or out ("how do i add an article?", "can i upload a source", "how to remove an
# article"): searched, it was declined, and nothing told a moderator about /add-article (``bot.help_text``).
_WHO_DOES = r"(?:i|we|you|u|one|someone|people|users|moderators|mods|admins)"
_ARTICLE = (r"(?:(?:an?|the|new|more|my|our|this|that|some|other|another|your|extra)\s+)*(?:news\s+)?"
            r"(?:articles?|sources?|stor(?:y|ies)|news|links?|files?|documents?|pdfs?|pages?|urls?|reports?)")
_CHANGE = (r"(?:add|upload|submit|suggest|contribute|include|send|share|give|feed|put\s+in|remove|delete"
           r"|take\s+out|update|replace|correct)")
_ADDING = re.compile(
    rf"(?:how\s+(?:do|can|could|should|would|does|to)(?:\s+{_WHO_DOES})?|(?:can|could|may)\s+{_WHO_DOES}"
    rf"|where\s+(?:do|can)\s+{_WHO_DOES}|i\s+(?:want|wanna|would\s+like)\s+to|who\s+(?:can|may))"
    rf"\s+{_CHANGE}\s+{_ARTICLE}(?:\s+(?:to|into|in|from)(?:\s+(?:you|u|the|this|your))?"
    r"(?:\s+(?:bot|index|corpus|sources|articles|knowledge\s+base|database|list))?)?"
    r"|how\s+(?:do|can)\s+(?:i|we)\s+(?:rebuild|reindex|update)\s+the\s+index|(?:adding|uploading)\s+" + _ARTICLE)


# A greeting, thanks or "quick question:" said before a question, to the bot: searched with it, "hi, how many
# accounts were blocked?" was declined ("the articles never use the word “hi”"). It ends at punctuation, or
# where a question word starts; "hello world app ban" and "thanks to whom …" keep their first word.
_SAID_BEFORE = r"(?:\s*[,!.:;…]+\s*|\s+[—–-]+\s+)"
# Words chat opens a question with that say nothing asked ("ok so what is meity", "wait, who is sawhney", "btw
# did twitter comply"): searched with them, "ok so what is meity" was declined while "what is meity" is
# answered, since the readers of a question's form (a definition, a dated overview) read it from its start.
# Like a greeting, one goes only before punctuation, an asking word or another of them: "so the meeting …"
# and "well-known accounts" keep theirs. ("and" stays: it marks a follow-up.)
_OPENER = (r"(?:ok(?:ay)?|k|so|wait|hmm+|btw|by\s+the\s+way|also|lol|bro|yaar|arre|ac+ha|oh+|well|um+|uh+"
           r"|anyway|right|listen|acha)")
# A request for a short or simple answer ("tl;dr who …", "eli5: why …", "explain like i'm 5 why …"), which every
# answer is: searched with it, "tl;dr what did twitter say …" was declined (no article uses "tl" or "dr").
_SHORT_PLEASE = (r"(?:tl\s*;?\s*dr|eli5|explain\s+(?:it\s+|this\s+)?(?:to\s+me\s+)?like\s+i'?m\s+"
                 r"(?:5|five|a\s+(?:kid|child|five[\s-]year[\s-]old)))")
_ASKING_NEXT = (r"(?:who|whom|whose|what|whats|when|where|which|why|how|is|are|was|were|did|does|do|can|could"
                r"|will|would|has|have|had|tell|and)")
# An acknowledgement of the last answer before the next question ("got it. why did twitter refuse", "cool, who
# is sawhney", "thank you, that helps. why …") is no part of it either: searched with it, "that helps. why did
# twitter refuse" was declined ("the articles never use the words “helps” or …").
_PREAMBLE = re.compile(
    rf"(?:{_GREETING.pattern}|{_THANKS.pattern}|{_NOTED.pattern}|{_OPENER}|{_SHORT_PLEASE})"
    rf"(?:{_SAID_BEFORE}|\s+(?=(?:{_ASKING_NEXT}|{_OPENER})\b))"
    rf"|(?:(?:a|one)\s+)?(?:quick\s+)?(?:q|question){_SAID_BEFORE}"
    # The asker announcing the questions ("i have two questions: who …", "can i ask you something? what …"):
    # searched with them, "hello, i have two questions: who is sawhney and what is meity?" was declined.
    rf"|(?:i\s+(?:have|got|had)|i'?ve\s+got|can\s+i\s+ask(?:\s+(?:you|u))?|let\s+me\s+ask(?:\s+(?:you|u))?)\s+"
    r"(?:(?:a|an|one|two|three|2|3|some|few|a\s+few|a\s+couple(?:\s+of)?|couple(?:\s+of)?|more|another)\s+)?"
    rf"(?:(?:quick|small|simple|short|other)\s+)?(?:q|qs|question|questions|something|thing|things|this)"
    rf"(?:{_SAID_BEFORE}|\s*\?+\s*|\s+(?={_ASKING_NEXT}\b))",
    re.IGNORECASE)
# Thanks or "please" said after a question ("what is koo, thanks!", "what is koo?? thx", "… pls"): searched
# with it, a short question was declined, "the articles never use the word “thanks”".
_SAID_AFTER = re.compile(
    r"(?:[\s,;:.!—–-]+(?:thanks?(?:\s+(?:a\s+lot|so\s+much|again|in\s+advance))?|thank\s+you(?:\s+(?:so|very)\s+much)?"
    r"|thx|tia|ty|cheers|pls|plz|please|shukriya|dhanyavaa?d)(?:\s+(?:bot|guys|all|everyone))?)+[\s.!]*$",
    re.IGNORECASE)
# With no comma or stop before it, "thanks" may be what was said or given ("why did twitter say thank you",
# "a letter of thanks"): then it stays.
_THANKED = re.compile(r"\b(?:say|says|said|saying|tweet|tweets|tweeted|give|gives|gave|given|giving|express"
                      r"|expressed|offer|offered|send|sent|get|got|receive|received|owe|owed|to|of|for|a|the"
                      r"|their|his|her|its|no|there|were|was|are|is|any|some)$", re.IGNORECASE)


def without_greeting(question: str) -> str:
    """``question`` without the greetings and thanks said before it ("hey bot, quick q: how many …") or the
    thanks and "please" after it ("… thanks!"); a message that is nothing else stays as it is
    (``small_talk`` answers it)."""
    text = question
    while (match := _PREAMBLE.match(text)) and any(ch.isalnum() for ch in text[match.end():]):
        text = text[match.end():]
    after = _SAID_AFTER.search(text)
    if after is not None and any(ch.isalnum() for ch in text[:after.start()]) and not (
            text[after.start()].isspace() and _THANKED.search(text[:after.start()])):
        text = text[:after.start()]
    return text


def normalised(text: str) -> str:
    """Lower case, words only: punctuation, emoji, extra spaces and filler around the message ("pls",
    "hey bot") don't change what kind of message it is."""
    words = " ".join(re.sub(r"[^\w\s']+", " ", text.lower().replace("’", "'")).split())
    return _FILLER.sub("", words) or words


def doubts_what_was_said(question: str) -> bool:
    """Whether the whole message asks if what was said is true, or where it comes from, or says it is wrong
    ("is this true?", "source?", "that's false"). Said after an answer it is about the answer (``small_talk``
    points to its sources and to 👎); said pointing at someone's post, it asks the bot to check that post."""
    text = normalised(question)
    return bool(_SOURCED.fullmatch(text) or _DISPUTED.fullmatch(text))


def small_talk(question: str) -> Reply | None:
    """The reply to a message that is only small talk; None for anything else, which is answered from the
    articles as always."""
    text = normalised(question)
    if _THANKS.fullmatch(text):
        return Reply(WELCOME)
    if _FAREWELL.fullmatch(text):  # searched, "bye" got "The articles don't say" over three passages
        return Reply(FAREWELL)
    if _NOTED.fullmatch(text):  # the core says it as the last reply calls for (``bot.core_replies``)
        return Reply(NOTED, about=NOTED_TOPIC)
    if _DISPUTED.fullmatch(text):
        return Reply(DISPUTED)
    if _SOURCED.fullmatch(text):  # the core answers it from the articles and the last answer
        return Reply(SOURCED, about=sourced_topic(text))
    if WEB.fullmatch(text):
        return Reply(WEB_REPLY, about=WEB_TOPIC)
    if MORE.fullmatch(text):
        return Reply(MORE_REPLY, about=MORE_TOPIC)
    if ME.fullmatch(text):
        return Reply(ABOUT_ME)
    if _GREETING.fullmatch(text) or _HELP.fullmatch(text):
        return Reply(f"Hi! {INTRO}" if _GREETING.fullmatch(text) else INTRO, about=HELP_TOPIC)
    if _ADDING.fullmatch(text):  # the core says it in the asker's platform's words (``bot.help_text``)
        return Reply(ADDING, about=ADDING_TOPIC)
    return None
