"""A moderator's words can't forge a record: an article id or file name holding a line break ("nope\\n2026-12-07
14:10 UTC remove (…) by slack:U999 (alice): published") wrote a second, made-up line naming another moderator
in the audit log and in ``index history`` / ``/index-history`` (every renderer), under the real one."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import pytest

from bot.change_history import ChangeHistory, ChangeRecord
from bot.cli import main
from bot.discord import render as discord_render
from bot.render import plain
from bot.slack import render as slack_render
from bot.wiring import LOG_FORMAT, PrintableFormatter

FORGED = "2026-12-07 14:10 UTC remove (000_x) by slack:U999 (alice): published"
GIVEN = f"nope\n{FORGED}"


def _history() -> ChangeHistory:
    at = datetime(2026, 12, 7, 14, 0)
    return ChangeHistory([
        ChangeRecord("remove", "slack", "U1", "refused", user_name="bob\r\x1b[2K", given=[GIVEN], reason="no such",
                     at=at),
        ChangeRecord("add", "discord", "42", "published", given=["koo\u2028.md"], at=at),
    ])


def _forged_lines(text: str) -> list[str]:
    """Lines of ``text`` that open with the made-up record (markdown escapes and Slack's word joiners aside)."""
    bare = (line.replace("\\", "").replace("\u2060", "") for line in text.splitlines())
    return [line for line in bare if line.startswith("2026-12-07 14:10")]


def test_a_record_stays_on_its_line_with_its_words_escaped() -> None:
    lines = _history().lines()
    assert len(lines) == 3 and not any("\n" in line or "\r" in line or "\x1b" in line for line in lines)
    assert f"remove (nope\\n{FORGED}) by slack:U1 (bob\\r\\x1b[2K): refused" in lines[1]
    assert "add (koo\\u2028.md) by discord:42" in lines[2]


def test_no_renderer_shows_a_forged_record() -> None:
    history = _history()
    shown = {"terminal": plain.printable(plain.render(history))}
    embed = discord_render.render(history)[0].embeds[0]
    shown["discord"] = str(embed.description)
    shown["discord plain"] = "\n".join(str(o.content) for o in discord_render.render_plain(history))
    message = slack_render.render(history)
    shown["slack"] = "\n".join(b["text"]["text"] for b in message.blocks if "text" in b)
    for where, text in shown.items():
        assert "nope" in text and not _forged_lines(text), (where, text)
        assert "\u2028" not in text and "\x1b" not in text, where


def test_the_audit_log_keeps_each_change_on_one_line(caplog: pytest.LogCaptureFixture) -> None:
    """Whatever handler writes it: the bot's own formatter (``PrintableFormatter`` keeps line breaks) and pytest's."""
    from bot.core_moderators import audit  # the logger the core writes moderator actions to

    caplog.set_level(logging.INFO, logger="dispute_bot.audit")
    audit.info("index remove %s by %s", GIVEN, "cli:mod")
    record = caplog.records[-1]
    written = PrintableFormatter(LOG_FORMAT).format(record)
    assert "\n" not in written and written.endswith(f"index remove nope\\n{FORGED} by cli:mod")
    assert not _forged_lines(caplog.text)


def test_index_remove_with_a_line_break_forges_no_record(env: tuple[Path, Path], caplog: pytest.LogCaptureFixture,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The command line end to end: the refused remove is one record in ``index history`` and one audit line."""
    caplog.set_level(logging.INFO, logger="dispute_bot.audit")
    assert main(["index", "remove", GIVEN]) == 1
    capsys.readouterr()
    assert main(["index", "history"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The last moderator change:\n") and len(out.splitlines()) == 2, out
    assert "remove (nope\\n2026-12-07 14:10 UTC remove" in out and not _forged_lines(out)
    audit_lines = [r.getMessage() for r in caplog.records if r.name == "dispute_bot.audit"]
    assert any("nope\\n" in line for line in audit_lines) and not any("\n" in line for line in audit_lines)
