"""Questions that compare two facts ("was the order before or after the meeting", "did twitter suspend more
accounts than the first notice asked it to block"), answered one fact at a time.

A comparison asks for two facts, and no sentence holds both: judged as one text, every sentence lacks half of
it, and the best one was declined (0.19) although each side's answer was among the closest passages, or a
sentence answering neither side led. Each side is now read as its own question ("when was the order", "when
was the meeting"; "how many accounts did twitter suspend", "how many accounts the first notice asked it to
block") through the same answer model and threshold; when both are answered the reply quotes the best
sentence of each under the side it answers, and the asker compares them. When either side is declined the
question is asked as typed, as before: half a comparison is no answer to it.

Grammar, not topics: the sides are read from "before or after", "which came first", and "more/fewer <noun>
... than", whatever the nouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from retrieval.several import joined
from retrieval.types import Answer

_AUX = r"was|were|is|are|did|does|do|has|have|had|will|would"
# "was the order (issued) before or after the meeting", "did the post come after or before the meeting"
_BEFORE_OR_AFTER = re.compile(
    rf"^\s*(?P<aux>{_AUX})\s+(?P<a>.+?)\s+(?:before\s+or\s+after|after\s+or\s+before|earlier\s+or\s+later)"
    r"\s+(?P<b>.+?)[?.!\s]*$",
    re.IGNORECASE,
)
# "which came first, the order or the meeting", "what happened first: the blog post or the meeting"
_FIRST = re.compile(
    r"^\s*(?:which|what)\s+(?:came|happened|was)\s+first\s*[,:-]?\s+(?P<a>.+?)\s+or\s+(?P<b>.+?)[?.!\s]*$",
    re.IGNORECASE,
)
# "did twitter suspend more accounts than the first notice asked it to block"; "were fewer accounts blocked
# than ordered" is left alone (nothing after "than" to ask about on its own). The word after "more" is the
# counted thing: "more than 500" is a bound on one figure (``retrieval.stated_figures``), no comparison.
_MORE_THAN = re.compile(
    rf"^\s*(?P<aux>{_AUX})\s+(?P<pre>(?:\S+\s+){{0,8}}?)(?:more|fewer|less)\s+(?P<noun>[a-z][\w'’-]*)"
    r"\s+(?P<a>(?:\S+\s+){0,6}?)than\s+(?P<b>(?:\S+\s+){1,8}\S+?)[?.!\s]*$",
    re.IGNORECASE,
)
_NOT_A_NOUN = re.compile(r"^(?:than|and|or|of|to|in|on|at|for|by|with|the|a|an|\d.*)$", re.IGNORECASE)
ONE_EACH = 1  # quotes a side shows: its best sentence, the one that answers it


@dataclass(frozen=True)
class Comparison:
    asks: tuple[str, str]  # each side as its own question: what is searched and judged
    # Each side as typed ("did the ministry send more notices", "than twitter got emergency orders"): what each
    # quote is shown under. The side asked on its own can read clumsily ("how many notices twitter got ..."),
    # the asker's own words don't.
    shown: tuple[str, str]


def sides(text: str) -> Comparison | None:
    """The two questions a comparison asks, each on its own; None for any other question."""
    found = _BEFORE_OR_AFTER.match(text)
    if found:
        return Comparison((f"when {found['aux'].lower()} {found['a']}", f"when was {found['b']}"),
                          (text[: found.end("a")].strip(), text[found.end("a") :].strip()))
    found = _FIRST.match(text.replace(",", " ,"))
    if found:
        a, b = found["a"].strip(" ,"), found["b"].strip(" ,")
        return Comparison((f"when was {a}", f"when was {b}"), (a, b))
    found = _MORE_THAN.match(text)
    if found and not _NOT_A_NOUN.match(found["noun"]) and not found["b"][0].isdigit():
        noun, pre, after = found["noun"], found["pre"].strip(), found["a"].strip()
        first = " ".join(w for w in (f"how many {noun}", found["aux"].lower(), pre, after) if w)
        than = text.lower().rindex("than", 0, found.start("b"))
        return Comparison((first, f"how many {noun} {found['b']}"),
                          (text[:than].strip(), text[than:].strip()))
    return None


def answered_apart(text: str, comparison: Comparison, answers: list[Answer]) -> Answer | None:
    """One reply to a comparison whose every side was answered, each by a sentence of its own: each side's
    best quote under the side it answers (``retrieval.several.joined``), the others left to the related
    passages. None when a side was declined, or two sides lead with overlapping quotes: "when was the order"
    and "when was the meeting" both quoted the meeting's sentence, which dates one of them."""
    best = [_best_only(a) for a in answers]
    if not all(a.answered and a.citations for a in best):
        return None
    leads = [a.citations[0] for a in best]
    if any(x.doc_id == y.doc_id and x.start < y.end and y.start < x.end
           for n, x in enumerate(leads) for y in leads[n + 1 :]):
        return None
    shown = [side.rstrip("?.! ") for side in comparison.shown]
    return joined(text, [replace(a, question=side) for a, side in zip(best, shown, strict=True)])


def _best_only(answer: Answer) -> Answer:
    """``answer`` quoting only its first sentence: a side asks for one fact."""
    if not answer.answered or len(answer.citations) <= ONE_EACH:
        return answer
    cut = answer.text.find(f"[{ONE_EACH}]")
    text = answer.text[: cut + len(f"[{ONE_EACH}]")] if cut >= 0 else answer.text
    rest = answer.citations[ONE_EACH:]
    return Answer(answer.question, text, True, answer.citations[:ONE_EACH], searched_for=answer.searched_for,
                  related=[*rest, *answer.related], alternatives=answer.alternatives)
