"""An interview's answer label is no part of the answer it opens.

An interview printed in question-and-answer form marks each turn "Q:" and "A:" ("A: Nine of the accounts belong
to people who call themselves journalists."). The interviewer's turn is never an answer (``retrieval.answer_like``);
the reply under it is, and quoted with its label it opened with a letter that tells the reader nothing and the
answer model, trained on sentences, scored it below the same words without it (a probe interview's "A: Nine of
the accounts …" was declined for "how many of the accounts belong to journalists", and answered without the
label). So a sentence's span leaves out a bare answer label ("A:", "Answer:", "ANSWER:") opening its line. A
speaker's name ("Policy head: …", "MINISTER: …") says who speaks and stays.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ANSWER_LABEL = re.compile(r"(?:A|Answer|ANSWER)[ \t]*:[ \t]+(?=\S)")


def without_answer_label(text: str, start: int, end: int) -> int:
    """Where the sentence at ``start:end`` of ``text`` begins once an answer label opening its line is left out
    (see the module); ``start`` when it opens with none."""
    if start > 0 and text[start - 1] not in "\n":
        return start
    found = _ANSWER_LABEL.match(text, start, end)
    return found.end() if found is not None else start


# A speaker's label opening a line: "Northern Ledger: …", "MINISTER: …", "**Alma Verrin:** …" (a name of up to five
# capitalised words).
_TURN = re.compile(r"^[ \t]*(?:\*\*)?(?P<label>[A-Z][\w.'’&-]*(?:[ \t]+(?:of[ \t]+|the[ \t]+)?[A-Z][\w.'’&-]*){0,4})"
                   r"(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]+\S", re.MULTILINE)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_MIN_TURNS = 2
_ASKING_SHARE = 0.3  # an interviewer's turns may be put as statements; they ask in some


def _turns(text: str) -> list[tuple[str, int, int]]:
    """Each speaker's turn of ``text``: (label, start, end), a turn running to the end of its paragraph or the next
    label."""
    found = list(_TURN.finditer(text))
    out: list[tuple[str, int, int]] = []
    for n, match in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(text)
        if (paragraph := _PARAGRAPH_END.search(text, match.end(), end)) is not None:
            end = paragraph.start()
        out.append((" ".join(match.group("label").split()), match.start(), end))
    return out


@lru_cache(maxsize=256)  # read for every candidate sentence of an article; the same texts again
def interviewer_turns(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text``'s interviewer speaks: the turns of a speaker labelled by a name of any kind ("Northern Ledger:",
    the publication's own, over its questions) who asks in far more of their turns than anyone else (a third of
    them at least, and twice the share of any other speaker). The interviewer was known only by a label saying so
    ("Q:", "Interviewer:", ``retrieval.answer_like``): labelled by the paper's name, their statement put as a
    question ("Northern Ledger: Your office blocked 40 accounts last month.") could be quoted as the interview's
    answer."""
    turns = _turns(text)
    asking: dict[str, list[bool]] = {}
    for label, start, end in turns:
        asking.setdefault(label, []).append("?" in text[start:end])
    shares = {label: sum(asks) / len(asks) for label, asks in asking.items() if len(asks) >= _MIN_TURNS}
    if len(shares) < 2:
        return ()
    asker = max(shares, key=lambda label: shares[label])
    others = max(share for label, share in shares.items() if label != asker)
    if shares[asker] < _ASKING_SHARE or others > shares[asker] / 2:
        return ()  # no one speaker puts the questions: a debate, a transcript of statements
    return tuple((start, end) for label, start, end in turns if label == asker)


def is_interviewer_turn(article: str, sentence: str) -> bool:
    """Whether ``sentence`` of ``article`` is an interviewer's (``interviewer_turns``): every place the article
    has it lies in one of their turns."""
    turns = interviewer_turns(article)
    if not turns or not sentence:
        return False
    places = [m.start() for m in re.finditer(re.escape(sentence), article)]
    return bool(places) and all(any(s <= p < e for s, e in turns) for p in places)
