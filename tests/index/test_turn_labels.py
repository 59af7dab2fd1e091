"""An interview's "A:" label is no part of the answer's quote; a speaker's name is."""

from __future__ import annotations

from index.chunking import split_sentences

# An invented interview in question-and-answer form.
INTERVIEW = ("Q: Why did the regulator order Flitter to close the accounts?\n"
             "A: They spread false reports of a dam failure. People left their homes.\n\n"
             "Q: Will you meet the company?\n"
             "Answer: My deputy will meet them on June 3.\n\n"
             "REGULATOR: A: grade ratings are not in question.\n")


def _sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_an_answer_label_opening_its_line_is_left_out_of_the_quote() -> None:
    sentences = _sentences(INTERVIEW)
    assert "They spread false reports of a dam failure." in sentences  # was "A: They spread …"
    assert "My deputy will meet them on June 3." in sentences  # was "Answer: My deputy …"
    assert "Q: Will you meet the company?" in sentences  # the interviewer's turn keeps its label
    assert "REGULATOR: A: grade ratings are not in question." in sentences  # a speaker's name opens it
