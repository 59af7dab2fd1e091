"""What the command core hands to a renderer, beyond the retrieval types.

A renderer gets one of: ``Answer``, ``Timeline``, ``SourcesList``, ``IndexChange``, ``IndexStatus``,
``Notice``, or (``bot.history_results``) ``Feedback`` and ``GapReport``. ``Notice`` covers every refusal and
error; chat renderers show it privately (ephemeral).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from bot.change_history import ChangeHistory
from bot.history_results import Feedback, GapReport
from bot.titled_ids import TITLED_ACTIONS, restored_line, titled
from retrieval.types import Answer, SourceInfo, Timeline


def counted(n: int, noun: str) -> str:
    """``1 chunk``, ``26 chunks``: an index of one article is a real case (the first article added)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class NoticeKind(Enum):
    INVALID = "invalid"  # the user's input was not usable
    FORBIDDEN = "forbidden"  # not allowed (moderators only)
    BUSY = "busy"  # a rebuild is already running
    UNAVAILABLE = "unavailable"  # no index, or it is damaged
    FAILED = "failed"  # an unexpected error; details are in the log, not in chat
    LIMITED = "rate_limited"  # the user asked too often (see bot.ratelimit)
    OVERLOADED = "overloaded"  # too many questions in flight, or the bot is stopping


@dataclass(frozen=True)
class Notice:
    """``silent``: nothing should be sent at all (a rate-limited user who was already told to wait).
    ``detail``: for whoever runs the bot (the CLI and the terminal show it), never for a chat, where anyone
    could read the server's folders in it."""

    kind: NoticeKind
    text: str
    silent: bool = False
    detail: str = ""
    # A refused question or topic as typed, given back to copy (``bot.render.typed``): a slash command's text is
    # gone once sent, and a refusal (too long, slow down, busy, restarting) left nothing to shorten or send again.
    # Shown where the platform keeps no copy of it (a mention's words stay in the channel).
    asked: str = ""

    @property
    def ephemeral(self) -> bool:
        return True

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.kind.value, "message": self.text, **({"detail": self.detail} if self.detail else {})}


@dataclass(frozen=True)
class Reply:
    """Something the bot says that is neither an answer from the articles nor a refusal: a greeting, thanks,
    help (``bot.smalltalk``). Shown like an answer, in the conversation. ``about``: what kind of help it is
    ("help", "adding"), which the core fills in for the asker (``bot.help_text``); "" for the rest.
    ``private``: for the asker alone, as a refusal is (help written for who asks: a moderator's commands, whether
    they may add); a public /ask help filled the channel with what nobody else asked."""

    text: str
    about: str = field(default="", compare=False)
    private: bool = field(default=False, compare=False)

    @property
    def ephemeral(self) -> bool:
        return self.private

    def to_dict(self) -> dict[str, Any]:
        return {"reply": self.text}


@dataclass(frozen=True)
class Home:
    """The bot's own page (``bot.core_home``): ``intro`` what it is, ``sources`` the articles (None: the index
    can't be read now), ``adding`` how articles are added in the asker's platform's words; a ``moderator`` sees
    the moderator commands too. Rendered by the platform that has such a page (Slack's App Home)."""

    intro: str
    sources: list[SourceInfo] | None
    moderator: bool
    adding: str


@dataclass(frozen=True)
class SourcesList:
    sources: list[SourceInfo]

    def to_dict(self) -> dict[str, Any]:
        return {"sources": [s.to_dict() for s in self.sources]}


# Article ids a chat reply names per kind of change (added, changed, removed); the rest are counted.
CHAT_IDS = 10


def refused_lines(rejected: list[dict[str, str]]) -> str:
    """"Refused FILE: reason", a line per file an add refused (chat's reply and the command line's stderr)."""
    return "\n".join(f"Refused {item['file']}: {item['reason']}" for item in rejected)


@dataclass(frozen=True)
class IndexChange:
    """A finished build (reindex, add, remove), with the counts moderators care about."""

    action: str
    report: dict[str, Any]
    rejected: list[dict[str, str]] = field(default_factory=list)  # files refused, with reasons
    hint: str = ""  # said under the refused files: how a refusal can be overridden (``bot.force_hints``)

    def to_dict(self) -> dict[str, Any]:
        return {**self.report, "rejected": self.rejected}

    def summary(self, max_ids: int | None = None) -> str:
        """What changed, then every file refused, skipped or worth a look. ``max_ids``: the article ids named
        per kind (chat: a rebuild of 60 articles listed them past Discord's 4,096 characters, and the cut
        took the refused and skipped files after them); None names them all (the terminal)."""

        r = self.report
        heads = r.get("articles", {}) if self.action in TITLED_ACTIONS else {}

        def named(ids: list[str]) -> str:
            shown = [titled(doc_id, heads) for doc_id in (ids if max_ids is None else ids[:max_ids])]
            return ", ".join(shown) + (f" and {len(ids) - len(shown)} more" if len(ids) > len(shown) else "")

        if r.get("unchanged") and self.action == "remove":
            # The file was put in the corpus folder by hand and never built: "already up to date" read as if
            # nothing had been removed.
            text = (f"Removed the file from the corpus folder. It had never been indexed, so the index is "
                    f"unchanged: {counted(r['docs'], 'article')}, {counted(r['chunks'], 'chunk')}.")
        elif r.get("unchanged"):
            text = f"Index already up to date: {counted(r['docs'], 'article')}, {counted(r['chunks'], 'chunk')}."
        else:
            # Every article new to the index (the first build): "rebuilt" told a new user something was redone.
            verb = "built" if r['docs'] and len(r.get("added_doc_ids", [])) == r['docs'] else "rebuilt"
            text = (
                f"Index {verb} in {r['seconds']:.1f} s: {counted(r['docs'], 'article')}, "
                f"{counted(r['chunks'], 'chunk')} "
                f"({r['embedded_chunks']} embedded, {r['reused_chunks']} reused)."
            )
            # An indexed article whose file can no longer be read (overwritten with junk, half copied) leaves the
            # index too; "removed: koo" read as if a moderator had removed it. The file's reason follows below.
            unreadable = {item["file"].rsplit(".", 1)[0] for item in r.get("skipped", [])}
            ids = {**r, "removed_doc_ids": [i for i in r.get("removed_doc_ids", []) if i not in unreadable],
                   "unreadable_ids": [i for i in r.get("removed_doc_ids", []) if i in unreadable]}
            changes = [
                f"{label}: {named(ids[key])}"
                for key, label in (("added_doc_ids", "restored" if self.action == "restore" else "added"),
                                   ("changed_doc_ids", "changed"),
                                   ("removed_doc_ids", "removed"),
                                   ("unreadable_ids", "no longer indexed, as its file can't be read (below)"))
                if ids.get(key)
            ]
            if changes:
                text += " " + "; ".join(changes) + "."
            if r.get("full_because"):
                text += f"\nRebuilt in full: {r['full_because']}."
            text += restored_line(r)
        if self.rejected:
            text += "\n" + refused_lines(self.rejected)
        for item in r.get("skipped", []):
            text += f"\nSkipped {item['file']}: {item['reason']}"
        not_read = r.get("not_read", [])
        for item in not_read if max_ids is None else not_read[:max_ids]:
            text += f"\nSkipped {item['file']}: {item['reason']}"
        if max_ids is not None and len(not_read) > max_ids:
            text += f"\n…and {counted(len(not_read) - max_ids, 'more file')} not read (index status names them)."
        for item in r.get("notes", []):
            text += f"\nNote on {item['file']}: {item['note']}"
        return text + (f"\n{self.hint}" if self.hint else "")


@dataclass(frozen=True)
class IndexStatus:
    """What ``index status`` reports (``bot.status_report``), for the CLI and chat alike: ``index_status``'s
    fields, with ``out_of_date`` when there is an index. Shown by ``bot.render.status``."""

    info: dict[str, Any]

    @property
    def exists(self) -> bool:
        return bool(self.info.get("exists"))

    def to_dict(self) -> dict[str, Any]:
        return dict(self.info)


Result = (Answer | Timeline | SourcesList | IndexChange | IndexStatus | Notice | Feedback | GapReport | Reply
          | ChangeHistory)
