from __future__ import annotations

from index.lexical import terms


def test_forms_of_one_word_share_a_term() -> None:
    assert terms("Twitter withheld accounts") == terms("twitter withholds account")
    assert terms("the ministry told Twitter") == terms("ministries tell twitter")
    assert terms("accounts were blocked") == terms("blocking an account")[::-1]


def test_stop_words_go_and_acronyms_stay() -> None:
    assert terms("what is the IT Act") == ["it", "act"]
    assert terms("it is what it is") == []
    assert terms("WHAT IS THE CAPITAL") == terms("what is the capital")  # shouting is not acronyms


def test_figures_keep_their_digits() -> None:
    assert "1178" in terms("block 1,178 accounts")


def test_accents_are_left_off_as_people_type_them() -> None:
    """"what did the cafe manager say?" was declined with "the articles never use the word “cafe”" over an
    article about a café: "café" was read as "caf"."""
    assert terms("The café manager, José Peña, said") == terms("the cafe manager jose pena said")
    assert terms("naïve façade") == terms("naive facade")


def test_an_abbreviation_is_the_word_it_shortens() -> None:
    """"the govt said its order was negotiable or not" was declined while "the government said ..." was
    answered: "govt" was a term of its own, found only where a quote writes "Govt.", so the question's most
    weighted word was missing from every sentence that says "government"."""
    assert terms("the govt said") == terms("the government said") == terms("Govt. said")
    assert terms("GoI govts dept") == ["goi", *terms("governments department")]
    assert terms("the govt's order") == terms("the government's order")


def test_chat_till_is_until() -> None:
    """"till when is the mobile data cut in kaldor" was declined, the reply saying the articles "never use the
    word “till”": chat's "till" and "til" were search words where "until" is a stop word."""
    assert terms("till when is the data cut") == terms("until when is the data cut") == terms("til when is data cut")
