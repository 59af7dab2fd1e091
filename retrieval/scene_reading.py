"""How a message that sets a scene and then asks is read (``retrieval.engine.Engine._ask_in_scene``): its "it" or
"he" as the scene's subject, and which of its two readings answers.
"""

from __future__ import annotations

from retrieval.loaded import LoadedIndex
from retrieval.pronouns import resolve, scene_subject, unresolved_reference
from retrieval.types import Answer


def trusted(answer: Answer) -> float:
    """How far the model trusts an answer's best quote; a decline, not at all."""
    return max((c.score for c in answer.citations), default=0.0) if answer.answered else 0.0


def in_scene(scene: str, ask: str, index: LoadedIndex) -> str:
    """``ask`` with the "it" or "he" it leaves open read as the subject its message's scene opens with
    (``retrieval.pronouns.scene_subject``): "twitter reached out on monday. what did it ask for?" is asked as
    "what did twitter ask for?", the scene's other words borrowed as a follow-up's are."""
    reference = unresolved_reference(ask)
    subject = scene_subject(scene, index.idf.keys()) if reference else None
    return (resolve(ask, reference, subject) if subject else None) or ask
