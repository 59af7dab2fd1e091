"""A sentence shown on a line of its own in a list (a timeline's event and the reports of it).

A sentence of an article wrapped at a fixed width (wire copy, e-mail) or a Markdown paragraph over several lines
keeps its line breaks, as its offsets into the article must; shown as they were, they broke a timeline's entry
in the middle of a quote, the rest of it under the next entry's indent. The answer's own text drops them
(``retrieval.answer``) for the same reason."""

from __future__ import annotations

from index.tables import one_line  # cells and rows of a table kept apart, every other break one space

__all__ = ["one_line"]
