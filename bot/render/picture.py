"""The timeline picture for chat replies: rendered on a thread of its own, and never worth failing (or
delaying much) a reply for."""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from retrieval.types import Timeline

log = logging.getLogger(__name__)

FILENAME = "timeline.png"
# A picture takes 0.25-0.6 s of CPU. One thread renders them, so a flood of /timeline can't take every
# core (or the threads other work waits on); past this many in hand (being drawn or waiting), the picture
# is skipped and the text reply goes out alone.
MAX_WAITING = 4
_RENDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="picture")
_lock = threading.Lock()
_waiting = 0


async def timeline_png(timeline: Timeline) -> bytes | None:
    """The PNG of ``timeline``, or None when it has no events, too many pictures are already waiting, or
    rendering failed (logged; the text reply goes out either way)."""
    global _waiting
    if not timeline.events:
        return None
    with _lock:
        if _waiting >= MAX_WAITING:
            log.info("the timeline picture was skipped: %d already being drawn or waiting", _waiting)
            return None
        _waiting += 1
    try:
        from bot.render.timeline_png import render_png

        return await asyncio.get_running_loop().run_in_executor(_RENDER, render_png, timeline)
    except Exception:
        log.warning("the timeline picture was skipped: rendering it failed", exc_info=True)
        return None
    finally:
        with _lock:
            _waiting -= 1
