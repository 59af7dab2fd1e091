"""The command core's page about the bot itself (Slack's App Home): what it is, the articles it quotes, and for a
moderator how to change them. A mixin of ``bot.core.CommandCore``, whose engine, guard and moderator check it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from bot.actors import Actor
from bot.help_text import adding_help
from bot.results import Home, Notice
from bot.smalltalk import INTRO

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.actors import ModeratorPolicy
    from retrieval.engine import Engine

    T = TypeVar("T")


class HomeReader:
    # What it reads of ``CommandCore``, set there.
    engine: Engine
    moderators: ModeratorPolicy

    if TYPE_CHECKING:
        async def _guarded(self, what: str, fn: Callable[[], T]) -> T | Notice: ...

        def is_moderator(self, actor: Actor) -> bool: ...

    async def home(self, actor: Actor) -> Home:
        """The page as ``actor`` sees it. Not through ``Admission``: the platform asks for it each time someone
        opens the page (nobody asked a question), and a "slow down" there would blank the page; it reads the
        list of articles the loaded index keeps, no search. An index that can't be read leaves the list out
        (``Home.sources`` None) and the rest of the page stands."""
        sources = await self._guarded("home", self.engine.sources)
        moderator = self.is_moderator(actor)
        adding = adding_help(actor, self.moderators)
        return Home(INTRO, None if isinstance(sources, Notice) else sources, moderator, adding)
