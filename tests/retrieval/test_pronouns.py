"""Pronouns: the one a question leaves unresolved, whom "he" means, and the question with it replaced."""

from __future__ import annotations

import pytest

from retrieval.pronouns import person_referent, resolve, scene_subject, thing_referent, unresolved_reference

IDF = {"sawhney": 4.0, "koo": 3.5}


@pytest.mark.parametrize(
    ("question", "reference"),
    [
        ("when is he expected to meet Twitter?", "he"),
        ("who reported on that?", "that"),  # after a preposition: pronominal
        ("which accounts that were blocked?", None),  # a relative "that"
        ("Did Twitter say it would comply?", None),  # "Twitter" is what "it" stands for
        ("who is the it minister?", None),  # after an article "it" is IT
        ("what is his job", "his"),
        # "one" after an adjective of order or choice stands for a noun said before ("the first notice").
        ("what did the first one ask", "one"), ("and the latest one?", "one"), ("and the other ones?", "ones"),
        ("which one was about the hashtag", "one"),
        ("did one ministry send it", "it"), ("what did one of the notices ask", None),
        # After an auxiliary with only its verb to follow, a demonstrative is the subject: "that" is what was said.
        ("why does that matter?", "that"), ("when did this happen", "this"), ("when did that notice arrive?", None),
    ],
)
def test_the_unresolved_reference_is_read_from_grammar(question: str, reference: str | None) -> None:
    assert unresolved_reference(question) == reference


def test_he_is_the_person_the_latest_earlier_question_named_in_full() -> None:
    earlier = ["Who is Ajay Prakash Sawhney?", "What did Koo say?"]
    assert person_referent("he", earlier, IDF) == ("sawhney", "Ajay Prakash Sawhney")
    assert person_referent("it", earlier, IDF) is None  # "it" is no person
    assert person_referent("she", ["Who is Jane Unheardof?"], IDF) is None  # a name no article uses
    assert person_referent("he", ["Ajay Prakash Sawhney said what?"], IDF) is None  # opening the question


def test_a_name_typed_in_lowercase_is_the_name_the_answer_wrote() -> None:
    """Chat rarely capitalises: after "who is ajay sawhney", "he" was left unresolved, the name being read only
    from capitals; the answer's quotes write it."""
    quoted = ("Instead, the MeitY Secretary Ajay Prakash Sawhney is likely to lead the talks.",
              "According to India Today, Ajay Sawhney, Secretary of MeitY, will be meeting Twitter officials.")
    assert person_referent("he", ["who is ajay sawhney"], IDF, [quoted]) == ("sawhney", "Ajay Sawhney")
    assert person_referent("he", ["who is ajay sawhney"], IDF) is None  # nothing quoted: no name to read
    assert person_referent("he", ["what is koo"], IDF, [("Ministers back the app Koo.",)]) is None


def test_a_personal_pronoun_is_replaced_once_and_a_possessive_keeps_its_s() -> None:
    assert resolve("what is his job? his role?", "his", "Sawhney") == "what is Sawhney's job? his role?"
    assert resolve("did it grow?", "it", "Koo") == "did Koo grow?"
    assert resolve("who reported on that?", "that", "Koo") is None  # "that" stands for a whole event


def test_it_is_the_name_the_earlier_question_gave_itself() -> None:
    """"why was tunnelfox removed from orchardly's store?" then "what about people who already have it": "it"
    is the app the question named, typed in lowercase and read as its answer writes it; a name of several
    words is read whole, and a name that ends its sentence ends there."""
    quoted = ("Nemrath: Orchardly has removed the app TunnelFox from its store, the developer said.",)
    known = {"tunnelfox", "orchard", "remov", "store"}
    asked = "why was tunnelfox removed from orchardly's store?"
    assert thing_referent("it", asked, quoted, known) == "TunnelFox"
    assert thing_referent("they", "How did Chorusly respond to the leak?", (), {"chorusli", "leak"}) == "Chorusly"
    assert thing_referent("it", "what is Quipster Plus? and the price?", (), {"quipster", "plus", "price"}
                          ) == "Quipster Plus"
    assert thing_referent("it", "who defended Clause 28 in the bill?", (), {"claus", "bill"}
                          ) == "Clause 28"
    assert thing_referent("they", "Twitter got orders from MeitY. What happened?", (), {"meiti", "order"}
                          ) == "MeitY"
    # Only what the index holds and is not too common: "Why" opens the question, "the" names nothing.
    assert thing_referent("it", "Why is it so?", (), {"so"}) is None
    # A question naming nothing asked for the name its answer gave ("the made-in-India app mentioned": Koo).
    assert thing_referent("it", "Tell me about the made-in-India app mentioned.",
                          ("Ministers reacted. In this light the made-in-India app Koo grew.",), {"app"}) is None
    assert thing_referent("he", asked, quoted, known) is None  # a person is ``person_referent``'s to find
    assert thing_referent("that", asked, quoted, known) is None  # no single name replaces "that"


def test_a_name_after_the_is_no_persons() -> None:
    """"what did the court order yammerly to do?" then "what about her appeals to the platform": the quote's
    "The High Court" ends in the asked "court" and was taken for whom "her" meant."""
    quoted = ("The High Court ordered Yammerly to restore her account.",)
    assert person_referent("her", ["what did the court order yammerly to do?"], {"court": 3.0}, [quoted]) is None
    assert person_referent("he", ["who is sawhney"], IDF, [("Secretary Ajay Sawhney will lead.",)]
                           ) == ("sawhney", "Secretary Ajay Sawhney")


@pytest.mark.parametrize(
    ("scene", "subject"),
    [
        ("twitter reached out on monday.", "twitter"),  # lowercase and first: no capital names it
        ("So sawhney is going to hold talks with twitter.", "sawhney"),
        ("the accounts were flagged by security agencies.", "the accounts"),
        ("I read that the government sent twitter three notices.", "the government"),
        ("Twitter's senior management was to meet the minister.", "Twitter's senior management"),
        ("I was reading about the tractor rally.", None),  # "I" is no subject "it" stands for
        ("it was all over the news on monday.", None),
        ("lots of people on my timeline keep talking about koo and blocking.", None),  # no verb in reach
        ("the zorblax were flagged.", None),  # a word no article uses: nothing to search for
    ],
)
def test_a_scene_opens_with_its_subject(scene: str, subject: str | None) -> None:
    known = {"twitter", "sawhney", "account", "govern", "manag"}
    assert scene_subject(scene, known) == subject
