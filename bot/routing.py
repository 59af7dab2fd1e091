"""Where a chat message goes before the articles are searched, decided in one place.

The command core follows the route and ``bot eval`` reports it. Eval had its own copy of the core's order
(small talk, the story's overview, a topic's or a day's timeline, "what's going on"), which the two could
drift apart on: eval would then name questions chat searches, or miss ones it doesn't.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.results import Reply
from bot.smalltalk import small_talk, without_greeting
from bot.story_asks import asks_latest, asks_story
from bot.story_requests import dated_overview, going_on, points_about, timeline_topic, wants_overview


@dataclass(frozen=True)
class Route:
    """``reply``: small talk's answer. Otherwise the timeline about ``topic`` (None: the whole story); with
    ``if_events`` only when that timeline shows events, the message being searched when it shows none;
    ``newest``: asked for the latest news ("what's the latest?"), which the reply leads with."""

    reply: Reply | None = None
    topic: str | None = None
    if_events: bool = False
    newest: bool = False

    @property
    def name(self) -> str:
        if self.reply is not None:
            return "small talk"
        return "timeline if it has events" if self.if_events else "timeline"


def route(cleaned: str, subjects: frozenset[str] = frozenset()) -> tuple[str, Route | None]:
    """The message without its greeting ("hi, how many …" asks what "how many …" asks), and where it goes
    instead of a search (None: it is searched). ``subjects``: the story's main subjects, read from the index
    (``LoadedIndex.story_subjects``), by which "what happened with twitter and india?" asks for the story."""
    reply = small_talk(cleaned)
    if reply is not None:
        return cleaned, Route(reply=reply)
    cleaned = without_greeting(cleaned)
    latest = asks_latest(cleaned)  # "what's the latest?", "any news?": the newest events first
    if latest or wants_overview(cleaned):  # "summarize", "tl;dr", "latest news": the dated events, as /timeline
        return cleaned, Route(newest=latest)
    if asks_story(cleaned, subjects):  # "what happened between twitter and india?": the whole story
        return cleaned, Route()
    asked_for = timeline_topic(cleaned)  # "timeline for koo": /timeline koo
    if asked_for is not None:
        return cleaned, Route(topic=asked_for or None)
    points = points_about(cleaned)  # "key points about koo": its events, if any (else searched)
    if points is not None:
        return cleaned, Route(topic=points or None, if_events=bool(points))
    day = dated_overview(cleaned)  # "what happened on feb 10?": that date's events
    if day is not None:
        return cleaned, Route(topic=day)
    topic = going_on(cleaned)  # "what's going on between twitter and india?": the events about it, if any
    if topic is not None:
        return cleaned, Route(topic=topic or None, if_events=True)
    return cleaned, None
