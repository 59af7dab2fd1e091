"""The Discord renderer alone: every result fits every Discord limit, checked two independent ways."""

from __future__ import annotations

import re
from dataclasses import replace

import discord

from bot.discord.app import INVITE_PERMISSIONS, invite_url
from bot.discord.limits import EMBED_TOTAL_LIMIT, clip, fit_embed, link, problems, safe
from bot.discord.outgoing import Outgoing
from bot.discord.render import MAX_MESSAGES, render, render_plain
from bot.history_results import SHOWN_GROUPS, GapReport
from bot.render.plain import render as plain_render
from bot.results import IndexChange, Notice, NoticeKind, SourcesList
from retrieval.types import Answer, Citation, SourceInfo, Timeline, TimelineEvent
from tests.bot.conftest import LONG_QUESTION
from tests.bot.discord import payloads as p
from tests.bot.discord.discord_rules import message_errors


def huge_citation(n: int) -> Citation:
    return Citation(doc_id=f"doc_{n}", title="A *very* long _title_ @everyone " * 30, date="2021-02-10",
                    url="https://example.org/" + "a" * 300, quote="Twitter said **257** accounts `x` " * 200,
                    start=0, end=10, score=1.0)


def huge_answer() -> Answer:
    return Answer(question="@everyone why? " * 200, text="The order covered 257 accounts [1]. @here " * 600,
                  answered=True, citations=[huge_citation(n) for n in range(40)])


def accepted(message: Outgoing) -> bool:
    """Both the renderer's own check and the fake Discord's independent rules accept ``message``."""
    body = {"content": message.content, "embeds": [e.to_dict() for e in message.embeds]}
    return problems(message) == [] and message_errors(body) == {}


def test_huge_answer_fits_every_limit() -> None:
    [message] = render(huge_answer())
    assert accepted(message)
    embed = message.embeds[0]
    assert len(embed) <= EMBED_TOTAL_LIMIT and len(embed.fields) == 10
    assert embed.footer.text and "30 more sources not shown" in embed.footer.text
    assert all(f.value and f.value.startswith("“Twitter said \\*\\*257\\*\\*") for f in embed.fields)
    assert message.content is None, "nothing user- or article-written goes into pingable content"


def test_pathological_embed_is_cut_to_fit() -> None:
    embed = discord.Embed(title="t" * 999, description="d" * 9999)
    embed.set_footer(text="f" * 5000)
    embed.set_author(name="a" * 999)
    for _ in range(40):
        embed.add_field(name="n" * 999, value="v" * 9999)
    embed.add_field(name="", value="")
    message = Outgoing(embeds=(fit_embed(embed),))
    assert accepted(message), problems(message)
    assert len(embed.fields) == 25


def test_long_timeline_is_split_then_cut_with_a_note() -> None:
    events = [TimelineEvent(f"2021-02-{n % 28 + 1:02d}", f"Event {n}: " + "words " * 60,
                            [huge_citation(n), huge_citation(n + 1), huge_citation(n + 2)]) for n in range(500)]
    messages = render(Timeline(events, topic="blocking"))
    assert len(messages) == MAX_MESSAGES and all(accepted(m) for m in messages)
    last = messages[-1].embeds[0]
    assert last.footer.text and "more events not shown" in last.footer.text
    assert messages[1].embeds[0].title == "Timeline: blocking (continued)"
    shown = sum((m.embeds[0].description or "").count("**2021-") for m in messages)
    assert f"{500 - shown} more events" in last.footer.text
    # Events the timeline itself left out count too, also when every event it kept fits.
    cut = render(Timeline(events[:500], topic="blocking", omitted=40))[-1].embeds[0].footer.text
    assert cut and f"{500 - shown + 40} more events" in cut
    few = render(Timeline(events[:2], omitted=3))[-1].embeds[0].footer.text
    assert few and few.startswith("3 more events not shown")
    # "What happened next?" leaves out the events after those it lists: "and then?" shows them.
    later = render(Timeline(events[:2], omitted=3, later=True))[-1].embeds[0].footer.text
    assert later == "3 more events not shown; ask “and then?” for the next ones"


def test_a_timeline_date_names_only_the_article_of_its_summary_as_its_source() -> None:
    said = Citation("a", "Blog post", "2021-02-10", None, "Twitter released a blog post on Wednesday.", 0, 43, 1.0)
    other = Citation("b", "Notice story", "2021-02-12", None, "The ministry sent a notice on Wednesday.", 0, 40, 0.9)
    [message] = render(Timeline([TimelineEvent("2021-02-10", said.quote, [other, said])]))
    line = message.embeds[0].description or ""
    assert "“Twitter released a blog post on Wednesday.” — Blog post (also reported that day: Notice story)" in line


def test_sources_and_index_change_and_notice() -> None:
    infos = [SourceInfo(f"doc_{n}", "Title " * 50, None, "javascript:alert(1)", "Site", 3) for n in range(300)]
    assert all(accepted(m) for m in render(SourcesList(infos)))
    assert "javascript:" not in "".join(m.embeds[0].description or "" for m in render(SourcesList(infos)))
    change = IndexChange("add", {"unchanged": False, "seconds": 1.0, "docs": 5, "chunks": 30, "embedded_chunks": 3,
                                 "reused_chunks": 27, "added_doc_ids": ["x_y"] * 900},
                         [{"file": "bad.pdf", "reason": "only .txt"}] * 200)
    [message] = render(change)
    assert accepted(message) and message.embeds[0].title == "Articles added"
    [notice] = render(Notice(NoticeKind.FORBIDDEN, "Only moderators can rebuild the index." * 100))
    assert notice.ephemeral and accepted(notice) and not notice.embeds


def test_article_text_shows_literally_and_links_are_safe() -> None:
    assert safe("**bold** _x_ `code`", 100) == "\\*\\*bold\\*\\* \\_x\\_ \\`code\\`"
    assert safe("\u202eevil\u202c \u2067x\u2069 \u200fمرحبا", 100) == "evil x \u200fمرحبا"  # marks stay
    assert link("label", "https://example.org/a_b") == "[label](https://example.org/a_b)"
    for bad in ("javascript:alert(1)", "https://x.org/a b", "https://x.org/" + "a" * 500, None):
        assert link("label", bad) == "label"
    # Brackets are encoded, not a reason to drop the link: a raw ")" would end it early.
    assert link("Koo", "https://en.wikipedia.org/wiki/Koo_(app)") == "[Koo](https://en.wikipedia.org/wiki/Koo_%28app%29)"
    assert link("x", "https://x.org/[a]<b>") == "[x](https://x.org/%5Ba%5D%3Cb%3E)"


MENTIONS = "<@123456789> <@!42> <@&1> <#1> <:koo:99> </ask:7> <t:1612915200:R> @everyone"
LIVE_MENTION = re.compile(r"(?<!\\)(?:<(?:[@#/]|a?:|t:)|(?<![\w@])@(?:everyone|here))")


def shown_texts(message: Outgoing) -> list[str]:
    """Every text Discord renders markdown and mentions in: content, and each embed's title, description,
    field names and values (footers show neither)."""
    texts = [message.content or ""]
    for e in message.embeds:
        texts += [e.title or "", e.description or "", *(f.name or "" for f in e.fields),
                  *(f.value or "" for f in e.fields)]
    return texts


def test_mention_markup_in_articles_shows_as_typed() -> None:
    """allowed_mentions=none stops the pings but not the rendering: <@123456789> in a quote showed as a mention
    chip in the embed (and in the text sent without Embed Links)."""
    c = Citation("koo", f"Koo {MENTIONS}", "2021-02-12", "https://news.example/koo", f"Koo founders told {MENTIONS}.",
                 0, 10, 1.0)
    results = [Answer(f"who is {MENTIONS}?", f"They told {MENTIONS} [1].", True, [c], related=[c]),
               Timeline([TimelineEvent("2021-02-12", c.quote, [c, replace(c, quote=f"Also {MENTIONS}")])],
                        topic=MENTIONS),
               SourcesList([SourceInfo("koo", c.title, "2021-02-12", c.url, MENTIONS, 3)])]
    for result in results:
        for message in [*render(result), *render_plain(result)]:
            assert accepted(message)
            for text in shown_texts(message):
                assert not LIVE_MENTION.search(text), text
    [answer] = render(results[0])
    assert answer.embeds[0].fields[0].value and answer.embeds[0].fields[0].value.startswith(
        "“Koo founders told \\<@123456789> \\<@!42> \\<@&1> \\<#1> \\<:koo:99> \\</ask:7> \\<t:1612915200:R> "
        "\\@everyone.”")
    assert safe("mail x@here.com, <https://a.example>, 3 < 4", 100) == "mail x\\@here.com, <https://a.example>, 3 < 4"


def test_clip_cuts_at_words_and_never_leaves_half_an_escape() -> None:
    assert clip("short", 10) == "short"
    assert clip("alpha beta gamma delta epsilon", 24) == "alpha beta gamma delta…"
    assert clip("abcdefghij", 5) == "abcd…"
    assert clip("ab\\*cd", 4) == "ab…", "a lone escaping backslash is dropped"
    assert clip("ab\\\\cd", 5) == "ab\\\\…", "an escaped backslash is kept whole"


def test_invite_url_has_the_scopes_and_permissions() -> None:
    url = invite_url(p.APP_ID, p.GUILD_ID)
    assert url.startswith(f"https://discord.com/oauth2/authorize?client_id={p.APP_ID}")
    assert "scope=bot+applications.commands" in url and f"permissions={INVITE_PERMISSIONS.value}" in url
    assert f"guild_id={p.GUILD_ID}" in url
    assert INVITE_PERMISSIONS.value == 309237763072  # the number given in docs/discord.md
    assert INVITE_PERMISSIONS.attach_files  # the timeline picture
    assert not INVITE_PERMISSIONS.administrator and not INVITE_PERMISSIONS.mention_everyone


def test_related_sentences_come_after_the_answers_quotes() -> None:
    quote = Citation(doc_id="a", title="Koo article", date="2021-02-10", url=None, quote="Koo has 3.4 million users.",
                     start=0, end=26, score=0.9)
    related = Citation(doc_id="b", title="Other @everyone", date=None, url=None,
                       quote="Koo was downloaded 4 lakh times.", start=0, end=32, score=0.3)
    [message] = render(Answer("how many users?", "Koo has 3.4 million users. [1]", True, [quote], related=[related]))
    assert accepted(message)
    names = [f.name or "" for f in message.embeds[0].fields]
    assert names[0].startswith("[1]") and names[1].startswith("Also in the articles")
    assert "4 lakh" in (message.embeds[0].fields[1].value or "")
    [full] = render(Answer("q", "a", True, huge_answer().citations, related=[related]))
    assert accepted(full) and len(full.embeds[0].fields) == 10  # no room: the answer's quotes come first


def test_a_report_of_long_questions_keeps_its_down_voted_answers(long_question_report: GapReport) -> None:
    """Each 1,000-character example filled a page: three groups were shown, and the down-voted answers (what
    a moderator acts on) fell under "N more lines not shown; narrow it down with /report since:…", which a
    shorter period does not help with."""
    messages = render(long_question_report)
    assert all(accepted(m) for m in messages) and all(m.ephemeral for m in messages)
    shown = "\n".join(e.description or "" for m in messages for e in m.embeds)
    assert shown.count("×") == SHOWN_GROUPS and "4 more groups" in shown
    assert "Most down-voted answers" in shown and shown.count("👎") == 5
    assert not any(e.footer.text for m in messages for e in m.embeds), "nothing left out"
    assert f"“0 {LONG_QUESTION}”" in plain_render(long_question_report), "the terminal shows questions whole"


def test_sources_that_do_not_fit_come_whole_in_an_attached_file(many_sources: SourcesList) -> None:
    """45 articles filled the three pages at 33; the footer sent everyone else to "the index folder", which
    no chat user can open, and /remove-article needs the ids that went missing."""
    messages = render(many_sources)
    assert all(accepted(m) for m in messages) and len(messages) == MAX_MESSAGES
    footer = messages[-1].embeds[0].footer.text or ""
    assert re.fullmatch(r"\d+ more articles not shown; all 45 are in the attached sources\.txt\.", footer)
    [(name, data)] = [f for m in messages for f in m.files]
    assert name == "sources.txt" and all(s.doc_id in data.decode() for s in many_sources.sources)
    unattached = messages[-1].unattached  # sent instead should Discord refuse the file: it speaks of none
    assert unattached is not None and not unattached.files and accepted(unattached)
    assert unattached.embeds[0].description == messages[-1].embeds[0].description
    assert "attached" not in (unattached.embeds[0].footer.text or "")
    assert "for all 45" in (unattached.embeds[0].footer.text or "")
    assert not any(m.files for m in render(SourcesList(many_sources.sources[:5]))), "a list that fits is all"
