"""Where CORPUS_DIR points, said so a person can find it: a relative path is relative to the folder the bot was
started in, so ``cd /tmp; /path/clone/.venv/bin/dispute-bot run`` said only "no corpus folder at corpus"."""

from __future__ import annotations

from pathlib import Path


def corpus_place(corpus_dir: Path) -> str:
    """``/abs/path (CORPUS_DIR)``: the folder looked for, absolute."""
    return f"{corpus_dir.absolute()} (CORPUS_DIR)"


def relative_hint(corpus_dir: Path) -> str:
    """A sentence to append when CORPUS_DIR is relative (empty otherwise): the likely fix."""
    if corpus_dir.is_absolute():
        return ""
    return (f" CORPUS_DIR={corpus_dir} is relative to the folder the bot is started in ({Path.cwd()}): run it from "
            "the checkout, or set CORPUS_DIR to the articles' folder.")


def no_corpus(corpus_dir: Path) -> str:
    """The one line of a start with no index and no corpus folder to build one from; nothing was made."""
    return (f"dispute-bot: There is no corpus folder at {corpus_place(corpus_dir)}; nothing was built."
            f"{relative_hint(corpus_dir)}")
