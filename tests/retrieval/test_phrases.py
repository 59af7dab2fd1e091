"""The plain noun phrase a follow-up's "it" or "they" stands for when it is no name (``retrieval.phrases``), and
the question read with it (``retrieval.followup.expand``). The names are invented."""

from __future__ import annotations

from index.lexical import terms
from retrieval.followup import expand, idf_for_df
from retrieval.phrases import asked_plural, dislocated, possessed
from retrieval.turns import FollowupContext, Turn

UNITS = 100
UNKNOWN = idf_for_df(0, UNITS)


def _idf(*words: str) -> dict[str, float]:
    return {terms(w)[0]: idf_for_df(2, UNITS) for w in words}


def test_a_name_owning_a_phrase_is_the_phrase_when_the_pronoun_agrees_in_number() -> None:
    asked = "What is Varnelle's new speech registry?"
    assert possessed("it", asked, "Varnelle") == "Varnelle's new speech registry"
    assert possessed("they", asked, "Varnelle") is None  # "they" is no registry
    assert possessed("they", "What's in Tessmark's draft rules for apps?", "Tessmark") == "Tessmark's draft rules"
    # A do-question's subject runs on into its verb, which is left out; unless the verb is the final "do".
    assert possessed("it", "how did Tessmark's regulator react to the leak?", "Tessmark") == "Tessmark's regulator"
    assert possessed("it", "What does Tessmark's review panel for appeals do?", "Tessmark"
                     ) == "Tessmark's review panel"
    assert possessed("it", "why was Tessmark fined?", "Tessmark") is None  # the name owns nothing
    assert possessed("he", asked, "Varnelle") is None


def test_they_are_the_plural_things_the_question_asked_about() -> None:
    assert asked_plural("they", "Which unions have joined the Quobbly boycott?", "what did they demand"
                        ) == "the unions"
    assert asked_plural("they", "how many moderators did quobbly hire?", "where are they based") == "the moderators"
    assert asked_plural("they", "which regulator summoned quobbly?", "when do they report") is None  # singular
    assert asked_plural("it", "which unions joined?", "when did it start") is None
    # "any of them" counts a set: the plural the question gave, not the company beside it.
    asked = "why do varnelle and quobbly disagree on the number of takedowns"
    assert asked_plural("them", asked, "did quobbly win any of them") == "the takedowns"
    assert asked_plural("them", asked, "did quobbly fight them") is None


def test_a_pronoun_whose_noun_the_question_puts_before_it_is_its_own() -> None:
    assert dislocated("and the police, what have they done?")
    assert dislocated("what about the two who disagreed, what did they say")
    assert not dislocated("what did they do after that?")
    assert not dislocated("and the police?")


def test_the_follow_up_is_read_with_the_phrase_not_the_name_beside_it() -> None:
    """"What is Lestria's new fact-check unit?" then "how much does it cost a year" was read as "how much does
    Lestria cost a year"; "Which groups have applied to join Loudleaf's case?" then "who did they say the
    accounts belonged to?" as "who did Loudleaf say ..."; "and the police, what have they done?" as "... what
    have Sundaria done?". (Invented names here.)"""
    def resolved(question: str, asked: str, quoted: str) -> str | None:
        idf = _idf("varnelle", "speech", "registry", "unions", "quobbly", "boycott", "joined", "commission")
        expansion = expand(question, idf, UNKNOWN, FollowupContext((Turn(asked, ("doc-v",), (quoted,)),)))
        assert expansion is not None
        return expansion.resolved

    registry = ("What is Varnelle's new speech registry?", "Varnelle opened a speech registry on Monday.")
    assert resolved("how much does it cost a year", *registry
                    ) == "how much does Varnelle's new speech registry cost a year"
    unions = ("Which unions have joined the Quobbly boycott?", "Four unions joined the boycott of Quobbly on Friday.")
    assert resolved("what did they demand?", *unions) == "what did the unions demand?"
    assert resolved("what are their demands?", *unions) == "what are the unions' demands?"
    commission = ("How is Varnelle's commission tackling the boycott?", "Varnelle's commission met Quobbly.")
    assert resolved("and the police, what have they done?", *commission) is None
