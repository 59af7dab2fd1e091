"""``index status`` and chat's ``/status`` as text, from one ``IndexStatus``: the CLI's says where the index is and
names the CLI's commands; chat's names ``/reindex`` and never a folder of the server (anyone in a channel could
read it), nor the file a failed build could not write (``index.build_failures`` keeps it apart)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.lacking_articles import Lacking, lacking_text
from bot.results import IndexStatus, counted
from index import store
from index.newer_release import newer_text
from retrieval.loaded import FIX_DAMAGED


def _format_text(info: dict[str, Any], rebuild: str) -> str:
    """The index's format against the one this release reads, and what to do when they differ: a newer one is
    this replica's to catch up with (a rebuild here would overwrite the index the upgraded replicas serve)."""
    found, reads = info["format"], info["reads_format"]
    text = f"format {found} (this release reads {reads})"
    if store.newer_format(found):
        return (text + ": written by a newer release, which this one can't read. Upgrade this replica; don't "
                "rebuild the index from it, that would replace the index the upgraded replicas serve.")
    if found != reads:
        return text + f": built by an older release. Rebuild it with: {rebuild}"
    newer = info.get("newer_release")
    if newer:  # this release reads it, but a rebuild here would undo the newer release's (``index.newer_release``)
        anyway = "" if rebuild.startswith("/") else "; after rolling back, dispute-bot index build --full replaces it"
        return (text + f"\nBuilt by a newer release: upgrade this replica ({newer_text(newer)}). It is served as it "
                f"is; {rebuild} refuses to rebuild it, which would replace the index the upgraded replicas serve"
                f"{anyway}.")
    return text


def _failed_text(info: dict[str, Any], chat: bool) -> str:
    """The last build that failed since the served index was published, and why: status run after a failed
    build said nothing of it (``index.build_failures``)."""
    failed = info.get("last_failure")
    if not failed:
        return ""
    serving = "The index above is still the one served." if info["exists"] else "There is still no index."
    if failed.get("interrupted"):  # Ctrl-C or SIGTERM: nothing went wrong, and "failed" sent moderators looking
        return (f"\nThe last build was interrupted ({failed.get('at', 'time unknown')}: Ctrl-C, or the process was "
                f"told to stop); nothing of it was published. {serving}")
    where = "" if chat or not failed.get("file") else f" ({failed['file']})"
    return (f"\nThe last build failed ({failed.get('at', 'time unknown')}): {failed['reason'].rstrip('.')}{where}. "
            f"{serving}")


def _files_text(info: dict[str, Any], chat: bool) -> str:
    """Which of the index's files were compared with what its build wrote, when they were. The CLI says the
    damaged ones apart, on stderr (``damage_text``); chat here, by file name alone, with chat's fix."""
    if "files_verified" not in info:
        return ""
    verified = info["files_verified"]
    full = "/reindex full" if chat else FIX_DAMAGED
    if verified is None:
        return ("\nfiles: not verified beyond being there (built before builds recorded sizes and checksums; "
                f"{full} records them)")
    damage = info.get("damaged") or []
    if chat and damage:
        return "".join(f"\nThe index file {d['file']} {d['problem']}." for d in damage) + f" Rebuild it with: {full}"
    if damage:  # named on stderr (``damage_text``): stdout must not say the files are as built
        return f"\nfiles: {len(damage)} not as built (named below); {full}"
    if verified == "sizes":
        return "\nfiles: sizes as built" + ("" if chat else " (--verify compares their checksums too)")
    return "\nfiles: sizes and checksums as built"


def damage_text(info: dict[str, Any]) -> str:
    """One line per damaged file, and the fix: a plain build of unchanged articles would find nothing to do."""
    damage = info.get("damaged") or []
    lines = [f"dispute-bot: The index file {Path(info['folder']) / d['file']} {d['problem']}." for d in damage]
    return "\n".join(lines) + f" Rebuild the index with: {FIX_DAMAGED}" if lines else ""


def outage_text(info: dict[str, Any]) -> str:
    """While the database the replicas share can't be reached (``bot.store_breaker``): what an operator must know
    of the bot's behaviour meanwhile, which is otherwise only in one log line per outage."""
    seconds = info.get("database_unreachable_seconds")
    if seconds is None:
        return ""
    return (f"\nThe database can't be reached (for {seconds} s): until it is back, duplicate-event protection and "
            "rate limits are per replica (a retry reaching another replica may be answered twice, and each "
            "replica counts a user's questions alone), follow-ups see only this replica's turns, and answers "
            "are not stored (no feedback buttons).")


def status_text(status: IndexStatus, chat: bool) -> str:
    info = status.info
    return (_index_text(info, chat) + _running_text(info) + _served_text(info, chat) + _lacking_text(info, chat)
            + _not_read_text(info) + outage_text(info))


def _running_text(info: dict[str, Any]) -> str:
    """The change under way in this process (``bot.running_change``): "(a build is running)" alone left a
    moderator to guess what, whose, and whether to wait a minute or a quarter of an hour."""
    running = info.get("running_change")
    return f"\nRunning now: {running}." if running else ""


def _served_text(info: dict[str, Any], chat: bool) -> str:
    """The build this replica answers from when it is not the one above (``bot.status_report.served_build``)."""
    served = info.get("served_build")
    if not served:
        return ""
    older = f"the index built {served['built_at']} ({counted(served['docs'], 'article')})"
    if served["not_loaded"]:
        full = "/reindex full" if chat else FIX_DAMAGED
        return (f"\nThis replica still answers from {older}: the index above can't be loaded (its file "
                f"{served['not_loaded']}). Rebuild it with: {full}")
    return f"\nThis replica answers from {older} while it loads the index above ({served['loading_seconds']} s so far)."


def _lacking_text(info: dict[str, Any], chat: bool) -> str:
    """The added articles this replica's corpus folder lacks: "out of date" alone sent a moderator to rebuild,
    which dropped them."""
    lacking = info.get("lacking")
    return f"\n{lacking_text(Lacking(**lacking), chat)}" if lacking and lacking["doc_ids"] else ""


def _not_read_text(info: dict[str, Any]) -> str:
    """The corpus folder's files a build leaves out for their kind, each with why and how to add it instead."""
    return "".join(f"\nNot read from the corpus folder: {f['file']}, {f['reason']}" for f in info.get("not_read", []))


def _index_text(info: dict[str, Any], chat: bool) -> str:
    rebuild = "/reindex" if chat else "dispute-bot index build"
    if not info["exists"]:
        where = "yet" if chat else f"at {info['index_dir']}"
        return f"No index {where}. Build it with: {rebuild}{_failed_text(info, chat)}"
    running = " (a build is running)" if info["build_running"] else ""
    if info.get("build_running_unknown"):
        running = (" (whether another replica is building can't be told: the database holding the replicas' build "
                   f"lock can't be reached: {info['build_running_unknown']})")
    stale = info.get("out_of_date") or []
    # An interrupted change's file makes the index look out of date, but a build undoes that change rather than
    # indexing it: "brings it up to date" alone told a moderator the half-added article would be published.
    fix = (f"{rebuild} first settles the interrupted change, then brings it up to date"
           if info.get("interrupted") else f"{rebuild} brings it up to date")
    if (info.get("lacking") or {}).get("doc_ids"):  # a build here would drop them: said below, not advised
        fix = "this corpus folder holds the articles named below"
    after = (f"\nOut of date ({'; '.join(stale)}): questions are answered from it as it is until {fix}"
             if stale else "")
    if info.get("interrupted"):  # said before "out of date", which the interrupted change's file makes it
        what = ("Interrupted, or under way on another replica (status can't tell which)"
                if info.get("build_running_unknown") else "Interrupted")
        after = f"\n{what}: {info['interrupted']}" + after
    folder = "" if chat else f"\n{info['folder']}"
    return (f"{counted(info['docs'], 'article')}, {counted(info['chunks'], 'chunk')}, "
            f"{counted(info['events'], 'dated report')} (joined where they tell one happening)\n"
            f"model {info['model']} (dim {info['dimension']}), FAISS {info['faiss_factory']}, "
            f"{_format_text(info, rebuild)}\n"
            f"built {info['built_at']} in {info['build_seconds']} s{running}{folder}{_files_text(info, chat)}"
            f"{_failed_text(info, chat)}{after}")
