"""Questions asking for someone's name that the articles never give: "what's the name of koo's ceo" where an
article writes only "Koo's co-founder said …".

The answer model trusts the sentence naming the role ("Sawhney will meet Twitter's Vice President of Global
Public Policy") as it would any sentence holding the question's words, and answered "what is the name of
twitter's vice president of global public policy" with it: the role, not the name asked for. A question that asks
for a name beside a role word (``retrieval.name_spans``'s titles: "ceo", "secretary", "lawyer") is answered only
when a quote writes a person's name: one written with a title or speaking ("CEO Jack Dorsey", "X, the company's
head of policy, said"), or a name of two words or more the question doesn't already hold. Otherwise it is declined,
with the sentences it came closest with below. Which questions ask for a role's name: ``retrieval.role_questions``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from retrieval.answer import DECLINE_SHOWN
from retrieval.name_spans import mentions
from retrieval.role_questions import asks_for_a_name
from retrieval.types import Answer


def names_someone(answer: Answer, message: str | None = None) -> bool:
    """Whether a quote of ``answer`` writes a person's name the question (or the whole ``message``) holds no word
    of."""
    asked = {_plain(w) for w in re.findall(r"[\w'’-]+", message or answer.question)}
    for cited in answer.citations:
        for mention in mentions(cited.quote):
            words = mention.name.split()
            # "Ajay Prakash Sawhney" after "... is meeting sawhney": the person the asker named, not the one asked for
            new = not any(_plain(w) in asked for w in words)
            if new and (mention.person or (len(words) >= 2 and not mention.org and not mention.law)):
                return True
    return False


def _plain(word: str) -> str:
    return re.sub(r"['’]s$", "", word).casefold()


def without_unnamed(answer: Answer, message: str | None = None,
                    further: Callable[[], Answer | None] | None = None) -> Answer:
    """``answer``, declined when it was asked for a name beside a role and quotes none (its quotes and the related
    passages then shown as the closest, up to three); ``message``: what was asked, when ``answer`` is one reading
    of it ("what's his name?" asked after the scene naming the role); ``further``: the answer a wider look finds,
    which the decline yields to (``retrieval.role_holders``: its best sentence writes the role in one form, another
    names its holder with the role in another)."""
    asked = message or answer.question
    if not answer.answered or not asks_for_a_name(asked) or names_someone(answer, asked):
        return answer
    found = further() if further is not None else None
    if found is not None:
        return found
    # The passages shown were checked, no more: another article may name whoever holds it.
    text = "I couldn't find that name in the articles: the closest passages, below, name no one in that role."
    shown = [*answer.citations, *answer.related][:DECLINE_SHOWN]
    return replace(answer, text=text, answered=False, citations=shown, related=[])
