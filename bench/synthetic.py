"""Seeded synthetic distractor articles: plausible news prose about other subjects.

They share the general vocabulary of the seed articles (government, platform, accounts, order, law,
officials ...) so the lexical and dense searches have real competition, but they state no figures and
nothing about the 2021 dispute, so a correct answer can only come from the seed articles.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

_SUBJECTS = (
    "The ministry", "The regional government", "A parliamentary committee", "The city council", "The regulator",
    "The company", "A spokesperson for the firm", "The opposition party", "Local officials", "The central bank",
    "The trade union", "A group of farmers", "The football club", "The shipping company", "The university",
    "Health officials", "The airline", "The court", "The state broadcaster", "A consumer group",
    "The streaming platform", "The social media company", "Election officials", "The energy minister",
    "The police", "The transport authority", "Researchers", "The telecom operator", "The bank's board",
    "Residents", "The hospital", "The weather service", "Investors", "The tourism board", "Teachers",
)
_VERBS = (
    "announced", "criticised", "postponed", "approved", "rejected", "welcomed", "reviewed", "defended",
    "questioned", "proposed", "suspended", "extended", "published", "challenged", "delayed", "confirmed",
    "launched", "cancelled", "investigated", "signed", "discussed", "outlined", "revised", "blocked",
)
_OBJECTS = (
    "a new budget for road repairs", "the plan to expand the harbour", "a review of school meals",
    "the merger of two regional banks", "changes to the pension scheme", "a ban on plastic packaging",
    "the contract for the metro line", "new rules for food labelling", "the sale of the stadium",
    "a proposal to raise water tariffs", "the guidelines on remote work", "the order to close the mine",
    "a report on air quality", "the licence of the radio station", "the accounts of the housing agency",
    "a policy on data storage", "the timetable for the rail link", "a law on noise in residential areas",
    "the content moderation rules of the platform", "the audit of hospital spending", "a tax on sugary drinks",
    "the appointment of a new coach", "plans for a solar farm", "the subsidy for electric buses",
    "a dispute over fishing rights", "the terms of the loan", "a campaign against littering",
    "the redesign of the city park", "a request to remove old posts", "the festival programme",
)
_MODIFIERS = (
    "after weeks of talks", "despite protests from residents", "according to a statement on its website",
    "in a letter to shareholders", "ahead of the winter season", "citing rising costs",
    "following complaints from users", "at a press conference in the capital", "without giving a reason",
    "after an internal review", "in response to questions from reporters", "amid concerns about safety",
    "as part of a wider reform", "on the advice of independent experts", "under pressure from lawmakers",
    "in an interview with a local newspaper", "after a court hearing", "to the surprise of analysts",
    "while officials studied the legal options", "in a post on its official account",
)
_QUOTES = (
    "We will continue to work with everyone involved", "This decision was not taken lightly",
    "The public deserves a clear explanation", "Our priority is the safety of our users",
    "We expect the matter to be settled soon", "The process has been fair and transparent",
    "Nobody consulted the people affected", "We are studying the order carefully",
)
_SPEAKERS = (
    "a senior official said", "the chairman told reporters", "a spokeswoman said", "the minister said",
    "an industry analyst said", "the company said in a statement", "a local resident said",
)


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return f"“{rng.choice(_QUOTES)},” {rng.choice(_SPEAKERS)}."
    main = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_MODIFIERS)}"
    if rng.random() < 0.6:  # news sentences run long: about 150 characters on average, like the seed articles
        other = rng.choice(_SUBJECTS)
        main += f", while {other[0].lower()}{other[1:]} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    return main + "."


def sentences(seed: int) -> Iterator[str]:
    """An endless seeded stream of distractor sentences."""
    rng = random.Random(seed)
    while True:
        yield _sentence(rng)


def article(seed: int, n_sentences: int = 12) -> str:
    """A title line and paragraphs of three sentences."""
    stream = sentences(seed)
    body = [next(stream) for _ in range(n_sentences)]
    title = body[0].rstrip(".")
    paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"
