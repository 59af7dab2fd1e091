"""A several-question reply says a sentence once (``retrieval.said_before``), and a quote opening a quotation
of its own is shown in its marks alone (``Citation.quoted``)."""

from __future__ import annotations

from retrieval.several import joined
from retrieval.types import Answer, Citation

ARTICLE = ("Twitter put out a blog post on its stance. Reacting to this, the ministry said the move was unusual. "
           "“Safety of our employees is a top priority for us at Twitter. We remain engaged,” a spokesperson said.")


def _cited(start: int, end: int) -> Citation:
    return Citation("doc", "Title", None, None, ARTICLE[start:end], start, end, 0.5)


def test_a_later_part_does_not_quote_again_what_an_earlier_one_did() -> None:
    first = _cited(0, 42)
    both = _cited(0, 100)
    one = Answer("when did twitter post", f"{first.quote} [1]", True, [first])
    two = Answer("what did the ministry say", f"{both.quote} [1]", True, [both])
    reply = joined("when did twitter post and what did the ministry say", [one, two])
    assert reply.text.count("Twitter put out a blog post") == 1
    second = reply.citations[1]
    assert ARTICLE[second.start:second.end] == second.quote and second.quote.startswith("Reacting to this")
    assert "Reacting to this, the ministry said the move was unusual. [2]" in reply.text


def test_a_quote_opening_a_quotation_is_not_marked_twice() -> None:
    start = ARTICLE.index("“Safety")
    opened = _cited(start, ARTICLE.index(" We remain"))
    assert opened.quoted == "“Safety of our employees is a top priority for us at Twitter.”"
    whole = _cited(start, len(ARTICLE))
    assert whole.quoted == whole.quote  # closed within: its own marks
    assert _cited(0, 42).quoted == "“Twitter put out a blog post on its stance.”"
    cut = Citation("doc", "T", None, None, "“Safety of our", 0, 14, 0.5, cut_after=True)
    assert cut.quoted == "““Safety of our…”"  # a cut quote keeps the marks that say where it was cut
