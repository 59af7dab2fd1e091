"""A question about what was done, and an answer that only tells it was still to be done.

"What did the minister tell parliament on Monday?" matched "The Minister is due to answer questions in parliament
on Monday." on every word, and the report that the minister would speak was quoted as what the minister said; so
was "The review committee is due to meet on Friday." for "what did the committee decide on Friday?". An article
written before the day can't say what happened on it: the question is declined, with the sentence among the
closest passages. Nothing here knows an article: the question's past ("did", "what happened") and the
sentence's plan ("is due to", "will", "is scheduled for") are read from their words.
"""

from __future__ import annotations

import re

from retrieval.topical_asks import topic_of

# The question asks what was done: "what did X decide", "did X go to court", "what happened at the hearing".
# Not "what did X say it would do" (the saying is done, and a plan is its answer).
_ASKS_DONE = re.compile(r"\b(?:did|what\s+happened)\b(?!.*\b(?:would|will|plans?|going\s+to)\b)", re.IGNORECASE)
# The sentence tells something as planned: a future in its main clause. Not a reported one ("said it will …",
# "told the court it would …"): the saying was done and may answer; "would" is never a plan of the report's own.
_PLANNED = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:due|scheduled|set|slated|expected|likely)\s+(?:to|for|on))\b", re.IGNORECASE)
_DONE_BEFORE = re.compile(
    r"\b(?:\w{2,}ed|said|says|told|tells|met|held|sent|gave|took|made|wrote|went|came|began|got|was|were|had|did)\b",
    re.IGNORECASE)


def told_as_planned(sentence: str) -> bool:
    """Whether ``sentence`` tells its event as still to come, in its own voice: a future marker with no verb in
    the past before it ("The committee is due to meet on Friday", not "The ministry said it will reply")."""
    plan = _PLANNED.search(sentence)
    return plan is not None and _DONE_BEFORE.search(sentence, 0, plan.start()) is None


def asks_done_of_planned(question: str, sentence: str) -> bool:
    """Whether ``question`` asks what was done and ``sentence``, its best answer, only tells it as planned. Not a
    vague topical ask ("what happened with koo?", ``retrieval.topical_asks``): it asks what the articles tell of
    its subject, which a plan tells as well as a deed."""
    return (_ASKS_DONE.search(question) is not None and topic_of(question) is None
            and told_as_planned(sentence))
