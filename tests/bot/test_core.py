"""The command core: validation, permissions, builds, and answering while a rebuild runs."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from pathlib import Path

import pytest

from bot.actors import Actor, ModeratorPolicy
from bot.cli_name import cli_command
from bot.core import CommandCore
from bot.render import plain
from bot.results import IndexChange, Notice, NoticeKind, SourcesList
from index import manage, store
from index.manage import Upload, pdf_upload
from retrieval.types import Answer, Timeline
from tests.bot.conftest import CoreFactory
from tests.pdf_files import article_pdf

MOD = Actor("discord", "42", "mod", role_ids=frozenset({"777"}))
ADMIN = Actor("slack", "U1", "admin", platform_admin=True)
MEMBER = Actor("discord", "43", "member", role_ids=frozenset({"1"}))


@pytest.fixture
def mod_core(make_core: CoreFactory, built_copy: tuple[Path, Path]) -> CommandCore:
    corpus, index_dir = built_copy
    return make_core(index_dir, corpus, ModeratorPolicy(role_ids=frozenset({"777"})))


async def test_ask_answers_and_validates(seed_core: CommandCore) -> None:
    answer = await seed_core.ask("Which app is the government promoting?")
    assert isinstance(answer, Answer) and answer.answered and "Koo" in answer.text
    empty = await seed_core.ask("   ")
    assert isinstance(empty, Notice) and empty.kind is NoticeKind.INVALID and empty.ephemeral
    long = await seed_core.ask("why " * 400)
    assert isinstance(long, Notice) and "characters" in long.text


async def test_a_question_in_italics_gets_the_answer_it_gets_written_plain(seed_core: CommandCore) -> None:
    """"_…_" (chat's italics, and Discord's /me) was answered with the 250 accounts Twitter failed to block."""
    plain_answer = await seed_core.ask("how many accounts was Twitter ordered to block?")
    italic = await seed_core.ask("_how many accounts was Twitter ordered to block?_")
    assert isinstance(italic, Answer) and isinstance(plain_answer, Answer) and "1,178" in italic.text
    assert italic.text == plain_answer.text


async def test_sources_and_timeline(seed_core: CommandCore) -> None:
    sources = await seed_core.sources()
    assert isinstance(sources, SourcesList) and len(sources.sources) == 4
    assert all(s.chunks > 0 and s.title for s in sources.sources)
    timeline = await seed_core.timeline(None)
    assert isinstance(timeline, Timeline)
    dates = [e.date for e in timeline.events]
    assert dates == sorted(dates) and {"2021-01-26", "2021-02-08", "2021-02-10"} <= set(dates)


async def test_a_timeline_of_a_period_through_the_core(seed_core: CommandCore) -> None:
    """"/timeline between feb 9 and feb 12" listed the events of the 9th and the 12th only (the week of the
    8th); a range named backwards got "no dated events" and nothing to go on."""
    timeline = await seed_core.timeline("between feb 9 and feb 12")
    assert isinstance(timeline, Timeline)
    assert [(e.date, e.planned) for e in timeline.events] == [
        ("2021-02-08/2021-02-10", False), ("2021-02-08/2021-02-14", True), ("2021-02-10", False)]
    backwards = await seed_core.timeline("between feb 15 and feb 10")
    assert isinstance(backwards, Timeline) and plain.render(backwards) == (
        "The articles give no dated events about “between feb 15 and feb 10”. 15 February 2021 to 10 February "
        "2021 ends before it starts: name the earlier day first. The articles cover 26 January 2021 to 14 February "
        "2021.")


async def test_a_timeline_topic_worded_as_a_chat_message_asks_what_chat_asks(seed_core: CommandCore) -> None:
    """"/timeline what happened between feb 9 and feb 12" was read as topic words too, and "happened" kept only
    "The talks are likely to happen this week"; it lists the period's events, as chat does."""
    async def dates(topic: str | None) -> list[tuple[str, bool]]:
        timeline = await seed_core.timeline(topic)
        assert isinstance(timeline, Timeline)
        return [(e.date, e.planned) for e in timeline.events]

    period = await dates("between feb 9 and feb 12")
    assert len(period) == 3
    assert await dates("what happened between feb 9 and feb 12?") == period
    assert await dates("what happened") == await dates(None)


def test_moderator_policy() -> None:
    policy = ModeratorPolicy(user_ids=frozenset({"slack:U9"}), role_ids=frozenset({"777"}))
    assert policy.allows(MOD) and policy.allows(ADMIN)
    assert policy.allows(Actor("slack", "U9")) and not policy.allows(Actor("discord", "U9"))
    assert not policy.allows(MEMBER)


async def test_non_moderators_are_refused_and_logged(
    mod_core: CommandCore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="dispute_bot.audit")
    for result in (await mod_core.reindex(MEMBER), await mod_core.add_articles(MEMBER, [Upload("a.md", b"x")]),
                   await mod_core.remove_article(MEMBER, "000")):
        assert isinstance(result, Notice) and result.kind is NoticeKind.FORBIDDEN and result.ephemeral
        assert "Only moderators" in result.text
    assert "refused rebuild the index for discord:43" in caplog.text


async def test_moderator_adds_an_article_and_it_is_answerable(
    mod_core: CommandCore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="dispute_bot.audit")
    article = ("---\ntitle: Koo downloads surge\ndate: 2021-02-12\n---\n"
               "Koo said its downloads crossed three million after ministers joined the platform.\n")
    result = await mod_core.add_articles(MOD, [Upload("koo-surge.md", article.encode()), Upload("x.pdf", b"%")])
    assert isinstance(result, IndexChange)
    assert result.report["docs"] == 5 and result.report["added_doc_ids"] == ["koo-surge"]
    assert result.rejected and result.rejected[0]["file"] == "x.pdf"
    assert "Refused x.pdf" in result.summary() and "Note on" not in result.summary()
    answer = await mod_core.ask("How many downloads did Koo have after ministers joined?")
    assert isinstance(answer, Answer) and answer.answered and "three million" in answer.text
    assert "add koo-surge.md, x.pdf by discord:42 (mod)" in caplog.text
    removed = await mod_core.remove_article(MOD, "koo-surge")
    assert isinstance(removed, IndexChange) and removed.report["removed_doc_ids"] == ["koo-surge"]
    missing = await mod_core.remove_article(MOD, "koo-surge")
    assert isinstance(missing, Notice) and missing.kind is NoticeKind.INVALID


async def test_a_pdf_is_read_on_the_build_thread_and_answers(
    mod_core: CommandCore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF was refused for its type. Its text is read (pypdf, CPU-bound) on the build thread, never on the
    event loop that serves chat, and the article it becomes answers from the PDF's words."""
    read_on: list[str] = []

    def recording(upload: Upload) -> Upload:
        read_on.append(threading.current_thread().name)
        return pdf_upload(upload)

    monkeypatch.setattr(manage, "pdf_upload", recording)
    result = await mod_core.add_articles(MOD, [Upload("Ledger talks.pdf", article_pdf())])
    assert isinstance(result, IndexChange) and result.report["added_doc_ids"] == ["Ledger-talks"], result
    assert len(read_on) == 1 and read_on[0].startswith("build"), read_on
    answer = await mod_core.ask("How many accounts did the government say were still visible in India?")
    assert isinstance(answer, Answer) and answer.answered and "517 accounts" in answer.text
    assert answer.citations[0].doc_id == "Ledger-talks"
    assert answer.citations[0].title == "Ministry and Twitter hold a second round of talks on blocking orders"


async def test_moderator_removes_an_article_by_the_name_it_was_added_under(mod_core: CommandCore) -> None:
    """/remove-article with the file's name as added ("koo surge (1).md", stored as koo-surge-1.md) said there is
    no such article; a name like no id's is told the closest ids."""
    article = "---\ntitle: Koo downloads surge\n---\nKoo said its downloads crossed three million this week.\n"
    assert isinstance(await mod_core.add_articles(MOD, [Upload("koo surge (1).md", article.encode())]), IndexChange)
    missing = await mod_core.remove_article(MOD, "koo surge 1.txt")
    assert isinstance(missing, Notice) and "did you mean 'koo-surge-1' (“Koo downloads surge”)?" in missing.text
    by_title = await mod_core.remove_article(MOD, "Koo downloads")  # words of its title, in chat too
    assert isinstance(by_title, Notice) and "did you mean 'koo-surge-1' (“Koo downloads surge”)?" in by_title.text
    removed = await mod_core.remove_article(MOD, "koo surge (1).md")
    assert isinstance(removed, IndexChange) and removed.report["removed_doc_ids"] == ["koo-surge-1"]


async def test_an_answer_from_a_markdown_article_quotes_its_words_without_the_markup(mod_core: CommandCore) -> None:
    """Quotes of an added .md article showed its link syntax and asterisks, which chat then rendered."""
    article = ("---\ntitle: Koo downloads surge\ndate: 2021-02-12\n---\n# Koo downloads surge\n\n"
               "Koo said [in a statement](https://example.org/koo) that its downloads **crossed three million** "
               "after `ministers` joined the *platform*.\n")
    result = await mod_core.add_articles(MOD, [Upload("koo-surge.md", article.encode())])
    assert isinstance(result, IndexChange) and result.report["added_doc_ids"] == ["koo-surge"]
    answer = await mod_core.ask("How many downloads did Koo have after ministers joined?")
    assert isinstance(answer, Answer) and answer.answered
    [quote] = [c.quote for c in answer.citations if c.doc_id == "koo-surge"]
    assert quote.startswith("Koo said in a statement that its downloads crossed three million after ministers joined")
    assert not any(mark in answer.text + quote for mark in ("**", "](", "`", "*platform*", "https://"))


async def test_a_list_item_of_a_markdown_article_answers_as_a_txt_articles_does(mod_core: CommandCore) -> None:
    """With its "- " gone, a list item without a full stop read as a heading, which never answers: "what is the
    mascot of koo?" was declined from the .md article and answered from the same list in a .txt."""
    article = ("---\ntitle: What Koo offers\ndate: 2021-02-12\n---\n# What Koo offers\n\n"
               "The made-in-India app Koo lists what sets it apart from Twitter:\n\n"
               "- A yellow bird as its mascot\n- Posts of up to 400 characters in nine Indian languages\n"
               "- Verified handles for union ministers\n")
    result = await mod_core.add_articles(MOD, [Upload("koo-offers.md", article.encode())])
    assert isinstance(result, IndexChange) and result.report["added_doc_ids"] == ["koo-offers"]
    answer = await mod_core.ask("how many characters can a koo post have?")
    assert isinstance(answer, Answer) and answer.answered, answer.text
    assert answer.citations[0].quote == "Posts of up to 400 characters in nine Indian languages"  # no "• " quoted


async def test_a_moderator_is_told_why_a_change_the_corpus_cannot_take_was_refused(mod_core: CommandCore) -> None:
    """A reindex with no article left (all removed outside the bot) was an apology for an internal error."""
    corpus = mod_core.config.corpus_dir
    for path in corpus.iterdir():
        path.unlink()
    result = await mod_core.reindex(MOD)
    assert isinstance(result, Notice) and result.kind is NoticeKind.INVALID and "no article to index" in result.text
    answer = await mod_core.ask("Which app is the government promoting?")  # the last good index still serves
    assert isinstance(answer, Answer) and answer.answered
    assert str(corpus) not in result.text  # the server's folders are the operator's to see


async def test_reindex_names_a_hand_placed_file_whose_date_is_no_day(mod_core: CommandCore) -> None:
    """A file put in the corpus folder by hand with "date = 2021-02-30" was built undated, with only "cannot read
    the date" in the server's log: the /reindex reply names the file and why, once, and the build goes on."""
    story = "Traders switched to the app after the standoff. They said the move was about free speech.\n"
    (mod_core.config.corpus_dir / "by-hand.md").write_text(f'+++\ndate = 2021-02-30\n+++\n{story}')
    result = await mod_core.reindex(MOD)
    assert isinstance(result, IndexChange) and result.report["added_doc_ids"] == ["by-hand"]
    assert result.summary().count("by-hand.md") == 1
    assert ("\nNote on by-hand.md: the date '2021-02-30' does not exist (February 2021 has 28 days)"
            in result.summary())


async def test_reindex_says_an_article_left_the_index_because_its_file_cannot_be_read(mod_core: CommandCore) -> None:
    """An indexed article's file overwritten with junk (a half-finished copy) left the index, and /reindex said
    "removed: <id>" as if a moderator had removed it, the file's reason only further down."""
    victim = sorted(mod_core.config.corpus_dir.iterdir())[0]
    victim.write_bytes(bytes(range(256)) * 8)
    result = await mod_core.reindex(MOD)
    assert isinstance(result, IndexChange) and result.report["removed_doc_ids"] == [victim.stem]
    text = result.summary()
    assert f"no longer indexed, as its file can't be read (below): {victim.stem}" in text, text
    assert "removed:" not in text and f"\nSkipped {victim.name}: " in text


async def test_a_wrong_corpus_folder_is_named_in_the_log_not_in_chat(
    mod_core: CommandCore, caplog: pytest.LogCaptureFixture
) -> None:
    """A wrong CORPUS_DIR showed every moderator in chat the server's path ("There is no corpus folder at
    /srv/…"); the operator, who can fix it, reads it in the log."""
    corpus = mod_core.config.corpus_dir
    corpus.rename(corpus.with_name("moved"))
    for result in (await mod_core.reindex(MOD),
                   await mod_core.add_articles(MOD, [Upload("koo.md", b"# Koo\n\nKoo passed 1 million users.\n")])):
        assert isinstance(result, Notice) and result.kind is NoticeKind.INVALID, result
        assert "CORPUS_DIR" in result.text and str(corpus) not in result.text and "nothing was changed" in result.text
    assert caplog.text.count(f"There is no corpus folder at {corpus}") == 2


async def test_second_build_is_told_one_is_running(mod_core: CommandCore) -> None:
    with store.build_lock(mod_core.config.index_dir):  # e.g. `dispute-bot index build` in another process
        result = await mod_core.reindex(MOD)
    assert isinstance(result, Notice) and result.kind is NoticeKind.BUSY


async def test_questions_during_a_rebuild_are_answered_from_the_old_index(mod_core: CommandCore) -> None:
    """A full rebuild (re-embedding everything) runs in the build thread while questions keep coming."""
    before = mod_core.engine.index.folder
    rebuild = asyncio.create_task(mod_core.reindex(ADMIN, full=True))
    answers: list[Answer | Notice] = []
    during = 0
    started = time.monotonic()
    while not rebuild.done() and time.monotonic() - started < 120:
        answers.append(await mod_core.ask("Which app is the government promoting?"))
        during += store.is_build_running(mod_core.config.index_dir)
    result = await rebuild
    assert isinstance(result, IndexChange) and result.report["embedded_chunks"] == result.report["chunks"]
    assert during >= 1, "no question was asked while the build was running"
    assert all(isinstance(a, Answer) and a.answered and "Koo" in a.text for a in answers)
    after = await mod_core.ask("Which app is the government promoting?")
    assert isinstance(after, Answer) and mod_core.engine.index.folder != before


async def test_questions_from_another_thread_during_a_rebuild(mod_core: CommandCore) -> None:
    """The same from a plain thread, as a second adapter or the CLI would."""
    failures: list[str] = []
    stop = threading.Event()
    asked = 0

    def ask_repeatedly() -> None:
        nonlocal asked
        while not stop.is_set():
            answer = mod_core.engine.ask("How many accounts did Twitter permanently suspend?")
            asked += 1
            if not (answer.answered and "500" in answer.text):
                failures.append(answer.text)

    worker = threading.Thread(target=ask_repeatedly)
    worker.start()
    try:
        result = await mod_core.reindex(ADMIN, full=True)
    finally:
        stop.set()
        worker.join()
    assert isinstance(result, IndexChange)
    assert asked > 0 and failures == []


async def test_unexpected_errors_become_an_apology(
    seed_core: CommandCore, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(text: str, context: object = None) -> Answer:
        raise ZeroDivisionError("internal detail")

    monkeypatch.setattr(seed_core.engine, "ask", boom)
    result = await seed_core.ask("Which app?")
    assert isinstance(result, Notice) and result.kind is NoticeKind.FAILED
    assert "internal detail" not in result.text and "ZeroDivisionError" in caplog.text


async def test_a_damaged_index_is_reported_without_the_servers_folders(mod_core: CommandCore) -> None:
    """Anyone in a channel reads the notice: it says what to do, and only the CLI and terminal (``detail``,
    ``plain.render``) name the file; chat renderers show the text alone."""
    from bot.discord.render import render as discord_render
    from bot.render.plain import render as plain_render
    from bot.slack.render import render as slack_render

    folder = str(mod_core.config.index_dir.resolve().parent)
    (mod_core.config.index_dir / "faiss.index").write_bytes(b"garbage")
    result = await mod_core.ask("How many accounts were blocked?", MEMBER)
    assert isinstance(result, Notice) and result.kind is NoticeKind.UNAVAILABLE
    assert "dispute-bot index build" in result.text
    assert "faiss.index" in result.detail and folder in result.detail
    assert folder in plain_render(result)
    chat = [slack_render(result).text, *(m.content or "" for m in discord_render(result))]
    assert all(text and folder not in text and "faiss" not in text for text in chat), chat


async def test_adds_an_adapter_refuses_are_in_the_audit_log(mod_core: CommandCore,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    """"Every moderator action, including a refused one, is logged": six addresses at once, or an
    attachment over the size limit, were refused by the Discord adapter with no audit line."""
    from types import SimpleNamespace

    from bot.discord.commands import read_upload

    too_big = SimpleNamespace(filename="huge.md", size=mod_core.config.max_article_bytes + 1)
    with caplog.at_level(logging.INFO, logger="dispute_bot.audit"):
        many = await read_upload(mod_core, MOD, None, " ".join(f"https://news.example/{n}" for n in range(6)))
        big = await read_upload(mod_core, MOD, too_big, None)  # type: ignore[arg-type]
    assert isinstance(many, Notice) and "at most 5 addresses" in many.text
    assert isinstance(big, Notice) and "huge.md" in big.text
    lines = [r.getMessage() for r in caplog.records if r.name == "dispute_bot.audit"]
    assert len(lines) == 2 and all(line.startswith("add by ") and "refused" in line for line in lines)


async def test_discord_refuses_too_many_addresses_by_the_upload_rules(mod_core: CommandCore,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit was written in each adapter (``MAX_URLS = 5`` twice): it is the upload rules', asked by both."""
    from bot.discord.commands import read_upload

    monkeypatch.setattr("bot.uploads.MAX_URLS", 2)
    many = await read_upload(mod_core, MOD, None, " ".join(f"https://news.example/{n}" for n in range(3)))
    assert isinstance(many, Notice) and many.text == "Give at most 2 addresses at a time."


async def test_a_moderator_is_told_when_an_added_article_will_rarely_be_found(mod_core: CommandCore) -> None:
    hindi = "---\ntitle: किसान आंदोलन\ndate: 2021-02-10\n---\n" + "सरकार ने ट्विटर से 1,178 खातों को हटाने को कहा। " * 2
    result = await mod_core.add_articles(MOD, [Upload("kisan.md", hindi.encode())])
    assert isinstance(result, IndexChange) and result.report["added_doc_ids"] == ["kisan"]
    assert "Note on kisan.md: added, but it is mostly in a script other than English" in result.summary()
    assert result.to_dict()["notes"][0]["file"] == "kisan.md"


async def test_reindex_rebuilds_a_damaged_index_and_never_a_newer_releases(mod_core: CommandCore) -> None:
    index_dir = mod_core.config.index_dir
    (index_dir / store.FAISS).write_bytes(b"garbage")
    result = await mod_core.reindex(MOD)
    assert isinstance(result, IndexChange) and "Rebuilt in full: the live index could not be read" in result.summary()
    manifest = json.loads((index_dir / store.MANIFEST).read_text())
    (index_dir / store.MANIFEST).write_text(json.dumps({**manifest, "format": store.FORMAT_VERSION + 1}))
    live = store.live_dir(index_dir)
    for full in (False, True):  # only the command line's --full replaces it
        refused = await mod_core.reindex(MOD, full=full)
        assert isinstance(refused, Notice) and refused.kind is NoticeKind.INVALID
        assert "newer release" in refused.text and str(index_dir) not in refused.text
    assert store.live_dir(index_dir) == live


async def test_an_add_to_a_read_only_corpus_is_one_log_line_and_a_private_reason(
        mod_core: CommandCore, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """The moderator got "something went wrong" and the operator a traceback."""
    corpus = mod_core.config.corpus_dir

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(30, "Read-only file system", str(path.parent / ".upload-x"))

    monkeypatch.setattr("index.corpus_writes.write_atomically", read_only)
    caplog.set_level(logging.INFO)
    result = await mod_core.add_articles(MOD, [Upload("koo.md", b"Ministers moved to Koo as the standoff with "
                                                               b"Twitter over the blocking orders deepened.\n")])
    assert isinstance(result, Notice) and result.kind is NoticeKind.FAILED and result.ephemeral
    assert "can't write to its corpus folder" in result.text and str(corpus) not in result.text
    failed = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(failed) == 1 and failed[0].exc_info is None
    assert f"cannot write the corpus (CORPUS_DIR={corpus}): Read-only file system" in failed[0].getMessage()


async def test_a_refused_add_in_chat_says_what_an_interrupted_add_left_was_undone(
    mod_core: CommandCore, built_copy: tuple[Path, Path]
) -> None:
    """The next change after an add killed before its index was published undoes it (``index.change_journal``);
    a moderator whose own add was then refused (a copy of an indexed article) was told only the refusal."""
    from index.change_journal import Journal

    corpus, index_dir = built_copy
    left = corpus / "half-added.md"
    half = b"Koo said on Thursday it had crossed three million users in India.\n"
    Journal(index_dir, "add").record(left, None, half)  # as the killed add wrote it, before the file
    left.write_bytes(half)
    copy = (corpus / sorted(p.name for p in corpus.glob("0*"))[0]).read_bytes()
    result = await mod_core.add_articles(MOD, [Upload("copy.txt", copy)])
    assert isinstance(result, Notice) and result.kind is NoticeKind.INVALID and result.ephemeral
    assert result.text.startswith("Nothing was added. copy.txt: ")
    assert "\nNote on half-added.md: an earlier add stopped (the process was killed) before its index" in result.text
    assert not left.exists()


async def test_a_copy_refused_in_chat_says_who_can_override_it_and_what_that_does(
    mod_core: CommandCore, built_copy: tuple[Path, Path]
) -> None:
    """Chat has no --force: a moderator refused a near-copy was told only "remove … first", with no word that
    it could be added beside the article at all, nor how."""
    corpus, _ = built_copy
    copy = (corpus / sorted(p.name for p in corpus.glob("0*"))[1]).read_bytes()
    result = await mod_core.add_articles(MOD, [Upload("syndicated copy.txt", copy)])
    assert isinstance(result, Notice) and result.kind is NoticeKind.INVALID
    assert result.text.endswith(f"\nChat can't override this; whoever runs the bot can, with `{cli_command()} index "
                                "add --force`: one of nearly the same text is added beside the article it resembles.")
    fresh = b"A ferry operator said on Monday that it would add two night crossings from March.\n"
    partly = await mod_core.add_articles(MOD, [Upload("ferry.txt", fresh), Upload("again.txt", copy)])
    assert isinstance(partly, IndexChange) and partly.summary().endswith("added beside the article it resembles.")
