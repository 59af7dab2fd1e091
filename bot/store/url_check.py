"""Whether ``DATABASE_URL`` names a database this bot can open, asked before any connection: a scheme SQLAlchemy
does not know (Heroku's ``postgres://``, a typo) or a driver that is not installed (``mysql://``,
``postgresql+psycopg2://``) was SQLAlchemy's plugin error, or a ``ModuleNotFoundError`` traceback, from every
command but ``run --check``. The URL's password is never repeated: a suggested URL shows it as ``***``."""

from __future__ import annotations

import difflib

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

SUPPORTED = "sqlite:///path/to/bot.db, or postgresql+psycopg://user:password@host/db"
_BACKENDS = frozenset({"sqlite", "postgresql"})
# Schemes people write for a database the bot supports, each with the one SQLAlchemy knows (Heroku, Render and
# others hand out ``postgres://``, which SQLAlchemy dropped).
_WRITE_INSTEAD = {"postgres": "postgresql+psycopg", "postgresql+psycopg2": "postgresql+psycopg",
                  "postgresql+asyncpg": "postgresql+psycopg", "postgresql+psycopg_async": "postgresql+psycopg",
                  "psql": "postgresql+psycopg", "pg": "postgresql+psycopg", "sqlite3": "sqlite",
                  "sqlite+aiosqlite": "sqlite"}
_KNOWN = ("sqlite", "postgresql", "postgresql+psycopg")


class UnusableUrl(sa.exc.ArgumentError):
    """``DATABASE_URL`` can't be opened by any connection: its message follows "DATABASE_URL" and says what to
    write instead. A SQLAlchemy error, so every place that opens the store already stops on it in one line."""


def _shown(url: URL, drivername: str) -> str:
    return url.set(drivername=drivername).render_as_string(hide_password=True)


def _instead(url: URL) -> str | None:
    """The scheme the user most likely meant, as a whole URL (password hidden)."""
    wanted = _WRITE_INSTEAD.get(url.drivername.lower())
    if wanted is None:
        close = difflib.get_close_matches(url.drivername.lower(), _KNOWN, n=1, cutoff=0.6)
        wanted = close[0] if close else None
    if wanted == "postgresql":
        wanted = "postgresql+psycopg"
    return None if wanted is None else _shown(url, wanted)


def url_problem(url: str) -> str | None:
    """``_problem`` with a note when the URL it suggests shows the password as ``***``."""
    problem = _problem(url)
    if problem is not None and "***" in problem:
        problem += " (*** stands for your password)"
    return problem


def _problem(url: str) -> str | None:
    """Why no connection could be made with this URL, in words that follow "DATABASE_URL"; None when the
    scheme is SQLite's or PostgreSQL's with its driver installed (whether the server answers is not asked)."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        return f"is not a database URL; write {SUPPORTED}"
    except ValueError:  # a password holding "@" or ":" read as the port; the message would quote it
        return "could not be read: percent-encode @, : and / in the password (@ is %40, : is %3A, / is %2F)"
    scheme = f"{parsed.drivername}://"
    try:
        dialect = parsed.get_dialect()
    except sa.exc.NoSuchModuleError:
        instead = _instead(parsed)
        hint = f"did you mean {instead}?" if instead else f"write {SUPPORTED}"
        return f"starts {scheme}, which is no database scheme SQLAlchemy knows: {hint}"
    if dialect.name not in _BACKENDS:
        return f"starts {scheme} ({dialect.name}), a database this bot does not support: write {SUPPORTED}"
    instead = _instead(parsed) or SUPPORTED
    if getattr(dialect, "is_async", False):
        return f"starts {scheme}, an asyncio driver, which the bot's store can't use: write {instead}"
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        return (f"starts {scheme}, whose driver is not installed ({exc.name or exc}): write {instead} "
                "(the PostgreSQL driver installed with the bot), or sqlite:///path/to/bot.db")
    return None


def checked(url: str) -> None:
    """Raise ``UnusableUrl`` when ``url_problem`` finds one."""
    problem = url_problem(url)
    if problem is not None:
        raise UnusableUrl(problem)
