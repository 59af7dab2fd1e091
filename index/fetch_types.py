"""What a fetch takes and gives, without importing aiohttp (the command core imports this at start-up;
the fetching itself, in ``index.fetch``, loads aiohttp only when a moderator adds a page)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from index.address_policy import AddressPolicy


def _user_agent() -> str:
    try:
        version = metadata.version("dispute-bot")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"dispute-bot/{version} (news article fetcher; a moderator asked to add this page)"


USER_AGENT = _user_agent()


@dataclass(frozen=True)
class FetchOptions:
    """Limits of one fetch. The defaults are the production ones; tests pass short timeouts."""

    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()  # CIDR exceptions to the public-only rule
    total_timeout: float = 20.0
    connect_timeout: float = 5.0
    max_bytes: int = 5_000_000
    max_redirects: int = 3
    user_agent: str = USER_AGENT

    @property
    def policy(self) -> AddressPolicy:
        return AddressPolicy(self.allow_private, self.allowed_networks)


@dataclass(frozen=True)
class Page:
    url: str  # as the moderator gave it
    final_url: str  # after redirects: the page's real address
    body: bytes
    charset: str | None  # from the Content-Type header, when the server named one


class FetchError(Exception):
    """Why a page was not fetched, in words for the moderator (no stack trace, no internals)."""
