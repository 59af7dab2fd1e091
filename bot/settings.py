"""The one place configuration is read: environment variables and ``.env``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from index.embedding import DEFAULT_MODEL

DISCORD_API_DEFAULT = "https://discord.com/api/v10"
SLACK_API_DEFAULT = "https://slack.com/api/"
SLACK_AUTHORIZE_DEFAULT = "https://slack.com/oauth/v2/authorize"
# Credentials issued by Discord and Slack: none holds whitespace (FEEDBACK_HMAC_KEY is the operator's own words).
_TOKENS = frozenset({"discord_token", "slack_bot_token", "slack_app_token", "slack_signing_secret",
                     "slack_client_secret"})
# The bot scopes slack/manifest.yml asks for (a test keeps the two in step): what OAuth installs request.
SLACK_SCOPES_DEFAULT = ("app_mentions:read", "channels:history", "groups:history", "mpim:history", "chat:write",
                        "commands", "files:read", "files:write", "im:history", "im:read", "im:write", "users:read",
                        "usergroups:read")


# Older releases passed LOG_LEVEL to logging as it was, which takes these too.
_LEVEL_ALIASES = {"WARN": "WARNING", "FATAL": "CRITICAL"}


class Settings(BaseSettings):
    """Tokens are ``SecretStr``: printing or logging the settings shows ``**********``, never a token."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    corpus_dir: Path = Path("corpus")
    # Shipped articles copied into CORPUS_DIR when it is missing or holds none (the image's; bot.corpus_seed).
    corpus_seed_dir: Path | None = None
    index_dir: Path = Path("var/index")
    embedding_model: str = DEFAULT_MODEL
    max_article_bytes: int = Field(default=1_000_000, gt=0)
    max_question_chars: int = Field(default=1000, gt=0)
    # Articles added by URL may come from private, loopback and link-local addresses (an intranet, tests).
    allow_private_urls: bool = False
    # Removed and replaced articles kept for `index restore` (<INDEX_DIR>.removed): the newest N, for D days.
    removed_articles_kept: int = Field(default=200, ge=0)  # 0 keeps none: nothing can be restored
    removed_articles_days: int = Field(default=90, gt=0, le=36_500)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"

    # Limits and monitoring (see the README's "Limits, health and metrics").
    rate_limit_per_minute: float = Field(default=5.0, ge=0)  # questions per user a minute; 0 turns it off
    rate_limit_burst: int = Field(default=3, ge=1)
    # 👍/👎 clicks per user a minute, a budget of their own (each is a write to the store); 0 turns it off.
    vote_rate_limit_per_minute: float = Field(default=20.0, ge=0)
    vote_rate_limit_burst: int = Field(default=6, ge=1)
    max_in_flight: int = Field(default=64, gt=0)
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"

    discord_token: SecretStr | None = None
    discord_guild_id: int | None = None
    # NoDecode: a list in .env is written "1,2,3", not JSON; the validator below splits it.
    discord_moderator_role_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    discord_moderator_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    # Servers whose Manage Server members are moderators (DISCORD_GUILD_ID counts too); see the README.
    discord_moderator_guild_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    discord_api_base: str = DISCORD_API_DEFAULT
    discord_gateway_url: str | None = None
    # Offer /ask, /timeline and /sources to users who install the app to their own account (the Developer
    # Portal's User Install must be on too). Off, every command is declared for servers' installs only.
    discord_user_install: bool = False
    # Sharding (docs/deploy.md): AutoShardedClient when DISCORD_SHARD_COUNT is set; DISCORD_SHARD_IDS ("0,1" or
    # "0-3") are the shards this process runs, all of them when unset. Only one process should sync commands.
    discord_shard_count: int | None = Field(default=None, ge=1)
    discord_shard_ids: Annotated[list[int] | None, NoDecode] = None
    discord_sync_commands: bool = True

    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_api_url: str = SLACK_API_DEFAULT
    slack_moderator_ids: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # User groups (Slack's roles) whose members are moderators, in every workspace; needs usergroups:read.
    slack_moderator_group_ids: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Workspaces whose admins and owners are moderators; unset, the workspace of SLACK_BOT_TOKEN's install
    # (with OAuth, whose installs anyone may make: none).
    slack_moderator_team_ids: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Multi-workspace distribution (OAuth, HTTP mode only): installations live in the store on DATABASE_URL.
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    slack_scopes: Annotated[list[str], NoDecode] = Field(default_factory=lambda: list(SLACK_SCOPES_DEFAULT))
    slack_install_path: str = "/slack/install"
    slack_redirect_uri_path: str = "/slack/oauth_redirect"
    slack_redirect_uri: str | None = None  # the public URL of the redirect path, as registered with Slack
    slack_authorize_url: str = SLACK_AUTHORIZE_DEFAULT
    slack_oauth_state_seconds: int = Field(default=600, gt=0)

    # Conversation history: stored answers, votes, the knowledge-gap report (bot/store, bot/history_setup).
    database_url: SecretStr = SecretStr("sqlite:///var/bot.db")  # a PostgreSQL URL may hold a password
    history_mode: Literal["full", "anonymized", "off"] = "full"
    history_retention_days: int = Field(default=90, gt=0, le=36_500)  # at most a century
    feedback_hmac_key: SecretStr | None = None  # unset with SQLite: a random key is kept next to the database

    # Replicas: rate limits, event claims, follow-ups and the build lock in the store on DATABASE_URL
    # (bot/shared_setup.py). auto: shared unless DATABASE_URL is SQLite.
    shared_state: Literal["auto", "store", "memory"] = "auto"

    @field_validator("discord_moderator_role_ids", "discord_moderator_ids", "discord_moderator_guild_ids",
                     "slack_moderator_ids", "slack_moderator_group_ids",
                     "slack_moderator_team_ids", "slack_scopes", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        """Accept ``1,2,3`` as well as JSON lists, since that is how people write lists in ``.env``."""
        if isinstance(value, str | int):
            text = str(value).strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_name(cls, value: object) -> object:
        """``debug`` as well as ``DEBUG``. Any other word (``verbose``, ``WARN ``) used to log at INFO without a
        word, so an operator asking for DEBUG lines got none and no reason; now it is refused like any bad value.
        ``WARN`` and ``FATAL``, Python's own aliases, which older releases accepted, are read as the names they
        stand for: an upgrade refused a ``.env`` that had worked."""
        if not isinstance(value, str):
            return value
        name = value.strip().upper()
        name = _LEVEL_ALIASES.get(name, name)
        return name if name in get_args(cls.model_fields["log_level"].annotation) else value  # refused as written

    @field_validator("discord_token", "slack_bot_token", "slack_app_token", "slack_signing_secret",
                     "discord_guild_id", "discord_gateway_url", "feedback_hmac_key", "metrics_port",
                     "discord_shard_count", "discord_shard_ids", "slack_client_id", "slack_client_secret",
                     "slack_redirect_uri", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("discord_token", "slack_bot_token", "slack_app_token", "slack_signing_secret",
                     "slack_client_secret", "feedback_hmac_key", "database_url", mode="before")
    @classmethod
    def _unwrapped_secret(cls, value: object, info: ValidationInfo) -> object:
        """A token as it arrives from where people keep it: a Kubernetes secret made from a file ends in a
        newline, and ``docker run --env-file`` keeps the quotes of ``SLACK_SIGNING_SECRET="…"``. No token, key or
        URL holds either, but kept they made every Slack request's signature wrong (each refused with 401, the
        bot silent) and an app-level token "not xapp-"."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
            text = text[1:-1].strip()
        if info.field_name in _TOKENS and any(c.isspace() for c in text):
            # A quoted "Bot abc…" or two lines pasted as one: logging in would fail only after the index was
            # built and loaded, as a rejected token. Said here, before any work; the value is never repeated.
            raise ValueError("holds a space or a line break, which no token has: copy the token alone "
                             "(without \"Bot \" or anything pasted with it)")
        return text or (text if info.field_name == "database_url" else None)  # a blank URL is refused below

    @field_validator("database_url")
    @classmethod
    def _a_database_url(cls, value: SecretStr) -> SecretStr:
        """Checked here, in one line, rather than as SQLAlchemy's traceback after the index build; the
        value is never repeated (a PostgreSQL URL holds a password)."""
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(value.get_secret_value())
        except ArgumentError:
            raise ValueError("is not a database URL; for example sqlite:///var/bot.db, or "
                             "postgresql+psycopg://user:password@host/db") from None
        except ValueError:  # a password holding "@" or ":" read as the port: its message quoted the password
            raise ValueError("could not be read: percent-encode @, : and / in the password (@ is %40, : is %3A, "
                             "/ is %2F)") from None
        return value

    @field_validator("discord_shard_ids", mode="before")
    @classmethod
    def _shard_ranges(cls, value: object) -> object:
        """``0,1``, ``0-3`` or ``0-3,8``: the shards of this process, as people write them in ``.env``."""
        if not isinstance(value, str | int):
            return value
        if not str(value).strip():
            return None
        ids: list[int] = []
        for part in str(value).split(","):
            part = part.strip()
            low, dash, high = part.partition("-")
            if not low.strip().isdecimal() or (dash and not high.strip().isdecimal()):
                raise ValueError(f"DISCORD_SHARD_IDS: {part!r} is not a shard number or a range like 0-3")
            first, last = int(low), int(high) if dash else int(low)
            if last < first:
                raise ValueError(f"DISCORD_SHARD_IDS: the range {part!r} runs backwards")
            ids.extend(range(first, last + 1))
        return ids

    @model_validator(mode="after")
    def _shards_fit(self) -> Settings:
        ids = self.discord_shard_ids
        if ids is None:
            return self
        if self.discord_shard_count is None:
            raise ValueError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT (the total number of shards across all "
                             "processes)")
        if len(set(ids)) != len(ids):
            raise ValueError(f"DISCORD_SHARD_IDS lists a shard twice: {ids}")
        too_big = [i for i in ids if i >= self.discord_shard_count]
        if too_big:
            raise ValueError(f"DISCORD_SHARD_IDS {too_big} must be below DISCORD_SHARD_COUNT "
                             f"({self.discord_shard_count}; shards are numbered from 0)")
        return self

    @property
    def slack_oauth(self) -> bool:
        """Multi-workspace mode: installs through OAuth, one bot token per workspace from the store."""
        return self.slack_client_id is not None and self.slack_client_secret is not None

    @property
    def has_discord(self) -> bool:
        return self.discord_token is not None

    @property
    def has_slack(self) -> bool:
        return self.slack_bot_token is not None or self.slack_oauth

    @property
    def slack_half_set(self) -> list[str]:
        """Slack credentials given without what turns Slack on (SLACK_BOT_TOKEN, or SLACK_CLIENT_ID with
        SLACK_CLIENT_SECRET): an app token or signing secret alone, a client id without its secret. ``run``
        then opened the terminal chat without a word, and, with no terminal (systemd, Docker), exited 0 at once."""
        if self.has_slack:
            return []
        return [name.upper() for name in ("slack_app_token", "slack_signing_secret", "slack_client_id",
                                          "slack_client_secret") if getattr(self, name) is not None]
