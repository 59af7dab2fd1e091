"""A small table pasted as text is one sentence: its rows mean nothing without its header.

A report's figures are often pasted as a table, its cells split by tabs (copied from a spreadsheet or a web
page), by pipes (Markdown, which ``index.markdown_text`` leaves as written) or by runs of spaces (a plain-text
table, three columns or more):

    Quarter	Requests	Accounts withheld
    Q2 2022	455	1,930

Read a line at a time, the row "Q2 2022 455 1,930" shares no word with "how many accounts were withheld in
Q2", and quoted alone it doesn't say which figure is which; the header alone holds no figure. So a table of at
most ``MAX_CHARS`` whose rows under the header hold figures is read, searched and quoted whole. A longer one
keeps a sentence a row, as a quote of it would run long; so do lines of cells without figures ("Home | World |
Tech" over "Share | Tweet | Email": a page's menus, which ``index.furniture`` drops line by line).
"""

from __future__ import annotations

import re

from index.fact_lists import is_fact_list

# A table longer than this keeps a sentence a row: about a chunk (``index.chunking.ChunkSpec.max_chars``).
MAX_CHARS = 600
_LINE = re.compile(r"[^\n]+")
_TAB = re.compile(r"\t+")
# A Markdown table's rule under its header ("|---|:---:|"): a row of the table, with no text.
_RULE_CELL = re.compile(r"\s*:?-{3,}:?\s*")
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r" {2,}")
_SPACED_MIN_CELLS = 3
_SPACED_CELL_CHARS = 30


def _cells(line: str) -> int:
    """How many cells a line has: split by tabs, or by pipes ("| a | b |", "a | b | c"), or by runs of spaces
    (``_spaced_cells``); 0 when it has one."""
    stripped = line.strip()
    if "\t" in stripped:
        count = len(_TAB.split(stripped))
    elif "|" in stripped:
        count = len(stripped.strip("|").split("|"))
    else:
        count = len(_spaced_cells(stripped))
    return count if count >= 2 else 0


def _spaced_cells(stripped: str) -> list[str]:
    """The cells of a row aligned with spaces, as a plain-text table is typed or exported ("2020    3,870    64%"):
    three or more, split by two spaces or more, none over ``_SPACED_CELL_CHARS``. Read as lines, such a table's
    header was a sentence holding no figure and its rows, figures alone, were no sentences at all. Two cells are
    none: a sentence typed with two spaces after its full stop would be two."""
    cells = _SPACES.split(stripped)
    if len(cells) < _SPACED_MIN_CELLS or any(len(cell) > _SPACED_CELL_CHARS for cell in cells):
        return [stripped]
    return cells


def _is_rule(line: str) -> bool:
    cells = line.strip().strip("|").split("|")
    return len(cells) >= 2 and all(_RULE_CELL.fullmatch(cell) for cell in cells)


def table_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) in ``paragraph`` of each table in it: two lines or more in a row, not counting a Markdown
    rule, with one number of cells (at least two), each under the first holding a figure, at most ``MAX_CHARS``
    long."""
    spans: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    width = 0

    def close() -> None:
        rows = [m.group() for m in run if not _is_rule(m.group())]
        if len(rows) >= 2 and all(_DIGIT.search(row) for row in rows[1:]) \
                and run[-1].end() - run[0].start() <= MAX_CHARS:
            spans.append((run[0].start(), run[-1].end()))

    for line in _LINE.finditer(paragraph):
        text = line.group()
        if run and _is_rule(text):
            run.append(line)
            continue
        cells = _cells(text)
        if cells and cells == width:
            run.append(line)
            continue
        close()
        run, width = ([line], cells) if cells else ([], 0)
    close()
    return spans


def is_table(text: str) -> bool:
    """Whether ``text`` is a table, whole (a sentence ``index.chunking`` read as one: ``table_spans``), or a fact
    box read as one (``index.fact_lists``: a table of labels and values)."""
    return table_spans(text) == [(0, len(text))] or is_fact_list(text)


def _cell_texts(line: str) -> list[str]:
    stripped = line.strip()
    if "\t" in stripped:
        cells = _TAB.split(stripped)
    else:
        cells = stripped.strip("|").split("|") if "|" in stripped else _spaced_cells(stripped)
    return [" ".join(cell.split()) for cell in cells]


def one_line(text: str) -> str:
    """``text`` on one line, as an answer, a source and the timeline show a quote: every run of spaces and line
    breaks one space; a table's cells split by " | " and its rows by "; " (its Markdown rule left out), as
    squeezed like any other text its header ran into its figures ("Quarter Requests Accounts withheld Q1 2022
    312 1,048")."""
    stripped = text.strip()
    if not is_table(stripped):
        return " ".join(text.split())
    rows = [line for line in stripped.splitlines() if line.strip() and not _is_rule(line)]
    return "; ".join(" | ".join(_cell_texts(row)) for row in rows)
