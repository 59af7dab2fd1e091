"""A source list's entries are no events, and a fact box's date is an event of its line, not of the whole box."""

from __future__ import annotations

from typing import Any

import pytest

from index.chunking import split_sentences
from index.documents import Document
from index.events import extract_events
from index.fact_lists import fact_lists
from index.furniture import story_sentences
from index.reference_entries import is_reference_entry

ARTICLE = """Ferry strike ends in Port Halden

The ferry workers of Port Halden ended their strike on 14 March 2024 after the harbour board agreed to restore \
the night shift allowance.

Kelmar Ferries at a glance
Founded: 1962, in Port Halden
Licence renewed: 12 March 2024
Crossings: 40 a day
Staff: 310 crew

Union secretary Alma Verrin said the allowance had been the only sticking point.

Sources
- Harbour Board of Port Halden, press statement, 12 March 2024.
- Kelmar Ferry Union, letter to members, 2 March 2024.
- Northern Ledger, "Ferries in crisis", 9 March 2024.
"""


def _events(text: str) -> list[dict[str, Any]]:
    doc = Document(doc_id="f", title="f", date="2024-03-20", url=None, source=None, text=text, body_offset=0,
                   sha256="0" * 64, filename="f.txt")
    spans = fact_lists(text, story_sentences(text, split_sentences(text)))  # as a build reads it
    return extract_events([doc], {"f": spans})


def test_a_source_lists_days_are_no_events() -> None:
    found = {(e["date"], e["quote"]) for e in _events(ARTICLE)}
    assert not any("press statement" in q or "letter to members" in q or "Ferries in crisis" in q for _, q in found)
    assert ("2024-03-14", ARTICLE.split("\n\n")[1]) in found


def test_a_fact_boxs_date_is_an_event_of_its_line() -> None:
    (box,) = [e for e in _events(ARTICLE) if e["date"] == "2024-03-12"]
    assert box["quote"] == "Licence renewed: 12 March 2024"
    assert ARTICLE[box["start"]:box["end"]] == box["quote"]
    assert ARTICLE[box["context_start"]:box["context_end"]] == "Kelmar Ferries at a glance"


@pytest.mark.parametrize(("sentence", "entry"), [
    ("- Harbour Board of Port Halden, press statement, 12 March 2024.", True),
    ("[3] Verrin, A., interview with the author, March 12, 2024.", True),
    ("Ministry of Transport, ferry statistics. Accessed 12 March 2024.", True),
    ("The strike ended on Tuesday, 12 March 2024.", False),
    ("The board met the union in Port Halden, Kelmar, on 3 March 2024.", False),
    ("The union, which represents 310 crew, walked out on 3 March 2024.", False),
])
def test_a_source_entry_is_told_by_its_shape(sentence: str, entry: bool) -> None:
    assert is_reference_entry(sentence) is entry
