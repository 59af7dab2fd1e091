"""The shipped articles copied into a corpus folder that holds none yet (``CORPUS_SEED_DIR``, set by the image).

The image served its own ``/app/corpus``, in the container's writable layer: what moderators added there was
lost when the container was recreated (``docker compose up --build``), and each replica had a folder of its
own. The corpus now lives on the volume the replicas share, so the shipped articles must get there once: on
the first start, when the folder is missing or holds no article. Nothing is ever copied over a file there, and
a folder holding articles is left as it is, so moderators' removals and edits stand.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bot.settings import Settings
from index.corpus_files import article_paths


def seed_corpus(corpus_dir: Path, seed_dir: Path) -> list[str]:
    """Copy ``seed_dir``'s files into ``corpus_dir`` when it is missing or holds no article; the names copied.

    Replicas starting together on an empty volume take turns (a lock file beside the corpus folder), so none finds
    some articles copied and builds from half the corpus. Each file is written under a hidden name of its own (in
    containers every replica is PID 1: a name by PID was shared), then linked into place, which fails rather than
    replace a file."""
    if article_paths(corpus_dir) or not seed_dir.is_dir() or seed_dir.resolve() == corpus_dir.resolve():
        return []
    corpus_dir.mkdir(parents=True, exist_ok=True)
    with _lock_file(corpus_dir).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if article_paths(corpus_dir):  # another replica seeded it while this one waited
            return []
        return [name for source in sorted(p for p in seed_dir.iterdir() if p.is_file() and not p.name.startswith("."))
                if (name := _copied(source, corpus_dir))]


def _lock_file(corpus_dir: Path) -> Path:
    """Beside the corpus folder, not among its articles; inside it (hidden, no article's suffix) when the folder
    is a mount whose parent the bot can't write (a volume mounted at ``CORPUS_DIR`` itself)."""
    beside = corpus_dir.parent / f".{corpus_dir.name}.seeding.lock"
    return beside if os.access(corpus_dir.parent, os.W_OK) or beside.exists() else corpus_dir / ".seeding.lock"


def _copied(source: Path, corpus_dir: Path) -> str | None:
    """``source``'s name once it is in ``corpus_dir``; None when a file of that name was there already."""
    handle, partial = tempfile.mkstemp(dir=corpus_dir, prefix=f".{source.name}.", suffix=".seeding")
    os.close(handle)
    try:
        shutil.copyfile(source, partial)
        os.link(partial, corpus_dir / source.name)
        return source.name
    except FileExistsError:
        return None
    finally:
        os.unlink(partial)


def seeded(settings: Settings) -> None:
    """``seed_corpus`` for the settings, said in one line on stderr when it copied anything. A folder that can't
    be made or written is left to the command, which says so naming ``CORPUS_DIR``."""
    if settings.corpus_seed_dir is None:
        return
    try:
        copied = seed_corpus(settings.corpus_dir, settings.corpus_seed_dir)
    except OSError as exc:
        print(f"dispute-bot: could not copy the shipped articles (CORPUS_SEED_DIR) into the corpus folder at "
              f"{settings.corpus_dir} (CORPUS_DIR): {exc.strerror or exc}", file=sys.stderr)
        return
    if copied:
        print(f"Copied {len(copied)} shipped article{'s' if len(copied) > 1 else ''} from "
              f"{settings.corpus_seed_dir} (CORPUS_SEED_DIR) into the empty corpus folder {settings.corpus_dir}.",
              file=sys.stderr)
