"""A message of two sides with "vs" between them asks for the story between them ("Twitter vs. India?") unless
it asks something of one side: chat's terse questions ("court for hushwire suit vs govt", "peeplink case vs
blocking entire profiles why") were sent to the timeline instead of being answered."""

from __future__ import annotations

import pytest

from bot.story_requests import going_on


@pytest.mark.parametrize("text", ["court for hushwire suit vs govt", "corner shop vs ministry line, who",
                                  "peeplink case vs blocking entire profiles why", "fine for koo vs twitter",
                                  "which court twitter vs india"])
def test_a_question_about_one_side_is_searched(text: str) -> None:
    assert going_on(text) is None


@pytest.mark.parametrize("text", ["Twitter vs. India?", "the government vs twitter", "koo v twitter"])
def test_two_sides_alone_ask_for_the_story(text: str) -> None:
    assert going_on(text) is not None
