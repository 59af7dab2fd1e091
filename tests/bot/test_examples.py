"""The example /timeline topics every help text names list events on the articles the project ships."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import CommandCore
from bot.render.examples import TIMELINE_EXAMPLES
from retrieval.types import Timeline

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("topic", TIMELINE_EXAMPLES)
async def test_each_example_topic_lists_events(seed_core: CommandCore, topic: str) -> None:
    """The hints said "/timeline Section 69A" and "koo", which listed nothing on the shipped articles."""
    timeline = await seed_core.timeline(topic)
    assert isinstance(timeline, Timeline) and timeline.events, topic


def test_the_slack_manifest_names_the_same_examples() -> None:
    manifest = (ROOT / "slack" / "manifest.yml").read_text(encoding="utf-8")
    hint = next(line for line in manifest.splitlines() if "topic, day or period" in line)
    assert all(example in hint for example in TIMELINE_EXAMPLES), hint
