"""Days written as ordinals, searched as the articles write them (``retrieval.ordinals``)."""

from __future__ import annotations

from retrieval.engine import Engine
from retrieval.ordinals import ordinals_as_written


def test_an_ordinal_the_articles_never_write_is_read_as_its_figure(seed_engine: Engine) -> None:
    index = seed_engine.index
    assert "8th" not in index.idf and "8" in index.idf
    assert ordinals_as_written("feb 8th 2021 - what did twitter say?", index) == "feb 8 2021 - what did twitter say?"
    assert ordinals_as_written("what happened on the 10TH", index) == "what happened on the 10"
    assert ordinals_as_written("the 97th amendment", index) is None  # no article writes 97 either
    assert ordinals_as_written("what did twitter say on February 8", index) is None


def test_a_question_dated_with_an_ordinal_is_answered(seed_engine: Engine) -> None:
    """Declined: the articles "never use the word “8th”", over "Twitter said on February 8 that it was
    cooperating with the Centre"."""
    answer = seed_engine.ask("feb 8th 2021 - what did twitter say?")
    assert answer.answered and "cooperating with the Centre" in answer.text
