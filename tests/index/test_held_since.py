"""A date a state has held since ("blocked since 3 March") is no event of its day (``index.date_roles.held_since``),
on small made-up articles (no index, no model)."""

from __future__ import annotations

import pytest

from tests.index.test_events import dates, doc


@pytest.mark.parametrize("sentence", [
    "The messaging app Quillo has been blocked in Norvale since 3 March.",
    "Quillo has been appealing the order since March 5, its lawyer said.",
    "Its users have been unable to send messages since the morning of 3 March.",
    "Police said 17 people had been injured and 43 arrested since Saturday night.",
    "Ever since Monday, the ministry has issued four orders.",
])
def test_a_day_something_has_held_since_dates_nothing(sentence: str) -> None:
    """Each was an event of its day on the timeline, as if the state were a happening of that day."""
    assert dates(doc(sentence, "2024-03-20")) == []


def test_the_sentences_own_day_still_dates_it() -> None:
    """Only the "since" date is left out: the regulator's Tuesday, and a day that is no state's start, stay."""
    text = ("The app has been blocked since 3 March, and the regulator gave no sign on Tuesday that it would lift "
            "the ban.\n\nThe regulator ordered the block on 2 March.")
    assert dates(doc(text, "2024-03-20")) == ["2024-03-19", "2024-03-02"]
