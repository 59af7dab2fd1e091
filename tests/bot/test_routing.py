"""Where a message goes before a search: one decision that the command core and ``bot eval`` share."""

from __future__ import annotations

import pytest

from bot.routing import route


@pytest.mark.parametrize(("message", "expected"), [
    ("hi", ("hi", "small talk")),
    ("hey bot, how many accounts were blocked", ("how many accounts were blocked", None)),
    ("tl;dr", ("tl;dr", "timeline")),
    ("timeline for koo", ("timeline for koo", "timeline")),
    ("what happened on feb 10?", ("what happened on feb 10?", "timeline")),
    ("what's going on between twitter and india?", ("what's going on between twitter and india?",
                                                    "timeline if it has events")),
    # The main points of the story, or of a topic: searched, both were declined ("… never use the word “key”").
    ("what are the main points?", ("what are the main points?", "timeline")),
    ("give me the key points about koo", ("give me the key points about koo", "timeline if it has events")),
    ("the gist of the dispute", ("the gist of the dispute", "timeline")),
    ("what is the main point of the blog post", ("what is the main point of the blog post", None)),
    ("what are the main points of contention between quillmark and the regulator?",
     ("what are the main points of contention between quillmark and the regulator?", None)),
])
def test_a_message_is_routed_once_for_chat_and_eval(message: str, expected: tuple[str, str | None]) -> None:
    cleaned, routed = route(message)
    assert (cleaned, None if routed is None else routed.name) == expected


def test_a_topic_timeline_names_its_topic_and_the_whole_story_none() -> None:
    assert route("timeline for koo")[1].topic == "koo"  # type: ignore[union-attr]
    assert route("tl;dr")[1].topic is None  # type: ignore[union-attr]


def test_the_main_points_of_a_topic_are_its_events_if_it_has_any() -> None:
    routed = route("give me the key points about koo")[1]
    assert routed is not None and routed.topic == "koo" and routed.if_events
    whole = route("key facts of the story")[1]
    assert whole is not None and whole.topic is None and not whole.if_events
