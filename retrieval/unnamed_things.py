"""A "which X" question, and a best sentence that mentions an X as one it doesn't name.

"which cloud provider does brisqo use" was answered "The smaller Brisqo rented space from a local cloud provider
…", "which two provinces had their pages hidden" with "Emergency services in two provinces … found their posts
hidden", "which retailers asked …" with "… two large retailers confirmed they had asked …": each sentence holds the
thing asked about, and in bringing it in as "a local cloud provider" or "two provinces", with no name beside it,
shows that the article doesn't name it. Of the unanswerable questions answered on the never-fitted articles
(``training/heldout`` and ``training/unseen*``), five were this. A sentence that names it writes a name beside the
asked-for word ("the messaging app Chimewire", "the Press Council of Jarneth, a statutory body"): the answer
model's ``name_near_category`` reads the same, but as one feature among many it could not outweigh a sentence
holding every other word of the question. A figure in the phrase ("a seven-year jail term") tells what "what jail
term" asks for, so such a phrase is no unnamed mention.
"""

from __future__ import annotations

import re

from index.lexical import terms
from retrieval.question import Kind, Question
from retrieval.signals import name_near

# A word bringing a thing in as one of its sort, not by name: "a", "two", "several", "another".
_UNNAMED = re.compile(
    r"\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|few|other|another|various)"
    r"((?:\s+[a-z][a-z'’-]*){1,3})\b")
_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million)\b",
                     re.IGNORECASE)


def unnamed_mention(sentence: str, category: tuple[str, ...]) -> bool:
    """Whether ``sentence`` brings in a thing of ``category`` (stemmed words) as one of its sort: "a local cloud
    provider", "two provinces", a word of the category among the three after "a" or "two"."""
    for match in _UNNAMED.finditer(sentence):
        words = match.group(1).split()
        for end in range(len(words), 0, -1):  # the phrase up to the category's word ("a local cloud provider")
            if set(terms(words[end - 1])) & set(category):
                if not any(_FIGURE.search(w) for w in words[: end - 1]):
                    return True
                break
    return False


def mentions_unnamed(question: Question, sentence: str) -> bool:
    """Whether ``question`` asks which thing of its category (a name) and ``sentence`` brings in that sort of
    thing unnamed, with no capitalised word the question lacks within a few words of it (``name_near``: "a local
    cloud provider, Nimbara," names it)."""
    if question.kind is not Kind.NAME or not question.category:
        return False
    return unnamed_mention(sentence, question.category) and not name_near(sentence, question.category,
                                                                           question.text)
