"""Example /timeline topics, named by every help text of every platform.

They must list events on the articles the project ships (``tests/bot/test_examples.py``): the examples
named before ("Section 69A", "koo") listed nothing there, and a new user who tried the hint got an empty
timeline.
"""

from __future__ import annotations

TIMELINE_TOPIC = "blocking orders"
TIMELINE_DAY = "feb 10"
TIMELINE_PERIOD = "between feb 8 and feb 12"
TIMELINE_EXAMPLES = (TIMELINE_TOPIC, TIMELINE_DAY, TIMELINE_PERIOD)
