"""What the bot says about itself, filled in by the core from what it holds and the conversation
(``bot.core_replies``): its articles, their dates, its last answer's sources, "more", "ok" after a decline."""

from __future__ import annotations

from bot.actors import LOCAL_USER, Actor
from bot.core import CommandCore
from bot.results import Reply
from retrieval.types import Answer, Timeline

MEMBER = Actor("discord", "43", "member", role_ids=frozenset({"1"}), home="discord:1")
ASKED = "how many accounts did the government ask twitter to block?"
UNANSWERABLE = "what is the capital of france?"


async def _reply(core: CommandCore, text: str, conversation: str | None = None, actor: Actor = LOCAL_USER) -> str:
    result = await core.ask(text, actor, conversation)
    assert isinstance(result, Reply), result
    return result.text


async def test_the_story_asked_for_in_chat_words_gets_the_timeline(seed_core: CommandCore) -> None:
    for message in ("what happened with twitter and india?", "twitter india fight explain pls 🙏",
                    "what is this dispute about?"):
        result = await seed_core.ask(message, LOCAL_USER)
        assert isinstance(result, Timeline) and result.events and not result.topic, message


async def test_the_latest_news_leads_with_the_newest_events(seed_core: CommandCore) -> None:
    result = await seed_core.ask("what's the latest?", LOCAL_USER)
    assert isinstance(result, Timeline) and result.newest_first
    days = [e.date[:10] for e in result.events]
    assert days == sorted(days, reverse=True) and days[0] > days[-1]


async def test_what_the_bot_knows_is_answered_from_its_articles(seed_core: CommandCore) -> None:
    count = await _reply(seed_core, "how many sources do you have?")
    assert count.startswith("I have 4 articles") and "2021-02-10" in count
    listed = await _reply(seed_core, "what articles do you have?")
    assert "257 Twitter handles" in listed and "link" not in listed  # no article has one: none promised
    recent = await _reply(seed_core, "how recent is your info?")
    assert "2021-02-10" in recent and "nothing after them" in recent
    web = await _reply(seed_core, "can you search the web?")
    assert web.startswith("No, I can't search the web") and "4 articles" in web


async def test_source_after_an_answer_names_its_articles(seed_core: CommandCore) -> None:
    answer = await seed_core.ask(ASKED, LOCAL_USER, "terminal:src")
    assert isinstance(answer, Answer) and answer.answered
    said = await _reply(seed_core, "source?", "terminal:src")
    titles = {c.title for c in answer.citations}
    assert any(" ".join(t.split())[:60] in said for t in titles) and "That answer quoted" in said
    alone = await _reply(seed_core, "source?", "terminal:nothing-before")
    assert "I have 4 articles" in alone and "link" not in alone


async def test_more_shows_the_next_best_passages_then_says_it_has_none(seed_core: CommandCore) -> None:
    answer = await seed_core.ask(ASKED, LOCAL_USER, "terminal:more")
    assert isinstance(answer, Answer) and answer.answered
    more = await seed_core.ask("more", LOCAL_USER, "terminal:more")
    assert isinstance(more, Answer) and more.citations and "more" not in (more.searched_for or "")
    shown = {c.quote for c in [*answer.citations, *answer.related]}
    assert not shown & {c.quote for c in more.citations}
    again = await seed_core.ask("tell me more", LOCAL_USER, "terminal:more")
    assert isinstance(again, Reply) and "That's all I found" in again.text
    assert "More of what?" in await _reply(seed_core, "more", "terminal:fresh")


async def test_after_a_decline_more_and_ok_say_what_to_ask(seed_core: CommandCore) -> None:
    declined = await seed_core.ask(UNANSWERABLE, LOCAL_USER, "terminal:declined")
    assert isinstance(declined, Answer) and not declined.answered
    more = await _reply(seed_core, "more", "terminal:declined")
    assert "I found no answer" in more and "other words" in more
    for said in ("lol", "ok", "👍"):
        text = await _reply(seed_core, said, "terminal:declined")
        assert "Glad that helps" not in text and "couldn't answer" in text, said
    answered = await seed_core.ask(ASKED, LOCAL_USER, "terminal:glad")
    assert isinstance(answered, Answer) and answered.answered
    assert "Glad that helps" in await _reply(seed_core, "👍", "terminal:glad")


async def test_who_made_you_gets_a_short_line_not_the_moderator_help(seed_core: CommandCore) -> None:
    for asked in ("who made you", "are you a bot?"):
        said = await _reply(seed_core, asked)
        assert said.startswith("I'm a bot") and "/reindex" not in said and "moderator" not in said
    helped = await _reply(seed_core, "help", actor=MEMBER)
    assert "/reindex" not in helped and "/report" not in helped
    assert "/reindex" in await _reply(seed_core, "help")  # the terminal's user is a moderator
