"""Multi-workspace distribution: Bolt's OAuth flow with installations and states in the store.

With ``SLACK_CLIENT_ID`` and ``SLACK_CLIENT_SECRET`` set and ``--http``, anyone may add the app to a workspace
at ``SLACK_INSTALL_PATH`` (``/slack/install``): the page links to Slack's authorize URL with a one-time state,
Slack sends the admin back to ``SLACK_REDIRECT_URI_PATH`` (``/slack/oauth_redirect``) with a code, Bolt
exchanges it through ``oauth.v2.access`` and the installation (bot token per workspace) is saved. Each event
is then answered with the bot token of the workspace it came from.

slack_sdk's SQLAlchemy installation and state stores do the storing, on the store's database
(``DATABASE_URL``, so every replica sees every install); their tables come from store migration 3. Those
stores are synchronous, so the adapters below run each call in a worker thread, off the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.settings import Settings
from bot.store.engines import open_engine
from bot.store.migrations import migrate
from bot.store_pruner import PRUNE_EVERY

log = logging.getLogger(__name__)


class ThreadedInstallationStore(AsyncInstallationStore):
    """Bolt's async interface over slack_sdk's synchronous SQLAlchemy store."""

    def __init__(self, store: SQLAlchemyInstallationStore) -> None:
        self.store = store

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self.store.save, installation)
        log.info("Slack: installed in workspace %s (%s)", installation.team_id, installation.team_name)

    async def async_save_bot(self, bot: Bot) -> None:
        await asyncio.to_thread(self.store.save_bot, bot)

    async def async_find_bot(self, *, enterprise_id: str | None, team_id: str | None,
                             is_enterprise_install: bool | None = False) -> Bot | None:
        return await asyncio.to_thread(self.store.find_bot, enterprise_id=enterprise_id, team_id=team_id,
                                       is_enterprise_install=is_enterprise_install)

    async def async_find_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                      user_id: str | None = None,
                                      is_enterprise_install: bool | None = False) -> Installation | None:
        return await asyncio.to_thread(self.store.find_installation, enterprise_id=enterprise_id, team_id=team_id,
                                       user_id=user_id, is_enterprise_install=is_enterprise_install)

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await asyncio.to_thread(self.store.delete_bot, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                        user_id: str | None = None) -> None:
        await asyncio.to_thread(self.store.delete_installation, enterprise_id=enterprise_id, team_id=team_id,
                                user_id=user_id)


class ThreadedStateStore(AsyncOAuthStateStore):
    """One-time OAuth states shared by every replica: the install page and the redirect may hit different ones.

    slack_sdk deletes a state only when it is used, and anyone may open the install page: each visit left a
    row for good. Expired ones are deleted as new ones are issued, at most every ``PRUNE_EVERY`` seconds."""

    def __init__(self, store: SQLAlchemyOAuthStateStore, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self._clock = clock
        self._next_prune = 0.0

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        return await asyncio.to_thread(self._issue)

    def _issue(self) -> str:
        now = self._clock()
        if now >= self._next_prune:
            self._next_prune = now + PRUNE_EVERY
            self.prune(now)
        return self.store.issue()

    def prune(self, now: float) -> int:
        """Delete the states that expired before ``now`` (stored as slack_sdk stores them: naive UTC)."""
        table = self.store.oauth_states
        expired = datetime.fromtimestamp(now, tz=UTC).replace(tzinfo=None)
        try:
            with self.store.engine.begin() as conn:
                return int(conn.execute(table.delete().where(table.c.expire_at < expired)).rowcount or 0)
        except SQLAlchemyError as exc:  # a failed clean-up must not refuse an install
            log.warning("pruning expired Slack OAuth states failed: %s", type(exc).__name__)
            return 0

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.store.consume, state)


def open_oauth_engine(settings: Settings) -> Engine:
    """The store's database, migrated (migration 3 holds the installation and state tables)."""
    engine = open_engine(settings.database_url.get_secret_value())
    migrate(engine)
    return engine


def oauth_settings(settings: Settings, engine: Engine) -> AsyncOAuthSettings:
    """Every value passed explicitly: Bolt would otherwise read SLACK_* variables behind the settings' back."""
    assert settings.slack_client_id is not None and settings.slack_client_secret is not None
    client_id = settings.slack_client_id
    return AsyncOAuthSettings(
        client_id=client_id,
        client_secret=settings.slack_client_secret.get_secret_value(),
        scopes=settings.slack_scopes,
        user_scopes=[],
        redirect_uri=settings.slack_redirect_uri,
        install_path=settings.slack_install_path,
        redirect_uri_path=settings.slack_redirect_uri_path,
        authorization_url=settings.slack_authorize_url,
        installation_store=ThreadedInstallationStore(SQLAlchemyInstallationStore(client_id, engine)),
        installation_store_bot_only=True,
        state_store=ThreadedStateStore(SQLAlchemyOAuthStateStore(settings.slack_oauth_state_seconds, engine)),
        state_expiration_seconds=settings.slack_oauth_state_seconds,
    )
