"""A role question the answer model declines outright is looked at further, as one it answered naming no one is.

"who is the information technology secretary" was declined: no sentence holds its words as the model trusts, though
the sentences naming "MeitY Secretary Ajay Prakash Sawhney" are among its closest passages. The wider look
(``retrieval.role_holders``) answers only from a sentence writing a person with the asked role as title or
appositive and every other word of the role around it, so a role the articles name no one in ("koo's ceo"), or a
role of another story ("india's finance minister"), stays declined.
"""

from __future__ import annotations

from collections.abc import Callable

from retrieval.role_questions import role_asked
from retrieval.types import Answer
from retrieval.unnamed import without_unnamed


def role_checked(answer: Answer, message: str, further: Callable[[], Answer | None]) -> Answer:
    """``answer`` to ``message``, with a role's name checked (``retrieval.unnamed``) when answered, and a decline
    of a question asking who holds a role yielding to ``further``, the wider look, when it finds the holder."""
    if answer.answered:
        return without_unnamed(answer, message, further)
    if role_asked(message) is None:
        return answer
    found = further()
    return found if found is not None else answer
