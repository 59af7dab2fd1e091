"""Build progress as log lines, for a command whose stderr is no terminal (piped, or run by a service manager).

Without them a long add (a 1 MB report embeds for minutes) printed nothing until it finished, while every other
change was refused as "an index build is already running": it looked hung. One line when a stage starts, with
its count; then one at most every ``EVERY_S`` seconds, and one when the stage is done.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

# Kept at INFO by ``bot.wiring.configure_logging`` even when a one-shot command logs only warnings.
LOGGER = "dispute_bot.progress"
EVERY_S = 10.0
# The line each build stage starts with.
_STARTS = {"analysing": "analysing {total} articles",
           "embedding": "embedding {total} new texts (chunks, sentences, figure windows)",
           "writing": "writing the new index"}

log = logging.getLogger(LOGGER)


class LoggedProgress:
    """A ``ProgressCallback`` that logs instead of drawing a bar; ``clock`` is injectable for tests."""

    def __init__(self, every: float = EVERY_S, clock: Callable[[], float] = time.monotonic) -> None:
        self._every = every
        self._clock = clock
        self._stage = ""
        self._started = 0.0
        self._last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self._clock()
        if stage != self._stage:
            self._stage, self._started, self._last = stage, now, now
            log.info(_STARTS.get(stage, "{stage}: {total} steps").format(stage=stage, total=f"{total:,}"))
            if done < total or total == 0:
                return
        if done >= total:
            log.info("%s: %s of %s done in %.0f s", stage, f"{done:,}", f"{total:,}", now - self._started)
            self._stage = ""  # a later stage of the same name starts again
        elif now - self._last >= self._every:
            self._last = now
            log.info("%s: %s of %s (%d%%), %.0f s so far", stage, f"{done:,}", f"{total:,}",
                     100 * done // max(total, 1), now - self._started)
