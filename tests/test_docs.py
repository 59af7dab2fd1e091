"""The README, .env.example and docs/ against the code: what an operator reads and acts on (settings and their
defaults, commands and their options, metric names, Slack scopes and events, the Discord invite) must be what
the bot has. Each of these once drifted apart silently; these tests make the next drift a failure."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import discord
import pytest
import yaml
from discord import app_commands

from bot.actors import ModeratorPolicy
from bot.cli_args import build_parser, with_values_joined
from bot.core import CommandCore
from bot.discord.app import INVITE_PERMISSIONS, INVITE_SCOPES
from bot.discord.commands import register
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")
MANIFEST = yaml.safe_load((ROOT / "slack" / "manifest.yml").read_text(encoding="utf-8"))
# Every guide under docs/, so a new one is checked as soon as it is written.
DOCS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))


def section(text: str, heading: str) -> str:
    """The text under ``## heading`` up to the next heading of the same level."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def default_of(name: str) -> object:
    field = Settings.model_fields[name]
    value = field.default_factory() if field.default_factory is not None else field.default  # type: ignore[call-arg]
    if hasattr(value, "get_secret_value"):
        value = value.get_secret_value()
    return value


def written(value: object) -> str:
    """A default as an operator writes it: ``true``, ``5`` (not ``5.0``), ``a,b`` for a list, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def test_every_setting_is_in_env_example_and_the_readme() -> None:
    """.env.example says it "lists every key": a setting added to Settings and not to it is one nobody finds."""
    for name in Settings.model_fields:
        key = name.upper()
        assert re.search(rf"^#? ?{key}=", ENV_EXAMPLE, re.MULTILINE), f"{key} is missing from .env.example"
        assert re.search(rf"`{key}`", README), f"{key} is not named in the README"


def test_env_example_values_are_the_defaults() -> None:
    """A value .env.example fills in is the default: copying the file must change nothing but the tokens."""
    for line in ENV_EXAMPLE.splitlines():
        match = re.fullmatch(r"#? ?([A-Z_]+)=(.*)", line)
        if match is None or match.group(1).lower() not in Settings.model_fields:
            continue
        key, value = match.groups()
        assert value == written(default_of(key.lower())), f".env.example: {line}"


def test_the_readme_configuration_table_states_the_defaults() -> None:
    """Rows of "| `SETTING`, `OTHER` | `default`, `default` | …": each default as the settings have it."""
    table = section(README, "Configuration")
    checked = 0
    for row in table.splitlines():
        cells = [c.strip() for c in row.strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        names = re.findall(r"`([A-Z_]+)`", cells[0])
        defaults = [d.strip() for d in cells[1].split(",")] if cells[1] else []
        if not defaults:
            continue
        assert len(defaults) == len(names), row
        for name, stated in zip(names, defaults, strict=True):
            if stated in ("off", ""):  # "off": unset, so the feature is off
                assert default_of(name.lower()) is None, row
            else:
                assert stated.strip("`") == written(default_of(name.lower())), row
            checked += 1
    assert checked >= 15


def test_every_metric_in_the_readme_is_exported_and_every_export_is_in_it() -> None:
    from prometheus_client import REGISTRY

    import bot.metrics  # noqa: F401  (registers them)

    exported = {m.name + ("_total" if m.type == "counter" else "") for m in REGISTRY.collect()
                if m.name.startswith("dispute_bot_")}
    table = section(README, "Limits, health and metrics")
    documented = set(re.findall(r"^\| `(dispute_bot_\w+)`(?:, `(dispute_bot_\w+)`)?", table, re.MULTILINE))
    names = {n for pair in documented for n in pair if n}
    assert names == exported


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for action in parser._actions for flag in action.option_strings} - {"-h", "--help"}


def test_the_readme_command_table_names_the_real_commands_and_options() -> None:
    """Each row's command exists and each ``--option`` it shows is one the command takes, and the other way
    round: an option the README never mentions is one nobody uses."""
    parser = build_parser()
    commands = subcommands(parser)
    rows = re.findall(r"^\| `dispute-bot ([a-z]+(?: [a-z]+)?)([^`]*)`", section(README, "Command line"),
                      re.MULTILINE)
    seen: dict[str, set[str]] = {}
    for words, rest in rows:
        head, _, sub = words.partition(" ")
        command = commands[head]
        if sub and not sub.isupper():
            command = subcommands(command)[sub]
        key = words if sub and not sub.isupper() else head
        shown = set(re.findall(r"--[a-z-]+", rest))
        assert shown <= options(command), (words, shown - options(command))
        seen.setdefault(key, set()).update(shown)
    index = subcommands(commands["index"])
    every = {name: options(p) for name, p in commands.items() if name != "index"}
    every |= {f"index {name}": options(p) for name, p in index.items()}
    assert set(seen) == set(every)
    for name, flags in every.items():
        assert flags == seen[name], (name, flags - seen[name])


def command_examples(text: str) -> list[str]:
    """Each ``dispute-bot …`` command a reader would copy: a line of a fenced block (its ``# comment`` and a
    ``< file`` redirection dropped), or an inline one with words after its command (``dispute-bot run --port
    8080``; a bare ``dispute-bot eval`` in a sentence names the command). Synopses (``[--json]``, ``add|remove``,
    ``FILE_OR_URL...``) are the command table's, checked above."""
    lines = [line for block in re.findall(r"^ *```[a-z]*\n(.*?)^ *```", text, re.MULTILINE | re.DOTALL)
             for line in block.splitlines()]
    found = [m.group(1) for line in lines if (m := re.search(r"(?:^|[\s/])(dispute-bot\s[^#]*)", line))]
    found += re.findall(r"`(?:\.venv/bin/)?(dispute-bot [^`]+)`", text)
    return [cmd.split(" < ")[0].strip() for cmd in found if not re.search(r"[\[|]|\.\.\.|\b[A-Z_]{4,}\b", cmd)]


@pytest.mark.parametrize("doc", ["README.md", *DOCS, ".env.example"])
def test_every_command_example_in_the_docs_is_one_the_parser_takes(doc: str) -> None:
    """The table's synopses were checked, but not the commands shown elsewhere to copy (``dispute-bot run
    --platform slack --http --port 3000`` in a numbered step, ``dispute-bot run --port 8080`` for Docker): an
    option renamed or a choice dropped left them failing with a usage line for whoever typed them."""
    parser = build_parser()
    commands = subcommands(parser)
    wrong = []
    for example in command_examples((ROOT / doc).read_text(encoding="utf-8")):
        words = shlex.split(example)[1:]
        head = words[0] if words else ""
        if head in commands and len(words) > 1 + (head == "index"):  # more than the command's name
            try:
                parser.parse_args(with_values_joined(words))
            except SystemExit:
                wrong.append(example)
    assert wrong == []


def discord_commands() -> dict[str, list[str]]:
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(
        discord.Client(intents=discord.Intents.none()))
    register(tree, cast(CommandCore, SimpleNamespace(moderators=ModeratorPolicy())))  # nothing is run
    return {c.name: [p.name for p in c.parameters] for c in tree.get_commands()
            if isinstance(c, app_commands.Command)}


def listed_commands(text: str) -> dict[str, list[str]]:
    """``/name [option] other`` in backticks, as the README's "Commands:" bullets write them."""
    found: dict[str, list[str]] = {}
    for name, rest in re.findall(r"`/([a-z-]+)((?: [^`]+)?)`", text):
        found[name] = re.findall(r"[a-z_0-9]+", rest)
    return found


def commands_paragraph(heading: str) -> str:
    """The section's "- **Commands:**" bullet, up to the next bullet, without its "Mention the bot …" advice."""
    text = section(README, heading)
    start = text.index("\n- **Commands:** ")
    end = text.find("\n- ", start + 1)
    return text[start:end if end != -1 else None].split(". Mention")[0]


def test_the_readme_lists_the_discord_slash_commands_with_their_options() -> None:
    assert listed_commands(commands_paragraph("Discord")) == discord_commands()


def test_the_readme_lists_the_slack_slash_commands_the_manifest_declares() -> None:
    listed = listed_commands(commands_paragraph("Slack"))
    declared = {c["command"].lstrip("/"): c.get("usage_hint", "") for c in MANIFEST["features"]["slash_commands"]}
    assert set(listed) == set(declared)
    for name, words in listed.items():
        for word in words:  # "/report [7d]": the manifest's hint shows the same
            assert word in declared[name], (name, word)


def test_the_readme_names_the_manifests_scopes_and_events() -> None:
    slack = section(README, "Slack")
    scopes_text = slack[slack.index("Bot scopes the manifest asks for"):]
    scopes_text, events_text = scopes_text.split("bot events", 1)
    events_text = events_text.split(". ", 1)[0]
    assert set(re.findall(r"`([a-z_.:]+)`", scopes_text)) == set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert set(re.findall(r"`([a-z_.:]+)`", events_text)) == set(
        MANIFEST["settings"]["event_subscriptions"]["bot_events"])


@pytest.mark.parametrize("doc", ["README.md", "docs/discord.md"])
def test_the_discord_invite_is_the_one_the_bot_builds(doc: str) -> None:
    """The permissions and scopes the docs tell an admin to grant are those the invite URL asks for."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    names = {"View Channels": "view_channel", "Send Messages": "send_messages",
             "Send Messages in Threads": "send_messages_in_threads", "Create Public Threads": "create_public_threads",
             "Embed Links": "embed_links", "Attach Files": "attach_files",
             "Read Message History": "read_message_history"}
    assert discord.Permissions(**dict.fromkeys(names.values(), True)) == INVITE_PERMISSIONS
    listed = text[text.index("View Channels"):]
    listed = listed[:listed.index("Read Message History") + len("Read Message History")]
    assert re.sub(r"\s+", " ", listed).replace(" and ", ", ").replace(" (the `/timeline` picture)", "").replace(
        " (the timeline picture)", "") == ", ".join(names)
    assert all(f"`{scope}`" in text for scope in INVITE_SCOPES)
    if doc == "docs/discord.md":
        assert f"permissions={INVITE_PERMISSIONS.value}" in text and f"`{INVITE_PERMISSIONS.value}`" in text


def test_the_eval_help_names_a_question_file_a_checkout_has() -> None:
    """``eval --help`` gave ``../shared/eval/dev.jsonl`` as its example, a folder outside the repository that a
    clone does not have; the README's own example is ``tests/dev.jsonl``."""
    evaluate = subcommands(build_parser())["eval"]
    files = next(a for a in evaluate._actions if a.dest == "files")
    example = re.search(r"e\.g\. (\S+)", files.help or "")
    assert example is not None and (ROOT / example.group(1)).is_file(), files.help
    assert f"dispute-bot eval {example.group(1)}" in README


def test_every_slash_command_the_docs_name_exists() -> None:
    """The README sent a moderator to "`/remove`", a command no platform has (Discord's is /remove-article)."""
    from bot.terminal import HELP

    real = set(discord_commands()) | {c["command"].lstrip("/") for c in MANIFEST["features"]["slash_commands"]}
    real |= set(re.findall(r"^  /([a-z]+)", HELP, re.MULTILINE))
    endpoints = {"healthz", "readyz", "metrics"}
    slack_own = {"invite"}  # Slack's own command, for inviting the bot to a channel
    for doc in ("README.md", *DOCS):
        named = set(re.findall(r"`/([a-z-]+)(?=[ `])", (ROOT / doc).read_text(encoding="utf-8")))
        assert named - endpoints - slack_own <= real, (doc, named - endpoints - slack_own - real)


def ignored_folders() -> set[str]:
    """Top-level folders .gitignore keeps out of the repository: what the bot writes as it runs (``var/``:
    ``var/index``, ``var/bot.db``) or a build leaves. Whether they hold what the docs name depends on what was run
    in this checkout, not on the docs: with ``var/`` there from an earlier run, the test failed for a
    ``var/bot.db`` that only a chat bot's run writes."""
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return {line.strip().strip("/") for line in lines if line.strip().endswith("/") and "*" not in line}


@pytest.mark.parametrize("doc", ["README.md", *DOCS, ".env.example"])
def test_every_repository_path_the_docs_name_exists(doc: str) -> None:
    """A file or folder of this repository named in backticks (`retrieval/several.py`, `tests/eval/`) is there:
    the docs point readers at them to read the rule or run the file."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    tops = "|".join(p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")
                    and p.name not in ignored_folders())
    named = set(re.findall(rf"`((?:{tops})/[\w./-]*)`", text))
    assert named or doc != "README.md"
    assert [p for p in sorted(named) if not (ROOT / p).exists()] == []


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("doc", ["README.md", *DOCS])
def test_every_link_between_the_docs_reaches_its_file_and_heading(doc: str) -> None:
    """The README's detail moved into docs/ (2026-12-06) and its links with it: a link to a file or a heading
    that is not there sends the reader nowhere, which no reader reports."""
    path = ROOT / doc
    text = path.read_text(encoding="utf-8")
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        name, _, anchor = target.partition("#")
        linked = (path.parent / name).resolve() if name else path
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), re.MULTILINE)
            if anchor not in {slug(h) for h in headings}:
                broken.append(target)
    assert broken == []
