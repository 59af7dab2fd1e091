"""A fact box's date is an event of its line, not of the whole box (``index.fact_lists``).

A fact box is read and quoted as one passage, so its one date ("Licence renewed: 12 March 2024" under "Kelmar
Ferries at a glance") put the whole box on the timeline as the day's summary, founding year, crossings and crew
included. Its event is the line that holds the date, with the box's heading as the passage it is read with (its
``context_start``/``context_end``: a topic naming the company finds the line through the heading).
"""

from __future__ import annotations

from typing import Any

from index.fact_lists import is_fact_list


def to_box_lines(text: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``records`` of ``text``'s events, each of a fact box narrowed to the box's line naming its date."""
    out: list[dict[str, Any]] = []
    for record in records:
        quote = str(record["quote"])
        if "\n" not in quote or not is_fact_list(quote):
            out.append(record)
            continue
        start = int(record["start"])
        lines, offset = [], 0
        for line in quote.split("\n"):
            lines.append((start + offset, start + offset + len(line)))
            offset += len(line) + 1
        holding = [n for n, (s, e) in enumerate(lines) if str(record["mention"]) in text[s:e]]
        if not holding:
            out.append(record)
            continue
        line_start, line_end = lines[holding[0]]
        while line_start < line_end and text[line_start].isspace():
            line_start += 1
        narrowed = {**record, "start": line_start, "end": line_end, "quote": text[line_start:line_end]}
        if holding[0] > 0:  # read with the box's heading (or first line), which names what the box is about
            narrowed["context_start"], narrowed["context_end"] = lines[0]
        out.append(narrowed)
    return out
