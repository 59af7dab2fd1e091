"""Questions asking for someone's name that the articles never give: "what's the name of koo's ceo" where an
article writes only "Koo's co-founder said …".

The answer model trusts the sentence naming the role ("Sawhney will meet Twitter's Vice President of Global
Public Policy") as it would any sentence holding the question's words, and answered "what is the name of
twitter's vice president of global public policy" with it: the role, not the name asked for. A question that asks
for a name beside a role word (``retrieval.name_spans``'s titles: "ceo", "secretary", "lawyer") is answered only
when a quote writes a person's name: one written with a title or speaking ("CEO Jack Dorsey", "X, the company's
head of policy, said"), or a name of two words or more the question doesn't already hold. Otherwise it is declined,
with the sentences it came closest with below.
"""

from __future__ import annotations

import re
from dataclasses import replace

from retrieval.name_spans import ROLE_WORD, mentions
from retrieval.types import Answer

_ENDS = r"[\s?.!]*"
_ASKS_NAME = (
    # "what's the name of koo's ceo", "tell me the name of the ministry's secretary"
    re.compile(rf"(?:(?:so|and|but|ok)\s+)?(?:what(?:['’]?s|\s+is|\s+was|\s+are)|whats|tell\s+me|give\s+me"
               rf"|do\s+you\s+know|do\s+the\s+articles\s+(?:give|say))\s+(?:the\s+)?names?\s+of\s+(?P<who>.+?){_ENDS}",
               re.IGNORECASE),
    # "what is koo's ceo's name", "what's the lawyer called"
    re.compile(rf"(?:what(?:['’]?s|\s+is|\s+was)|whats)\s+(?P<who>.+?)(?:['’]s\s+name|\s+called){_ENDS}",
               re.IGNORECASE),
)


def asks_for_a_name(question: str) -> bool:
    """Whether ``question`` asks in so many words for the name of someone a role word says ("ceo")."""
    asked = " ".join(question.split())
    found = next((m for m in (p.fullmatch(asked) for p in _ASKS_NAME) if m is not None), None)
    return found is not None and bool(ROLE_WORD.search(found.group("who")))


def names_someone(answer: Answer) -> bool:
    """Whether a quote of ``answer`` writes a person's name the question does not."""
    asked = {_plain(w) for w in re.findall(r"[\w'’-]+", answer.question)}
    for cited in answer.citations:
        for mention in mentions(cited.quote):
            words = mention.name.split()
            new = any(_plain(w) not in asked for w in words)
            if new and (mention.person or (len(words) >= 2 and not mention.org and not mention.law)):
                return True
    return False


def _plain(word: str) -> str:
    return re.sub(r"['’]s$", "", word).casefold()


def without_unnamed(answer: Answer) -> Answer:
    """``answer``, declined when it was asked for a name beside a role and quotes none (its quotes then shown as
    the closest passages)."""
    if not answer.answered or not asks_for_a_name(answer.question) or names_someone(answer):
        return answer
    text = "I couldn't find that name in the articles: the closest passages, below, name the role but no one in it."
    return replace(answer, text=text, answered=False, related=[])
