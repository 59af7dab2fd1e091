"""Who is asking, in platform-neutral terms; the core alone decides what they may do."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    """Facts an adapter reports about a user; no adapter decides permissions itself.

    ``platform_admin`` is the platform's own notion of authority: Manage Server on Discord, workspace
    admin or owner on Slack, the local user in the terminal.
    """

    platform: str
    user_id: str
    name: str = ""
    role_ids: frozenset[str] = field(default_factory=frozenset)
    platform_admin: bool = False

    def describe(self) -> str:
        return f"{self.platform}:{self.user_id}" + (f" ({self.name})" if self.name else "")


@dataclass(frozen=True)
class ModeratorPolicy:
    user_ids: frozenset[str] = frozenset()  # "platform:user_id" or a bare user id
    role_ids: frozenset[str] = frozenset()

    def allows(self, actor: Actor) -> bool:
        if actor.platform_admin:
            return True
        if actor.user_id in self.user_ids or f"{actor.platform}:{actor.user_id}" in self.user_ids:
            return True
        return bool(self.role_ids & actor.role_ids)


LOCAL_USER = Actor(platform="terminal", user_id="local", name="local user", platform_admin=True)
