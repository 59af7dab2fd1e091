from __future__ import annotations

import asyncio
import io
import os
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.actors import Actor
from bot.core import CommandCore
from bot.render.plain import printable
from bot.results import Notice, NoticeKind
from bot.terminal import NoInput, chat, handle_line, read_stdin
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from tests.bot.conftest import CoreFactory
from tests.conftest import SEED_CORPUS


async def test_commands_and_questions(seed_core: CommandCore) -> None:
    assert "/timeline" in (await handle_line(seed_core, "/help") or "")
    assert "4 articles" in (await handle_line(seed_core, "/sources") or "")
    assert "2021-02-10" in (await handle_line(seed_core, "/timeline") or "")
    assert "Unknown command /nope" in (await handle_line(seed_core, "/nope") or "")
    reply = await handle_line(seed_core, "What app is the government promoting?") or ""
    assert "Koo" in reply and "Sources:" in reply
    assert "Please ask a question" in (await handle_line(seed_core, "/ask   ") or "")
    assert await handle_line(seed_core, "/quit") is None


async def test_reindex_takes_only_full_and_sources_no_arguments(seed_core: CommandCore,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``/reindex nonsense`` started an ordinary rebuild; ``full`` (Discord's spelling) was not understood."""
    asked: list[bool] = []

    async def reindex(actor: Actor, full: bool = False) -> Notice:
        asked.append(full)
        return Notice(NoticeKind.BUSY, "rebuilding")

    monkeypatch.setattr(seed_core, "reindex", reindex)
    assert await handle_line(seed_core, "/reindex nonsense") == "Usage: /reindex [full]"
    assert asked == []
    for line in ("/reindex full", "/reindex --full", "/reindex FULL", "/reindex"):
        assert await handle_line(seed_core, line) == "rebuilding"
    assert asked == [True, True, True, False]
    assert await handle_line(seed_core, "/sources extra words") == "/sources takes no arguments."
    assert "/reindex [full]" in (await handle_line(seed_core, "/help") or "")


def test_one_of_a_kind_is_counted_in_the_singular() -> None:
    """"1 chunks" in the sources list, the index status and a rebuild's summary."""
    from bot.render.plain import render_sources, render_status
    from bot.results import IndexChange, IndexStatus, SourcesList
    from retrieval.types import SourceInfo

    one = SourceInfo(doc_id="a", title="T", date="2021-02-10", url=None, source=None, chunks=1)
    assert render_sources(SourcesList([one])).splitlines() == ["1 article:", "- a: T (2021-02-10; 1 chunk)"]
    status = IndexStatus({"exists": True, "docs": 1, "chunks": 1, "events": 1, "model": "m", "dimension": 4,
                          "faiss_factory": "Flat", "format": 1, "reads_format": 1, "built_at": "now",
                          "build_seconds": 1.0, "build_running": False, "folder": "/i"})
    assert render_status(status).startswith("1 article, 1 chunk, 1 dated report (")
    assert IndexChange("build", {"unchanged": True, "docs": 1, "chunks": 1}).summary() == (
        "Index already up to date: 1 article, 1 chunk.")
    assert "2 articles, 3 chunks (" in IndexChange("build", {"docs": 2, "chunks": 3, "seconds": 1.0,
                                                             "embedded_chunks": 3, "reused_chunks": 0}).summary()


def _typed(lines: list[str]) -> Callable[[str], str]:
    """A reader that types ``lines``, then ends the input as Ctrl-D does."""
    inputs = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(inputs)
        except StopIteration:
            raise EOFError from None

    return read


async def test_chat_loop_ends_on_eof(seed_core: CommandCore) -> None:
    out: list[str] = []
    await chat(seed_core, _typed(["/sources"]), out.append)
    assert any("4 articles" in line for line in out)


async def test_the_chat_ending_before_its_first_line_is_no_input_only_when_input_is_needed(
        seed_core: CommandCore) -> None:
    """``run`` with no tokens and no terminal: see tests/bot/test_no_input.py."""
    with pytest.raises(NoInput):
        await chat(seed_core, _typed([]), lambda text: None, needs_input=True)
    await chat(seed_core, _typed([]), lambda text: None)  # Ctrl-D at a terminal's first prompt: leaving
    out: list[str] = []
    await chat(seed_core, _typed(["/sources"]), out.append, needs_input=True)  # piped: answered, then done
    assert any("4 articles" in line for line in out)


@pytest.mark.parametrize("typed", ["exit", "quit", "Exit", "quit()", "exit."])
async def test_exit_or_quit_without_the_slash_leaves(seed_core: CommandCore, typed: str) -> None:
    """Typed as in a shell or Python's REPL, "exit" was searched as a question and declined; the chat went on."""
    out: list[str] = []
    await chat(seed_core, _typed([typed, "/sources"]), out.append)
    assert not any("articles" in line for line in out), out
    assert await handle_line(seed_core, "exit strategy of twitter?") is not None


async def test_one_session_is_one_conversation(seed_core: CommandCore) -> None:
    await handle_line(seed_core, "Who is Ajay Prakash Sawhney?", "terminal:s1")
    reply = await handle_line(seed_core, "and when is he expected to meet Twitter?", "terminal:s1") or ""
    assert "(Searched for: and when is he expected to meet Twitter?" in reply and "Sawhney" in reply
    other = await handle_line(seed_core, "and when is he expected to meet Twitter?", "terminal:s2") or ""
    assert "Searched for" not in other
    assert "Only moderators" not in (await handle_line(seed_core, "/report") or "")  # the local user may


# YAML refuses raw control characters in front matter, but its escapes (\e is ESC, \a BEL) make them.
ARTICLE = ("---\ntitle: \"Koo \\e]0;owned\\a rally\"\ndate: 2021-02-12\n---\n"
           "Koo founders said the app \x1b[2J\x1b[31mreached four million users\x1b[0m on 12 February 2021.\n")


def _terminal_safe(lines: list[str]) -> str:
    text = "\n".join(lines)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text), repr(text)
    return text


async def test_escape_sequences_never_reach_the_terminal(
    make_core: CoreFactory, built_copy: tuple[Path, Path], encoder_provider: EncoderProvider
) -> None:
    corpus, index_dir = built_copy
    (corpus / "koo-rally.md").write_text(ARTICLE, encoding="utf-8")
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    core = make_core(index_dir, corpus)
    typed = _typed(["/nope\x1b[2J\x1b]0;pwned\x07", "How many users did \x1b[8mKoo reach?", "/sources",
                    "/timeline Koo\x1b[31m"])
    out: list[str] = []
    await chat(core, typed, out.append)
    text = _terminal_safe(out)
    assert "Unknown command /nope\\x1b[2j\\x1b]0;pwned\\x07" in text  # shown (lower-cased), not obeyed
    assert "four million users" in text and "\\x1b[31mreached" in text  # the article text, made visible
    assert "Koo ]0;owned rally" in text  # a title's control characters are dropped when indexed (front_matter)


def test_printable_keeps_text_and_escapes_controls() -> None:
    assert printable("naïve 👍🏽 Koo\tok\nnext") == "naïve 👍🏽 Koo\tok\nnext"
    assert printable("a\x1b[31mb\x9bc\rd\u202ee\x00") == "a\\x1b[31mb\\x9bc\\rd\\u202ee\\x00"


class _PipeStdin(io.TextIOWrapper):
    """stdin as a pipe (``docker run -i``, ``echo … | dispute-bot run``): not a terminal."""

    def isatty(self) -> bool:
        return False


def test_lines_from_a_pipe_are_read_from_the_descriptor(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Not through sys.stdin's buffer, whose lock a reading thread would hold when a shutdown comes."""
    read_end, write_end = os.pipe()
    os.write(write_end, "how many accounts?\r\nwho is Sawhney – the secretary\n/quit \x1b[2J".encode())
    os.close(write_end)
    stdin = _PipeStdin(io.BufferedReader(io.FileIO(read_end)))
    monkeypatch.setattr("sys.stdin", stdin)
    try:
        assert read_stdin("> ") == "how many accounts?"
        assert read_stdin("> ") == "who is Sawhney – the secretary"
        assert read_stdin("> ") == "/quit \x1b[2J"
        with pytest.raises(EOFError):
            read_stdin("> ")
    finally:
        stdin.close()
    # Each line after its prompt, as a terminal would have echoed it: a transcript of piped questions
    # (``… | dispute-bot run > answers.txt``) held bare "> " prompts, and no answer said what it answered.
    assert capsys.readouterr().out == ("> how many accounts?\n> who is Sawhney – the secretary\n"
                                       "> /quit \\x1b[2J\n> ")


async def test_a_slash_typed_apart_from_its_command_is_the_command(seed_core: CommandCore) -> None:
    """"/ help" was "Unknown command /." """
    assert "/timeline" in (await handle_line(seed_core, "/ help") or "")


async def test_a_chat_stopped_at_its_prompt_ends_the_prompt_line(seed_core: CommandCore) -> None:
    """Ctrl-C or SIGTERM at "> " cancels the chat: its line is ended, or the shell's prompt went after "> ^C"."""
    asked = threading.Event()

    def read(prompt: str) -> str:
        asked.set()
        threading.Event().wait(5)  # nobody types
        raise EOFError

    out: list[str] = []
    task = asyncio.create_task(chat(seed_core, read, out.append))
    while not asked.is_set():
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert out[-1] == "", out


async def test_no_prompt_follows_an_answer_the_chat_was_stopped_during(
        make_core: CoreFactory, seed_index_dir: Path) -> None:
    """Stopped while answering: the answer is shown and the chat ends, with no "> " left as if it went on."""
    core = make_core(seed_index_dir, SEED_CORPUS)
    prompts: list[str] = []
    lines = iter(["/sources", "/help"])

    def read(prompt: str) -> str:
        prompts.append(prompt)
        return next(lines)

    def write(text: str) -> None:
        out.append(text)
        if "4 articles" in text:
            core.in_flight.close()  # as a signal's shutdown does, the answer under way still shown

    out: list[str] = []
    await chat(core, read, write)
    assert len(prompts) == 1 and not any("/timeline" in text for text in out), out


def test_a_plain_timeline_says_how_many_dated_events_it_left_out() -> None:
    from bot.render.plain import render_timeline
    from retrieval.types import Citation, Timeline, TimelineEvent

    cited = Citation(doc_id="a", title="T", date="2021-02-10", url=None, quote="The ministry wrote again.",
                     start=0, end=25, score=0.9)
    events = [TimelineEvent("2021-02-10", "The ministry wrote again.", [cited])]
    assert render_timeline(Timeline(events, omitted=4)).endswith(
        "…and 4 more dated events, less supported; name a topic to narrow the timeline down.")
    assert "more dated" not in render_timeline(Timeline(events))


def test_plain_answer_lists_related_sentences_after_its_sources() -> None:
    from bot.render.plain import RELATED_HEADING, render_answer
    from retrieval.types import Answer, Citation

    cited = Citation(doc_id="a", title="T", date="2021-02-10", url=None, quote="Koo has 3.4 million users.",
                     start=0, end=26, score=0.9)
    more = Citation(doc_id="b", title="U", date=None, url=None, quote="Koo was downloaded 4 lakh times.",
                    start=5, end=37, score=0.3)
    text = render_answer(Answer("q", "Koo has 3.4 million users. [1]", True, [cited], related=[more]))
    assert text.index("Sources:") < text.index(RELATED_HEADING) < text.index("4 lakh")
    assert "[2]" not in text and "[b 5-37]" in text
    assert RELATED_HEADING not in render_answer(Answer("q", "a [1]", True, [cited]))


async def test_a_declined_question_names_no_part_of_an_escape_sequence(seed_core: CommandCore) -> None:
    """ESC alone was dropped: the decline named "31mkoo" and "0m" among the words the articles never use."""
    reply = await handle_line(seed_core, "what is \x1b[31mkoo\x1b[0m zzqx") or ""
    said = reply.splitlines()[0]  # what the bot says of the question; quotes and their sources follow
    assert "zzqx" in said, said
    assert "31m" not in said and "0m" not in said, said


async def test_the_readme_shows_the_terminal_chat_as_it_answers(seed_core: CommandCore) -> None:
    """The README's quick start showed its first question's quotes and titles cut short ("… flagged by
    security agencies …”") and wrapped, where the terminal prints them whole: a newcomer's first reply did
    not look like the one promised. The example is the reply itself, word for word."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```text\n", 1)[1].split("\n```", 1)[0]
    asked, shown = block.split("\n", 1)
    assert asked.startswith("> ")
    reply = shown.split("\n...\n", 1)[0]
    assert reply == printable(await handle_line(seed_core, asked[2:]) or "")
