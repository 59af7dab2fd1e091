"""Platform-neutral result types.

Every renderer (Discord embeds, Slack Block Kit, plain text, JSON) consumes these and nothing else, so a
new chat client never needs to know how retrieval works.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from index.date_values import precision
from index.tables import one_line


@dataclass(frozen=True)
class DayMeant:
    """The day that words of a quote counting from the article's own date stand for ("Yesterday" in a report of 14
    March 2024: 2024-03-13; a wire dateline's "Tuesday"). The quote keeps the article's words, as every quote does;
    a "when" answer names the day beside it, where the asker had to count it from the article's date."""

    words: str
    day: str
    estimated: bool = False


@dataclass(frozen=True)
class Citation:
    """A verbatim quote and where it came from.

    ``start``/``end`` are character offsets into the article text as stored in the index (``docs.jsonl``),
    so ``text[start:end] == quote`` always holds; that is what makes a quote checkable. ``date`` is the
    article's date; ``date_estimated`` says the article gave none and it was estimated from its text.
    """

    doc_id: str
    title: str
    date: str | None
    url: str | None
    quote: str
    start: int
    end: int
    score: float
    date_estimated: bool = False
    # The quote is a window of its sentence: it starts, or ends, inside one. Shown with "…" there, so a cut
    # quote never reads as a whole sentence of the article.
    cut_before: bool = False
    cut_after: bool = False
    meant: DayMeant | None = None  # a "when" answer's quote: the day its relative words stand for

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def quoted(self) -> str:
        """The quote as a reader sees it: in quotation marks, with an ellipsis at each cut, on one line. A sentence
        of an article wrapped at a fixed width (a PDF or wire copy pasted as text) keeps its line breaks, as its
        offsets must; shown as they were, a source's quote broke mid-sentence ("Communications Oversight" over
        "Authority (COA) …"), as the answer's own text (``retrieval.answer``) and the timeline never do."""
        quote = one_line(self.quote)  # a table's cells and rows kept apart (``index.tables``)
        text = f"{'… ' if self.cut_before else ''}{quote}{'…' if self.cut_after else ''}"
        if not (self.cut_before or self.cut_after) and quote.startswith("“"):
            # A sentence that opens a quotation of its own ("“Safety of our employees …") is shown in its own
            # marks, closed where it leaves them open: in ours too, it read "““Safety … Twitter.”".
            return text + _left_open(quote)
        return f"“{text}”"


def _left_open(quote: str) -> str:
    """The mark that closes the quotation ``quote`` opens, when it does not close it itself; "" when it does."""
    return "”" if quote.count("“") > quote.count("”") else ""


@dataclass(frozen=True)
class Answer:
    """An extractive answer; ``answered`` is False when the articles don't support one."""

    question: str
    text: str
    answered: bool
    citations: list[Citation] = field(default_factory=list)
    # What was searched for, shown with the answer: a follow-up's words borrowed from earlier turns, or the
    # question with its typos mended.
    searched_for: str | None = None
    # Only the first of those: a follow-up read with its conversation. The report counts these, and mended
    # spelling alone borrows nothing from earlier turns.
    expanded: bool = field(default=False, compare=False)
    # An expanded answer to a question that leans on the conversation ("and when?", "why did it ..."), not to
    # one that only names little and may stand alone (``FollowUp.takes_over``).
    leans: bool = field(default=False, compare=False)
    # Shown below an answer: the sentences the answer model ranks next, so that a reader can judge the answer
    # and find what it missed without asking again (an answer and these make at most three quotes).
    related: list[Citation] = field(default_factory=list)
    # The next-best passages the answer did not quote, offered to someone who marks it wrong; not in JSON.
    alternatives: list[Citation] = field(default_factory=list, compare=False)
    # Set by the bot once the answer is stored: feedback buttons refer to it.
    answer_id: str | None = field(default=None, compare=False)
    # A message asking several questions (``retrieval.several``): the answer to each, in the order asked. The
    # reply is this answer, but the bot's history records whether each question was answered, so a question
    # the articles could not answer is a knowledge gap even when its neighbours were answered. Not in JSON.
    parts: tuple[Answer, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "question": self.question,
            "answer": self.text,
            "answered": self.answered,
            "citations": [c.to_dict() for c in self.citations],
        }
        if self.searched_for is not None:
            out["searched_for"] = self.searched_for
        if self.related:
            out["related"] = [c.to_dict() for c in self.related]
        return out


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its fused score (higher is better)."""

    chunk_index: int
    doc_id: str
    start: int
    end: int
    text: str
    score: float
    dense_rank: int = -1  # rank in the dense (FAISS) list, -1 when absent from it
    lexical_rank: int = -1  # rank in the BM25 list, -1 when absent from it


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event. ``date`` is ``YYYY-MM-DD``, ``YYYY-MM`` when only the month is known, ``YYYY`` when only
    the year is, a span ``YYYY-MM-DD/YYYY-MM-DD``: a week (Monday to Sunday, from "this week") or a range ("between
    February 19 and February 26"), or a part of a month or year, its ends marked ``~`` ("late January":
    ``2024-01-21~/2024-01-31~``; ``index.date_values``), which JSON names with its ``precision``.
    ``date_estimated``: every report of it was placed through an estimated article date. ``planned``: every report
    of it was of something still ahead ("will meet on Friday", a deadline after the
    article's date), so nobody reads a plan as what happened."""

    date: str
    summary: str
    citations: list[Citation] = field(default_factory=list)
    date_estimated: bool = False
    planned: bool = False

    def to_dict(self) -> dict[str, Any]:
        citations = [c.to_dict() for c in self.citations]
        return {"date": self.date, "precision": precision(self.date), "date_estimated": self.date_estimated,
                "planned": self.planned,
                "summary": self.summary, "citations": citations}

    def reports(self) -> list[tuple[Citation, list[Citation]]]:
        """Each report once, with the citations that are copies of it: the same sentence word for word (case
        and punctuation aside) or an article of the same title and date (a near-copy added again with
        ``--force``). A reply shows the report once and names every source; the citations keep them all."""
        grouped: list[tuple[Citation, list[Citation]]] = []
        for c in self.citations:
            same = next((copies for first, copies in grouped if _copies(first, c)), None)
            if same is None:
                grouped.append((c, []))
            else:
                same.append(c)
        return grouped


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def same_title_and_date(first: Citation, other: Citation) -> bool:
    """Whether two citations' articles carry one title and date: a copy added again, which a reply names as
    "a copy" (or by its address) rather than by a title that would read as the same source twice."""
    return (first.title, first.date) == (other.title, other.date)


def _copies(first: Citation, other: Citation) -> bool:
    """Whether ``other`` reports what ``first`` does from a copy: another article, and the same sentence or
    the same title and date."""
    if first.doc_id == other.doc_id:
        return False
    same_article = bool(first.title) and same_title_and_date(first, other)
    return same_article or _words(first.quote) == _words(other.quote)


@dataclass(frozen=True)
class Timeline:
    events: list[TimelineEvent]
    topic: str | None = None
    omitted: int = 0  # dated events left out to keep the list readable (the least supported ones)
    # The events left out (``omitted``) come after those shown, not below them in support: "what happened next?"
    # lists the first few after a day, and "and then?" lists the ones after those.
    later: bool = False
    # The topic with its typos mended, when that is what was searched ("blocking orders" for "blokcing
    # orders"), so the reply says so, as an answer does.
    searched_for: str | None = None
    # Said after "no dated events" when the dates the topic names hold none at all: which period the articles
    # cover, and that a period named backwards ends before it starts.
    note: str = ""
    # The topic names a time that can't be placed ("last week", "10/02/2021": which day?): nothing was looked up,
    # and the note alone is the reply, saying why and what to ask instead.
    asked_back: bool = False
    # The newest events first, for someone asking for the latest news ("what's the latest?"): in date order, the
    # reply began with the oldest event, a month before the news they asked for.
    newest_first: bool = False
    # The articles' first and last day (ISO) the topic was read against: a follow-up reads the topic again
    # (``retrieval.timeline_turns``) and must read "feb 10 2000 accounts" or "9/2" as the timeline did.
    period: tuple[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"events": [e.to_dict() for e in self.events], "omitted": self.omitted}
        if self.newest_first:
            out["newest_first"] = True
        if self.searched_for is not None:
            out["searched_for"] = self.searched_for
        if self.note:
            out["note"] = self.note
        if self.asked_back:
            out["asked_back"] = True
        if self.later:
            out["omitted_later"] = True
        return out


@dataclass(frozen=True)
class SourceInfo:
    """One indexed article, as listed by ``sources``."""

    doc_id: str
    title: str
    date: str | None
    url: str | None
    source: str | None
    chunks: int
    date_estimated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
