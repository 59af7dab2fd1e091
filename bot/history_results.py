"""Results of the conversation-history commands: a vote's acknowledgement and the knowledge-gap report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from retrieval.types import Citation

SHOWN_GROUPS = 10  # the JSON report has every group; text shows the largest
THANKS = "Thanks for the feedback."
CHANGED = "Thanks, your vote is changed."
GONE = "Thanks. That answer is too old to take feedback any more."
NOT_RECORDED = "Thanks, but feedback is switched off here: your vote was not recorded."
# A question as a chat report shows it, as long as the down-voted quotes (``bot.report.QUOTE_CHARS``): with
# 1,000-character questions, ten groups of three examples took 30,000 characters, more than Discord's three
# pages or Slack's message hold, and the down-voted answers after them were cut off. At this length the
# whole report is about 9,000 characters. The CLI and --json keep every question whole.
CHAT_QUESTION_CHARS = 200
# What the answer rate divides, said with it: off-topic questions are declines, small talk is never stored.
ANSWER_RATE_COUNTS = ("answered ÷ questions searched, off-topic ones included; each question of a message asking "
                      "several counts; small talk and refused messages are not counted")


@dataclass(frozen=True)
class Feedback:
    """Shown only to the person who clicked: a thanks, and after a 👎 the next-best passages."""

    vote: int  # +1 or -1
    text: str
    alternatives: list[Citation] = field(default_factory=list)

    @property
    def ephemeral(self) -> bool:
        return True

    def to_dict(self) -> dict[str, Any]:
        return {"vote": self.vote, "message": self.text, "alternatives": [c.to_dict() for c in self.alternatives]}


@dataclass(frozen=True)
class GapCluster:
    count: int
    examples: list[str]


@dataclass(frozen=True)
class DownVoted:
    down: int
    up: int
    answered: bool
    question: str | None
    quote: str | None
    # The article quoted first: its id (what /remove-article and index remove take) and its title, or None
    # once the index no longer has it; both None for a decline.
    article: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class GapReport:
    """What moderators need to decide which articles to add."""

    since: str  # ISO time (UTC) the report starts at
    window: str  # as asked, e.g. "7d"
    questions: int
    answered: int
    expanded: int  # follow-ups searched with words from earlier turns
    declined_clusters: list[GapCluster]
    down_voted: list[DownVoted]
    anonymized: bool = False  # question text is not stored, so declined questions can't be grouped
    grouped: int = 0  # declined questions grouped (the newest, when there are very many)
    ungrouped: int = 0  # older declined questions left out of the grouping
    without_text: int = 0  # declined questions stored while HISTORY_MODE was anonymized (nothing to group)
    place: str | None = None  # only questions asked in this server or workspace; None: everywhere
    kept_days: int | None = None  # the period asked reaches past the history kept (HISTORY_RETENTION_DAYS)
    # Messages answered (stored answers, each with its feedback buttons); fewer than ``questions`` when a
    # message asked several, each of which counts as a question. None: not given (the same as questions).
    messages: int | None = None

    @property
    def ephemeral(self) -> bool:
        return True

    @property
    def answer_rate(self) -> float | None:
        return self.answered / self.questions if self.questions else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since, "window": self.window, "questions": self.questions,
            "messages": self.questions if self.messages is None else self.messages, "answered": self.answered,
            "declined": self.questions - self.answered, "answer_rate": self.answer_rate,
            "answer_rate_counts": ANSWER_RATE_COUNTS,
            "expanded_follow_ups": self.expanded, "anonymized": self.anonymized,
            "declined_grouped": self.grouped, "declined_not_grouped": self.ungrouped,
            "declined_without_text": self.without_text, "place": self.place,
            "kept_days": self.kept_days,
            "declined_groups": [{"count": c.count, "examples": c.examples} for c in self.declined_clusters],
            "most_down_voted": [{"down": d.down, "up": d.up, "answered": d.answered, "question": d.question,
                                 "quote": d.quote, "article": d.article, "source": d.source}
                                for d in self.down_voted],
        }

    def lines(self, question_chars: int | None = None) -> list[str]:
        """The report as plain lines; each renderer escapes and lays them out for its platform.
        ``question_chars``: each question cut to that length (chat), or whole (None: the terminal)."""

        def shown(question: str) -> str:
            if question_chars is None or len(question) <= question_chars:
                return question
            return question[: question_chars - 1].rstrip() + "…"

        rate = f"{self.answer_rate:.0%}" if self.answer_rate is not None else "n/a"
        where = ", questions asked in this server or workspace" if self.place else ""
        kept = f"; history is kept {self.kept_days} days, so not the whole {self.window}" if self.kept_days else ""
        in_messages = (f" (in {self.messages} messages)" if self.messages is not None
                       and self.messages != self.questions else "")
        out = [f"Knowledge gaps since {self.since} UTC (last {self.window}{kept}{where})",
               f"Questions: {self.questions}{in_messages}; answered {self.answered}, "
               f"declined {self.questions - self.answered} (answer rate {rate}); "
               f"follow-ups expanded with earlier turns: {self.expanded}.",
               f"Answer rate: {ANSWER_RATE_COUNTS}."]
        if self.anonymized:
            out.append("Declined questions: not grouped (HISTORY_MODE=anonymized stores no question text).")
        elif self.declined_clusters:
            out.append("Declined questions, grouped by similarity" + (
                f" (the newest {self.grouped}; {self.ungrouped} older ones not grouped):" if self.ungrouped else ":"))
            for cluster in self.declined_clusters[:SHOWN_GROUPS]:
                examples = " | ".join(f"“{shown(e)}”" for e in cluster.examples)
                out.append(f"  {cluster.count}× {examples}")
            hidden = self.declined_clusters[SHOWN_GROUPS:]
            if hidden:
                out.append(f"  …and {len(hidden)} more groups ({sum(c.count for c in hidden)} questions); "
                           "--json lists them all.")
        elif not self.without_text:
            out.append("Declined questions: none.")
        if self.without_text and not self.anonymized:
            out.append(f"Declined questions stored without their text (asked under HISTORY_MODE=anonymized): "
                       f"{self.without_text}.")
        if self.down_voted:
            out.append("Most down-voted answers:")
            for d in self.down_voted:
                asked = f"“{shown(d.question)}”" if d.question else "(question not stored)"
                quote = f" → “{d.quote}”" if d.quote else "" if d.answered else " → declined (nothing quoted)"
                if d.article:
                    quote += f" (from {d.article}" + (f": {shown(d.source)})" if d.source else ", no longer indexed)")
                out.append(f"  👎 {d.down} 👍 {d.up}: {asked}{quote}")
        else:
            out.append("Down-voted answers: none.")
        return out
