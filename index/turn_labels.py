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

_ANSWER_LABEL = re.compile(r"(?:A|Answer|ANSWER)[ \t]*:[ \t]+(?=\S)")


def without_answer_label(text: str, start: int, end: int) -> int:
    """Where the sentence at ``start:end`` of ``text`` begins once an answer label opening its line is left out
    (see the module); ``start`` when it opens with none."""
    if start > 0 and text[start - 1] not in "\n":
        return start
    found = _ANSWER_LABEL.match(text, start, end)
    return found.end() if found is not None else start
