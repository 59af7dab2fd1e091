"""The timeline picture for chat replies: rendered in a worker thread, and never worth failing a reply for."""

from __future__ import annotations

import asyncio
import logging

from retrieval.types import Timeline

log = logging.getLogger(__name__)

FILENAME = "timeline.png"


async def timeline_png(timeline: Timeline) -> bytes | None:
    """The PNG of ``timeline``, or None when it has no events or rendering failed (logged; the text reply
    goes out either way)."""
    if not timeline.events:
        return None
    try:
        from bot.render.timeline_png import render_png

        return await asyncio.to_thread(render_png, timeline)
    except Exception:
        log.warning("the timeline picture was skipped: rendering it failed", exc_info=True)
        return None
