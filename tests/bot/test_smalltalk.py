"""Small talk gets a short reply instead of a search: only whole messages of it, never a question."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.about_asks import ABOUT_ME
from bot.actors import Actor
from bot.core import CommandCore
from bot.discord.render import render as discord_render
from bot.render.plain import render as plain_render
from bot.results import Reply
from bot.slack.render import render as slack_render
from bot.smalltalk import (
    DISPUTED,
    FAREWELL,
    INTRO,
    NOTED,
    SOURCED,
    WELCOME,
    small_talk,
    without_greeting,
)
from bot.store.tables import answers
from bot.story_requests import dated_overview, going_on, timeline_topic, wants_overview
from index.date_values import span_of as date_span
from retrieval.types import Answer, Timeline
from tests.bot.conftest import CoreFactory, HistoryFactory

ROOT = Path(__file__).resolve().parents[2]


def _question_file_texts() -> list[str]:
    """Every question (and conversation turn) of the project's question files."""
    files = [*ROOT.glob("tests/**/*.jsonl"), *ROOT.glob("training/**/*.jsonl")]
    questions = [json.loads(line) for f in files for line in f.read_text().splitlines() if line.strip()]
    texts = [q["question"] for q in questions if "question" in q]
    return texts + [t["question"] for q in questions for t in q.get("turns", [])]


@pytest.mark.parametrize("text, reply", [
    ("hi", f"Hi! {INTRO}"), ("Hello there!", f"Hi! {INTRO}"), ("hey bot 👋", f"Hi! {INTRO}"),
    ("Good morning", f"Hi! {INTRO}"), ("thanks!", WELCOME), ("Thank you so much.", WELCOME), ("ok thanks", WELCOME),
    ("thx", WELCOME), ("help", INTRO), ("What can you do?", INTRO), ("who are you", ABOUT_ME),
    ("how do I use this bot?", INTRO), ("bye", FAREWELL), ("Goodbye!", FAREWELL), ("see you", FAREWELL),
    ("cya", FAREWELL), ("ok bye 👋", FAREWELL), ("See you later, bot", FAREWELL),
    # Acknowledgements and chat filler: searched, "ok cool" got "The articles don't say" over three passages.
    ("ok cool", NOTED), ("got it", NOTED), ("Interesting!", NOTED), ("ok", NOTED), ("hmm", NOTED),
    ("makes sense, thanks", NOTED), ("that helps", NOTED), ("that's helpful!", NOTED),
    ("hey bot whats up", f"Hi! {INTRO}"), ("how are you?", f"Hi! {INTRO}"),
    ("thanks bot", WELCOME), ("so... thank you please", WELCOME),
    # Said back to an answer: "that's wrong" got "The articles never use the word “wrong”, so they likely don't
    # cover this", and "source?" was searched as a question.
    ("that's wrong", DISPUTED), ("no, that's not right!", DISPUTED), ("Wrong answer", DISPUTED),
    ("that doesn't answer my question", DISPUTED), ("source?", SOURCED),
    ("sources pls", SOURCED), ("Where did you get that from?", SOURCED), ("is that true?", SOURCED),
    ("what's the source", SOURCED), ("says who?", SOURCED),
    # Checking that the bot is there, and a bare yes or no: each was searched and counted as a gap.
    ("test", f"Hi! {INTRO}"), ("testing 1 2 3", f"Hi! {INTRO}"), ("ping", f"Hi! {INTRO}"),
    ("are you there?", f"Hi! {INTRO}"), ("yes", NOTED), ("yep!", NOTED), ("nope", DISPUTED), ("no", DISPUTED),
    # About the bot and its articles: "are you a bot" was answered with the sentence about automated bot
    # accounts, "what articles do you have" told it names nothing to look for.
    ("are you a bot?", ABOUT_ME), ("r u human", ABOUT_ME), ("who made you", ABOUT_ME),
    ("what do you know about?", INTRO),
    ("what articles do you have", SOURCED), ("Which sources do you use?", SOURCED),
    ("how many articles do you know", SOURCED), ("how recent are your articles?", SOURCED),
    # Remarks about the bot: searched, "good bot" lent "bot" to the next follow-up, and "why?" was answered
    # with the sentence about automated bot accounts.
    ("good bot", NOTED), ("great job!", NOTED), ("you're awesome", NOTED), ("bad bot", DISPUTED),
    ("stupid bot", DISPUTED), ("you're useless", DISPUTED), ("you suck", DISPUTED),
    ("bruh", f"Hi! {INTRO}"), ("gm", f"Hi! {INTRO}"), ("hey guys", f"Hi! {INTRO}"), ("shukriya", WELCOME),
    ("gn", FAREWELL),
    # What the bot holds and covers, asked other ways: searched, each was declined over three passages ("the
    # articles never use the word “topics”", "… the word “got”").
    ("how recent is your info?", SOURCED), ("where do your articles come from?", SOURCED),
    ("how many articles have you got?", SOURCED), ("are your sources up to date?", SOURCED),
    ("when were the articles published?", SOURCED), ("what topics do you cover?", INTRO),
    ("what do you cover", INTRO), ("what can i ask you?", INTRO), ("what kind of questions can you answer", INTRO),
    ("what's your scope", INTRO),
    # The question announced, not yet asked: searched, "i have a question" was told it names nothing to look for.
    ("i have a question", INTRO), ("can i ask you something?", INTRO), ("I have a quick question", INTRO),
])
def test_small_talk_gets_its_reply(text: str, reply: str | None) -> None:
    assert small_talk(text) == (Reply(reply) if reply else None)


@pytest.mark.parametrize("text", [
    "what is the source of the leak", "who says twitter broke the law", "is that law still in force",
    "links between koo and the ministry", "wrong accounts blocked?", "false news on twitter",
    "is it true that twitter refused", "test the law", "ping me the source", "yes or no did twitter comply",
    "no accounts were blocked?", "are you a bot account?", "what do you know about koo",
    "who made the blocking order", "which sources did the report cite",
    "hi, how many accounts were blocked?", "help me understand why twitter blocked accounts",
    "who are you referring to as the IT secretary", "thanks to whom were the accounts restored",
    "what can you tell me about koo", "Hindi", "history of the dispute", "hello world app ban",
    "see you in court", "goodbye to twitter?", "bye-bye Twitter, hello Koo",
    "ok so why did twitter unblock the accounts", "interesting, how many were blocked", "cool app koo?",
    "hey bot how many accounts were blocked pls", "got it, and when is the meeting",
    "good bot accounts?", "bad actors on twitter", "were the accounts bots", "useless accounts blocked?",
    "where do the reports come from", "what topics did the blog post cover", "what does the act cover",
    "what questions did twitter answer", "is the news current", "how old is the law",
    "when were the orders published", "what can i ask the minister",
    "can i ask the minister", "i have a question about koo", "can i ask why twitter refused",
])
def test_questions_are_never_small_talk(text: str) -> None:
    assert small_talk(text) is None


def test_no_question_of_any_question_file_is_taken_for_small_talk() -> None:
    texts = _question_file_texts()
    assert len(texts) > 500 and [t for t in texts if small_talk(t)] == []


async def test_small_talk_is_answered_without_a_search_and_kept_out_of_the_history(
        make_core: CoreFactory, seed_index_dir: Path, make_history: HistoryFactory) -> None:
    """Searched, "thanks!" was "The articles don't say …" over three passages, and counted in the report
    among the questions the articles can't answer."""
    core = make_core(seed_index_dir, Path("/nonexistent-corpus"), history=make_history())
    user = Actor("slack", "U1")
    first = await core.ask("Who is Ajay Prakash Sawhney?", user, "slack:thread:C1:1")
    thanks = await core.ask("thanks!", user, "slack:thread:C1:1")
    follow_up = await core.ask("and when is he expected to meet Twitter?", user, "slack:thread:C1:1")
    assert isinstance(first, Answer) and thanks == Reply(WELCOME)
    assert isinstance(follow_up, Answer) and follow_up.searched_for and "Sawhney" in follow_up.searched_for
    store = core.history.store
    assert store is not None
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(answers)) == 2


def test_a_reply_is_shown_in_the_conversation_on_every_platform() -> None:
    reply = Reply(f"Hi! {INTRO}")
    assert plain_render(reply) == reply.text
    [discord] = discord_render(reply)
    assert discord.content == reply.text and not discord.ephemeral
    slack = slack_render(reply)
    assert not slack.ephemeral and "February 2021" in slack.text


@pytest.mark.parametrize("text", ["summarize", "tl;dr", "TLDR", "latest news", "what happened?", "what's new",
                                  "can you summarize the dispute", "give me a summary", "show me the latest news",
                                  "can you give me an overview", "tldr pls", "whats the latest", "so what happened",
                                  "what's the latest news?", "any news", "when did this start", "how did it all begin?",
                                  "whats the current status", "where do things stand", "timeline", "Timeline?",
                                  "show me the timeline", "the full timeline", "timeline of events",
                                  "show timeline", "can i get a timeline", "what's the timeline", "send us a timeline",
                                  # searched, "what are the main points?" was declined ("… never use the word “main”")
                                  "what are the main points?", "the gist", "highlights", "key takeaways",
                                  "in a nutshell", "give me the key facts", "brief me", "the short version"])
def test_requests_for_the_whole_story_are_overviews(text: str) -> None:
    assert wants_overview(text) and small_talk(text) is None


@pytest.mark.parametrize("text", ["what happened on feb 10", "news about koo", "summary of the blocking order",
                                  "what happened after the blog post", "who summarized the order",
                                  "when did the blocking start", "what is the status of the accounts",
                                  "what is the main point of the blog post", "what was the key point",
                                  "the main points twitter made", "key points about koo"])
def test_questions_about_something_are_not_overviews(text: str) -> None:
    assert not wants_overview(text)


def test_no_question_of_any_question_file_is_taken_for_an_overview() -> None:
    texts = _question_file_texts()
    assert [t for t in texts if wants_overview(t)] == []


async def test_an_overview_is_answered_with_the_timeline(make_core: CoreFactory, seed_index_dir: Path) -> None:
    """Searched, "summarize" got "The articles don't say" over three arbitrary passages."""
    core = make_core(seed_index_dir, Path("/nonexistent-corpus"))
    result = await core.ask("tl;dr", Actor("slack", "U1"))
    assert isinstance(result, Timeline) and len(result.events) >= 3 and result.topic is None


@pytest.mark.parametrize("text, question", [
    ("hi, how many accounts were ordered blocked?", "how many accounts were ordered blocked?"),
    ("hey bot, quick q: how many accounts were ordered blocked?", "how many accounts were ordered blocked?"),
    ("Hello! Who is Ajay Sawhney?", "Who is Ajay Sawhney?"),
    ("good morning, who is Ajay Sawhney?", "who is Ajay Sawhney?"),
    ("thanks! and who is Ajay Sawhney?", "and who is Ajay Sawhney?"),
    ("yo what is koo", "what is koo"),
    ("Quick question: who is Ajay Sawhney?", "who is Ajay Sawhney?"),
    ("hi there. can you tell me who is Ajay Sawhney?", "can you tell me who is Ajay Sawhney?"),
    ("Hey , who is Ajay Sawhney?", "who is Ajay Sawhney?"),  # "Hey @here, who …" with the mention taken out
    # Thanks or "please" after the question: searched with it, "what is koo thanks" was declined.
    ("hey guys, what is koo", "what is koo"), ("what is koo thanks", "what is koo"),
    ("what is koo, thanks!", "what is koo"), ("what is koo?? thx", "what is koo??"),
    ("what is koo pls", "what is koo"), ("who is Ajay Sawhney? Thank you so much!", "who is Ajay Sawhney?"),
    # Chat's openers: "ok so what is meity" was declined while "what is meity" is answered.
    ("ok so what is meity", "what is meity"), ("ok so why did twitter unblock the accounts",
                                                "why did twitter unblock the accounts"),
    ("btw did twitter comply", "did twitter comply"), ("hmm, who is sawhney", "who is sawhney"),
    ("lol what did dorsey like", "what did dorsey like"), ("wait so the meeting", "so the meeting"),
    ("also what about koo", "what about koo"), ("so why?", "why?"),
    # An acknowledgement of the last answer: "thank you, that helps. why did twitter refuse" was declined over
    # "helps".
    ("thank you, that helps. why did twitter refuse", "why did twitter refuse"),
    ("got it. how many accounts were blocked", "how many accounts were blocked"),
    ("cool, who is sawhney", "who is sawhney"), ("makes sense. and what about koo", "and what about koo"),
    ("interesting what did meity say", "what did meity say"),
    # A request for a short or simple answer: "tl;dr what did twitter say in its blog post" was declined over
    # "tl" and "dr", "explain like i'm 5 why …" over "like" and "5".
    ("tl;dr what did twitter say in its blog post?", "what did twitter say in its blog post?"),
    ("TLDR, who ordered it", "who ordered it"), ("eli5: why did twitter refuse", "why did twitter refuse"),
    ("explain like i'm 5 why the government was annoyed", "why the government was annoyed"),
    # The questions announced first: "hello, i have two questions: who is sawhney and what is meity?" was declined.
    ("hello, i have two questions: who is sawhney and what is meity?", "who is sawhney and what is meity?"),
    ("can i ask you something? what is koo", "what is koo"), ("i got a few qs - who is sawhney", "who is sawhney"),
    ("i have a question who fined quillmark", "who fined quillmark"),
    ("let me ask you this: who is the vorlan minister", "who is the vorlan minister"),
])
def test_a_greeting_before_a_question_is_no_part_of_it(text: str, question: str) -> None:
    assert without_greeting(text) == question


@pytest.mark.parametrize("text", [
    "hello world app ban", "thanks to whom were the accounts restored", "hi", "thanks!", "hey bot 👋",
    "bye-bye Twitter, hello Koo", "hi-tech rules for twitter?", "so the meeting was virtual?",
    "well-known accounts blocked?", "right to free speech?", "also known as koo?",
    "who said hi to the minister?", "question is who ordered the blocking",
    "why did twitter say thank you", "was it a letter of thanks", "who said please", "thanks", "who gave thanks",
    "why were there cheers", "tl;dr", "tl dr of the blocking", "like i said who ordered it",
])
def test_a_greeting_that_is_the_question_or_part_of_it_stays(text: str) -> None:
    assert without_greeting(text) == text


async def test_a_question_after_a_greeting_is_answered_as_asked_alone(seed_core: CommandCore) -> None:
    """"hi, how many accounts were blocked?" (the README's own example of a question, not small talk) was
    declined, "the articles never use the word “hi”", while the question alone is answered."""
    alone = await seed_core.ask("how many accounts were ordered blocked?")
    greeted = await seed_core.ask("hey bot, quick q: how many accounts were ordered blocked?")
    assert isinstance(alone, Answer) and alone.answered
    assert isinstance(greeted, Answer) and greeted.text == alone.text
    assert greeted.question == "how many accounts were ordered blocked?"


@pytest.mark.parametrize("text, topic", [
    ("what's going on between twitter and india?", "twitter and india"), ("whats happening", ""),
    ("So what is going on with Koo?", "koo"), ("what went on", ""),
    ("what's up with the blocking orders", "the blocking orders"), ("Twitter vs. India?", "twitter vs india"),
    ("india versus twitter", "india versus twitter"),
])
def test_what_is_going_on_asks_for_the_timeline(text: str, topic: str) -> None:
    assert going_on(text) == topic


@pytest.mark.parametrize("text", ["what happened", "is something going on", "what is happening to the accounts",
                                  "what is going to happen to twitter's staff"])
def test_other_questions_are_not_what_is_going_on(text: str) -> None:
    assert going_on(text) is None


def test_no_question_of_any_question_file_asks_what_is_going_on() -> None:
    assert [t for t in _question_file_texts() if going_on(t) is not None] == []


async def test_what_is_going_on_is_answered_with_the_events_about_it(seed_core: CommandCore) -> None:
    """Searched, "what's going on between twitter and india?" was declined ("the articles never use the word
    “going”"). A topic no dated event is about is searched as a question, as before."""
    story = await seed_core.ask("what's going on between twitter and india?")
    assert isinstance(story, Timeline) and len(story.events) >= 3 and story.topic == "twitter and india"
    cricket = await seed_core.ask("what is going on with cricket?")
    assert isinstance(cricket, Answer) and not cricket.answered and "cricket" in cricket.text


@pytest.mark.parametrize("text, topic", [
    ("what happened on feb 10?", "feb 10"), ("What happened in January 2021", "January 2021"),
    ("what happened on 2021-02-08?", "2021-02-08"), ("so what happened on 8 February 2021?", "8 February 2021"),
    ("what happened on feb 10 with koo?", "feb 10 with koo"), ("any news from feb 8?", "feb 8"),
    # Its subject first: searched, it was answered as a question, and no turn of the timeline kept "koo".
    ("what happened with koo on feb 10", "koo on feb 10"), ("what happened to twitter on 8 feb?", "twitter on 8 feb"),
    # A period: its words stay in the topic, which the timeline reads as the period's ends.
    ("what happened between feb 1 and feb 8", "between feb 1 and feb 8"),
    ("what happened after feb 10", "after feb 10"),
    ("what happened from feb 1 to feb 10?", "feb 1 to feb 10"), ("what happened since 9 february", "since 9 february"),
    ("what happened feb 8-10?", "feb 8-10"), ("timeline since feb 9", "since feb 9"),
    ("the timeline for feb 10", "feb 10"),
    ("what happened in early february", "early february"), ("what happened mid-feb?", "mid-feb"),
    # a day in figures with no year, which the timeline says it can't read (day or month first?): searched, it
    # was told the articles "never use the word “9/2”"
    ("what happened on 9/2?", "9/2"), ("any news from 10.2", "10.2"),
    # a period between two such days, read as the one day each falls on in the articles' period: searched,
    # "what happened between 8/2 and 10/2" was declined although both days have events
    ("what happened between 8/2 and 10/2", "between 8/2 and 10/2"), ("what happened since 9/2?", "since 9/2"),
    ("events from 8/2 to 10/2", "8/2 to 10/2"),
])
def test_what_happened_on_a_date_asks_for_that_dates_timeline(text: str, topic: str) -> None:
    assert dated_overview(text) == topic


@pytest.mark.parametrize("text", [
    "what happened at the meeting?", "what happened after the meeting", "what happened between twitter and koo",
    # A second question is no part of the date: the message is two questions, answered each on its own.
    "What happened between Feb 8 and Feb 10? Who is Ajay Sawhney?", "news may be wrong", "what happened later",
    "what happened to the 257 accounts", "what happened on twitter", "what happened?", "when did it happen on feb 10",
    "what happened on 24/7 coverage",
])
def test_other_questions_about_what_happened_are_searched(text: str) -> None:
    assert dated_overview(text) is None


@pytest.mark.parametrize("text, topic", [
    ("and feb 8", "feb 8"), ("feb 8?", "feb 8"), ("what about 10 feb", "10 feb"),
    ("and on republic day?", "republic day"),
    ("so between feb 8 and feb 12", "between feb 8 and feb 12"), ("how about since feb 9", "since feb 9"),
])
def test_a_message_that_is_only_a_date_asks_for_that_dates_timeline(text: str, topic: str) -> None:
    """Asked after "what happened on feb 10", "and feb 8" was searched and declined."""
    assert dated_overview(text) == topic


@pytest.mark.parametrize("text", ["koo feb 10", "10", "the 10th", "and feb 8 who met", "and feb 8?? why"])
def test_a_date_with_other_words_is_no_date_alone(text: str) -> None:
    assert dated_overview(text) is None


@pytest.mark.parametrize("text, topic", [
    ("timeline of the standoff pls", ""), ("timeline for koo pls", "koo"), ("koo timeline", "koo"),
    ("show me the timeline of the blocking orders", "the blocking orders"), ("chronology of the whole dispute", ""),
    ("Timeline of this?", ""), ("the timeline for feb 10", "feb 10"),
    # the words asking for it are no topic: "show timeline" listed "no dated events about “show”"
    ("show timeline", ""), ("show the complete timeline", ""), ("send the full koo timeline", "koo"),
])
def test_a_timeline_asked_for_by_name_takes_its_topic(text: str, topic: str) -> None:
    assert timeline_topic(text) == topic


@pytest.mark.parametrize("text", ["when is the timeline", "what is the timeline for the meeting", "timeline",
                                  "what timeline did twitter give", "is there a timeline for compliance",
                                  # a sentence ending in "timeline" names no topic: these were listed as the
                                  # timeline of “twitter was given a”, “tell me the” …
                                  "twitter was given a timeline", "the government set a timeline",
                                  "twitter asked for a timeline", "tell me the timeline", "i need a timeline",
                                  "did they give a timeline", "we want the timeline"])
def test_questions_about_a_timeline_are_searched(text: str) -> None:
    assert timeline_topic(text) is None


def test_no_question_of_any_question_file_asks_for_a_timeline_by_name() -> None:
    assert [t for t in _question_file_texts() if timeline_topic(t) is not None] == []


async def test_a_timeline_asked_for_by_name_is_answered_with_it(seed_core: CommandCore) -> None:
    """"timeline of the standoff pls" was declined: "The articles never use the words “timeline” or
    “standoff”, so they likely don't cover this"."""
    story = await seed_core.ask("timeline of the standoff pls")
    assert isinstance(story, Timeline) and len(story.events) >= 3 and story.topic is None
    dated = await seed_core.ask("and feb 8?")
    assert isinstance(dated, Timeline) and dated.topic == "feb 8" and dated.events


def test_no_question_of_any_question_file_is_taken_for_a_dated_overview() -> None:
    texts = _question_file_texts()
    assert [t for t in texts if dated_overview(t)] == []


@pytest.mark.parametrize("text, topic", [
    ("what happened last week", "last week"), ("what happened last week?", "last week"),
    ("what happened yesterday", "yesterday"), ("any news today", "today"), ("what happened recently", "recently"),
    ("what happened lately", "lately"), ("what happened 2 days ago", "2 days ago"),
    ("what happened this month", "this month"), ("what happened on 10/02/2021", "10/02/2021"),
])
def test_what_happened_at_a_time_relative_to_now_goes_to_the_timeline(text: str, topic: str) -> None:
    """Searched, "what happened last week" got "The talks are likely to happen this week" as if it had happened;
    the timeline asks back which days are meant."""
    assert dated_overview(text) == topic


@pytest.mark.parametrize("text", ["what happened last week", "what is going on this week", "any news today?",
                                  "what happened recently", "what's happening today"])
async def test_a_time_relative_to_now_is_asked_back_in_chat(seed_core: CommandCore, text: str) -> None:
    result = await seed_core.ask(text)
    assert isinstance(result, Timeline) and result.events == [] and result.asked_back
    assert "26 January 2021 to 14 February 2021" in result.note and "“feb 14”" in result.note


async def test_what_happened_on_a_date_is_answered_with_that_dates_events(seed_core: CommandCore) -> None:
    """Searched, "what happened on feb 10?" was declined ("I couldn't find a clear answer") although the
    timeline lists the articles' events of 10 February."""
    result = await seed_core.ask("what happened on feb 10?")
    assert isinstance(result, Timeline) and result.topic == "feb 10" and result.events
    assert all(date_span(e.date)[0] <= date(2021, 2, 10) <= date_span(e.date)[1] for e in result.events)


async def test_what_happened_in_a_period_is_answered_with_its_events(seed_core: CommandCore) -> None:
    """Searched, "what happened between feb 8 and feb 10" found no sentence about a period, and declined."""
    result = await seed_core.ask("what happened between feb 8 and feb 10?")
    assert isinstance(result, Timeline) and len(result.events) >= 2
    for event in result.events:
        first, last = date_span(event.date)
        assert first <= date(2021, 2, 10) and last >= date(2021, 2, 8), event.date
    assert len({event.date for event in result.events}) >= 2, "a period, not its two end days alone"
