"""A follow-up about the previous answer is answered first from that answer's quotes and the sentences beside
them (``retrieval.answer_nearby``), with what it asks for (a span of time, a day, a name), and a short message
with an ellipsis ("ok so who's going instead") is read as going on from the previous turn."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.answer_nearby import FLOOR, Nearby, holds_asked, on_the_question, quoted_rows, window
from retrieval.engine import Engine
from retrieval.features import FEATURES, INDEX, Candidates
from retrieval.followup import detect, idf_for_df
from retrieval.loaded import LoadedIndex
from retrieval.question import analyse
from retrieval.turns import FollowupContext, Turn, turn_of
from tests.retrieval.conftest import module_index

ARTICLE = """---
title: Marlow council and Quillnet
date: 2022-05-03
---

Marlow: The city council of Marlow ordered the messaging app Quillnet to hide 40 channels on Tuesday.

The council said the channels had shared the home addresses of two judges.

Quillnet hid the channels for six days before restoring them.

Its spokesperson, Irna Polt, said the order named no law.

The council's lawyer said it would go to court on Friday.

Quillnet has about 2 million users in Marlow.

A second city, Wessing, is weighing a similar order.
"""

OTHER = """---
title: Wessing weighs an order
date: 2022-05-04
---

Wessing: The city of Wessing said on Wednesday it may order Quillnet to hide channels too.
"""

index = module_index({"marlow.md": ARTICLE, "wessing.md": OTHER}, "marlow")
THRESHOLD = 0.35


def _rows_of(idx: LoadedIndex, *starts: str) -> list[int]:
    return [r for r in range(len(idx.sentence_spans)) if idx.sentence_text(r).startswith(starts)]


def test_the_quoted_sentences_are_found_and_their_neighbours_stay_in_the_article(index: LoadedIndex) -> None:
    quote = "The council said the channels had shared the home addresses of two judges."
    turn = Turn("why did the council act?", ("marlow",), (quote,))
    (row,) = quoted_rows(index, turn)
    assert index.sentence_text(row) == quote
    doc = int(index.sentence_spans[row][0])
    same = [r for r in range(len(index.sentence_spans)) if int(index.sentence_spans[r][0]) == doc]
    assert window(index, [row], reach=2) == [r for r in same if abs(r - row) <= 2]
    assert _rows_of(index, "Quillnet hid")[0] in window(index, [row], reach=2)
    assert window(index, [row], reach=50) == same  # never a sentence of the other article
    # A declined turn cited no article: its closest passages are looked for in every one.
    assert quoted_rows(index, Turn("why?", (), (quote,), answered=False)) == [row]


def test_only_sentences_holding_what_is_asked_can_answer(index: LoadedIndex) -> None:
    texts = ["Quillnet hid the channels for six days before restoring them.",
             "Quillnet has about 2 million users in Marlow."]
    found = Candidates([0, 1], texts, np.zeros((2, len(FEATURES)), dtype=np.float32))
    found.matrix[:, INDEX["type_match"]] = [1.5, 1.0]  # a span of time; a figure of something else
    assert holds_asked(analyse("how long did that last"), found).tolist() == [True, False]
    assert holds_asked(analyse("how many were there"), found).tolist() == [True, True]
    found.matrix[:, INDEX["type_match"]] = 0.0  # no kind of answer asked: any sentence may hold it
    assert holds_asked(analyse("did they go along with it"), found).tolist() == [True, True]


def _typed(texts: list[str], type_match: list[float]) -> Candidates:
    found = Candidates(list(range(len(texts))), texts, np.zeros((len(texts), len(FEATURES)), dtype=np.float32))
    found.matrix[:, INDEX["type_match"]] = type_match
    return found


def test_a_neighbour_sharing_none_of_the_follow_ups_words_does_not_answer_it() -> None:
    """"are they appealing?" beside "The council ordered ... on Tuesday": nothing says it is about an appeal."""
    found = _typed(["The council ordered Quillnet to hide 40 channels on Tuesday.",
                    "Quillnet said it would appeal the order on Friday."], [0.0, 0.0])
    asked = analyse("are they appealing?")
    assert on_the_question(asked, found, [0], frozenset(asked.terms), False).tolist() == [False, True]
    # Naming nothing of its own ("for what?") or a fragment of the previous question ("in person?"), it asks
    # about what was just answered: any sentence may answer.
    assert on_the_question(analyse("for what?"), found, [0], frozenset(), False).all()
    assert on_the_question(analyse("in person?"), found, [0], frozenset(analyse("in person?").terms), True).all()


def test_a_date_beside_the_quote_answers_when_but_not_the_quotes_own() -> None:
    """For "so when does the block end", a date shows a sentence holds what is asked, unless it is the quote's:
    the asker has read that one, and its date is the quoted event's."""
    found = _typed(["The council ordered Quillnet to hide 40 channels on Tuesday.",
                    "The order runs until June 1."], [1.0, 1.0])
    asked = analyse("so when does the block end")
    assert on_the_question(asked, found, [0], frozenset(asked.terms), False).tolist() == [False, True]
    # Words that only ask for a time ("what day was that") name nothing: the quote's day answers it.
    assert on_the_question(analyse("what day was that"), found, [0], frozenset(analyse("what day was that").terms),
                           False).all()


def _nearby(best: float) -> Nearby:
    found = Candidates([0], ["x"], np.zeros((1, len(FEATURES)), dtype=np.float32))
    found.matrix[:, INDEX["answer_like"]] = 1.0
    return Nearby(found, np.array([best]), [])


def test_the_neighbours_answer_when_trusted_as_much_or_when_the_search_declines() -> None:
    assert _nearby(0.5).answers(0.4, THRESHOLD)  # trusted more than the search's answer
    assert not _nearby(0.4).answers(0.6, THRESHOLD)  # the search's answer is trusted more
    assert _nearby(FLOOR).answers(0.2, THRESHOLD)  # the search declines: a plausible neighbour answers
    assert not _nearby(FLOOR / 2).answers(0.2, THRESHOLD)


IDF = {t: idf_for_df(df, 100) for t, df in {"go": 5, "instead": 3, "twitter": 60, "meet": 4, "govern": 40}.items()}
UNKNOWN = idf_for_df(0, 100)
EARLIER = FollowupContext((Turn("who turned down twitter's meeting request?", ("doc",), ("He turned it down.",)),))


@pytest.mark.parametrize("asked", ["ok so who's going instead", "what did twitter do instead?", "who else",
                                   "okay and when", "did they meet too"])
def test_a_short_message_with_an_ellipsis_goes_on_from_the_previous_turn(asked: str) -> None:
    detection = detect(asked, IDF, UNKNOWN, EARLIER)
    assert detection.follow_up
    assert any(r.startswith(("continues", "leaves unsaid")) for r in detection.reasons), detection


@pytest.mark.parametrize("asked", ["what did the government do instead of meeting twitter",
                                   "Who else besides Sawhney will meet Twitter officials next week in Delhi?"])
def test_a_question_saying_what_it_replaces_is_no_ellipsis(asked: str) -> None:
    assert not any(r.startswith("leaves unsaid") for r in detect(asked, IDF, UNKNOWN, EARLIER).reasons)


def _second(engine: Engine, first: str, second: str) -> str:
    answer = engine.ask(second, FollowupContext((turn_of(first, engine.ask(first)),)))
    return answer.text if answer.answered else ""


def test_how_long_that_lasted_is_the_span_beside_the_quote(shipped_engine: Engine) -> None:
    """The quote says the Centre ordered handles taken down; the next sentence says for how long they were."""
    assert "a few hours" in _second(shipped_engine, "what did the centre order twitter to take down earlier?",
                                    "how long did that last")


def test_what_day_that_was_is_the_day_the_quote_gives(shipped_engine: Engine) -> None:
    """Not the date the next sentence gives ("Beginning on 26 January 2021, ..."), which the model preferred."""
    assert "Wednesday" in _second(shipped_engine, "what did twitter release responding to the blocking orders?",
                                  "what day was that")


def test_what_was_done_instead_is_read_with_the_conversation(shipped_engine: Engine) -> None:
    assert "blog post" in _second(shipped_engine, "who was twitter's senior management supposed to meet on wednesday?",
                                  "what did twitter do instead?")


@pytest.mark.parametrize(("first", "second"), [
    ("who is Ajay Prakash Sawhney?", "is he appealing"),
    ("what did the government order twitter to do?", "what did they blame that on"),
])
def test_a_follow_up_the_quotes_neighbours_say_nothing_of_is_declined(shipped_engine: Engine, first: str,
                                                                       second: str) -> None:
    """The search declines these; the sentences beside the previous answer's quote hold none of their words
    (no appeal, no blame), and had answered with one of them."""
    assert _second(shipped_engine, first, second) == ""
