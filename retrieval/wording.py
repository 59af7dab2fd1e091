"""What a reply says in words of its own, not quoted: why a question was declined, and the headings that point
to quotes.

Everything here asserts only what was checked against the articles (a figure, or every word, of the question
that no article has, or the period they cover), never that they don't say: a reply's own words are the one
part of it that is not a quote, so they stay few and checkable.
"""

from __future__ import annotations

from index.scripts import mostly_in_another_script
from retrieval.languages import in_another_language
from retrieval.loaded import LoadedIndex
from retrieval.question import Question
from retrieval.reach import absent_words, period_note, unknown_acronyms, unknown_figures
from retrieval.types import Answer

# What a question in another script or language is told: the keyword index reads Latin letters, the model English.
ENGLISH_ONLY = ("I can only look questions up in English, the language of the articles (Hindi written in Latin "
                "letters works too, as in “koo kya hai”). Please ask again in English.")
CLOSEST_BELOW = " The closest passages are below."  # ends a decline that shows them
# The heading every renderer puts over an answer's related sentences. Named here, not in the renderers, since a
# reply's text points to it: a declined question of a message that asks several has its closest passages there.
ALSO_IN_THE_ARTICLES = "Also in the articles"


def subject_of(question: Question) -> str:
    """The question as a reply names it: without its final punctuation, cut to 120 characters."""
    subject = question.text.strip().rstrip("?.! ")
    return subject[:119].rstrip() + "…" if len(subject) > 120 else subject


def decline_text(index: LoadedIndex, question: Question) -> str:
    """A decline's text, before it says where the closest passages are."""
    subject = subject_of(question)
    unknown = unknown_figures(index, question)
    acronyms = unknown_acronyms(index, question)
    if unknown:
        figure = " or ".join(unknown[:2])
        text = f"The articles never give the figure {figure} that the question names."
    elif in_another_language(question.text, index.idf):
        # "¿Cuántas cuentas bloqueó Twitter?" was told the articles never use “Cuantas”, “cuentas” or “bloqueo”.
        text = ENGLISH_ONLY
    elif acronyms:
        text = f"The articles never mention the {' or '.join(acronyms[:2])}, so they likely don't cover this."
    else:
        absent, every = absent_words(index, question)
        never = never_use(absent)
        if every and absent:
            text = f"The articles {never}, so they likely don't cover this."
        elif absent:  # a word to put another way: chat's "nuke", a typo, a word the articles say differently
            text = f"I couldn't find a clear answer to “{subject}” in the articles, which {never}."
        else:
            text = f"I couldn't find a clear answer to “{subject}” in the articles."
    return text + period_note(index, question)


def never_use(absent: list[str]) -> str:
    """'never use the word “x”', or 'the words “a”, “b” or “c”' (at most three), for words no article uses."""
    quoted = [f"“{w}”" for w in absent[:3]]
    listed = ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else "".join(quoted)
    return f"never use the word{'s' if len(quoted) > 1 else ''} {listed}"


def in_another_script(text: str) -> bool:
    """Whether ``text`` is mostly in a script other than Latin (Devanagari, say): the keyword index reads Latin
    letters and the model English, so such words can't be looked up however the question is read. Mostly: one
    letter of another script ("what is π?", "µ") was enough, and the asker was told to ask in English."""
    return mostly_in_another_script(text)


def nothing_named(question: Question) -> Answer:
    """The reply to a question that names nothing to look for (``has_subject``), asked outside a conversation
    that could say what it means. It quotes nothing: whatever the search ranked first would be a passage
    about nothing the asker named, and "I couldn't find" would claim a search for something. A question
    in another script is told what the bot reads: the keyword index reads Latin letters, the model English."""
    if in_another_script(question.text):
        text = ENGLISH_ONLY
    else:
        text = (f"“{subject_of(question)}” names nothing to look for in the articles. Please say who or what you are "
                "asking about.")
    return Answer(question.text, text, False, [])
