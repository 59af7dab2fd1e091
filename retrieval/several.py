"""Messages that ask several questions one after another ("Who is Ajay Sawhney? When will he meet Twitter?").

Searched as one question, such a message mixes two subjects, and the answer model, which judges a sentence
against the whole text, finds no sentence that answers both: it was declined. Each question is now answered
on its own, a later one as a follow-up of the ones before it (its "he" means the earlier "Sawhney"), and the
answers are joined into one reply whose citations are numbered through.
"""

from __future__ import annotations

import re
from functools import partial

from retrieval.question import analyse, has_subject
from retrieval.said_before import said_once
from retrieval.types import Answer, Citation
from retrieval.wording import ALSO_IN_THE_ARTICLES, CLOSEST_BELOW

MAX_QUESTIONS = 3  # answered of one message; the reply asks for the rest on their own
# Questions one message may be split into; more is read as one text. A list of nine (a questionnaire pasted)
# was one text and one decline that echoed all of it; now its first three are answered.
MAX_SPLIT = 20
_WH = r"who|what|whats|whos|when|where|why|how|which"
_AUXILIARY = r"is|are|was|were|did|does|do|has|have|had|will|would|can|could|should"
_OPENER = rf"(?:{_WH}|{_AUXILIARY})\b"  # what a question opens with
# Where one question of a message ends and the next starts: after a question mark, or after a full stop or
# "!" after a word when an asking word follows ("Who is Ajay Sawhney. How many accounts …"; "did the U.S. do",
# "1. who" and "on Feb 10. Who" are not cut).
_BETWEEN_QUESTIONS = re.compile(rf"(?<=\?)\s+(?=\S)|(?<=[^\W\d_]{{2}}[.!])\s+(?={_OPENER})", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^(?:[-*•]|\d{1,2}[.)])\s+")  # "1. who …", "- what …" in a list of questions
# A numbered list written on one line, "1. who is sawhney 2. what is koo": the next number and an asking word.
_NEXT_NUMBERED = re.compile(rf"\s+(?=\d{{1,2}}[.)]\s+{_OPENER})", re.IGNORECASE)
_NUMBERED_FIRST = re.compile(r"^\s*1[.)]\s")
_OPENS_WITH_ASKING = re.compile(rf"^\s*{_OPENER}", re.IGNORECASE)
_OPENS_WITH_WH = re.compile(rf"^\s*(?:{_WH})\b", re.IGNORECASE)
# "who is Sawhney and when will he meet Twitter": a second question joined by "and", recognised by what
# starts it, an asking word and then an auxiliary (or "how many"). "who else asked" or "the government and who
# else" are not split: without the auxiliary the words after "and" are as likely part of the first question.
_AND_ASKS = re.compile(
    r"\s*,?\s+(?:and|&)\s+(?=(?:(?:who|what|when|where|why|how|which)(?:'s|’s)?\s+"
    r"(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could|should|may|might)\b"
    r"|(?:whats|whos|hows|wheres|whens)\b|how\s+(?:many|much|long|soon|often)\b"
    # "… and who founded it": "who" or "what" as the subject of a verb in the past ("who else" is not one).
    r"|(?:who|what)\s+[a-z]+ed\b))",
    re.IGNORECASE,
)
# "is twitter complying and is the government satisfied": after a first question that opens with an
# auxiliary, a second that opens with one too.
_AND_ASKS_AGAIN = re.compile(
    r"\s*,?\s+(?:and|&)\s+(?=(?:is|are|was|were|did|does|do|has|have|will|can)\s+"
    r"(?:the|it|he|she|they|its|their|[A-Z]\w*)\b)",
)
# "… and whose accounts did it spare", "… and which law was used": the asking word's noun, then an auxiliary,
# after a first question with a verb of its own ("which accounts and which hashtags were blocked" is one). Read as
# one question, "how many accounts did twitter suspend and whose accounts did it refuse to touch" was answered
# for the count alone.
_AND_ASKS_WHICH = re.compile(rf"\s*,?\s+(?:and|&)\s+(?=(?:whose|which|what)\s+[a-z]+\s+(?:{_AUXILIARY})\b)",
                             re.IGNORECASE)
_HAS_AUXILIARY = re.compile(rf"\b(?:{_AUXILIARY})\b", re.IGNORECASE)
_AUXILIARY_FIRST = rf"^\s*(?:{_AUXILIARY})\b"
_OPENS_WITH_AUXILIARY = re.compile(_AUXILIARY_FIRST, re.IGNORECASE)
# What the first of two joined questions starts with: an asking word or an auxiliary ("did Twitter comply").
_ASKS = re.compile(rf"^\s*(?:\w+\s+){{0,3}}?(?:{_WH})\b|" + _AUXILIARY_FIRST, re.IGNORECASE)
_MARKER = re.compile(r"\[(\d+)\]")
RELATED_SHOWN = 2  # sentences shown under a joined answer besides its citations
DECLINE_SHOWN = 3  # closest passages under a reply that declines every question
CLOSEST_SHOWN = 2  # closest passages of each declined question in a reply that answers another


def questions_in(text: str) -> list[str]:
    """The questions ``text`` asks one after another, or ``[text]`` when it asks one (or too many to split
    safely). Only a message whose every part (ended by "?", or by a full stop before an asking word) asks, by
    its question mark or its opening word, and names something to look for is split: "Why?? Really??" and
    "Koo? The app?" are one question. A question may also join a second one with "and" ("who is Sawhney and
    when will he meet Twitter"), split the same way when both name something."""
    parts = [p.strip() for p in _BETWEEN_QUESTIONS.split(text.strip()) if p.strip()]
    if _NUMBERED_FIRST.match(text):  # only a list that starts at 1: "on Feb 10. Who met?" names no item
        parts = [_LIST_MARKER.sub("", q.strip()) for p in parts for q in _NEXT_NUMBERED.split(p) if q.strip()]
    if len(parts) >= 2 and not all(asks_alone(p) for p in parts):
        return [text]
    split = [q for p in parts for q in _joined_by_and(p)]
    return split if 2 <= len(split) <= MAX_SPLIT else [text]


def context_and_ask(text: str) -> tuple[str, str] | None:
    """A message that tells its context first and asks last ("So I was reading about the tractor rally, and
    some hashtag got the government worked up. What was the hashtag the first notice targeted?"): the
    sentences before the ask, and the ask; None for any other message. Searched as one text, the context's
    words ("reading", "whole", "worked") outweighed the ask's, and the sentence that answers it ranked
    fourth; the ask is answered with the context as the turn before it (``retrieval.followup``), so a
    "he" or "it" in the ask still finds what the context named."""
    parts = [p.strip() for p in _BETWEEN_QUESTIONS.split(text.strip()) if p.strip()]
    if len(parts) < 2 or not asks_alone(parts[-1]):
        return None
    before = parts[:-1]
    if any(p.endswith("?") or _OPENS_WITH_ASKING.match(p) for p in before):
        return None  # questions one after another: ``questions_in``
    return " ".join(before), parts[-1]


def one_line(text: str) -> str:
    """``text``'s lines as one line, for a message that asks one question per line ("who is sawhney⏎how many
    accounts were blocked", or a numbered list) with each ended by a question mark, so that ``questions_in``
    keeps them apart; any other message's lines simply joined. A line after one that did not end with "?"
    starts a question only with an asking word ("who", "how" …): a question wrapped over two lines goes on with
    anything else ("How many accounts did the government ask⏎Twitter to block?", "how many accounts⏎did
    twitter restore?"), and read as two it was answered twice with the same quote."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    asked = [_LIST_MARKER.sub("", line) for line in lines]
    if len(asked) < 2 or len(asked) > MAX_SPLIT or not all(
            asks_alone(line) and (n == 0 or asked[n - 1].endswith("?") or _OPENS_WITH_WH.match(line))
            for n, line in enumerate(asked)):
        return " ".join(lines)
    return " ".join(line if line.endswith("?") else f"{line.rstrip('.!,;: ')}?" for line in asked)


def asks_alone(part: str) -> bool:
    """Whether ``part`` of a message is a whole question: it ends with a question mark or opens with an asking
    word (chat often leaves the "?" off: "who is sawhney? how many accounts did twitter suspend"), and it
    names something to look for."""
    asks = part.endswith("?") or _OPENS_WITH_ASKING.match(part) is not None
    return asks and len(part.split()) >= 2 and has_subject(analyse(part))


def _joined_by_and(question: str) -> list[str]:
    """``question`` as the questions it joins with "and", or ``[question]``."""
    pieces = [p.strip() for p in _AND_ASKS.split(question)]
    if len(pieces) < 2 and _OPENS_WITH_AUXILIARY.match(question):
        pieces = [p.strip() for p in _AND_ASKS_AGAIN.split(question)]
    if len(pieces) < 2:
        pieces = [p.strip() for p in _AND_ASKS_WHICH.split(question)]
        pieces = pieces if _HAS_AUXILIARY.search(pieces[0]) else [question]
    if len(pieces) < 2 or not _ASKS.match(pieces[0]):
        return [question]
    if not all(len(p.split()) >= 2 and has_subject(analyse(p)) for p in pieces):
        return [question]
    return pieces


def unanswered_note(left: int) -> str:
    """What a reply says of the questions of its message it did not answer (more than ``MAX_QUESTIONS``);
    nothing when it answered them all."""
    if not left:
        return ""
    return (f"\n\n(I answered the first {MAX_QUESTIONS} questions of your message; please ask the other "
            f"{'one' if left == 1 else left} on {'its' if left == 1 else 'their'} own.)")


def joined(text: str, answers: list[Answer], left: int = 0) -> Answer:
    """One reply for the answers to the questions of ``text``, each under the question it answers. Citation
    markers are numbered through; a declined question's closest passages are not citations (they answer
    nothing): they come first among the related sentences, and its text says where they are, as a lone
    decline says "The closest passages are below." (it said nothing, and they were sometimes not shown).
    The reply keeps every answer in ``parts``, so the history can count each question on its own."""
    citations: list[Citation] = []
    numbered: list[list[int]] = []
    answers = said_once(answers)  # no sentence quoted twice, once under each question
    for answer in answers:  # every citation numbered first: a declined question may point to one
        numbered.append([_number(c, citations) for c in answer.citations] if answer.answered else [])
    if not any(a.answered for a in answers):  # all declined: the closest passages are what there is to show
        return _all_declined(text, answers, left)
    parts: list[str] = []
    closest: list[Citation] = []
    related: list[Citation] = []
    said: list[str] = []  # the answered questions' bodies so far
    shown: set[int] = set()  # the numbers of the quotes they gave
    for answer, numbers in zip(answers, numbered, strict=True):
        if answer.answered:
            full = _MARKER.sub(partial(_marker, numbers=numbers), answer.text)
            quoted_above = bool(numbers) and shown.issuperset(numbers) and _only_quotes(answer)
            body = _said_above(numbers) if full in said or quoted_above else full
            said.append(full)
            shown.update(numbers)
        else:
            cited: list[int] = []  # its closest passages quoted for another question: pointed to by number
            below = 0
            for c in answer.citations[:CLOSEST_SHOWN]:
                if (n := _cited_as(c, citations)) is not None:
                    cited.append(n)
                    continue
                below += 1
                if _key(c) not in {_key(shown) for shown in closest}:  # two declines may share one
                    closest.append(c)
            body = answer.text.replace(CLOSEST_BELOW, "") + _where_closest(cited, below)
        related.extend(answer.related[:1])
        parts.append(_under_question(answer, body))
    return Answer(text, "\n\n".join(parts) + unanswered_note(left), True, citations,
                  searched_for=_searched(answers), related=closest + _unshown(related, citations + closest),
                  alternatives=[c for a in answers for c in a.alternatives],
                  expanded=any(a.expanded for a in answers), parts=tuple(answers))


def _all_declined(text: str, answers: list[Answer], left: int = 0) -> Answer:
    """Every question declined: one decline, its closest passages taken from each question in turn (the first
    question's three filled the list, and the second's closest passage went unshown under "below")."""
    parts = [_under_question(answer, answer.text.replace(CLOSEST_BELOW, "")) for answer in answers]
    turns = [c for i in range(DECLINE_SHOWN) for a in answers for c in a.citations[i:i + 1]]
    closest = _unshown(turns, [], DECLINE_SHOWN)
    said = "\n\n".join(parts) + (CLOSEST_BELOW if closest else "") + unanswered_note(left)
    return Answer(text, said, False, closest, searched_for=_searched(answers),
                  alternatives=[c for a in answers for c in a.alternatives],
                  expanded=any(a.expanded for a in answers), parts=tuple(answers))


def _only_quotes(answer: Answer) -> bool:
    """Whether ``answer``'s text is its quotes and their markers alone, no words of its own that pointing to
    the quotes above would drop."""
    rest = _MARKER.sub("", answer.text)
    for c in answer.citations:
        rest = rest.replace(c.quote, "")
    return not any(ch.isalnum() for ch in rest)


def _said_above(numbers: list[int]) -> str:
    """A later question answered by the very quotes an earlier one was: "how many notices has meity sent and
    what did the last one ask for" quoted the one sentence that answers both twice, and the reply ran past
    the length an answer keeps to. So also a later answer quoting only some of the quotes above ("how many
    accounts did the latest notice ask to block and who were they linked to": the 1,178 accounts' sentence,
    quoted second for the count, was quoted again in full for "who")."""
    return f"The same passage{'s' if len(numbers) > 1 else ''} as above: {' '.join(f'[{n}]' for n in numbers)}."


def _under_question(answer: Answer, body: str) -> str:
    """``body`` headed by the question it answers; a decline names the question itself already ("I couldn't
    find a clear answer to “…”")."""
    asked = answer.question.strip()
    return body if f"“{asked.rstrip('?.! ')}" in body else f"“{asked}” {body}"


def _searched(answers: list[Answer]) -> str | None:
    return " / ".join(a.searched_for for a in answers if a.searched_for) or None


def _key(citation: Citation) -> tuple[str, int, int]:
    return citation.doc_id, citation.start, citation.end


def _cited_as(citation: Citation, citations: list[Citation]) -> int | None:
    """The number of ``citation`` among the reply's citations, or None when it is not one of them."""
    for n, c in enumerate(citations, start=1):
        if _key(c) == _key(citation):
            return n
    return None


def _where_closest(numbers: list[int], below: int) -> str:
    """Where a declined question's closest passages are in a reply that answers others: cited already for
    another question (``[2]``), and/or shown under the related sentences' heading."""
    total = len(numbers) + below
    if not total:
        return ""
    places = [" and ".join(f"[{n}]" for n in numbers)] if numbers else []
    if below:
        places.append(f"below, under “{ALSO_IN_THE_ARTICLES}”")
    return f" The closest passage{'s are' if total > 1 else ' is'} {', and '.join(places)}."


def _number(citation: Citation, citations: list[Citation]) -> int:
    """The number ``citation`` has in the joined reply: a quote cited for two questions keeps one number."""
    n = _cited_as(citation, citations)
    if n is not None:
        return n
    citations.append(citation)
    return len(citations)


def _marker(match: re.Match[str], numbers: list[int]) -> str:
    n = int(match.group(1))
    return f"[{numbers[n - 1]}]" if 1 <= n <= len(numbers) else match.group(0)


def _unshown(related: list[Citation], citations: list[Citation], most: int = RELATED_SHOWN) -> list[Citation]:
    """The related sentences not quoted already, each once (two questions often rank the same one next)."""
    seen = {(c.doc_id, c.start, c.end) for c in citations}
    out: list[Citation] = []
    for c in related:
        if (c.doc_id, c.start, c.end) not in seen and len(out) < most:
            seen.add((c.doc_id, c.start, c.end))
            out.append(c)
    return out
