"""Small talk gets a short reply instead of a search: only whole messages of it, never a question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.actors import Actor
from bot.discord.render import render as discord_render
from bot.render.plain import render as plain_render
from bot.results import Reply
from bot.slack.render import render as slack_render
from bot.smalltalk import FAREWELL, INTRO, NOTED, WELCOME, small_talk, wants_overview
from bot.store.tables import answers
from retrieval.types import Answer, Timeline
from tests.bot.conftest import CoreFactory, HistoryFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, reply", [
    ("hi", f"Hi! {INTRO}"), ("Hello there!", f"Hi! {INTRO}"), ("hey bot 👋", f"Hi! {INTRO}"),
    ("Good morning", f"Hi! {INTRO}"), ("thanks!", WELCOME), ("Thank you so much.", WELCOME), ("ok thanks", WELCOME),
    ("thx", WELCOME), ("help", INTRO), ("What can you do?", INTRO), ("who are you", INTRO),
    ("how do I use this bot?", INTRO), ("bye", FAREWELL), ("Goodbye!", FAREWELL), ("see you", FAREWELL),
    ("cya", FAREWELL), ("ok bye 👋", FAREWELL), ("See you later, bot", FAREWELL),
    # Acknowledgements and chat filler: searched, "ok cool" got "The articles don't say" over three passages.
    ("ok cool", NOTED), ("got it", NOTED), ("Interesting!", NOTED), ("ok", NOTED), ("hmm", NOTED),
    ("makes sense, thanks", NOTED), ("hey bot whats up", f"Hi! {INTRO}"), ("how are you?", f"Hi! {INTRO}"),
    ("thanks bot", WELCOME), ("so... thank you please", WELCOME),
])
def test_small_talk_gets_its_reply(text: str, reply: str) -> None:
    assert small_talk(text) == Reply(reply)


@pytest.mark.parametrize("text", [
    "hi, how many accounts were blocked?", "help me understand why twitter blocked accounts",
    "who are you referring to as the IT secretary", "thanks to whom were the accounts restored",
    "what can you tell me about koo", "Hindi", "history of the dispute", "hello world app ban",
    "see you in court", "goodbye to twitter?", "bye-bye Twitter, hello Koo",
    "ok so why did twitter unblock the accounts", "interesting, how many were blocked", "cool app koo?",
    "hey bot how many accounts were blocked pls", "got it, and when is the meeting",
])
def test_questions_are_never_small_talk(text: str) -> None:
    assert small_talk(text) is None


def test_no_question_of_any_question_file_is_taken_for_small_talk() -> None:
    files = [*ROOT.glob("tests/**/*.jsonl"), *ROOT.glob("training/**/*.jsonl")]
    questions = [json.loads(line) for f in files for line in f.read_text().splitlines() if line.strip()]
    texts = [q["question"] for q in questions if "question" in q]
    texts += [t["question"] for q in questions for t in q.get("turns", [])]
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
                                  "what's the latest news?", "any news"])
def test_requests_for_the_whole_story_are_overviews(text: str) -> None:
    assert wants_overview(text) and small_talk(text) is None


@pytest.mark.parametrize("text", ["what happened on feb 10", "news about koo", "summary of the blocking order",
                                  "what happened after the blog post", "who summarized the order"])
def test_questions_about_something_are_not_overviews(text: str) -> None:
    assert not wants_overview(text)


def test_no_question_of_any_question_file_is_taken_for_an_overview() -> None:
    files = [*ROOT.glob("tests/**/*.jsonl"), *ROOT.glob("training/**/*.jsonl")]
    questions = [json.loads(line) for f in files for line in f.read_text().splitlines() if line.strip()]
    texts = [q["question"] for q in questions if "question" in q]
    texts += [t["question"] for q in questions for t in q.get("turns", [])]
    assert [t for t in texts if wants_overview(t)] == []


async def test_an_overview_is_answered_with_the_timeline(make_core: CoreFactory, seed_index_dir: Path) -> None:
    """Searched, "summarize" got "The articles don't say" over three arbitrary passages."""
    core = make_core(seed_index_dir, Path("/nonexistent-corpus"))
    result = await core.ask("tl;dr", Actor("slack", "U1"))
    assert isinstance(result, Timeline) and len(result.events) >= 3 and result.topic is None
