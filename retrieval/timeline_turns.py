"""A timeline reply as a turn of the conversation, and a follow-up that moves its day ("and the next day?").

"What happened on feb 10?" is answered with the dated events, not with an answer, and nothing of it was
remembered: "why did they do that?" then had no earlier turn, so "that" named nothing and the question was
declined or answered about something else. The events shown are now the conversation's latest turn, read by
the follow-up rules (``retrieval.followup``) as an answer is: the event "that" most plausibly points at gives
the words a follow-up borrows, its reports are the quotes, and their articles are favoured.

Which event: what was done rather than what was still ahead (``planned``), on a day rather than over a week
or a month (a day asked about lists the events of weeks holding it too), and of those the last listed: the
only one on a day asked about, the latest in a longer list, and the one read last.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from retrieval.followup import FollowupContext, Turn
from retrieval.topic_dates import topic_dates
from retrieval.types import Timeline, TimelineEvent

# The reports of the event kept as its quotes: enough for the names a follow-up may mean, few enough that a
# conversation's stored turns stay small.
MAX_REPORTS = 5
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

_CALENDAR = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_LATER = r"(?:later|after|afterwards?|on)"
_EARLIER = r"(?:earlier|before|prior|back)"
# A whole message asking for another day than the one just shown: "and the next day?", "what about the day
# before?", "what happened two days later?". Only ever read against a timeline turn's day.
_SHIFT = re.compile(
    r"(?:(?:and|so|ok(?:ay)?|then|also|what\s+about|how\s+about)\s+)*"
    r"(?:what\s+(?:happened|went\s+on|was\s+going\s+on)\s+)?(?:on\s+)?"
    r"(?:the\s+)?(?:"
    r"(?P<next>next|following|after)\s+day|(?P<previous>previous|preceding|prior|before)\s+day"
    r"|day\s+(?:(?P<after>after)|(?P<before>before|prior|earlier))"
    rf"|(?P<count>a|one|two|three|four|five|six|seven|[1-9])\s+days?\s+(?:(?P<later>{_LATER})|{_EARLIER})"
    r")(?:\s+(?:that|then))?\s*[?.!]*",
    re.IGNORECASE,
)


def shown_event(timeline: Timeline) -> TimelineEvent | None:
    """The event a follow-up most plausibly means by "that" (see the module's docstring); None for a reply
    that showed none."""
    done = [e for e in timeline.events if not e.planned] or timeline.events
    on_a_day = [e for e in done if _DAY.fullmatch(e.date)] or done
    return on_a_day[-1] if on_a_day else None


def timeline_turn(timeline: Timeline) -> Turn | None:
    """The turn a timeline reply leaves: its topic's words (not its dates: "why?" after "feb 10" asks about
    what happened, not about the date) and the event shown, as if asked about and answered with its
    reports. None when it showed no event: there is nothing for "it" to be."""
    event = shown_event(timeline)
    if event is None:
        return None
    asked = timeline.searched_for or timeline.topic or ""
    subject = topic_dates(asked)[1] if asked else ""
    reports = tuple(dict.fromkeys(c.quote for c in event.citations))[:MAX_REPORTS] or (event.summary,)
    question = " ".join(part for part in (subject, _what(event.summary)) if part)
    day = event.date if _DAY.fullmatch(event.date) else None
    return Turn(question, tuple(dict.fromkeys(c.doc_id for c in event.citations)), reports, True, day=day)


def _what(report: str) -> str:
    """``report`` without its dates and days of the week: they say when, and the turn's ``day`` keeps that. As
    words of the turn they were borrowed first, being rare ("why were they warned? 8 cooperating …")."""
    return " ".join(_CALENDAR.sub(" ", topic_dates(report)[1]).split())


def day_shift(question: str) -> int | None:
    """How many days after (negative: before) the day just shown a whole message asks about ("and the next
    day?": 1, "the day before?": -1, "two days later": 2); None for any other message."""
    match = _SHIFT.fullmatch(question.strip())
    if match is None:
        return None
    if match.group("count"):
        count = match.group("count").lower()
        days = _COUNTS[count] if count in _COUNTS else int(count)
        return days if match.group("later") else -days
    return 1 if match.group("next") or match.group("after") else -1


def shifted_day(context: FollowupContext | None, shift: int) -> str | None:
    """The day ``shift`` days from the one the latest turn showed, written as the timeline reads a topic ("11
    February 2021"); None when the latest turn showed no single day (an answer, a week, a month)."""
    last = context.turns[-1] if context is not None and context.turns else None
    if last is None or last.day is None:
        return None
    moved = date.fromisoformat(last.day) + timedelta(days=shift)
    return f"{moved.day} {moved:%B %Y}"
