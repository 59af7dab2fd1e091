"""Whether the bot could use the database at DATABASE_URL, asked by ``run --check`` before anything starts: the
server reachable (or the SQLite file openable or creatable) and its schema one this release can migrate.
Nothing is created or migrated here; the check only reads."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from bot.store.engines import open_engine, sqlite_file
from bot.store.migrations import current_version, newest_known
from bot.store.outage import unreachable
from bot.store.reads import reading
from bot.store.tables import schema_version
from bot.store.url_check import UnusableUrl


def _uncreatable(path: Path) -> str | None:
    """A SQLite file that does not exist yet is created at start, unless something is in the way of its folder."""
    for parent in path.absolute().parents:
        if parent.exists():
            return None if parent.is_dir() else f"can't be created: {parent} is a file, not a folder"
    return None


def database_problem(url: str) -> str | None:
    """Why the bot could not use this database, in words that follow "DATABASE_URL"; None when it can. An empty
    database, or one an older release migrated, is fine (start-up migrates it); one a newer release migrated
    is not (this release's writes may fail there)."""
    try:
        path = sqlite_file(url)
        if path is not None and not path.exists():
            return _uncreatable(path)
        engine = open_engine(url)
    except UnusableUrl as exc:  # a scheme SQLAlchemy doesn't know, a driver not installed: what to write instead
        return str(exc)
    except (sa.exc.SQLAlchemyError, ImportError, OSError) as exc:
        return f"can't be used ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
    try:
        with reading(engine) as conn:
            if not sa.inspect(conn).has_table(schema_version.name):
                return None
            version = current_version(conn)
    except sa.exc.SQLAlchemyError as exc:
        reason = unreachable(exc) or str(exc).splitlines()[0]
        return f"can't be reached ({reason})"
    finally:
        engine.dispose()
    known = newest_known()
    if version > known:
        return (f"has schema version {version}, newer than this release knows ({known}): a newer release migrated "
                "it; run that release, or point DATABASE_URL at this release's database")
    return None
