"""``run``'s settings checks, before the index: every problem found, each in its one line, so a deploy is fixed
in one go. ``run --check`` stopped at the first (a missing token) and never said the DATABASE_URL was wrong too."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot import terminal
from bot.settings import Settings

log = logging.getLogger(__name__)

NO_INPUT = ("dispute-bot: no DISCORD_TOKEN or SLACK_BOT_TOKEN is set, and the terminal chat has no input (stdin is "
            "not a terminal, and it ended before any question): set a token in .env (see .env.example), or run it in a "
            "terminal")


@dataclass
class Checked:
    """What the checks found: ``problems`` (whole lines), Slack's mode (``http``, chosen by itself without an
    app token) and whether the terminal chat has no one to type in it (``unattended``)."""

    http: bool
    unattended: bool = False
    problems: list[str] = field(default_factory=list)


def _platform_problems(settings: Settings, platform: str, platforms: list[str], http: bool) -> list[str]:
    out = []
    stray = settings.slack_half_set if platform == "auto" else []  # ``--platform terminal|discord`` is a choice
    if stray:  # meant for Slack: not served without a word (the terminal chat, or Discord alone)
        named = ", ".join(stray)
        out.append(f"dispute-bot: {named} {'is' if len(stray) == 1 else 'are'} set but SLACK_BOT_TOKEN (the xoxb- "
                   "bot token; or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, for installs in many workspaces) is not, so "
                   f"Slack can't start: set it, or unset {named} (see .env.example)")
    for name, present in (("discord", settings.has_discord), ("slack", settings.has_slack)):
        if name in platforms and not present:
            token = "DISCORD_TOKEN" if name == "discord" else "SLACK_BOT_TOKEN"
            out.append(f"dispute-bot: --platform {name} needs {token} (see .env.example)")
    if http and "slack" not in platforms:  # Slack's HTTP mode, where there is no Slack: the chat opened without a word
        why = (f"--platform {platform} serves no Slack: leave out --http" if platform != "auto" else
               "SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET) is not set: set it (see .env.example), "
               "or leave out --http")
        out.append(f"dispute-bot: --http is Slack's HTTP mode, and {why}")
    return out


def checked(settings: Settings, platform: str, platforms: list[str], http: bool, port: int) -> Checked:
    """The checks ``run`` makes before the index (and ``run --check`` before the database's)."""
    found = Checked(http, problems=_platform_problems(settings, platform, platforms, http))
    if "slack" in platforms and not found.problems:  # one Slack problem at a time: each depends on the one before
        from bot.slack.app import http_by_itself, setup_problem

        if not http and http_by_itself(settings):
            found.http = True
            log.info("Slack: no SLACK_APP_TOKEN for Socket Mode, so HTTP mode (as with --http) on port %d", port)
        problem = setup_problem(settings, found.http)
        if problem:  # before the index and the model load, so a setup mistake is reported at once
            found.problems.append(f"dispute-bot: {problem} (see .env.example)")
    # The terminal chat for want of tokens, with no terminal to type in (a service manager, Docker without -i):
    # said and refused, where it read end-of-input, exited 0, and was restarted in a loop saying nothing.
    # Questions piped in (``echo q | dispute-bot run``) are still answered; only input with no line is refused.
    found.unattended = platform == "auto" and platforms == ["terminal"] and not terminal.stdin_is_terminal()
    if found.unattended and terminal.stdin_is_nothing():  # known now: before the index is built or loaded
        found.problems.append(NO_INPUT)
    return found


def url_line(settings: Settings) -> str | None:
    """DATABASE_URL's scheme and driver, asked without connecting: a wrong one is said before the index is built
    (minutes, on a first start), where it was a traceback or SQLAlchemy's plugin error after it."""
    from bot.render.plain import printable
    from bot.store.url_check import url_problem

    problem = url_problem(settings.database_url.get_secret_value())
    return None if problem is None else printable(f"dispute-bot: DATABASE_URL {problem} (see .env.example)")
