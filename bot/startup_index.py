"""The index ``run`` and the one-shot commands serve: built when missing, brought up to date when the articles
or the format changed while the bot was down, rebuilt when it can't be loaded, each said in one line."""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bot.build_lock import LockUnavailable
from bot.build_signals import said_if_stopped
from bot.cli_name import cli_command
from bot.corpus_place import corpus_place, no_corpus, relative_hint
from bot.encoder_check import encoder_damage
from bot.lacking_articles import lacking_text, read_lacking
from bot.settings import Settings
from index import store
from index.change_journal import pending
from index.newer_release import live_newer
from index.staleness import pending_changes
from index.vector_cache import read_manifest
from retrieval.loaded import IndexLoadError, load_index

log = logging.getLogger(__name__)
WAIT_SECONDS = 1.0  # how often a start waiting for another process's build looks whether it has finished


def ensure_index(settings: Settings) -> bool:
    """Build the index on first run, bring it up to date when the articles or the index format changed
    while the bot was down, and report a damaged one clearly instead of starting half-broken.

    Every line goes to stderr, the build's report ("Index built in …") too: under ``run`` stdout is the
    terminal chat, which began with that report, and a one-shot command's stdout is its answer."""
    with contextlib.redirect_stdout(sys.stderr):
        return _ensure_index(settings)


def _ensure_index(settings: Settings) -> bool:
    from bot.unwritable import cannot_write

    fresh = store.live_dir(settings.index_dir) is None
    if fresh and not settings.corpus_dir.is_dir():  # said before anything is made (INDEX_DIR's folder, its lock)
        print(no_corpus(settings.corpus_dir), file=sys.stderr)
        return False
    # No corpus folder beside an index (a wrong CORPUS_DIR): nothing to update it from, which was "Updating the
    # index (the articles changed)" and the build's refusal, before the index was served anyway.
    unsourced = not fresh and not settings.corpus_dir.is_dir()
    reasons = [] if fresh or unsourced else pending_changes(settings.corpus_dir, settings.index_dir,
                                                            model=settings.embedding_model)
    if not fresh and not reasons and pending(settings.index_dir) is not None:
        # An add or remove the last run stopped in (``_exit_leaving_build``) whose index went live: the
        # articles agree with it, but its journal is the build's to clear, and its note the log's.
        reasons = ["an interrupted add or remove to settle"]
    newer = None if fresh or unsourced else live_newer(settings.index_dir)
    if newer is not None:  # a rolling deploy: the upgraded replicas' index is served, not rebuilt in an older form
        print(f"dispute-bot: {newer} It is served as it is meanwhile.", file=sys.stderr)
        reasons = []
    if reasons and _kept_lacking(settings, f" It is not updated from this folder meanwhile ({'; '.join(reasons)})."):
        reasons = []
    if fresh or reasons:
        what = (f"No index at {settings.index_dir} yet: building it" if fresh
                else f"Updating the index ({'; '.join(reasons)})")
        print(f"{what} from {settings.corpus_dir} ...", file=sys.stderr)
        try:
            _recorded_build(settings, "no index yet" if fresh else "; ".join(reasons))
        except store.BuildInProgress:
            if fresh and not _waited_for_other_build(settings):
                return False
            if not fresh:
                print("Another process is building the index; serving the current one meanwhile.", file=sys.stderr)
        except store.LockLost as exc:  # another replica took the lock meanwhile: its build is the one to serve
            print(f"dispute-bot: {exc}", file=sys.stderr)
            if fresh and not _waited_for_other_build(settings):
                return False
        except LockUnavailable as exc:
            print(f"dispute-bot: cannot reach DATABASE_URL for the replicas' build lock ({exc})"
                  + ("" if fresh else "; serving the current index."), file=sys.stderr)
            if fresh:
                return False
        except store.CorpusError as exc:
            print(f"dispute-bot: {exc}", file=sys.stderr)
            if fresh:
                return False
        except OSError as exc:  # a read-only or full disk: a line naming the setting, not a traceback
            print(f"dispute-bot: {cannot_write(settings, exc)}" + ("" if fresh else "; serving the last good one."),
                  file=sys.stderr)
            if fresh:
                return False
        except Exception as exc:  # the last good index keeps serving; the next start tries again
            if fresh:
                raise
            log.exception("updating the index failed")
            print(f"Could not update the index ({type(exc).__name__}: {exc}); serving the last good one.",
                  file=sys.stderr)
    try:
        load_index(settings.index_dir)
    except IndexLoadError as exc:
        return _repaired(settings, exc)
    encoder = encoder_damage(settings.index_dir)  # not the loader's, but as damaged as any other file
    if encoder is not None and not _repaired(settings, encoder):
        # The index itself loads: served, its questions encoded by the model (torch) until a rebuild succeeds.
        print("dispute-bot: serving the index meanwhile; questions are encoded with the model itself (torch).",
              file=sys.stderr)
    if unsourced:
        print(f"dispute-bot: there is no corpus folder at {corpus_place(settings.corpus_dir)}, so the index is "
              "served as it was built; articles can't be added or removed until it is there."
              f"{relative_hint(settings.corpus_dir)}", file=sys.stderr)
    return True


def _kept_lacking(settings: Settings, after: str, before: str = "dispute-bot: ") -> bool:
    """Whether this replica's corpus folder lacks articles moderators added that the index holds: a build from
    it would drop them for every replica (``bot.lacking_articles``), so none is made, and that is said."""
    lacking = read_lacking(settings.corpus_dir, settings.index_dir, settings.database_url.get_secret_value(),
                           settings.corpus_seed_dir)
    if lacking.doc_ids:
        print(f"{before}{lacking_text(lacking, chat=False)}{after}", file=sys.stderr)
    return bool(lacking.doc_ids)


def _waited_for_other_build(settings: Settings) -> bool:
    """Wait for another process's first build (a second ``run`` or a replica on the same INDEX_DIR, started
    together) and serve what it publishes: the second stopped with "try again shortly" and exit 1, to be
    restarted by its service manager, or not at all by hand. False, said, when it published nothing."""
    from bot.shared_setup import replicas_building

    print(f"dispute-bot: another process is building the index at {settings.index_dir}; waiting for it to finish "
          "...", file=sys.stderr)
    while store.is_build_running(settings.index_dir) or replicas_building(settings) is True:
        time.sleep(WAIT_SECONDS)
    if store.live_dir(settings.index_dir) is not None:
        return True
    print(f"dispute-bot: the other process's build published no index at {settings.index_dir}; "
          f"`{cli_command()} index status` says why it failed.", file=sys.stderr)
    return False


def _recorded_build(settings: Settings, why: str, full: bool = False) -> None:
    """A start-up build that changed the index, recorded as a moderator's is ("rebuild … by start-up:<user>";
    ``bot.recorded_change``) with what started it; it was said on stderr only, and ``index history`` showed no
    change. One that failed is not (it changed nothing, and a restart loop would write a row each time)."""
    from bot.index_commands import build
    from bot.recorded_change import local_actor, recorded

    recorded(settings, "rebuild", local_actor("start-up"), ["--full"] if full else [],
             lambda: build(settings, full=full), why=f"at start-up: {why}", failures=False)


def _repaired(settings: Settings, damage: IndexLoadError) -> bool:
    """Rebuild an index that can't be loaded though the articles did not change (a truncated
    ``faiss.index``), once, and load it again: ``make run`` stopped with "run index build", which is what
    it runs itself. An index in a newer release's format is left alone (the build refuses it); a repair that
    fails (or has no corpus folder to rebuild from) leaves the damaged index and says both problems. The build
    publishes only a complete folder, so a failed repair changes nothing; the build before the damaged one,
    kept beside it, is not served instead: it may hold an article a moderator has since removed."""
    live = store.live_dir(settings.index_dir)
    manifest = read_manifest(live) if live is not None else None
    if manifest is not None and store.newer_format(manifest.get("format")):
        print(f"dispute-bot: {damage}", file=sys.stderr)  # "Upgrade this replica"
        return False
    newer = live_newer(settings.index_dir)
    if newer is not None:  # a repair here would be a full build in this release's older form
        print(f"dispute-bot: The index file {damage.path} {damage.problem}; it is not repaired here. {newer}",
              file=sys.stderr)
        return False
    damaged = f"dispute-bot: The index file {damage.path} {damage.problem}"
    if not settings.corpus_dir.is_dir():  # nothing to rebuild from: the fix is the operator's, in one line
        print(f"{damaged}, and there is no corpus folder at {corpus_place(settings.corpus_dir)} to rebuild it from."
              f"{relative_hint(settings.corpus_dir)}", file=sys.stderr)
        return False
    if _kept_lacking(settings, " It is not rebuilt from this folder: fix that first, then start again.",
                     before=f"{damaged}. "):
        return False
    # One line: the damage and what is done about it. It was three: the loader's error advising the command
    # run next anyway, "Rebuilding ...", and the build's own warning naming the file again.
    print(f"{damaged}: rebuilding the index in full from {settings.corpus_dir} ...", file=sys.stderr)
    try:
        _recorded_build(settings, f"{damage.path.name} {damage.problem}", full=True)
        load_index(settings.index_dir)
    except (store.NewerFormat, store.BuildInProgress, store.CorpusError, LockUnavailable, IndexLoadError,
            OSError) as exc:
        print(f"dispute-bot: could not repair the index: {exc}", file=sys.stderr)
        return False
    return True


@dataclass(frozen=True)
class NoIndex:
    """Why a one-shot command has no index to answer from. ``said``: the build meant to make one failed and
    has already said why on stderr, in one line naming the setting (``INDEX_DIR`` that can't be written, the
    build lock's ``DATABASE_URL``, another build running), so a human is told nothing more."""

    message: str
    said: bool = False


def build_if_missing(settings: Settings) -> NoIndex | None:
    """The one-shot commands (``ask``, ``eval``, ``sources``, ``timeline``) build a missing index first, as
    ``run`` does: after ``make test`` or a fresh clone, ``dispute-bot ask`` answered only that no index was
    found. An existing index is left as it is (updating it is ``run``'s and ``index build``'s job).

    Returns why there is nothing to answer from when there is no index and no corpus folder to build one from
    (a wrong ``CORPUS_DIR``): the command says that, in one line, where it said only that the index was missing
    and how to build it, which fails the same way. Likewise when the first build fails (an ``INDEX_DIR`` that
    can't be written): the build's own line names the setting, and the command stops there. It went on to load
    the index that was never written, logged two ERROR lines and advised ``index build --full``, which failed
    the same way.

    An index in an older release's format is as good as none (this release can't read it: ``ask`` logged it
    twice, called it "missing or damaged" and advised a full build) and is built the same way. The build's
    report goes to stderr, as the notice before it: stdout is the command's answer, and ``ask --json`` and
    ``sources --json`` began with a plain-text "Index rebuilt …" line their reader could not parse."""
    live = store.live_dir(settings.index_dir)
    if live is not None and not _older_format(live):
        return None
    if not settings.corpus_dir.is_dir():
        return None if live is not None else NoIndex(
            f"There is no index at {settings.index_dir} and no corpus folder at {corpus_place(settings.corpus_dir)} "
            f"to build one from.{relative_hint(settings.corpus_dir)}")
    # SIGTERM ended the process without a word, Ctrl-C with none either: now said, then the command's exit
    ready = said_if_stopped(lambda: ensure_index(settings), "the next command")
    if not ready and store.live_dir(settings.index_dir) is None:
        return NoIndex(f"There is no index at {settings.index_dir} (INDEX_DIR), and building one failed: "
                       "the reason is on stderr.", said=True)
    return None


def _older_format(live: Path) -> bool:
    """The live index's manifest names a format older than the one this release reads (a newer one is left
    for the upgraded replicas; an unreadable manifest is the loader's to report)."""
    manifest = read_manifest(live)
    found = None if manifest is None else manifest.get("format")
    return manifest is not None and found != store.FORMAT_VERSION and not store.newer_format(found)
