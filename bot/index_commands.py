"""``dispute-bot index build|add|remove|restore|status|history``; every change is recorded (``bot.audit_trail``)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.add_paths import read_files
from bot.audit_log import audit
from bot.audit_trail import AuditTrail
from bot.build_lock import LockUnavailable
from bot.build_signals import stop_signals
from bot.change_preflight import record_problem
from bot.cli_name import cli_command
from bot.force_hints import cli_hint
from bot.progress import build_progress
from bot.recorded_change import local_actor, recorded, said
from bot.render.plain import printable
from bot.render.status import damage_text, status_text
from bot.restore_text import live_refusal, nothing_kept, restored
from bot.results import IndexChange, refused_lines
from bot.settings import Settings
from bot.shared_setup import replicas_building, shared_build_lock
from bot.status_report import read_status
from bot.store.url_check import UnusableUrl
from bot.unwritable import cannot_write
from bot.wiring import kept_retention
from index import store
from index.article_names import NoSuchArticle
from index.builder import build_index
from index.embedding import document_encoder
from index.fetch_types import FetchOptions
from index.lock_check import LockCheck
from index.manage import add_articles, remove_article
from index.restore import ArticleLive, NothingKept, restore_article
from index.web_article import fetch_articles
from retrieval.loaded import load_problem

BUSY = "dispute-bot: an index build is already running; try again when it has finished."


def _who() -> str:
    return local_actor().describe()


def _print(data: dict[str, Any], text: str, as_json: bool, refused: bool = False) -> None:
    """Refusals go to stderr unless ``--json`` (whose reader expects every reply on stdout)."""
    said.set(data)
    out = sys.stderr if refused and not as_json else sys.stdout
    print(json.dumps(data, ensure_ascii=False) if as_json else printable(text), file=out)  # file names are anyone's


def _status(settings: Settings, args: argparse.Namespace) -> int:
    """``index status [--verify]``: exit 1 when there is no index, this release can't read its format, or a
    file is not as its build wrote it (named on stderr with the fix): status read only the manifest and
    exited 0 with ``faiss.index`` truncated or ``bm25`` deleted."""
    trail = AuditTrail(settings.database_url.get_secret_value())
    try:
        status = read_status(settings.corpus_dir, settings.index_dir, settings.embedding_model,
                             replicas_building(settings), files="checksums" if args.verify else "sizes", trail=trail,
                             seed_dir=settings.corpus_seed_dir)
    finally:
        trail.close()
    info = status.info
    _print(info, status_text(status, chat=False), args.json, refused=not info["exists"])
    damage = damage_text(info) if info["exists"] else ""
    if damage and not args.json:  # --json has the damaged files in "damaged"
        print(printable(damage), file=sys.stderr)
    # An index this release can't read is as good as none to a script checking the exit status.
    return 0 if info["exists"] and info["format"] == info["reads_format"] and not damage else 1


def build(settings: Settings, full: bool = False, as_json: bool = False) -> int:
    """``index build``, and start-up's. Only ``--full`` asked here replaces an index in a newer release's format."""
    with shared_build_lock(settings) as still_held, build_progress() as progress:
        report = build_index(settings.corpus_dir, settings.index_dir, model=settings.embedding_model,
                             encoder_provider=document_encoder(settings.embedding_model, settings.index_dir), full=full,
                             progress=progress, live_check=load_problem, replace_newer=full, still_held=still_held)
    change = IndexChange("build", report.to_dict())
    _print(change.to_dict(), change.summary(), as_json)
    return 0


def is_url(text: str) -> bool:
    """A command-line argument naming a web page rather than a file (any ``scheme://``, so that an
    unsupported scheme is refused with a reason instead of being looked for on disk)."""
    return "://" in text


def add(settings: Settings, args: argparse.Namespace, still_held: LockCheck | None = None) -> int:
    """``index add FILE_OR_URL... [--force]``: files and web pages, one rebuild for all of them."""
    uploads, rejected = read_files([item for item in args.files if not is_url(item)])
    urls = [item for item in args.files if is_url(item)]
    fetched, problems = (asyncio.run(fetch_articles(urls, FetchOptions(allow_private=settings.allow_private_urls)))
                         if urls else ([], []))
    rejected += problems
    with build_progress() as progress:
        outcome = add_articles(uploads, settings.corpus_dir, settings.index_dir, model=settings.embedding_model,
                               encoder_provider=document_encoder(settings.embedding_model, settings.index_dir),
                               max_bytes=settings.max_article_bytes, progress=progress, web_articles=fetched,
                               force=args.force, still_held=still_held, retention=kept_retention(settings))
    rejected += outcome.rejected
    hint = "" if args.force else cli_hint(rejected)
    if outcome.report is None:
        data = {"error": "invalid", "rejected": rejected, "notes": outcome.notes}
        text = "\n".join(["Nothing was added.", refused_lines(rejected)]
                         + [f"Note on {n['file']}: {n['note']}" for n in outcome.notes])
        _print(data, text + hint, args.json, refused=True)
        return 1
    change = IndexChange("add", outcome.change(), rejected)
    if rejected and not args.json:  # what was added is the result (stdout); the files refused are errors (stderr)
        _print(change.to_dict(), replace(change, rejected=[]).summary(), as_json=False)
        print(printable(refused_lines(rejected) + hint), file=sys.stderr)
        return 1
    _print(change.to_dict(), change.summary() + hint, args.json)
    return 1 if rejected else 0


def run(settings: Settings, args: argparse.Namespace) -> int:
    if args.index_command == "history":
        return history(settings, args.limit, args.json)
    # A SIGTERM (``timeout``, a service manager, ``kill``) ends a change the way Ctrl-C does: the corpus files it
    # wrote are put back (its default action left an added file the live index didn't hold, published unannounced
    # by the next build).
    with stop_signals():
        if args.index_command == "status":
            return _run(settings, args)
        return _recorded(settings, args)


def _given(args: argparse.Namespace) -> list[str]:
    """What the change named, as its record keeps it: a file by its name, not the path on the moderator's disk."""
    return {"add": lambda: [item if is_url(item) else Path(item).name for item in args.files]
                           + (["--force"] if args.force else []),
            "remove": lambda: [args.doc_id],
            "restore": lambda: [args.doc_id],
            "build": lambda: ["--full"] if args.full else []}[args.index_command]()


def _recorded(settings: Settings, args: argparse.Namespace) -> int:
    """A change run, then recorded in the store as chat's are (``bot.recorded_change``)."""
    given = _given(args)
    problem = record_problem(settings.database_url.get_secret_value())
    if problem is not None:  # known before minutes of work, which no history would then show
        message = (f"DATABASE_URL {problem}; nothing was changed: every index change is recorded there "
                   "(index history)")
        _print({"error": "invalid", "message": message}, f"dispute-bot: {message}", args.json, refused=True)
        return 1
    audit.info("index %s%s by %s", args.index_command, f" {' '.join(given)}" if given else "", _who())
    action = {"build": "rebuild"}.get(args.index_command, args.index_command)
    return recorded(settings, action, local_actor(), given, lambda: _run(settings, args))


def history(settings: Settings, limit: int, as_json: bool) -> int:
    """``index history [--limit N]``: the newest moderator changes, from chat and the CLI alike."""
    if limit < 1:
        _print({"error": "invalid", "message": "--limit must be 1 or more"}, "dispute-bot: --limit must be 1 or more",
               as_json, refused=True)
        return 2
    trail = AuditTrail(settings.database_url.get_secret_value())
    try:
        found = replace(trail.history(limit), restore=f"`{cli_command()} index restore ID`")
    except Exception as exc:  # the database can't be reached or read
        message = (f"DATABASE_URL {exc}" if isinstance(exc, UnusableUrl)  # what to write instead, no password
                   else f"cannot read the moderators' changes from DATABASE_URL ({type(exc).__name__})")
        _print({"error": "failed", "message": message}, f"dispute-bot: {message}", as_json, refused=True)
        return 1
    finally:
        trail.close()
    _print(found.to_dict(), "\n".join(found.lines()), as_json)
    return 0


def restore(settings: Settings, args: argparse.Namespace) -> int:
    """``index restore ID``: the newest kept copy of a removed or replaced article back in the index."""
    try:
        with shared_build_lock(settings) as still_held:
            report, copy = restore_article(args.doc_id, settings.corpus_dir, settings.index_dir,
                                           model=settings.embedding_model, still_held=still_held,
                                           encoder_provider=document_encoder(settings.embedding_model,
                                                                             settings.index_dir))
    except (ArticleLive, NothingKept) as exc:
        message = (live_refusal(exc.doc_id, f"{cli_command()} index remove {exc.doc_id}")
                   if isinstance(exc, ArticleLive)
                   else nothing_kept(exc, kept_retention(settings), f"`{cli_command()} index history`"))
        _print({"error": "invalid", "message": message}, f"dispute-bot: {message}", args.json, refused=True)
        return 1
    change = IndexChange("restore", {**report.to_dict(), "restored": restored(copy)})
    _print(change.to_dict(), change.summary(), args.json)
    return 0


def _run(settings: Settings, args: argparse.Namespace) -> int:
    command = args.index_command
    try:
        if command == "status":
            return _status(settings, args)
        if command == "build":
            return build(settings, full=args.full, as_json=args.json)
        if command == "add":
            with shared_build_lock(settings) as still_held:
                return add(settings, args, still_held)
        if command == "remove":
            try:
                with shared_build_lock(settings) as still_held:
                    encoder = document_encoder(settings.embedding_model, settings.index_dir)
                    report = remove_article(args.doc_id, settings.corpus_dir, settings.index_dir,
                                            model=settings.embedding_model, encoder_provider=encoder,
                                            still_held=still_held, retention=kept_retention(settings))
            except NoSuchArticle as exc:
                message = f"No article with id {args.doc_id!r} in {settings.corpus_dir}{exc.did_you_mean()}"
                _print({"error": "invalid", "message": message}, f"dispute-bot: {message}", args.json, refused=True)
                return 1
            change = IndexChange("remove", report.to_dict())
            _print(change.to_dict(), change.summary(), args.json)
            return 0
        if command == "restore":
            return restore(settings, args)
    except store.BuildInProgress:
        _print({"error": "busy", "message": BUSY.removeprefix("dispute-bot: ")}, BUSY, args.json, refused=True)
        return 3
    except (store.CorpusError, store.ManifestUnreadable) as exc:
        _print({"error": "invalid", "message": str(exc)}, f"dispute-bot: {exc}", args.json, refused=True)
        return 1
    except store.LockLost as exc:
        _print({"error": "failed", "message": str(exc)}, f"dispute-bot: {exc}; try again.", args.json, refused=True)
        return 1
    except LockUnavailable as exc:
        message = (f"cannot reach DATABASE_URL for the replicas' build lock ({exc}); nothing was changed, and "
                   "the live index was left as it was.")
        _print({"error": "failed", "message": message}, f"dispute-bot: {message}", args.json, refused=True)
        return 1
    except BrokenPipeError:  # the reader went away (``index status | head``): no write of the index failed
        raise
    except OSError as exc:  # the live index is untouched: a build publishes only a complete folder
        message = cannot_write(settings, exc) + "; the live index was left as it was."
        _print({"error": "failed", "message": message}, f"dispute-bot: {message}", args.json, refused=True)
        return 1
    return 2
