"""One result, three renderers: the same source details everywhere, and no command-line locator in chat."""

from __future__ import annotations

import pytest

from bot.discord.limits import problems
from bot.discord.render import render as discord_render
from bot.discord.render import render_plain as discord_plain
from bot.render.dates import AHEAD_NOTE
from bot.render.plain import render as plain_render
from bot.results import IndexChange
from bot.slack.render import render as slack_render
from retrieval.types import Answer, Citation, Timeline, TimelineEvent
from tests.bot.slack.slack_requests import strings

UNDATED = Citation(doc_id="001_abc", title="Talks between Twitter and the ministry", date=None, url=None,
                   quote="MeitY asked Twitter to block 257 accounts using the", start=10, end=61, score=0.8,
                   cut_after=True)
ANSWER = Answer("how many accounts?", "MeitY asked Twitter to block 257 accounts using the… [1]", True, [UNDATED])


def test_an_undated_source_says_so_on_every_platform() -> None:
    """Discord said "undated"; the terminal and Slack said nothing, as if the date were merely left out."""
    assert "undated" in plain_render(ANSWER)
    assert "undated" in str(slack_render(ANSWER).payload()["blocks"])
    assert any("undated" in str(embed.to_dict()) for m in discord_render(ANSWER) for embed in m.embeds)


def test_the_command_lines_locator_stays_out_of_chat() -> None:
    """``[001_abc 10-61]`` lets a terminal user check a quote; in a notification or a channel without
    embeds it is noise."""
    assert "[001_abc 10-61]" in plain_render(ANSWER)
    assert "10-61" not in slack_render(ANSWER).text
    assert all("10-61" not in (m.content or "") for m in discord_plain(ANSWER))


def test_a_cut_quote_is_marked_on_every_platform() -> None:
    marked = "257 accounts using the…”"
    assert marked in plain_render(ANSWER)
    assert marked in str(slack_render(ANSWER).payload()["blocks"])
    assert any(marked in str(embed.to_dict()) for m in discord_render(ANSWER) for embed in m.embeds)


def test_a_rebuild_of_many_articles_still_names_the_files_it_skipped() -> None:
    """A /reindex of 60 added articles listed their ids past Discord's 4,096 characters; the clip took the line
    saying a file was skipped, the one line a moderator has to act on. Chat names ten ids and counts the rest."""
    ids = [f"web-twitter-vs-government-of-india-accounts-withheld-after-m-{n:010x}" for n in range(60)]
    change = IndexChange("reindex", {"unchanged": False, "seconds": 9.0, "docs": 64, "chunks": 900,
                                     "embedded_chunks": 850, "reused_chunks": 50, "added_doc_ids": ids,
                                     "skipped": [{"file": "notes.md", "reason": "not UTF-8"}]})
    [discord] = discord_render(change)
    assert not problems(discord)
    slack = "\n".join(strings(slack_render(change).blocks))
    for shown in (discord.embeds[0].description or "", slack):
        assert "Skipped notes.md: not UTF-8" in shown and ids[9] in shown and ids[10] not in shown
        assert "and 50 more" in shown
    assert all(i in plain_render(change) for i in ids), "the terminal lists every id"


PLANNED = Timeline([TimelineEvent("2021-02-12", "Officials will meet Twitter on Friday.", [
    Citation("001_abc", "A title", "2021-02-10", None, "Officials will meet Twitter on Friday.", 0, 37, 1.0)],
    planned=True)])


def test_a_plan_is_marked_as_still_ahead_on_every_platform() -> None:
    """"The talks are likely to happen this week" was listed like what had happened that week."""
    assert AHEAD_NOTE in plain_render(PLANNED)
    assert AHEAD_NOTE in str(slack_render(PLANNED).payload()["blocks"])
    assert any(AHEAD_NOTE in str(embed.to_dict()) for m in discord_render(PLANNED) for embed in m.embeds)


def test_a_mended_timeline_topic_says_what_was_searched_on_every_platform() -> None:
    mended = Timeline(PLANNED.events, "blokcing orders", searched_for="blocking orders")
    for timeline in (mended, Timeline([], "blokcing orders", searched_for="blocking orders")):
        assert "blocking orders" in plain_render(timeline)
        assert "blocking orders" in str(slack_render(timeline).payload()["blocks"])
        assert any("blocking orders" in str(embed.to_dict()) for m in discord_render(timeline) for embed in m.embeds)


def test_a_timeline_with_nothing_on_its_dates_says_what_the_articles_cover_on_every_platform() -> None:
    """The retrieval layer's note (the period the articles cover, a range named backwards) was in no reply."""
    note = "The articles cover 26 January 2021 to 14 February 2021."
    empty = Timeline([], "between march 1 and march 5", note=note)
    assert plain_render(empty).endswith(f"about “between march 1 and march 5”. {note}")
    assert note in str(slack_render(empty).payload()["blocks"])
    assert any(note in str(embed.to_dict()) for m in discord_render(empty) for embed in m.embeds)


def test_a_time_that_cant_be_placed_is_asked_back_alike_on_every_platform() -> None:
    """"last week": the note alone (which period the articles cover, a date to ask), not "The articles give no
    dated events about “last week”", since nothing was looked up."""
    note = ("I can't tell which days “last week” means: the articles are from 26 January 2021 to 14 February 2021, "
            "not from now. Name a date instead, such as “feb 14” or “between feb 8 and feb 14”.")
    asked = Timeline([], "last week", note=note, asked_back=True)
    assert plain_render(asked) == note
    slack = str(slack_render(asked).payload()["blocks"])
    assert "feb 14" in slack and "no dated events" not in slack
    discord = [str(embed.to_dict()) for m in discord_render(asked) for embed in m.embeds]
    assert any("feb 14" in d for d in discord) and not any("no dated events" in d for d in discord)


KOO = "Koo has crossed 3.4 million registered users, the company said on Saturday."


def _koo(doc_id: str, url: str, quote: str = KOO, title: str = "Koo sign-ups surge") -> Citation:
    return Citation(doc_id, title, "2021-02-13", url, quote, 0, len(quote), 1.0)


def _everywhere(timeline: Timeline) -> list[str]:
    return [plain_render(timeline), str(slack_render(timeline).payload()["blocks"]),
            " ".join(str(embed.to_dict()) for m in discord_render(timeline) for embed in m.embeds)]


@pytest.mark.parametrize("copy", [
    _koo("koo-copy", "https://example.org/b"),  # added again with --force: the same sentence
    _koo("koo-copy", "https://example.org/b", quote="Koo has crossed 3.4 million users, the company said."),  # edited
    _koo("wire", "https://example.org/b", title="Koo passes 3.4 million"),  # the same sentence in another article
])
def test_a_report_from_a_copy_is_shown_once_with_both_sources_on_every_platform(copy: Citation) -> None:
    """After ``index add --force`` of a near-copy, ``timeline --topic koo`` listed the same title and date twice."""
    event = TimelineEvent("2021-02-13", KOO, [_koo("koo", "https://example.org/a"), copy])
    assert [len(more) for _, more in event.reports()] == [1]
    for shown in _everywhere(Timeline([event], "koo")):
        assert shown.count("Koo sign-ups surge") == 1, shown
        assert "example.org/a" in shown and "example.org/b" in shown
        assert "3.4 million users, the company" not in shown  # an edited copy's sentence is not shown again


def test_discord_never_names_the_events_own_article_as_another_report_and_says_which_span() -> None:
    """Discord listed the summary's own article again under "also reported that day", and said "that day" of a
    week."""
    own = _koo("a", "https://example.org/a", quote="This week, the ministry sent a notice.", title="Notice sent")
    again = _koo("a", "https://example.org/a", quote="The notice named 1,178 accounts this week.", title="Notice sent")
    other = _koo("b", "https://example.org/b", quote="Talks went on this week.", title="Talks go on")
    for when, words in (("2021-02-08/2021-02-14", "that week"), ("2021-02-10", "that day"), ("2021-02", "that month"),
                        ("2021-02-19/2021-02-26", "in that period")):
        event = TimelineEvent(when, own.quote, [own, again, other])
        shown = " ".join(str(embed.to_dict()) for m in discord_render(Timeline([event])) for embed in m.embeds)
        assert f"also reported {words}: [Talks go on]" in shown, shown
        assert shown.count("Notice sent") == 1
        slack = str(slack_render(Timeline([event])).payload()["blocks"])
        assert f"also {words}:" in slack


def test_a_wrapped_sentence_is_one_line_of_the_timeline_on_every_platform() -> None:
    """A wire story wrapped at a fixed width keeps its line breaks inside a sentence (its offsets must point into
    the file): the terminal's timeline broke an entry in the middle of its quote, the rest of it out of the
    entry's indent, and chat showed the break inside the quote."""
    wrapped = "Talks between the ministry's secretary and Twitter\nexecutives are expected later this week."
    other = _koo("wire", "https://example.org/w", quote="The ministry wrote to\nTwitter again this week.",
                 title="Wire")
    event = TimelineEvent("2021-02-08/2021-02-14", wrapped, [_koo("live", "https://example.org/l", quote=wrapped,
                                                                    title="Live"), other])
    for shown in _everywhere(Timeline([event])):
        assert "Twitter executives are expected" in shown, shown
    for shown in _everywhere(Timeline([event]))[:2]:  # Discord names the other report, without its sentence
        assert "wrote to Twitter again" in shown, shown
    plain = plain_render(Timeline([event]))
    assert all(line.startswith(("2021-02-08", "            — ")) for line in plain.splitlines()), plain
