"""A change to the index made outside chat (``index build|add|remove``, and the builds ``run`` and the one-shot
commands make at start-up), run and then recorded in the store's ``moderator_changes`` as chat's changes are.

Start-up's builds were recorded nowhere but stderr: after ``make run`` built a missing index, rebuilt a damaged
one or brought one up to date with articles put in the folder by hand, ``index history`` and ``/index-history``
showed none of it, so a moderator asking why the answers changed overnight was told nothing changed.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import replace
from typing import Any

from bot.actors import Actor
from bot.audit_trail import AuditTrail
from bot.change_history import change_record
from bot.settings import Settings
from index.article_match import IndexedArticle, indexed_articles

# What the change being run printed last: its report or its refusal, which its record is made from.
said: ContextVar[dict[str, Any] | None] = ContextVar("said", default=None)
INTERRUPTED = "interrupted (Ctrl-C, or the process was told to stop)"


def local_actor(platform: str = "cli") -> Actor:
    """The user this process runs as: a moderator at the command line, or the service account at start-up."""
    try:
        return Actor(platform, getpass.getuser())
    except (KeyError, OSError):
        return Actor(platform, "unknown")


def without_folders(settings: Settings, text: str | None) -> str | None:
    """A message as its record keeps it: the CLI names the server's folders ("No article with id 'x' in
    /srv/corpus"), and moderators read the records in chat too (``/index-history``), where no folder is shown.
    A message that names the setting beside its folder keeps it once: "at CORPUS_DIR (CORPUS_DIR)" and
    "(INDEX_DIR=INDEX_DIR)" were read in the history."""
    if not text:
        return text
    for folder, name in sorted(((str(settings.index_dir), "INDEX_DIR"), (str(settings.corpus_dir), "CORPUS_DIR")),
                               key=lambda pair: -len(pair[0])):
        text = text.replace(f"{name}={folder}", name).replace(f"{folder} ({name})", name).replace(folder, name)
    return text


def recorded(settings: Settings, action: str, actor: Actor, given: Sequence[str], change: Callable[[], int],
             why: str | None = None, failures: bool = True) -> int:
    """Run ``change`` and record it from what it printed (``said``): its report, or its refusal. One that
    raised (an interrupt, a full disk, a bug) is recorded as failed, and raises on. ``why``: what started it,
    kept in the record's reason (start-up's "no index yet", "the articles changed"). ``failures`` False
    records only a change that was made: start-up's failed build changed nothing, its line is on stderr and in
    ``index status``, and a service restarted every 5 s would add a row each time."""
    before = indexed_articles(settings.index_dir)
    said.set(None)
    try:
        return change()
    except BaseException as exc:
        message = (INTERRUPTED if isinstance(exc, KeyboardInterrupt)  # its record said "KeyboardInterrupt"
                   else f"{type(exc).__name__}: {exc}".rstrip(": "))
        said.set({"error": "failed", "message": message})
        raise
    finally:
        outcome = said.get() or {"error": "failed", "message": "it printed no outcome"}
        if failures or "error" not in outcome:
            _write(settings, action, actor, given, outcome, before, why)


def _write(settings: Settings, action: str, actor: Actor, given: Sequence[str], outcome: dict[str, Any],
           before: Sequence[IndexedArticle], why: str | None) -> None:
    after = indexed_articles(settings.index_dir) if "error" not in outcome else []
    trail = AuditTrail(settings.database_url.get_secret_value())
    try:
        record = change_record(action, actor, given, outcome, before, after)
        reason = "; ".join(part for part in (why, record.reason) if part) or None
        trail.write(replace(record, reason=without_folders(settings, reason)))
    finally:
        trail.close()
