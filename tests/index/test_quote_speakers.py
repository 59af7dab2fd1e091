"""Who says a quotation that names no one (``index.quote_speakers``): the sentence attributing the quote it
continues, in its paragraph or the one before, on small made-up texts (no index, no model)."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences
from index.quote_speakers import attributes, attribution, bare_quote, named_speaker


def _speakers(text: str) -> dict[str, str | None]:
    """Each sentence's first words, to the first words of the sentence saying who speaks it (None: no one)."""
    spans = [(s.start, s.end) for s in split_sentences(text)]
    heads = [" ".join(text[a:b].split()[:3]) for a, b in spans]
    found = [attribution(text, spans, i) for i in range(len(spans))]
    return {head: (None if k is None else heads[k]) for head, k in zip(heads, found, strict=True)}


def test_a_quote_continued_in_the_next_paragraph_is_said_by_the_quotes_speaker() -> None:
    """`"…," said the chair. ¶ "…"`: the second paragraph's quote had no one saying it."""
    found = _speakers('"We gave every operator a month," said Ilse Marrow, the chair.\n\n'
                      '"A ferry without a certificate puts lives at risk. We will not lift the freeze."\n\n'
                      "Operators called the freeze unlawful.")
    assert found == {'"We gave every': None, '"A ferry without': '"We gave every', "Operators called the": None}


@pytest.mark.parametrize("text", [
    "Quarrel officials were blunt.\n\n“The rules are clear.”",  # narrative before: no one said so here
    "“We act,” the minister said.\n\nThe union disagreed.\n\n“It is a farce.”",  # narrative ends the run
    "The minister said the rules were clear.\n\nThe opposition was unmoved.",  # quotes nothing
])
def test_a_quote_after_narrative_is_said_by_no_one_found(text: str) -> None:
    assert set(_speakers(text).values()) == {None}


def test_a_quote_split_before_its_close_is_said_by_the_sentence_closing_it() -> None:
    """Single marks (or a kept line break) split a quotation the splitter keeps whole in double marks; its
    sentences before the close had no one saying them."""
    found = _speakers("The board met on Monday.\n\n‘We gave every operator a month. Most did nothing. We will "
                      "not lift the freeze,’ said Ilse Marrow, the chair.\n\nOperators called the freeze unlawful.")
    assert found == {"The board met": None, "‘We gave every": "We will not", "Most did nothing.": "We will not",
                     "We will not": None, "Operators called the": None}
    found = _speakers('"We gave every operator a month.\nMost did nothing," said Ilse Marrow.')
    assert found == {'"We gave every': "Most did nothing,\"", 'Most did nothing,"': None}


@pytest.mark.parametrize("text", [
    "‘We act. We fight. We win. We rest. We eat. We sleep,’ said the chair.",  # a document, not a speaker
    "‘We act. We fight.’ The board agreed.",  # the sentence closing it names no one
    "The board wrote: ‘We act. We fight,’ the letter read.",  # not all quotation, and no saying verb after
])
def test_a_split_quote_closed_without_a_speaker_near_is_said_by_no_one_found(text: str) -> None:
    assert set(_speakers(text).values()) == {None}


@pytest.mark.parametrize(("sentence", "attributed", "bare"), [
    ("“We act,” the minister said.", True, False),
    ("‘We will fight,’ she said.", True, False),
    ('"We act," according to the minister.', True, False),
    ('"He said "no" to them."', False, True),  # a saying verb inside the quote says no one
    ("‘We won’t fight.’", False, True),
    ("He called it “a farce”.", False, False),
])
def test_what_a_sentence_says_of_its_speaker(sentence: str, attributed: bool, bare: bool) -> None:
    assert (attributes(sentence), bare_quote(sentence)) == (attributed, bare)


@pytest.mark.parametrize(("sentence", "speaker"), [
    # the subject of a reaction: the name inside the quote and the one after the verb are no speaker
    ('"Upon the request of Orbel, we explained it," the DCC reacted on Orbel\'s rival app.', "the DCC"),
    ("In a blog post, Orbel said it had blocked the posts.", "Orbel"),  # a scene-setting clause before
    ("Orbel, in a blog post, said it would comply.", "Orbel"),
    ('"We will fight," said Mara Tesk, Orbel\'s head of policy.', "Mara Tesk"),  # inverted
    ('"We will appeal," said the company on Monday.', "the company"),
    ("According to the regulator, the posts broke the law.", "the regulator"),
    ("On Tuesday the ministry responded by issuing a notice.", "On Tuesday the ministry"),
    ("Orbel blocked 300 posts on Tuesday.", None),  # no one speaks
    # the close of a quotation opened in the sentence before: the words before the mark are quoted
    ('We will not lift the freeze," said Ilse Marrow.', "Ilse Marrow"),
    ("We will not lift the freeze,’ said Ilse Marrow.", "Ilse Marrow"),
    ("The players’ union said it would strike.", "The players’ union"),  # an apostrophe closes nothing
])
def test_the_speaker_is_the_saying_verbs_subject(sentence: str, speaker: str | None) -> None:
    assert named_speaker(sentence) == speaker
