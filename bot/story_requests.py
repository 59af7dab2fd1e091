"""Whole messages asking for the story, or part of it, as the timeline tells it: "summarize", "what happened on
feb 10?", "what's going on between twitter and india?", "timeline for koo". No one sentence answers them, so
the core replies with the dated timeline (of the topic or period they name) instead of searching.

Searched like questions, they were declined ("the articles never use the word “timeline”") and counted as
knowledge gaps. Only a whole message of this kind counts, read as ``bot.smalltalk`` reads small talk.
"""

from __future__ import annotations

import re

from bot.smalltalk import normalised
from retrieval.figure_dates import FIGURES_DATE, ambiguous_figures
from retrieval.relative_periods import RELATIVE_PERIOD, relative_period
from retrieval.topic_dates import topic_dates

# The main points of a story, as chat asks for them ("the key points", "highlights", "the gist").
_POINTS = (r"(?:the\s+)?(?:(?:main|key|important|major|big)\s+(?:points|facts|takeaways|events|developments|things)"
           r"|highlights|gist|rundown|bullet\s+points|short\s+version)"
           # "the main points of contention between …" asks what the sides disagree on: a question, searched
           r"(?!\s+of\s+(?:contention|disagreement|dispute\s+between))")
_OVERVIEW = re.compile(
    r"(?:(?:can\s+|could\s+)?(?:you\s+|i\s+)?(?:please\s+)?(?:give|show|send|get|see)(?:\s+(?:me|us))?\s+)?"
    r"(?:(?:can\s+you\s+|please\s+)?(?:summari[sz]e|sum\s+up)(?:\s+(?:it|this|the\s+(?:story|dispute|articles|news)))?"
    r"|(?:an?\s+|the\s+)?(?:summary|overview|tl\s*;?\s*dr|tldr|recap)"
    # The command's own name typed as a message ("timeline", "show me the timeline"): searched, it was declined
    # ("I couldn't find a clear answer to “timeline”") and counted as a knowledge gap.
    r"|(?:(?:what'?s|what\s+is)\s+)?(?:an?\s+|the\s+|full\s+|whole\s+)*(?:timeline|chronology)"
    r"(?:\s+of\s+(?:events|the\s+(?:story|dispute)))?"
    r"|(?:(?:what'?s|what\s+is|any)\s+)?(?:the\s+)?(?:latest(?:\s+news)?|news)|what'?s\s+new"
    r"|what\s+happened|catch\s+me\s+up|what\s+is\s+(?:this|the\s+story|the\s+dispute)\s+about|what'?s\s+this\s+about"
    r"|(?:when|how)\s+did\s+(?:this|it|it\s+all|all\s+this|the\s+whole\s+thing)\s+(?:start|begin)"
    r"|(?:what'?s|what\s+is)\s+the\s+(?:current\s+)?status|where\s+do\s+things\s+stand"
    # The story's main points asked for in other words: searched, "what are the main points?" was declined
    # ("the articles never use the word “main”") and "give me the key points about koo" too.
    rf"|(?:what\s+(?:are|were)\s+)?{_POINTS}|(?:in\s+)?a\s+nutshell|brief\s+me|fill\s+me\s+in)"
    r"(?:\s+please)?")



# "What happened on feb 10?", "… between feb 8 and feb 10", "timeline since feb 9": the events of a day, a month
# or a period, which the timeline lists and no one sentence holds (searched, they were declined). "between",
# "after", "since" … stay in the topic, where the timeline reads them as a period's ends ("news from feb 8" is
# that day's, and "from feb 1 to feb 10" a period by its "to"); a date may follow the asking words directly
# ("what happened feb 8-10?"). The topic ends at a question mark: a second question is no part of it.
_DATED = re.compile(r"(?:(?:so|and|well)\s+)?(?:what\s+(?:happened|went\s+on|was\s+going\s+on)|any\s+news|news"
                    r"|events?|(?:the\s+)?timeline)"
                    r"(?:\s+(?:on|in|from|around|during|for|of|with|to)\s+|\s+(?=(?:between|after|before|since|until|till)\s)"
                    r"|\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|early|mid|late)|\d)"
                    # A time relative to now ("what happened last week"), which the timeline asks back about.
                    r"|\s+(?=(?:this|last|past|previous|next|coming|yesterday|today|tonight|recently|lately|the\s+"
                    r"(?:last|past)|a\s+(?:day|week|month|few)|few|couple|\d)\b))"
                    r"(?P<topic>[^?]+?)[\s?.!]*", re.IGNORECASE)




# "What's going on between Twitter and India?": the story as it unfolds, which the timeline tells and no one
# sentence does (searched, it was declined: "the articles never use the word “going”").
_GOING_ON = re.compile(r"(?:(?:and|so)\s+)?(?:what(?:'?s|\s+is|\s+was|\s+has\s+been)\s+(?:going\s+on|happening|up)"
                       r"|what\s+went\s+on)(?:\s+(?:with|between|in|about|over|around)\s+(?P<topic>.+?))?"
                       # "what's going on this week": a time relative to now, which the timeline asks back about
                       rf"(?:\s+(?P<when>{RELATIVE_PERIOD.pattern}))?")


# "Twitter vs India", "india versus twitter": a standoff named by its sides asks for its story too.
_VERSUS = re.compile(r"(?:[\w'-]+\s+){0,3}[\w'-]+\s+(?:vs|v|versus)\s+(?:[\w'-]+\s+){0,3}[\w'-]+")
# ... unless it asks something of one side: "court for hushwire suit vs govt", "corner shop vs ministry line, who"
# (chat's terse questions, which went to the timeline) hold an asking word or a preposition, as "Twitter vs India"
# and "the government vs twitter" don't.
_ASKS_OF_A_SIDE = re.compile(r"\b(?:who|whom|whose|what|whats|which|when|where|why|how|for|in|by|at|on|about|with"
                             r"|to|from|over)\b")


def going_on(question: str) -> str | None:
    """For a whole message asking what is going on, the topic it names ("" for none), for the timeline;
    None for any other message."""
    text = normalised(question)
    if _VERSUS.fullmatch(text) and not _ASKS_OF_A_SIDE.search(text):
        return text
    match = _GOING_ON.fullmatch(text)
    if match is None:
        return None
    return " ".join(filter(None, (match.group("topic"), match.group("when"))))


# A message that is only a date or period ("feb 8", "and feb 8?", "what about 10 feb", "on republic day"), as
# chat asks next after "what happened on feb 10": searched, "and feb 8" was declined ("I couldn't find a clear
# answer") over the sentence that reports what happened on 8 February.
_ONLY_DATE = re.compile(r"(?:(?:and|so|ok(?:ay)?|then|also|what\s+about|how\s+about)\s+)*(?:(?:on|for|in)\s+)?"
                        r"(?P<topic>[^?]+?)[\s?.!]*", re.IGNORECASE)
# "timeline of the standoff pls", "timeline for koo", "koo timeline": the command's name and its topic typed as
# a message. Searched, they were declined ("the articles never use the words “timeline” or “standoff”").
_TIMELINE_OF = re.compile(r"(?:(?:give|show|send|make)\s+(?:me\s+|us\s+)?)?(?:an?\s+|the\s+)?(?:full\s+)?"
                          r"(?:timeline|chronology)\s+(?:of|for|about|on|around|regarding|over)\s+(?P<topic>.+)"
                          r"|(?!(?:who|what|whats|when|where|why|how|which|is|are|was|were|did|does|do|can|will)\b)"
                          r"(?P<before>(?:[\w'-]+\s+){0,3}?[\w'-]+)\s+(?:timeline|chronology)")
# What names the story as a whole in such a request, rather than a topic of it: the bot's own words for what
# it covers (its introduction calls it a "standoff", the README a "dispute") and a pointer back at it.
_THE_STORY = re.compile(r"(?:the\s+|this\s+|whole\s+|entire\s+)*(?:story|dispute|standoff|stand-off|row|saga|events"
                        r"|whole\s+thing|thing)|this|it|everything|all\s+(?:this|of\s+it)")

# The words of asking for it before "timeline" ("show timeline", "send the full timeline"): no topic. Taken
# for one, "show timeline" listed "no dated events about “show”".
_ASKING_FOR = re.compile(r"^(?:(?:give|show|send|make|get|see)(?:\s+(?:me|us))?(?:\s+|$))?"
                         r"(?:(?:an?|the|full|whole|complete|entire)(?:\s+|$))*")


# Words of a sentence, not of a topic, left before "timeline" once the asking words are gone: "twitter was given
# a timeline", "tell me the timeline", "i need a timeline" say something or ask in words of their own; taken for
# "koo timeline", they were listed as the timeline of “twitter was given a” (or “tell me the”) and not searched.
_CLAUSE_WORD = re.compile(r"\b(?:an?|the|i|me|my|we|us|our|you|your|he|she|they|them|is|are|was|were|be|been"
                          r"|has|have|had|do|does|did|will|would|should|want|wants|need|needs|tell|gave|given)\b")


def timeline_topic(question: str) -> str | None:
    """For a whole message asking for the timeline of something ("timeline for koo"), its topic ("" when it
    names the story as a whole: "timeline of the standoff"), as ``/timeline`` takes it; None for any other
    message."""
    match = _TIMELINE_OF.fullmatch(normalised(question))
    if match is None:
        return None
    before = _ASKING_FOR.sub("", match.group("before") or "")
    if match.group("topic") is None and _CLAUSE_WORD.search(before.lower()):
        return None
    topic = match.group("topic") or before
    return "" if not topic or _THE_STORY.fullmatch(topic) else topic


# Days in figures alone, or a period between two ("between 8/2 and 10/2", "since 9/2", "8/2-10/2"): the timeline
# reads them against the articles' period (``retrieval.figure_dates``). Searched, "what happened between 8/2 and
# 10/2" was declined although both days have events.
_FIGURES_DAY = re.sub(r"\?P<\w+>", "?:", FIGURES_DATE.pattern)  # twice in one pattern: its groups unnamed
_FIGURES_PERIOD = re.compile(rf"(?:(?:between|from|since|after|before|until|till)\s+)?{_FIGURES_DAY}"
                             rf"(?:\s*(?:-|–|to|and|until|till)\s*{_FIGURES_DAY})?", re.IGNORECASE)


def dated_overview(question: str) -> str | None:
    """The date (with any other words of the topic) a whole message asks the events of ("what happened on
    feb 10?" gives "feb 10"; a message that is only a date, "and feb 8?", gives "feb 8"), for the timeline;
    None for any other message, which is searched."""
    match = _DATED.fullmatch(question.strip())
    if match is None:
        alone = _ONLY_DATE.fullmatch(question.strip())
        if alone is None:
            return None
        found, rest = topic_dates(alone.group("topic"))
        return alone.group("topic") if found and not any(ch.isalnum() for ch in rest) else None
    topic = match.group("topic")
    # A date; or a time the timeline can't place ("last week", "10/02/2021", "9/2" with no year), which it asks
    # back about: searched, "what happened last week" got "The talks are likely to happen this week" as if it
    # had happened, and "what happened on 9/2" that the articles "never use the word “9/2”".
    if (topic_dates(topic)[0] or relative_period(topic) or ambiguous_figures(topic)
            or _FIGURES_PERIOD.fullmatch(topic.strip())):
        return topic
    return None


def wants_overview(question: str) -> bool:
    """A whole message asking for the story as a whole ("summarize", "tl;dr", "latest news", "what
    happened"): no one sentence answers it, so the bot replies with its dated timeline."""
    return bool(_OVERVIEW.fullmatch(normalised(question)))


# "key points about koo", "the gist of the blocking orders": the main points of a topic, which its timeline lists.
_POINTS_ABOUT = re.compile(r"(?:(?:can|could)\s+(?:you|i)\s+)?(?:please\s+)?(?:(?:give|show|send|tell|list|get)"
                           rf"(?:\s+(?:me|us))?\s+)?(?:what\s+(?:are|were)\s+)?{_POINTS}"
                           r"\s+(?:of|about|on|regarding|for|from)\s+(?P<topic>.+)")


def points_about(question: str) -> str | None:
    """For a whole message asking for the main points of a topic ("key points about koo"), the topic ("" when
    it names the story as a whole, "the gist of the dispute"), for the timeline; None for any other message.
    Searched, "give me the key points about koo" was declined ("the articles never use the word “key”")."""
    match = _POINTS_ABOUT.fullmatch(normalised(question))
    if match is None:
        return None
    topic = match.group("topic")
    return "" if _THE_STORY.fullmatch(topic) else topic
