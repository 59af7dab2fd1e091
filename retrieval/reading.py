"""What a question is searched as: its English reading, typos mended, initialisms spelt out, figures and days
as the articles write them; and chat's shorthand written out for a follow-up. Kept apart from the engine, which
reads every question through these."""

from __future__ import annotations

from index.lexical import terms
from retrieval.acronyms import restore_acronyms
from retrieval.figure_dates import FIGURES_DATE, within_period
from retrieval.figure_forms import as_written
from retrieval.hinglish import english_reading
from retrieval.initialisms import spell_out_initials
from retrieval.loaded import LoadedIndex
from retrieval.ordinals import ordinals_as_written
from retrieval.phrasal import news_verbs
from retrieval.reach import figures_as_given
from retrieval.shorthand import plain_words
from retrieval.spelling import mend_typos
from retrieval.topical_asks import as_told_about


def searched_as(text: str, index: LoadedIndex) -> tuple[str, str | None]:
    """What to search for ``text``, and the text with its typos mended when that is what it is. Romanised
    Hindi ("koo kya hai") is searched as its English reading, typos as the article words meant, and an
    initialism no article writes as the one name it spells out ("GoI": ``retrieval.initialisms``).

    Chat's shorthand ("govt", "ppl", "wat") is not written out here: searched written out, the answer model
    refitted on the training questions that use it held out 4 fewer answers on the never-fitted articles
    (leave one article out, 2026-12-05: 101/288 against 105, one off-topic question answered), whichever
    part of the shorthand was written out. A follow-up reads it (``plain_reading``), and declines don't name it."""
    english = english_reading(text)
    if english:
        return english, None
    restored = restore_acronyms(text, index)  # "the us" is the articles' "U.S."
    spelled = spell_out_initials(restored or text, index) or restored  # "GoI": the "Government of India"
    mended = mend_typos(spelled or text, index) or spelled
    # "when does the rule kick in": the articles' "take effect" (``retrieval.phrasal``)
    mended = news_verbs(mended or text, index) or mended
    # "about 1200 accounts?", "over a thousand": searched as the figure the articles give (1,178)
    figured = figures_as_given(mended or text, index)
    # "1178": the articles' "1,178"
    mended = as_written(figured or mended or text, index.figure_texts, index.figure_forms) or figured or mended
    days = ordinals_as_written(mended or text, index)  # "feb 8th": the articles' "February 8"
    mended = days or mended
    # "on 8/2", "10/02/2021": the one day of the two readings within the articles' period ("8 February")
    figures_day = within_period(mended or text, index.period) if FIGURES_DATE.search(mended or text) else None
    mended = figures_day or mended
    # "what happened with koo?", "any news on koo": read as "tell me about koo" (``retrieval.topical_asks``); the
    # reply names no search of its own, the asker's words being only chat's framing of the same ask.
    told_about = as_told_about(mended or text, lambda term: term in index.idf)
    return told_about or mended or text, mended


def plain_reading(text: str, index: LoadedIndex) -> str | None:
    """``text`` with chat's shorthand written out ("wat abt": "what about"), except the forms the articles use."""
    return plain_words(text, lambda word: any(t in index.idf for t in terms(word)))
