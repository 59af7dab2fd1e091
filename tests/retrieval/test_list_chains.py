"""Follow-ups over a list chain as far as the conversation goes (``retrieval.list_followups``): each reads the
list the turn before it asked for, narrowed or moved on as that turn left it."""

from __future__ import annotations

from retrieval.list_followups import follow_up_searched, list_follow_up
from retrieval.list_questions import ListAsk
from retrieval.turns import FollowupContext, Turn


def _chain(*asks: str) -> list[ListAsk | None]:
    turns = [Turn(asks[0])]
    read: list[ListAsk | None] = []
    for text in asks[1:]:
        asked = list_follow_up(text, FollowupContext(tuple(turns)), 8)
        read.append(asked)
        turns.append(Turn(follow_up_searched(asked) if asked else text))
    return read


def test_a_narrowed_list_narrows_again_and_goes_on() -> None:
    first, second, third = _chain("who are the people named", "which of them is a minister",
                                  "and which of those is a union minister", "who else?")
    assert first is not None and first.narrow == ("minister",)
    assert second is not None and second.narrow == ("minister", "union") and second.noun == "people"
    assert third is not None and third.narrow == ("minister", "union") and third.skip == 8
    # words ending in no title ask something else of the list: searched as usual
    quoted = _chain("who are the people named", "which of them is a minister", "which of those is the most quoted")
    assert quoted[1] is None


def test_names_left_out_stay_left_out_down_the_chain() -> None:
    first, second = _chain("what apps are mentioned besides koo", "any more?", "which of those are platforms")
    assert first is not None and first.skip == 8 and first.besides == ("koo",)
    assert second is not None and second.besides == ("koo",) and second.skip == 8 and second.narrow == ("platform",)

