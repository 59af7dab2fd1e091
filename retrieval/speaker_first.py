""""What did X say": the answer is X's words, not someone else's reply to X.

The answer model judges each sentence by how much of the question it holds, and a question naming its speaker
shares that name with sentences quoting others about the speaker: "what did twitter say?" was answered with
`"Upon the request of Twitter …," MeitY reacted on Twitter's alternative made-in-India app Koo.`, the ministry's
words, while the articles held Twitter's own ("In a blog post, Twitter said …"). When the question asks what a
named speaker said, responded, claimed or argued, and its best sentence is said by someone else, a sentence
nearly as likely that is said by the asked speaker (named by the saying clause outside the quote marks, in any
form an article defines for it, or the speaker a bare quote continues: ``index.quote_speakers``) answers
first. Grammar and the articles' own aliases, no names: it holds for any article.
"""

from __future__ import annotations

import re

import numpy as np

from index.aliases import expand_terms
from index.lexical import terms
from index.quote_speakers import named_speaker
from retrieval.features import Candidates
from retrieval.loaded import LoadedIndex
from retrieval.question import REQUEST_TERMS, Question
from retrieval.said_by import speaker_row

# A candidate said by the asked speaker answers first when the model gives it at least this share of the best
# sentence's probability, among the first ``TOP`` of the order. Not chosen by data: on the 28 questions of the
# training and held-out articles that ask a speaker's words (17 and 11), no share from 0.3 to 0.9 and no TOP of 3,
# 4 or 6 changed an answer (the rule never fired: 13/17 and 9/11 hold the fact either way, 2026-12-07); 0.5 is the
# middle of that flat range, the same order as the pairing share.
RATIO = 0.5
TOP = 4
# "what did X say", "how has X responded", "why does X claim …": a saying or responding verb with its subject.
_SAYS_SUBJECT = re.compile(
    r"\b(?:did|does|do|has|have|had|will|would|is|are|was|were)\s+(?P<who>[^?.!,]{1,60}?)\s+"
    r"(?:say|said|saying|tell|told|telling|claim\w*|argu\w*|announc\w*|write|wrote|written|tweet\w*|stat(?:e|ed|ing)"
    r"|repl(?:y|ied|ying)|respond\w*|react\w*|alleg\w*|deny|denied|insist\w*|warn\w*|explain\w*|counter\w*)\b"
    r"|\baccording\s+to\s+(?P<source>[^?.!,]{1,60})",
    re.IGNORECASE)
# "what was X's response", "the ministry's statement on …": a reply owned by the speaker.
_OWNED_REPLY = re.compile(
    r"(?P<owner>(?:[\w.&-]+\s+){0,2}[\w.&-]+)['’]s?\s+(?:official\s+|first\s+|initial\s+)?"
    r"(?:response|responses|reply|replies|reaction|statement|statements|stand|stance|position|comment|comments"
    r"|answer|argument|claim|view)\b",
    re.IGNORECASE)


def asked_speaker(text: str) -> list[str]:
    """The search terms of whoever the question asks the words of ("what did the ministry say": ["ministri"]);
    empty when it asks no one's."""
    found = _SAYS_SUBJECT.search(text)
    if found is not None:
        who = found.group("who") or found.group("source")
    else:
        owned = _OWNED_REPLY.search(text)
        if owned is None:
            return []
        words = owned.group("owner").split()
        # The owner's name is the words right before "'s" that are no function word ("what was the ministry").
        while len(words) > 1 and not terms(words[0]):
            words.pop(0)
        who = " ".join(words)
    return [t for t in terms(who) if t not in REQUEST_TERMS]


def sentence_speaker(index: LoadedIndex, row: int) -> str | None:
    """Who says sentence ``row``, as its article names them: in its own saying clause, or, for a quote naming
    no one, in the sentence attributing the quote it continues."""
    named = named_speaker(index.sentence_text(row))
    if named is not None:
        return named
    said = speaker_row(index, row)
    return None if said is None else named_speaker(index.sentence_text(said))


def speaks_for(asked: list[str], speaker: str, aliases: dict[str, list[str]]) -> bool:
    """Whether ``speaker`` (as written) is who ``asked`` names: every asked word among the speaker's, in either
    form an article defines ("ministry" of "MeitY"), or the speaker's words a shorter form of the asked name
    ending as it does ("Prasad" of "ravi shankar prasad")."""
    said = terms(speaker)
    if not said or not asked:
        return False
    if set(asked) <= set(expand_terms(said, aliases)):
        return True
    return set(said) <= set(expand_terms(asked, aliases)) and said[-1] == asked[-1]


def _someone(speaker: str | None) -> bool:
    """Whether the speaker is named (a capitalised word that is no pronoun or article): "he", "it" or "the
    company" may be anyone the article named before, so they are never someone else."""
    return speaker is not None and any(w[:1].isupper() and terms(w) for w in speaker.split())


def speaker_first(index: LoadedIndex, question: Question, found: Candidates, probs: np.ndarray, order: list[int]
                  ) -> list[int]:
    """``order`` with a sentence said by the asked speaker first, when the best is said by someone else and
    one said by the asked speaker is among the first ``TOP`` with ``RATIO`` of its probability; else as is."""
    asked = asked_speaker(question.text)
    if not asked or len(order) < 2:
        return order
    best = order[0]
    first = sentence_speaker(index, found.rows[best])
    if not _someone(first) or speaks_for(asked, first or "", index.aliases):
        return order
    for i in order[1:TOP]:
        if probs[i] < RATIO * probs[best]:
            continue
        said = sentence_speaker(index, found.rows[i])
        if said is not None and speaks_for(asked, said, index.aliases):
            return [i, *(j for j in order if j != i)]
    return order
