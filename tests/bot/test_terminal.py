from __future__ import annotations

from bot.core import CommandCore
from bot.terminal import chat, handle_line


async def test_commands_and_questions(seed_core: CommandCore) -> None:
    assert "/timeline" in (await handle_line(seed_core, "/help") or "")
    assert "4 articles" in (await handle_line(seed_core, "/sources") or "")
    assert "2021-02-10" in (await handle_line(seed_core, "/timeline") or "")
    assert "Unknown command /nope" in (await handle_line(seed_core, "/nope") or "")
    reply = await handle_line(seed_core, "What app is the government promoting?") or ""
    assert "Koo" in reply and "Sources:" in reply
    assert "Please ask a question" in (await handle_line(seed_core, "/ask   ") or "")
    assert await handle_line(seed_core, "/quit") is None


async def test_chat_loop_ends_on_eof(seed_core: CommandCore) -> None:
    inputs = iter(["/sources"])
    out: list[str] = []

    def read(prompt: str) -> str:
        try:
            return next(inputs)
        except StopIteration:
            raise EOFError from None

    await chat(seed_core, read, out.append)
    assert any("4 articles" in line for line in out)


async def test_one_session_is_one_conversation(seed_core: CommandCore) -> None:
    await handle_line(seed_core, "Who is Ajay Prakash Sawhney?", "terminal:s1")
    reply = await handle_line(seed_core, "and when is he expected to meet Twitter?", "terminal:s1") or ""
    assert "(Searched for: and when is he expected to meet Twitter?" in reply and "Sawhney" in reply
    other = await handle_line(seed_core, "and when is he expected to meet Twitter?", "terminal:s2") or ""
    assert "Searched for" not in other
    assert "Only moderators" not in (await handle_line(seed_core, "/report") or "")  # the local user may
