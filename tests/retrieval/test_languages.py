"""A question in another language written in Latin letters is told the bot reads English
(``retrieval.languages``), as one in another script is."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.languages import in_another_language
from retrieval.wording import ENGLISH_ONLY

_ARTICLE_TERMS = {"twitter", "india", "quillmark"}


@pytest.mark.parametrize("text", [
    "¿Cuántas cuentas bloqueó Twitter en India?",
    "¿Cuándo anunció Quillmark estas nuevas normas?",
    "vorlan sarkar quillmark se naraz kyun hai",  # romanised Hindi the Hindi reading left as it was
])
def test_a_question_in_another_language_is_told(text: str) -> None:
    assert in_another_language(text, _ARTICLE_TERMS)


@pytest.mark.parametrize("text", [
    "how mny acounts wre blokced by twiter",  # typos of English words
    "why did the fintech regulator zorblax fine krumholt",  # names the articles lack, in an English question
    "what did Brajesh Kumar Tiwari say about Quillmark",
    "Brajesh Kumar Tiwari", "brajesh kumar tiwari quillmark",  # names alone, no mark of another language
    "zorblax krumholt fine?",  # too few to tell
    "quillmark data fine appeal deadline",
    "is halvenport uni dropping vigilo?",
])
def test_an_english_question_is_english(text: str) -> None:
    assert not in_another_language(text, _ARTICLE_TERMS)


def test_the_decline_of_a_question_in_another_language_says_to_ask_in_english(seed_engine: Engine) -> None:
    """It said the articles "never use the words “Cuantas”, “cuentas” or “bloqueo”": true, and no help."""
    reply = seed_engine.ask("¿Cuántas cuentas bloqueó Twitter en India?")
    assert not reply.answered and reply.text.startswith(ENGLISH_ONLY)
