"""The one choice a post of files and no words gets, mention or DM (``bot.slack.unread_files``): a recorded clip is
told to type, an article to add by DM, anything else is asked or passed over as it is."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest

from bot.core import CommandCore
from bot.refusals import SPOKEN
from bot.slack.adding import ADD_HINT
from bot.slack.unread_files import files_told, mention_files_told
from bot.uploads import UploadRules

CLIP = {"id": "F9", "name": "audio_message.m4a", "subtype": "slack_audio"}
ARTICLE = {"id": "F1", "name": "koo.md"}
PICTURE = {"id": "F2", "name": "screenshot.png"}
CORE = cast(CommandCore, SimpleNamespace(uploads=UploadRules(200_000, 2_000_000)))


@pytest.mark.parametrize(("files", "article", "told"), [
    ([CLIP], False, SPOKEN),
    ([CLIP], True, SPOKEN),  # a clip is never an article to add
    ([ARTICLE], True, ADD_HINT),
    ([ARTICLE], False, None),
    ([CLIP, PICTURE], False, None),  # a clip with a picture is not only a clip
    ([], False, None),
])
def test_files_alone_are_told_what_the_bot_reads(files: list[Any], article: bool, told: str | None) -> None:
    assert files_told(files, article) == told


@pytest.mark.parametrize(("event", "pointing", "told"), [
    ({"files": [CLIP]}, False, SPOKEN),
    ({"files": [CLIP]}, True, SPOKEN),
    ({"files": [ARTICLE]}, False, ADD_HINT),
    ({"files": [ARTICLE]}, True, None),  # pointing at a thread's post: the mention asks about that post
    ({"files": [PICTURE]}, False, None),  # a picture alone is asked as it is
    ({}, False, None),
    ({"attachments": [{"is_share": True, "text": "a post", "files": [ARTICLE]}]}, False, None),  # a shared post
    ({"attachments": [{"is_share": True, "files": [ARTICLE]}]}, False, ADD_HINT),  # a shared post of files alone
])
def test_a_mention_of_files_alone_is_told_as_the_same_post_in_a_dm(event: dict[str, Any], pointing: bool,
                                                                    told: str | None) -> None:
    assert mention_files_told(CORE, event, pointing) == told
