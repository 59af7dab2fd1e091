"""A live blog's update putting an earlier entry's figure right (``index.blog_updates``): the earlier figure is not
quoted, the update is; a story's "…, not …" outside a live blog's update withdraws nothing."""

from __future__ import annotations

from index.chunking import split_sentences
from index.furniture import story_sentences

_BLOG = """Live: regional internet shutdown

Feb 10, 14:05
UPDATE to our 11:20 post: the ministry now says 2.3 million subscribers are affected, not 1.8 million as it said.
Fixed-line broadband is working again.

Feb 10, 11:20
The ministry says 1.8 million subscribers are without mobile data. Voice calls still work.

Feb 10, 09:30
The court hearing has begun, with 3 judges on the bench.
"""


def _kept(text: str) -> list[str]:
    return [text[s.start:s.end] for s in story_sentences(text, split_sentences(text))]


def test_an_updates_withdrawn_figure_is_not_quoted_from_the_older_entry() -> None:
    kept = _kept(_BLOG)
    assert "The ministry says 1.8 million subscribers are without mobile data." not in kept
    assert any(sentence.startswith("UPDATE to our 11:20 post") for sentence in kept)
    assert "Voice calls still work." in kept and "The court hearing has begun, with 3 judges on the bench." in kept


def test_a_storys_not_outside_a_live_blogs_update_withdraws_nothing() -> None:
    story = ("Police said 4,000 people attended, not 40,000 as organisers claimed.\n\n"
             "Organisers said 40,000 people attended the rally.\n")
    assert _kept(story) == ["Police said 4,000 people attended, not 40,000 as organisers claimed.",
                            "Organisers said 40,000 people attended the rally."]
    plain = _BLOG.replace("UPDATE to our 11:20 post: t", "T")  # no update's label: no entry is put right
    assert "The ministry says 1.8 million subscribers are without mobile data." in _kept(plain)
