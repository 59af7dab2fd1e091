"""A list question's answer (``retrieval.mentions``) on Discord, Slack and the terminal: every name and its
numbered quote shown within each platform's limits, and nothing in it pings."""

from __future__ import annotations

import json
import re

from bot.discord.limits import problems
from bot.discord.render import render as discord_render
from bot.render.plain import render as plain_render
from bot.slack.render import render as slack_render
from retrieval.mentions import MAX_NAMES, QUOTE_CHARS, named_answer
from retrieval.types import Answer, Citation
from tests.bot.discord.discord_rules import message_errors
from tests.bot.slack.slack_rules import block_errors

_LIVE_MENTION = re.compile(r"(?<!\\)(?<![\w@])@(?:everyone|here)")
NAMES = [f"Odessa Varnlow{'x' * n}" for n in range(MAX_NAMES)]


def _answer() -> Answer:
    """The longest list answer: ``MAX_NAMES`` names, each quote as long as a quote of one gets, one of them
    written with a mention in it."""
    def quoted(n: int) -> Citation:
        quote = (f"@everyone Minister {NAMES[n]} said " + "the Brelland order stands " * 20)[:QUOTE_CHARS]
        return Citation(doc_id=f"brelland_{n}", title="Brelland orders Quillo to pull posts " * 3,
                        date="2023-03-14", url=f"https://example.org/brelland/{n}", quote=quote, start=0,
                        end=len(quote), score=1.0)

    return named_answer("which ministers are named?", "ministers",
                        [(name, quoted(n)) for n, name in enumerate(NAMES)], more=3)


def test_discord_shows_every_name_and_its_numbered_quote() -> None:
    [message] = discord_render(_answer())
    [embed] = message.embeds
    body = {"content": message.content, "embeds": [e.to_dict() for e in message.embeds]}
    assert problems(message) == [] and message_errors(body) == {}
    description = embed.description or ""
    assert all(name in description for name in NAMES) and "3 more" in description
    assert [f.name[:4] for f in embed.fields] == [f"[{n}] " for n in range(1, MAX_NAMES + 1)]
    assert all(NAMES[n] in (f.value or "") for n, f in enumerate(embed.fields))
    assert "not shown" not in (embed.footer.text or "")
    values = [embed.description or "", *(f.value or "" for f in embed.fields)]
    assert not any(_LIVE_MENTION.search(v) for v in values)  # escaped ("\\@everyone"): no ping, even if allowed


def test_slack_shows_every_name_and_its_numbered_quote() -> None:
    message = slack_render(_answer())
    blocks = message.blocks
    assert block_errors(blocks) == []
    text = json.dumps(blocks, ensure_ascii=False)
    assert all(name in text for name in NAMES) and "not shown" not in text
    assert all(f"[{n}]" in text for n in range(1, MAX_NAMES + 1))
    assert "<!everyone>" not in text and "<!channel>" not in text


def test_terminal_shows_every_name_and_its_numbered_quote() -> None:
    text = plain_render(_answer())
    lines = text.splitlines()
    assert lines[0] == "The articles name these ministers (the most often named first):"
    assert lines[1:MAX_NAMES + 1] == [f"{n}. {name}" for n, name in enumerate(NAMES, start=1)]
    assert lines[MAX_NAMES + 1] == "…and 3 more, named less often."
    for n, name in enumerate(NAMES, start=1):
        assert any(line.startswith(f"[{n}] “@everyone Minister {name} said") for line in lines)


def test_a_list_declined_points_at_no_passages_on_discord() -> None:
    [message] = discord_render(Answer("which laws are cited?", "The articles name no laws.", answered=False))
    [embed] = message.embeds
    assert embed.description == "The articles name no laws." and not embed.fields
    assert "closest" not in (embed.footer.text or "")
