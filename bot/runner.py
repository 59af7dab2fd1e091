"""``dispute-bot run``: make sure an index exists (``bot.startup_index``), then serve the platforms that have tokens."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Awaitable

from bot import terminal
from bot.build_signals import said_if_stopped
from bot.core import CommandCore
from bot.run_checks import NO_INPUT, checked, url_line
from bot.settings import Settings
from bot.startup_index import ensure_index
from bot.wiring import build_core

log = logging.getLogger(__name__)


def choose_platforms(settings: Settings, platform: str) -> list[str]:
    if platform != "auto":
        return [platform]
    chosen = [name for name, present in (("discord", settings.has_discord), ("slack", settings.has_slack))
              if present]
    return chosen or ["terminal"]


async def _serve(core: CommandCore, settings: Settings, platforms: list[str], http: bool, port: int,
                 host: str = "0.0.0.0", needs_input: bool = False) -> None:
    """Serve until the platforms end or a signal stops the bot (see ``bot.shutdown``). Warming up runs
    alongside, so ``/healthz`` answers at once and ``/readyz`` says when questions are answered quickly."""
    from bot import health
    from bot.shutdown import serve_until_stopped

    monitor = None
    if settings.metrics_port is not None and not ("slack" in platforms and http
                                                  and health.on_slack_port(settings.metrics_port, port)):
        try:
            monitor = await health.serve_health(core, settings.metrics_host, settings.metrics_port)
        except OSError as exc:  # before any platform starts: a probe that can't reach the bot must not go unsaid
            raise PlatformRefused("dispute-bot: " + health.cannot_listen(
                exc, settings.metrics_host, settings.metrics_port,
                "set METRICS_PORT to a free port, METRICS_HOST to an address of this machine, or leave METRICS_PORT "
                "empty (see .env.example)")) from None
    jobs = [core.warm_up()]
    if "discord" in platforms:
        from bot.discord.app import serve_discord

        jobs.append(serve_discord(core, settings))
    if "slack" in platforms:
        from bot.slack.app import serve_slack

        jobs.append(serve_slack(core, settings, http=http, port=port, host=host))
    if "terminal" in platforms:
        jobs.append(terminal.chat(core, needs_input=needs_input))
    try:
        await serve_until_stopped([_setup_checked(job) for job in jobs], core.in_flight)
    finally:
        if monitor is not None:
            await monitor.cleanup()


class PlatformRefused(Exception):
    """A platform refused the settings (a rejected token): the message is the whole report."""


async def _setup_checked(job: Awaitable[object]) -> object:
    """A platform's ``SystemExit`` (its message names the setting) as an ordinary exception: raised inside a
    task, SystemExit escapes the event loop at once and leaves the other jobs' gather unretrieved, which
    asyncio then prints as a 35-line traceback under the one line that matters."""
    try:
        return await job
    except SystemExit as exc:
        raise PlatformRefused(str(exc.code)) from None


def _exit_leaving_build(core: CommandCore) -> None:
    """A build still running when the bot stops is left to the atomic-swap rules: the live index stays the
    last complete one and the next build clears the unfinished folder. Exiting must then not wait for the
    build thread, which the interpreter would otherwise join.

    An add or remove under way is left to its journal (``index.change_journal``), which the next start settles
    by whether the change's index went live: its files put back if not, the change standing if so. Putting
    the files back here, as this did, raced the build thread: a publish in the moment before the exit left the
    live index holding an article the corpus no longer had, dropped unannounced by the next build."""
    if not core.build_running:
        return
    log.warning("an index build was still running; it is abandoned (the live index is unchanged unless it was "
                "being published; an add or remove under way is finished or undone at the next start)")
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _checked_database(settings: Settings, platforms: list[str], problems: list[str]) -> int:
    """The last of ``run --check``'s checks: the database every process opens at start (history, shared state,
    moderators' changes), reachable and in a schema this release can migrate. A database that is down or a
    newer release's was found only when the bot started, and the bot was then restarted for ever."""
    from bot.render.plain import printable
    from bot.store.readiness import database_problem

    problem = database_problem(settings.database_url.get_secret_value())
    if problem is not None:
        problems = [*problems, printable(f"dispute-bot: DATABASE_URL {problem} (see .env.example)")]
    if problems:  # the settings' problems and the database's, each in its line
        print("\n".join(problems), file=sys.stderr)
        return 2
    print(f"dispute-bot: the settings are complete and the database answers; run would serve {', '.join(platforms)}",
          file=sys.stderr)
    return 0


def run(settings: Settings, platform: str = "auto", http: bool = False, port: int = 3000,
        host: str = "0.0.0.0", check: bool = False) -> int:
    """``check`` (``run --check``): stop after the settings' checks, before the index, with 0 or run's exit 2 and
    its line. Compose runs it once before the bot (``compose.yaml``): Docker has no "don't restart on exit 2",
    and the bot's restart policy restarted a deploy with no token for ever."""
    platforms = choose_platforms(settings, platform)
    found = checked(settings, platform, platforms, http, port)
    http = found.http
    if check:  # every problem at once, the database's too
        return _checked_database(settings, platforms, found.problems)
    url = url_line(settings)
    if found.problems or url:
        print("\n".join([*found.problems, *([url] if url else [])]), file=sys.stderr)
        return 2
    if platforms == ["terminal"] and logging.getLogger().level > logging.DEBUG:
        # A chat in the terminal, not a log viewer (nor faiss's); the audit lines of the user's own /report
        # and /reindex would land in the middle of the conversation too. Warnings and errors still show.
        for logger in (logging.getLogger(), logging.getLogger("dispute_bot.audit")):
            logger.setLevel(logging.WARNING)
        # A second Ctrl-C during an answer: the chat says itself that it stopped before the answer was finished
        # (``terminal.STOPPED``), where two timestamped shutdown warnings were the only words.
        logging.getLogger("bot.shutdown").setLevel(logging.ERROR)
    try:
        ready = said_if_stopped(lambda: ensure_index(settings), "the next start")
    except KeyboardInterrupt:  # Ctrl-C (SIGTERM has ended the process by its signal)
        return 130
    if not ready:
        return 1
    core = build_core(settings)
    log.info("starting: %s", ", ".join(platforms))
    try:
        asyncio.run(_serve(core, settings, platforms, http, port, host, needs_input=found.unattended))
    except KeyboardInterrupt:  # Ctrl-C still starting up, before serving's own handler (which ends with 0)
        return 130
    except terminal.NoInput:
        print(NO_INPUT, file=sys.stderr)
        return 2
    except PlatformRefused as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        core.close(wait_for_builds=False)
        _exit_leaving_build(core)
    return 0
