"""A press release's issuer line naming its state beside its office is no title (``index.own_lines.is_issuer``)."""

from __future__ import annotations

import pytest

from index.documents import parse_article


@pytest.mark.parametrize("issuer", [
    "Ministry of Digital Affairs, Republic of Caldany",
    "Kingdom of Osterland | Office of the Prime Minister",
    "Federation of Marel, Department for Communications",
])
def test_an_issuer_line_naming_its_state_is_no_title(issuer: str) -> None:
    """The release had been titled by its letterhead, its headline quoted as a sentence."""
    raw = (f"FOR IMMEDIATE RELEASE\n\n{issuer}\n\nMinistry orders blocking of 1,020 accounts on Quibble\n\n"
           "Caldany City, 21 April 2022 - The ministry today directed Quibble to block 1,020 accounts.\n")
    assert parse_article(raw, "r", "r.txt").title == "Ministry orders blocking of 1,020 accounts on Quibble"


def test_a_headline_naming_a_republic_is_still_the_title() -> None:
    head = "Republic of Caldany Blocks Quibble\nThe ministry said on Monday that it had ordered the block.\n"
    assert parse_article(head, "h", "h.txt").title == "Republic of Caldany Blocks Quibble"
