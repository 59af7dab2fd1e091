"""Which articles a moderator is offered while typing the id of one to remove (``bot.article_choices``)."""

from __future__ import annotations

from bot.article_choices import MAX_CHARS, article_choices, label_of
from retrieval.types import SourceInfo


def source(doc_id: str, title: str, date: str | None = None, estimated: bool = False) -> SourceInfo:
    return SourceInfo(doc_id, title, date, None, "Example News", 3, date_estimated=estimated)


SOURCES = [
    source("000_23ab", "The Indian government said its order is non-negotiable", "2021-02-10"),
    source("koo-surge", "Koo signups surge as ministers join", "2021-02-12"),
    source("003_49b6", "Twitter reaches out for a formal dialogue"),
    source("002_935d", "Minister turns down Twitter's request for a meeting", "2021-02-10", estimated=True),
]


def test_nothing_typed_offers_every_article_newest_first() -> None:
    assert [c.doc_id for c in article_choices(SOURCES, "")] == ["koo-surge", "000_23ab", "002_935d", "003_49b6"]


def test_every_word_typed_must_be_in_the_id_title_or_source_in_any_case() -> None:
    assert [c.doc_id for c in article_choices(SOURCES, "TWITTER meeting")] == ["002_935d"]
    assert [c.doc_id for c in article_choices(SOURCES, "koo")] == ["koo-surge"]
    assert [c.doc_id for c in article_choices(SOURCES, "example news 003")] == ["003_49b6"]
    assert article_choices(SOURCES, "cricket") == []


def test_an_id_typed_from_its_start_comes_first() -> None:
    """"00" is in three ids and in no title; the ids starting with it lead, the newest first."""
    more = [*SOURCES, source("x-100", "Ministers 100 days on", "2021-03-01")]
    assert [c.doc_id for c in article_choices(more, "00")] == ["000_23ab", "002_935d", "003_49b6", "x-100"]


def test_labels_name_title_date_and_id_within_discords_limit() -> None:
    assert label_of(SOURCES[0]) == "The Indian government said its order is non-negotiable · 2021-02-10 · 000_23ab"
    assert label_of(SOURCES[3]).endswith(" · ~2021-02-10 · 002_935d")  # an estimated date, as /sources shows it
    assert label_of(SOURCES[2]).endswith(" · undated · 003_49b6")
    long = source("long-title", "Word " * 60, "2021-02-10")
    label = label_of(long)
    assert len(label) <= MAX_CHARS and label.endswith("… · 2021-02-10 · long-title") and "Word Word" in label


def test_at_most_25_and_never_an_id_too_long_to_be_sent_back() -> None:
    many = [source(f"a-{i:03}", f"Article {i}", f"2021-01-{1 + i % 28:02}") for i in range(40)]
    assert len(article_choices(many, "article")) == 25
    assert article_choices([source("x" * (MAX_CHARS + 1), "Too long an id")], "") == []


def test_when_no_article_holds_every_word_those_holding_most_are_offered() -> None:
    """A word misremembered ("surged" for "surge", a date that is not in the title) left nothing to offer; at least
    half the words must still be there, so a word alone that matches nothing still offers nothing."""
    assert [c.doc_id for c in article_choices(SOURCES, "koo signups surged")] == ["koo-surge"]
    assert [c.doc_id for c in article_choices(SOURCES, "“Koo,”")] == ["koo-surge"]  # quotes and commas around it
    assert article_choices(SOURCES, "koo cricket bats") == []  # one word of three
