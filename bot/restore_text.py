"""What a restore is told when it can't be made, in the words of where it was asked: chat names its commands,
the command line its own. The command core and ``index restore`` both say these, so they are written once."""

from __future__ import annotations

from typing import Any

from index.kept_articles import KeptCopy, Retention
from index.restore import NothingKept


def live_refusal(doc_id: str, remove: str) -> str:
    """``remove``: how the asker removes an article ("/remove-article koo", "dispute-bot index remove koo")."""
    return (f"An article with id {doc_id!r} is in the index, so nothing was restored: a restore never replaces a "
            f"live article. To bring back its kept version, remove it first ({remove}), which keeps the current "
            "one in turn, then restore it.")


def nothing_kept(exc: NothingKept, kept: Retention, history: str) -> str:
    """``history``: where the asker reads what was removed ("/index-history", "dispute-bot index history")."""
    if kept.copies < 1:
        return (f"Nothing was restored: no removed article is kept here (REMOVED_ARTICLES_KEPT is 0), so "
                f"{exc.given!r} can't be brought back; add its file again instead.")
    return (f"No removed or replaced article {exc.given!r} is kept{exc.did_you_mean()}; nothing was restored. "
            f"The newest {kept.copies} removed or replaced articles of the last {kept.days} days are kept; "
            f"{history} names what was removed.")


def restored(copy: KeptCopy) -> dict[str, Any]:
    """The copy a restore put back, as its reply and record say it: which file, why it was kept, since when."""
    return {"doc_id": copy.doc_id, "filename": copy.filename, "why": copy.why,
            "at": copy.at.isoformat(timespec="seconds")}
