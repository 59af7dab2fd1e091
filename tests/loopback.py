"""Servers on 127.0.0.1 for hermetic tests: a port to bind one to, and a stub server running for a block."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import AsyncIterator
from typing import Protocol, TypeVar


def free_port() -> int:
    """A port nothing listens on: bound, then let go (a server started on it soon after gets it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...


S = TypeVar("S", bound=Server)


@contextlib.asynccontextmanager
async def running(server: S) -> AsyncIterator[S]:
    """``server`` started for the block and stopped after it, also when the block fails."""
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
