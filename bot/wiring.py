"""Building the command core from settings: the one place settings meet the rest of the code."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.actors import ModeratorPolicy, home
from bot.core_config import CoreConfig
from bot.metrics import count_logged_errors
from bot.progress_log import LOGGER as PROGRESS_LOGGER
from bot.render.plain import printable
from bot.settings import Settings
from index.embedding import document_encoder, lazy_encoder
from index.fetch_types import FetchOptions
from index.kept_articles import Retention

if TYPE_CHECKING:  # the core pulls in retrieval; ``index`` commands don't need it
    from bot.core import CommandCore

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrintableFormatter(logging.Formatter):
    """Log lines reach a terminal too: file names and user names in them must not carry escape sequences."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def configure_logging(settings: Settings, quiet: bool = False) -> None:
    """Logs go to stderr; one-shot commands log only warnings so their output stays readable."""
    level = getattr(logging, settings.log_level.upper(), logging.INFO)
    root = logging.getLogger()
    existing = list(root.handlers)
    logging.basicConfig(level=max(level, logging.WARNING) if quiet else level, format=LOG_FORMAT)
    for handler in root.handlers:
        if handler not in existing:  # the stderr handler basicConfig made (not a host's or pytest's)
            handler.setFormatter(PrintableFormatter(LOG_FORMAT))
    count_logged_errors()
    # Moderator actions are always recorded, even when a one-shot command keeps other logs quiet.
    logging.getLogger("dispute_bot.audit").setLevel(logging.INFO)
    # And a long build's progress, when no terminal shows a bar (``bot.progress_log``).
    logging.getLogger(PROGRESS_LOGGER).setLevel(logging.INFO)
    # Third-party loggers that echo request URLs at DEBUG could carry tokens: keep them at WARNING.
    for noisy in ("discord.http", "slack_sdk", "slack_bolt", "aiohttp.access", "urllib3", "httpx"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger(noisy).level))
    # And discord.py's others at INFO: at DEBUG its gateway logs every event's payload (an interaction's reply
    # token, valid 15 minutes, among them) and its webhooks each follow-up's address, which holds that token.
    logging.getLogger("discord").setLevel(max(logging.INFO, logging.getLogger("discord").level))
    # bm25s sets its own logger to DEBUG when imported, which would bypass the root level on every build: it
    # is imported first (``index`` commands load it later, not with the core), then quietened.
    import bm25s  # noqa: F401

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    # faiss logs at INFO which CPU build it tried to load (eight lines, two of them ModuleNotFoundErrors that
    # are normal): nothing an operator acts on, and the first thing the terminal chat showed.
    logging.getLogger("faiss.loader").setLevel(logging.WARNING)
    # trafilatura logs ERROR for a page lxml can't parse ("lxml parsing failed: Document is empty"), which the
    # refusal of that page says in the moderator's words: two library lines before it were noise.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def kept_retention(settings: Settings) -> Retention:
    """How many removed and replaced articles are kept for a restore, and for how long (chat and CLI alike)."""
    return Retention(copies=settings.removed_articles_kept, days=settings.removed_articles_days)


def core_config(settings: Settings) -> CoreConfig:
    from bot.core import CoreConfig

    return CoreConfig(
        corpus_dir=settings.corpus_dir,
        index_dir=settings.index_dir,
        model=settings.embedding_model,
        max_article_bytes=settings.max_article_bytes,
        kept=kept_retention(settings),
        max_question_chars=settings.max_question_chars,
        fetch=FetchOptions(allow_private=settings.allow_private_urls),
        rate_limit_per_minute=settings.rate_limit_per_minute,
        rate_limit_burst=settings.rate_limit_burst,
        vote_limit_per_minute=settings.vote_rate_limit_per_minute,
        vote_limit_burst=settings.vote_rate_limit_burst,
        max_in_flight=settings.max_in_flight,
        corpus_seed_dir=settings.corpus_seed_dir,
    )


def moderator_policy(settings: Settings) -> ModeratorPolicy:
    """Listed users and roles (Slack's: user groups), and the admins of the servers and workspaces the operator
    named. A Discord server's admins count only when it is named (the Discord adapter trusts every server of a private
    application at login); a Slack workspace's, with one install, unless others are named (the bot token's
    own, not a Slack Connect guest's: ``ModeratorPolicy``); with OAuth, where anyone may install the app,
    only in the named workspaces, each through its own installation."""
    guilds = set(settings.discord_moderator_guild_ids)
    if settings.discord_guild_id:
        guilds.add(settings.discord_guild_id)
    homes = {"discord": frozenset(home("discord", g) for g in guilds)}
    if settings.slack_moderator_team_ids or settings.slack_client_id:
        homes["slack"] = frozenset(home("slack", t) for t in settings.slack_moderator_team_ids)
    return ModeratorPolicy(
        user_ids=frozenset([*(f"slack:{u}" for u in settings.slack_moderator_ids),
                            *(f"discord:{u}" for u in settings.discord_moderator_ids)]),
        # Per platform: a Slack user group's id may never match a Discord role's, or the other way round.
        role_ids=frozenset([*(f"discord:{r}" for r in settings.discord_moderator_role_ids),
                            *(f"slack:{g}" for g in settings.slack_moderator_group_ids)]),
        admin_homes=homes,
        # Manage Server counts only where the server installed the bot, never through a user's own install.
        installation_bound=frozenset({"discord", "slack"} if settings.slack_client_id else {"discord"}),
    )


def build_core(settings: Settings, without_store: Callable[[str], None] | None = None) -> CommandCore:
    """``without_store``: for a command that can answer without the database (``ask``, ``sources``,
    ``timeline``), told why it can't be reached or used (the words after "DATABASE_URL"); the core then keeps
    follow-ups in memory and records nothing.
    Without it, an unreachable database stops the command (the bot, ``report``) with its one line."""
    # Imported here: the core, the history and the shared store pull in retrieval and SQLAlchemy, which
    # one-shot ``index`` commands never need (they start a process per moderator action).
    from bot.audit_trail import AuditTrail
    from bot.core import CommandCore
    from bot.history import History
    from bot.history_setup import HistorySetupError, build_history
    from bot.shared_setup import build_shared_state
    from bot.shared_state import SharedState

    queries = lazy_encoder(settings.embedding_model, settings.index_dir)  # ONNX export of the live index if any
    # The model's float32 ONNX export (its own vectors, no torch), loaded when a moderator first rebuilds.
    builds = document_encoder(settings.embedding_model, settings.index_dir)
    shared = SharedState()
    try:
        shared = build_shared_state(settings)  # rate limits, event claims, follow-ups: replicas share them or not
        history = build_history(settings, shared.memory(), shared.breaker)
    except HistorySetupError as exc:  # the shared state's too
        shared.close()
        reason = exc.without_store
        if without_store is None or reason is None:
            raise
        without_store(reason)
        shared, history = SharedState(), History()
    return CommandCore(core_config(settings), queries, moderator_policy(settings), build_encoder_provider=builds,
                       history=history, shared=shared, changes=AuditTrail(settings.database_url.get_secret_value()))
