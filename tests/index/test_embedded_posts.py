"""An embedded post's foot (name, handle, day) is never quoted nor an event; the post's words are the story's."""

from __future__ import annotations

from index.chunking import split_sentences
from index.documents import Document
from index.events import extract_events
from index.furniture import story_sentences

ARTICLE = """Harbour board chief apologises after ferry licence row

The chief of the Port Halden harbour board apologised on Sunday for the way eleven ferry licences were suspended.

In a post on X, she wrote:

We should have warned operators before suspending their licences. That is on me.
— Alma Verrin (@verrin_harbour) March 17, 2024

Operators welcomed the apology but said they would still seek compensation for lost fares.
"""


def test_an_embedded_posts_foot_is_no_sentence_and_no_event() -> None:
    spans = story_sentences(ARTICLE, split_sentences(ARTICLE))
    sentences = [ARTICLE[s.start:s.end] for s in spans]
    assert "That is on me." in sentences
    assert not any("@verrin_harbour" in s for s in sentences)
    doc = Document(doc_id="p", title="p", date="2024-03-18", url=None, source=None, text=ARTICLE, body_offset=0,
                   sha256="0" * 64, filename="p.txt")
    assert not any("@verrin_harbour" in e["quote"] for e in extract_events([doc], {"p": spans}))
