"""A timeline reply as a turn of the conversation, and a follow-up that moves its day ("and the next day?").

"What happened on feb 10?" is answered with the dated events, not with an answer, and nothing of it was
remembered: "why did they do that?" then had no earlier turn, so "that" named nothing and the question was
declined or answered about something else. The events shown are now the conversation's latest turn, read by
the follow-up rules (``retrieval.followup``) as an answer is: the event "that" most plausibly points at gives
the words a follow-up borrows, its reports are the quotes, and their articles are favoured.

Which event: what was done rather than what was still ahead (``planned``), on a day rather than over a week
or a month (a day asked about lists the events of weeks holding it too), and of those the last listed: the
only one on a day asked about, the latest in a longer list, and the one read last.

A follow-up that moves in time keeps what the timeline was about (``moved``): after "what happened with koo on
feb 10", "and the next day?" asks for Koo's events of the 11th (it listed every event of that day), and "what
happened next?" / "and then?" for the first few about Koo after the 10th (they were searched and declined), and
"and before that?" for the last few about Koo before the first day the timeline showed (it was searched as an
answer's follow-up, with words of the event shown, and declined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from index.date_values import exact_days, span_of
from retrieval.date_filters import DateFilter, Day
from retrieval.topic_dates import topic_dates, topic_dates_within
from retrieval.turns import FollowupContext, Turn
from retrieval.types import Timeline, TimelineEvent

# The reports of the event kept as its quotes: enough for the names a follow-up may mean, few enough that a
# conversation's stored turns stay small.
MAX_REPORTS = 5
# "What happened next?" lists this many events after the day shown, the earliest first: what came next, not the
# rest of the story; asked again, it goes on from the last of them.
NEXT_EVENTS = 5
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# What a topic's dates leave at its ends ("with koo on" of "with koo on feb 10"): no subject of their own.
_EDGE = r"\b(?:with|to|about|on|in|of|for|around|during|at)\b"
_EDGE_WORDS = re.compile(rf"^(?:\W*{_EDGE})+|(?:{_EDGE}\W*)+$", re.IGNORECASE)
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


# A whole message asking what came after what was just said: "what happened next?", "and then?", "then what?",
# "what happened after that?". Not "what happened then?", which asks about that time.
_NEXT = re.compile(
    r"(?:(?:and|so|ok(?:ay)?|also)\s+)*(?:"
    r"what\s+(?:happened|came|went\s+on|did\s+(?:they|it|he|she)\s+do)\s+(?:next|after(?:wards?|\s+that|\s+this)?)"
    r"|what\s+(?:next|then)|then(?:\s+what)?|after\s+(?:that|this)"
    r"|what\s+else\s+happened\s+(?:next|after(?:wards?|\s+that|\s+this)?)"
    r")\s*[?.!]*",
    re.IGNORECASE,
)


# A whole message asking what came before what was just shown: "and before that?", "what happened before?",
# "and earlier?". Not "the day before", a day (``_SHIFT``).
_BEFORE = re.compile(
    r"(?:(?:and|so|ok(?:ay)?|also)\s+)*(?:"
    r"(?:what\s+(?:happened|came|went\s+on|was\s+going\s+on)\s+)?(?:before|earlier|prior)(?:\s+(?:that|this|then))?"
    r"|what\s+(?:before|earlier)"
    r")\s*[?.!]*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Moved:
    """What a follow-up that moves in time asks the timeline: ``topic``, the earlier turn's words and the new
    dates; ``subject``, those words alone (empty when the earlier turn had none); ``first``, how many of the
    earliest events to show (None: all); ``after``, the day moved from by "what happened next?"."""

    topic: str
    subject: str
    dates: str
    first: int | None = None
    # "What happened next?": the day moved from (ISO); an event that began on it or before (the week holding it,
    # its month) was no news after it.
    after: str | None = None
    # "And before that?": the first day shown (ISO); an event begun on it or after was no news before it.
    before: str | None = None
    # "And the next day?": the earlier turn at the day moved to, remembered when that day shows nothing about the
    # topic, so that asking again walks on from it (it stayed on the day before, and asked for the same day again).
    walked: Turn | None = field(default=None, compare=False)


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
    named, rest = topic_dates_within(asked, timeline.period) if asked else ([], "")  # as build_timeline read it
    subject = _EDGE_WORDS.sub("", rest)
    reports = tuple(dict.fromkeys(c.quote for c in event.citations))[:MAX_REPORTS] or (event.summary,)
    question = " ".join(part for part in (subject, _what(event.summary)) if part)
    # A day asked about whose only event spans a week ("and the day before?" showing the week holding the 9th)
    # is still the day moved from next; an event of no day ("2019", "late January") is left at its last day, so
    # "what happened next?" lists what came after it (it had no day, and moved nowhere).
    day = event.date if _DAY.fullmatch(event.date) else _asked_day(named) or _last_day(event)
    first = min((_first_day(e) for e in timeline.events), default=None)
    return Turn(question, tuple(dict.fromkeys(c.doc_id for c in event.citations)), reports, True, day=day,
                topic=" ".join(subject.split()) or None, first_day=first if first and day and first < day else None)


def _asked_day(named: list[DateFilter]) -> str | None:
    """The one whole day (its year given) a topic names, ISO; None for any other topic."""
    if len(named) != 1 or not isinstance(day := named[0], Day) or day.year is None or day.day is None:
        return None
    try:
        return date(day.year, day.month, day.day).isoformat()
    except ValueError:
        return None


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


def asks_next(question: str) -> bool:
    """Whether a whole message asks what came after what was just said ("what happened next?", "and then?")."""
    return _NEXT.fullmatch(question.strip()) is not None


def asks_before(question: str) -> bool:
    """Whether a whole message asks what came before what was just shown ("and before that?")."""
    return _BEFORE.fullmatch(question.strip()) is not None


def moved(context: FollowupContext | None, question: str, day: str | None = None) -> Moved | None:
    """What ``question`` asks the timeline when it moves in time from the latest turn: "and the next day?" the
    next day's events, "what happened next?" the first few after the turn's day, both about the turn's topic
    ("koo" stays koo: the whole next day's events answered a question nobody asked). ``day``: the day to move
    from when the latest turn has none of its own (an answer: the latest day its quotes report). None when
    ``question`` moves nowhere or there is no day to move from."""
    last = context.turns[-1] if context is not None and context.turns else None
    start = last.day if last is not None and last.day is not None else day
    if last is None or start is None:
        return None
    shift = day_shift(question)
    walked = None
    if shift is not None:
        to = date.fromisoformat(start) + timedelta(days=shift)
        dates, first = _written(to), None
        walked = replace(last, day=to.isoformat())
    elif asks_next(question):
        dates, first = f"after {_written(date.fromisoformat(start))}", NEXT_EVENTS
    elif asks_before(question) and last.day is not None:  # before the first day shown, as next is after the last
        start = last.first_day or last.day
        dates = f"before {_written(date.fromisoformat(start))}"
        return Moved(f"{last.topic or ''} {dates}".strip(), last.topic or "", dates, NEXT_EVENTS, before=start)
    else:
        return None
    subject = (last.topic or "") if last.day is not None else ""
    return Moved(f"{subject} {dates}".strip(), subject, dates, first, start if first else None, walked=walked)


def moved_events(move: Moved, timeline: Timeline) -> Timeline:
    """``timeline`` as the reply to ``move``: its first events only, saying how many more came after them
    (``Timeline.later``: "and then?" lists them; the reply said nothing of them, as if these were the last),
    and when the topic's words have none on the dates that hold other events, a note saying so and how to ask
    for all of them. ``timeline`` should hold every event of its dates (``Engine.timeline``'s ``every``): of
    only the best supported, the first after the day may be missing."""
    if move.after is not None:
        later = [e for e in timeline.events if _first_day(e) > move.after]
        shown = later[: move.first]
        # With those begun on the last one's day: "and then?" goes on after that day (``moved_turn``).
        shown += [e for e in later[len(shown):] if shown and _first_day(e) == _first_day(shown[-1])]
        rest = len(later) - len(shown) + timeline.omitted
        timeline = replace(timeline, events=shown, omitted=rest, later=rest > 0)
    elif move.before is not None:  # the last few before the day: what came just before it, not the story's start
        earlier = [e for e in timeline.events if _first_day(e) < move.before]
        timeline = replace(timeline, events=earlier[-(move.first or len(earlier)):] if earlier else [])
    if timeline.events or timeline.note or timeline.asked_back or not move.subject:
        return timeline
    if move.after is not None or move.before is not None:  # a week may span the day: no claim about other events
        note = (f"The articles date nothing about {move.subject} {move.dates}; for every event {move.dates}, ask "
                f"“what happened {move.dates}?”")
    else:
        note = (f"The events the articles date {move.dates} are about other things; for all of them, ask "
                f"“what happened on {move.dates}?”")
    return replace(timeline, note=note)


def moved_turn(move: Moved | None, timeline: Timeline) -> Turn | None:
    """The turn a timeline reply leaves (``timeline_turn``), shaped by the ``move`` it answers: after "what
    happened next?", at the day the last event listed began, which "and then?" goes on after (at the last
    event done, it listed again what was still ahead after it); a day walked to showing no event (which
    ``timeline_turn`` leaves none for), the earlier turn at that day (``walked_turn``)."""
    turn = timeline_turn(timeline)
    last = _first_day(timeline.events[-1]) if timeline.events else ""
    if turn is not None and move is not None and move.after is not None and _DAY.fullmatch(last):
        return replace(turn, day=last)  # a month or year listed last: its first day, as the days in it follow it
    return turn or walked_turn(move, timeline)


def walked_turn(move: Moved | None, timeline: Timeline) -> Turn | None:
    """The turn a moved-to day's reply leaves when it shows no event: the earlier turn's words and quotes at
    the new day, so "and the next day?" asked again goes on from it; None when the reply shows events, asks
    back, or the move was no walk by days."""
    if move is None or move.walked is None or timeline.events or timeline.asked_back:
        return None
    return move.walked


def _first_day(event: TimelineEvent) -> str:
    """The day (ISO) ``event`` began: a week's or a range's first, a month's, a year's or a part's first day
    (``index.date_values``), after which the events listed after it begin."""
    return span_of(event.date)[0].isoformat()


def _last_day(event: TimelineEvent) -> str | None:
    """The last day (ISO) of an event of no day (a month, a year, a part of one); None for one of days."""
    return None if exact_days(event.date) else span_of(event.date)[1].isoformat()


def reported_day(timeline: Timeline, turn: Turn) -> str | None:
    """The latest day of an event in ``timeline`` that ``turn``'s quotes report: where "what happened next?"
    after an answer goes on from. None when the answer quoted no dated event."""
    quoted = set(turn.sentences)
    days = [e.date for e in timeline.events
            if _DAY.fullmatch(e.date) and not e.planned and any(c.quote in quoted for c in e.citations)]
    return max(days) if days else None


def _written(day: date) -> str:
    """``day`` as the timeline reads it in a topic: "11 February 2021"."""
    return f"{day.day} {day:%B %Y}"
