"""Aliases an article defines for itself, and their use in lexical matching."""

from __future__ import annotations

from index.aliases import expand_terms, mine_aliases
from index.lexical import terms


def test_long_form_with_short_form_in_parentheses() -> None:
    found = mine_aliases(["The Ministry of Electronics and Information Technology (MeitY) sent a notice."])
    assert found == {terms("MeitY")[0]: terms("Ministry of Electronics and Information Technology")}


def test_short_form_first_and_known_as() -> None:
    found = mine_aliases(["The DCA (Digital Communications Authority) met on Monday.",
                          "The Public Information Verification Unit, known as PIVU, flagged posts."])
    assert terms("DCA")[0] in found and terms("PIVU")[0] in found


def test_parentheses_that_are_not_an_acronym_of_the_words_before_are_ignored() -> None:
    assert mine_aliases(["Shares of the company (Nasdaq) rose.", "He met the minister (again) on Friday."]) == {}


def test_leading_words_outside_the_acronym_are_dropped() -> None:
    found = mine_aliases(["A report by the Open Platforms Research Collective (OPRC) said so."])
    assert found[terms("OPRC")[0]] == terms("Open Platforms Research Collective")


def test_expansion_adds_the_other_form_either_way() -> None:
    aliases = mine_aliases(["The Ministry of Electronics and Information Technology (MeitY) sent a notice."])
    short = terms("MeitY")[0]
    assert set(terms("Ministry of Electronics and Information Technology")) <= set(
        expand_terms(terms("What did MeitY say?"), aliases))
    assert short in expand_terms(terms("What did the Ministry of Electronics and Information Technology say?"),
                                 aliases)
    assert expand_terms(terms("What did Twitter say?"), aliases) == terms("What did Twitter say?")
