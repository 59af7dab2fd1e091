"""Dating rules found wanting on articles written to stress the timeline (day-first ranges, an update's own day,
a relative time before a preposition), on small made-up articles (no index, no model)."""

from __future__ import annotations

from tests.index.test_events import doc, events


def test_a_day_first_range_after_between_is_one_event_over_its_days() -> None:
    """"between 4 and 6 February" was read by its last day alone: the rise was an event of 6 February."""
    found = events(doc("Downloads of the app rose from one million to three million between 4 and 6 February, "
                       "its founder said.", "2022-02-11"))
    assert [e["date"] for e in found] == ["2022-02-04/2022-02-06"]


def test_a_time_followed_by_a_preposition_dates_its_sentence() -> None:
    """"crashed … last week under the load" read "last week" as qualifying a noun ("the January 26 violence"), and
    the crash was on no day; a date before a noun still dates nothing."""
    assert [e["date"] for e in events(doc("The app's servers crashed for several hours last week under the load, "
                                          "the founder said.", "2022-02-11"))] == ["2022-01-31/2022-02-06"]
    assert [e["date"] for e in events(doc("The ministry met on Friday over the January 26 violence.",
                                          "2021-02-10"))] == ["2021-02-05"]


def test_an_update_paragraphs_relative_days_count_from_its_labels_day() -> None:
    """"Update, February 14: … said on Sunday" in a story of Friday 11 February was put on Sunday the 6th, before
    the story's own events; it is the 13th, and no plan. The label's day stays no event, and the story's own
    "on Tuesday" still counts from the story's date."""
    found = events(doc("The ministers opened accounts on Tuesday.\n\n"
                       "Update, February 14: The app said on Sunday that it had passed four million users.",
                       "2022-02-11"))
    assert [(e["date"], e["planned"]) for e in found] == [("2022-02-08", False), ("2022-02-13", False)]


def test_a_pages_update_stamp_over_the_story_gives_its_lead_no_day() -> None:
    """A stamp line ("Updated Feb 14, 2022, 09:30 IST") is when the page changed: the lead under it still counts its
    "on Monday" from the article's date."""
    found = events(doc("Updated Feb 14, 2022, 09:30 IST\nThe ministry said on Monday it had blocked the accounts.",
                       "2022-02-11"))
    assert [e["date"] for e in found] == ["2022-02-07"]
