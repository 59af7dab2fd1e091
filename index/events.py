"""Dated events for the timeline, extracted at index time.

PLACEHOLDER: the timeline issue replaces this with real extraction. The builder calls
``extract_events(docs, sentences)`` and stores what it returns in ``events.jsonl``.
"""

from __future__ import annotations

from typing import Any

from index.chunking import Span
from index.documents import Document

EVENTS_VERSION = 0


def extract_events(docs: list[Document], sentences: dict[str, list[Span]]) -> list[dict[str, Any]]:
    return []
