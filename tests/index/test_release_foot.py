"""A press release's foot (``index.release_foot``): its contact block and its issuer's "About …" boilerplate are
never quoted; an "About …" heading in a story without a release's marks is the story's."""

from __future__ import annotations

from index.chunking import split_sentences
from index.documents import parse_article
from index.furniture import story_sentences

_RELEASE = """FOR IMMEDIATE RELEASE

Regulator fines a platform 4.2 million crowns

VESKA, Norvania, Tuesday 9 March 2021 – The regulator today fined the platform 4.2 million crowns.

###

About the Norvanian Data Protection Authority

The Authority is the independent regulator for information rights. It was established in 2012 and reports to \
Parliament.

Media contact:
Press Office
press@example.org
+47 555 0142 (out of hours: +47 555 0199)

ENDS
"""


def _sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in story_sentences(text, split_sentences(text))]


def test_a_releases_boilerplate_and_contact_block_are_never_quoted() -> None:
    for name in ("r.txt", "r.md"):
        doc = parse_article(_RELEASE, "r", name)
        assert (doc.title, doc.date) == ("Regulator fines a platform 4.2 million crowns", "2021-03-09")
        assert _sentences(doc.text) == [doc.title, "VESKA, Norvania, Tuesday 9 March 2021 – The regulator today fined "
                                        "the platform 4.2 million crowns."]


def test_an_about_heading_in_a_story_is_the_storys() -> None:
    text = ("Regulator fines a platform\n\nAbout the fine\n\nThe regulator said it was the largest it had imposed. "
            "It was established in 2012.\n")
    assert _sentences(text) == ["Regulator fines a platform", "About the fine",
                                "The regulator said it was the largest it had imposed.", "It was established in 2012."]
