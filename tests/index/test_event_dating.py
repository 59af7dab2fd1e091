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


def test_a_live_blogs_update_label_with_its_time_dates_the_updates_first_sentence() -> None:
    """"Update, June 8, 11:20: The hearing began …" was read to its first colon ("Update, June 8, 11"), named no
    day, and the live blog's updates dated nothing: the hearing was missing from the timeline. The label's day
    dates an update's first sentence that dates nothing of its own, as a live blog's entry head does; one with a
    day of its own keeps only it, and the label's day stays no event."""
    found = events(doc("Update, June 8, 15:45: The judge adjourned the hearing to June 15.\n\n"
                       "Update, June 8, 11:20: The hearing began with the company's lawyer arguing that the order "
                       "gave no reasons.", "2022-06-08"))
    assert [(e["date"], e["how"], e["planned"], e["quote"][:30]) for e in found] == [
        ("2022-06-15", "explicit", True, "Update, June 8, 15:45: The jud"),
        ("2022-06-08", "entry", False, "Update, June 8, 11:20: The hea")]
    # its relative days count from the label's day (Wednesday 8 June), not the article's (Tuesday 14 June)
    assert [e["date"] for e in events(doc("Update, June 8, 17:10: The regulator said on Monday it would comply.",
                                          "2022-06-14"))] == ["2022-06-06"]


def test_the_week_of_a_day_is_that_week() -> None:
    """"The office opened its inquiry in the week of April 4" was an event of April 4 itself, a day the article
    never gave it; it is the week holding April 4 (Monday to Sunday), or the seven days a week "beginning" on."""
    found = events(doc("The office opened its inquiry in the week of April 4. It wrote to the firm on April 6. "
                       "Hearings run in the week beginning Wednesday, April 13.", "2022-06-10"))
    assert [(e["date"], e["how"]) for e in found] == [
        ("2022-04-04/2022-04-10", "week"), ("2022-04-06", "explicit"), ("2022-04-13/2022-04-19", "week")]


def test_a_question_is_no_event_of_the_day_it_names() -> None:
    """An interviewer's question and a heading that asks were events: "this year" filed the first under 2031,
    and the heading under 3 June. The answers that report something still are."""
    found = events(doc("Zarnovia Ledger: How many orders has Flitter received this year?\n\n"
                       "Policy head: We received 41 orders on March 3.\n\n"
                       "What happens on June 3?\n\n"
                       "The court hears the case on June 3.", "2031-04-14"))
    assert sorted({e["quote"] for e in found}) == ["Policy head: We received 41 orders on March 3.",
                                                   "The court hears the case on June 3."]
