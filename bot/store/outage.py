"""A database that can't be reached, told as one line rather than a traceback per store call.

While PostgreSQL restarts (or the network to it drops), every question made four store calls that each
failed, and each logged a 40-line traceback of SQLAlchemy and psycopg frames around the one line that
matters ("connection refused"). That is no bug to debug, so the line alone is logged; any other failure
keeps its traceback.
"""

from __future__ import annotations

import logging
import sys

import sqlalchemy as sa


def unreachable(exc: BaseException | None) -> str | None:
    """The driver's first line when ``exc`` is the database failing to answer (not reachable, restarting,
    the connection dropped, SQLite's file locked or unreadable); None for anything else."""
    if isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError) or (
            isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated):
        text = str(exc.orig if isinstance(exc, sa.exc.DBAPIError) and exc.orig is not None else exc)
        return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return None


def log_store_failure(logger: logging.Logger, message: str) -> None:
    """In an ``except`` block: ``message`` and the reason on one line when the database can't be reached,
    ``logger.exception(message)`` otherwise."""
    reason = unreachable(sys.exc_info()[1])
    if reason is None:
        logger.exception(message)
    else:
        logger.error("%s (the database can't be reached: %s)", message, reason)
