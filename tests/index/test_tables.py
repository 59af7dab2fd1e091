"""A small table pasted as text is one sentence (``index.tables``), shown with its cells apart."""

from __future__ import annotations

from index.chunking import split_sentences
from index.tables import MAX_CHARS, is_table, one_line, table_spans

TABBED = "Quarter\tRequests\tAccounts withheld\nQ1 2022\t312\t1,048\nQ2 2022\t455\t1,930"
PIPED = "| Quarter | Requests |\n|---|---:|\n| Q1 2022 | 312 |\n| Q2 2022 | 455 |"


def test_a_pasted_tables_rows_are_one_sentence_with_their_header() -> None:
    """Read a row at a time, "Q2 2022 455 1,930" shared no word with "how many accounts were withheld in q2"
    and, quoted, did not say which figure was which."""
    text = f"Requests by quarter:\n{TABBED}\n\nMurmurly published the figures on Tuesday."
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        "Requests by quarter:", TABBED, "Murmurly published the figures on Tuesday."]
    assert [PIPED[s.start:s.end] for s in split_sentences(PIPED)] == [PIPED]


def test_what_is_no_table_keeps_its_lines() -> None:
    menus = "Home | World | Tech\nShare | Tweet | Email"  # no figures: a page's menus
    assert table_spans(menus) == []
    assert table_spans("Listen | 4 min read\nThe court ruled on Monday.") == []  # one line of cells
    long_table = "Name\tCount\n" + "\n".join(f"Row {n}\t{n * 1000}" for n in range(60))
    assert len(long_table) > MAX_CHARS and table_spans(long_table) == []
    assert len(split_sentences(long_table)) > 1


def test_a_table_is_shown_with_its_cells_and_rows_apart() -> None:
    assert is_table(TABBED) and is_table(PIPED) and not is_table("The court ruled.\tIt said no.")
    assert one_line(TABBED) == "Quarter | Requests | Accounts withheld; Q1 2022 | 312 | 1,048; Q2 2022 | 455 | 1,930"
    assert one_line(PIPED) == "Quarter | Requests; Q1 2022 | 312; Q2 2022 | 455"
    assert one_line("The ministry\n  wrote again.") == "The ministry wrote again."


def test_a_table_aligned_with_spaces_is_one_sentence_with_its_header() -> None:
    text = ("The company's reports show the requests:\n\nYear    Data requests    Complied with\n"
            "2019    2,115            58%\n2020    3,870            64%\n\nIt says it holds no messages.")
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    table = next(s for s in sentences if s.startswith("Year"))
    assert one_line(table) == "Year | Data requests | Complied with; 2019 | 2,115 | 58%; 2020 | 3,870 | 64%"


def test_prose_typed_with_two_spaces_after_its_full_stops_is_no_table() -> None:
    text = "The bench sat for 6 days.  It heard 3 experts.\nThe ruling is due in 2021.  Both sides agreed.\n"
    assert table_spans(text) == []
