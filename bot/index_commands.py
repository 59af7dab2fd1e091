"""``dispute-bot index build|add|remove|status``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.build_lock import LockUnavailable
from bot.progress import build_progress
from bot.render.plain import printable
from bot.results import IndexChange, counted
from bot.settings import Settings
from bot.shared_setup import replicas_building, shared_build_lock
from bot.unwritable import cannot_write
from index import store
from index.article_names import NoSuchArticle
from index.builder import build_index
from index.embedding import document_encoder
from index.fetch_types import FetchOptions
from index.index_status import index_status
from index.manage import Upload, add_articles, remove_article
from index.staleness import pending_changes
from index.web_article import fetch_articles
from retrieval.loaded import FIX_DAMAGED, load_problem

BUSY = "dispute-bot: an index build is already running; try again when it has finished."
audit = logging.getLogger("dispute_bot.audit")


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def _print(data: dict[str, Any], text: str, as_json: bool, refused: bool = False) -> None:
    """Refusals go to stderr unless ``--json`` (whose reader expects every reply on stdout)."""
    out = sys.stderr if refused and not as_json else sys.stdout
    print(json.dumps(data, ensure_ascii=False) if as_json else printable(text), file=out)  # file names are anyone's


def _format_text(info: dict[str, Any]) -> str:
    """The index's format against the one this release reads, and what to do when they differ: a newer one is
    this replica's to catch up with (a rebuild here would overwrite the index the upgraded replicas serve)."""
    found, reads = info["format"], info["reads_format"]
    text = f"format {found} (this release reads {reads})"
    if store.newer_format(found):
        return (text + ": written by a newer release, which this one can't read. Upgrade this replica; don't "
                "rebuild the index from it, that would replace the index the upgraded replicas serve.")
    if found != reads:
        return text + ": built by an older release. Rebuild it with: dispute-bot index build"
    return text


def _out_of_date(settings: Settings, info: dict[str, Any]) -> list[str]:
    """Why a build now would make another index than the one served (the articles, EMBEDDING_MODEL or this
    release's rules changed since it was built), or nothing when it is current. Status gave no word of it: a
    moderator who had changed EMBEDDING_MODEL, upgraded, or put a file in the corpus folder by hand was shown
    the old index's counts as if they were current, while questions were answered from it as it was."""
    if store.newer_format(info["format"]):
        return []  # its format line says to upgrade this replica, not to rebuild
    reasons = pending_changes(settings.corpus_dir, settings.index_dir, model=settings.embedding_model)
    reasons = [r for r in reasons if not r.startswith("its format is")]  # said beside the format already
    if info["model"] != settings.embedding_model:
        reasons = [f"EMBEDDING_MODEL is now {settings.embedding_model}" if "model or chunking" in r else r
                   for r in reasons]
    return reasons


def _failed_text(info: dict[str, Any]) -> str:
    """The last build that failed since the served index was published, and why: status run after a failed
    build said nothing of it (``index.build_failures``)."""
    failed = info.get("last_failure")
    if not failed:
        return ""
    serving = "The index above is still the one served." if info["exists"] else "There is still no index."
    return f"\nThe last build failed ({failed.get('at', 'time unknown')}): {failed['reason'].rstrip('.')}. {serving}"


def _files_text(info: dict[str, Any]) -> str:
    """Which of the index's files were compared with what its build wrote (the damaged ones are said apart)."""
    verified = info.get("files_verified")
    if verified is None:
        return ("files: not verified beyond being there (built before builds recorded sizes and checksums; "
                "dispute-bot index build --full records them)")
    if verified == "sizes":
        return "files: sizes as built (--verify compares their checksums too)"
    return "files: sizes and checksums as built"


def _damage_text(info: dict[str, Any]) -> str:
    """One line per damaged file, and the fix: a plain build of unchanged articles would find nothing to do."""
    damage = info.get("damaged") or []
    lines = [f"dispute-bot: The index file {Path(info['folder']) / d['file']} {d['problem']}." for d in damage]
    return "\n".join(lines) + f" Rebuild the index with: {FIX_DAMAGED}" if lines else ""


def _status_text(info: dict[str, Any]) -> str:
    if not info["exists"]:
        return f"No index at {info['index_dir']}. Build it with: dispute-bot index build{_failed_text(info)}"
    running = " (a build is running)" if info["build_running"] else ""
    if info.get("build_running_unknown"):
        running = (" (whether another replica is building can't be told: the database holding the replicas' build "
                   f"lock can't be reached: {info['build_running_unknown']})")
    stale = info.get("out_of_date") or []
    # An interrupted change's file makes the index look out of date, but a build undoes that change rather than
    # indexing it: "brings it up to date" alone told a moderator the half-added article would be published.
    fix = ("dispute-bot index build first settles the interrupted change, then brings it up to date"
           if info.get("interrupted") else "dispute-bot index build brings it up to date")
    after = (f"\nOut of date ({'; '.join(stale)}): questions are answered from it as it is until {fix}"
             if stale else "")
    if info.get("interrupted"):  # said before "out of date", which the interrupted change's file makes it
        what = ("Interrupted, or under way on another replica (status can't tell which)"
                if info.get("build_running_unknown") else "Interrupted")
        after = f"\n{what}: {info['interrupted']}" + after
    return (f"{counted(info['docs'], 'article')}, {counted(info['chunks'], 'chunk')}, "
            f"{counted(info['events'], 'dated report')} (of events the timeline merges by date)\n"
            f"model {info['model']} (dim {info['dimension']}), FAISS {info['faiss_factory']}, {_format_text(info)}\n"
            f"built {info['built_at']} in {info['build_seconds']} s{running}\n{info['folder']}\n{_files_text(info)}"
            f"{_failed_text(info)}"
            f"{after}")


def _status(settings: Settings, args: argparse.Namespace) -> int:
    """``index status [--verify]``: exit 1 when there is no index, this release can't read its format, or a
    file is not as its build wrote it (named on stderr with the fix): status read only the manifest and
    exited 0 with ``faiss.index`` truncated or ``bm25`` deleted."""
    info = index_status(settings.index_dir, replicas_building(settings), "checksums" if args.verify else "sizes")
    if info["exists"]:
        info["out_of_date"] = _out_of_date(settings, info)
    _print(info, _status_text(info), args.json, refused=not info["exists"])
    damage = _damage_text(info) if info["exists"] else ""
    if damage and not args.json:  # --json has the damaged files in "damaged"
        print(printable(damage), file=sys.stderr)
    # An index this release can't read is as good as none to a script checking the exit status.
    return 0 if info["exists"] and info["format"] == info["reads_format"] and not damage else 1


def build(settings: Settings, full: bool = False, as_json: bool = False) -> int:
    """``index build``, and start-up's. Only ``--full`` asked here replaces an index in a newer release's format."""
    with shared_build_lock(settings), build_progress() as progress:
        report = build_index(settings.corpus_dir, settings.index_dir, model=settings.embedding_model,
                             encoder_provider=document_encoder(settings.embedding_model, settings.index_dir), full=full,
                             progress=progress, live_check=load_problem, replace_newer=full)
    change = IndexChange("build", report.to_dict())
    _print(change.to_dict(), change.summary(), as_json)
    return 0


def is_url(text: str) -> bool:
    """A command-line argument naming a web page rather than a file (any ``scheme://``, so that an
    unsupported scheme is refused with a reason instead of being looked for on disk)."""
    return "://" in text


def add(settings: Settings, args: argparse.Namespace) -> int:
    """``index add FILE_OR_URL... [--force]``: files and web pages, one rebuild for all of them."""
    uploads: list[Upload] = []
    rejected: list[dict[str, str]] = []
    for item in args.files:
        if is_url(item):
            continue
        path = Path(item)
        try:
            uploads.append(Upload(path.name, path.read_bytes()))
        except OSError as exc:
            rejected.append({"file": str(path), "reason": exc.strerror or str(exc)})
    urls = [item for item in args.files if is_url(item)]
    fetched, problems = (asyncio.run(fetch_articles(urls, FetchOptions(allow_private=settings.allow_private_urls)))
                         if urls else ([], []))
    rejected += problems
    with build_progress() as progress:
        outcome = add_articles(uploads, settings.corpus_dir, settings.index_dir, model=settings.embedding_model,
                               encoder_provider=document_encoder(settings.embedding_model, settings.index_dir),
                               max_bytes=settings.max_article_bytes, progress=progress, web_articles=fetched,
                               force=args.force)
    rejected += outcome.rejected
    hint = "\nAdd an article that is already indexed anyway with --force." if any(
        "duplicate_of" in r for r in rejected) else ""
    if outcome.report is None:
        data = {"error": "invalid", "rejected": rejected, "notes": outcome.notes}
        text = "Nothing was added.\n" + "\n".join([f"Refused {r['file']}: {r['reason']}" for r in rejected]
                                                   + [f"Note on {n['file']}: {n['note']}" for n in outcome.notes])
        _print(data, text + hint, args.json, refused=True)
        return 1
    change = IndexChange("add", outcome.change(), rejected)
    _print(change.to_dict(), change.summary() + hint, args.json)
    return 1 if rejected else 0


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """A SIGTERM (``timeout``, a service manager, ``kill``) ends a change the way Ctrl-C does: the corpus
    files it wrote are put back. Its default action ended the process at once and left an added file in
    the corpus that the live index didn't hold, to be published unannounced by the next build."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(settings: Settings, args: argparse.Namespace) -> int:
    with _terminate_as_interrupt():
        return _run(settings, args)


def _run(settings: Settings, args: argparse.Namespace) -> int:
    command = args.index_command
    if command != "status":
        detail = {"add": lambda: " ".join(args.files) + (" --force" if args.force else ""),
                  "remove": lambda: args.doc_id,
                  "build": lambda: "--full" if args.full else ""}[command]()
        audit.info("index %s%s by %s", command, f" {detail}" if detail else "", _who())
    try:
        if command == "status":
            return _status(settings, args)
        if command == "build":
            return build(settings, full=args.full, as_json=args.json)
        if command == "add":
            with shared_build_lock(settings):
                return add(settings, args)
        if command == "remove":
            try:
                with shared_build_lock(settings):
                    encoder = document_encoder(settings.embedding_model, settings.index_dir)
                    report = remove_article(args.doc_id, settings.corpus_dir, settings.index_dir,
                                            model=settings.embedding_model, encoder_provider=encoder)
            except NoSuchArticle as exc:
                message = f"No article with id {args.doc_id!r} in {settings.corpus_dir}{exc.did_you_mean()}"
                _print({"error": "invalid", "message": message}, f"dispute-bot: {message}", args.json, refused=True)
                return 1
            change = IndexChange("remove", report.to_dict())
            _print(change.to_dict(), change.summary(), args.json)
            return 0
    except store.BuildInProgress:
        _print({"error": "busy", "message": BUSY.removeprefix("dispute-bot: ")}, BUSY, args.json, refused=True)
        return 3
    except (store.CorpusError, store.ManifestUnreadable) as exc:
        _print({"error": "invalid", "message": str(exc)}, f"dispute-bot: {exc}", args.json, refused=True)
        return 1
    except LockUnavailable as exc:
        message = (f"cannot reach DATABASE_URL for the replicas' build lock ({exc}); nothing was changed, and "
                   "the live index was left as it was.")
        _print({"error": "failed", "message": message}, f"dispute-bot: {message}", args.json, refused=True)
        return 1
    except OSError as exc:  # the live index is untouched: a build publishes only a complete folder
        message = cannot_write(settings, exc) + "; the live index was left as it was."
        _print({"error": "failed", "message": message}, f"dispute-bot: {message}", args.json, refused=True)
        return 1
    return 2
