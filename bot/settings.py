"""The one place configuration is read: environment variables and ``.env``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from index.embedding import DEFAULT_MODEL

DISCORD_API_DEFAULT = "https://discord.com/api/v10"
SLACK_API_DEFAULT = "https://slack.com/api/"


class Settings(BaseSettings):
    """Tokens are ``SecretStr``: printing or logging the settings shows ``**********``, never a token."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("var/index")
    embedding_model: str = DEFAULT_MODEL
    max_article_bytes: int = Field(default=1_000_000, gt=0)
    max_question_chars: int = Field(default=1000, gt=0)
    # Articles added by URL may come from private, loopback and link-local addresses (an intranet, tests).
    allow_private_urls: bool = False
    log_level: str = "INFO"

    # Limits and monitoring (see the README's "Limits, health and metrics").
    rate_limit_per_minute: float = Field(default=5.0, ge=0)  # questions per user a minute; 0 turns it off
    rate_limit_burst: int = Field(default=3, ge=1)
    max_in_flight: int = Field(default=64, gt=0)
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"

    discord_token: SecretStr | None = None
    discord_guild_id: int | None = None
    # NoDecode: a list in .env is written "1,2,3", not JSON; the validator below splits it.
    discord_moderator_role_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    discord_api_base: str = DISCORD_API_DEFAULT
    discord_gateway_url: str | None = None

    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_api_url: str = SLACK_API_DEFAULT
    slack_moderator_ids: Annotated[list[str], NoDecode] = Field(default_factory=list)

    # Conversation history: stored answers, votes, the knowledge-gap report (bot/store, bot/history_setup).
    database_url: SecretStr = SecretStr("sqlite:///var/bot.db")  # a PostgreSQL URL may hold a password
    history_mode: Literal["full", "anonymized", "off"] = "full"
    history_retention_days: int = Field(default=90, gt=0)
    feedback_hmac_key: SecretStr | None = None  # unset with SQLite: a random key is kept next to the database

    # Replicas: rate limits, event claims, follow-ups and the build lock in the store on DATABASE_URL
    # (bot/shared_setup.py). auto: shared unless DATABASE_URL is SQLite.
    shared_state: Literal["auto", "store", "memory"] = "auto"

    @field_validator("discord_moderator_role_ids", "slack_moderator_ids", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        """Accept ``1,2,3`` as well as JSON lists, since that is how people write lists in ``.env``."""
        if isinstance(value, str | int):
            text = str(value).strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("discord_token", "slack_bot_token", "slack_app_token", "slack_signing_secret",
                     "discord_guild_id", "discord_gateway_url", "feedback_hmac_key", "metrics_port",
                     mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def has_discord(self) -> bool:
        return self.discord_token is not None

    @property
    def has_slack(self) -> bool:
        return self.slack_bot_token is not None
