"""Several questions in one message are answered each on its own (``retrieval.several``)."""

from __future__ import annotations

import re

import pytest

from index.lexical import terms
from retrieval.engine import Engine
from retrieval.question import analyse
from retrieval.several import context_and_ask, joined, one_line, questions_in
from retrieval.types import Answer, Citation


@pytest.mark.parametrize("text, parts", [
    ("Who is Ajay Sawhney? When will he meet Twitter?", ["Who is Ajay Sawhney?", "When will he meet Twitter?"]),
    ("how many accounts were blocked?   which app are ministers moving to?",
     ["how many accounts were blocked?", "which app are ministers moving to?"]),
    ("How many accounts were blocked?", ["How many accounts were blocked?"]),
    ("Why?? Really??", ["Why?? Really??"]),  # nothing named: one message, as before
    ("Koo? The app?", ["Koo? The app?"]),
    ("Did Twitter comply? I read that it refused.", ["Did Twitter comply? I read that it refused."]),
    ("Who? What? When? Where did Twitter meet?", ["Who? What? When? Where did Twitter meet?"]),
    # The last question's "?" left off, as chat does: it still asks, by its opening word.
    ("who is ajay sawhney? how many accounts did twitter suspend",
     ["who is ajay sawhney?", "how many accounts did twitter suspend"]),
    ("Koo? the app", ["Koo? the app"]),
    ("Who is Sawhney? He leads the talks", ["Who is Sawhney? He leads the talks"]),
    # A full stop typed for the "?" before the next asking word.
    ("Who is Ajay Sawhney. How many accounts did Twitter suspend?",
     ["Who is Ajay Sawhney.", "How many accounts did Twitter suspend?"]),
    ("what did the U.S. say about the blocking orders", ["what did the U.S. say about the blocking orders"]),
    ("Did the U.S. do anything about the blocking?", ["Did the U.S. do anything about the blocking?"]),
    ("Why did the U.S. have no comment on the orders?", ["Why did the U.S. have no comment on the orders?"]),
    ("Twitter blocked accounts. How many?", ["Twitter blocked accounts. How many?"]),
    # A numbered list on one line; a number inside a question is no item.
    ("1. who is sawhney 2. what is koo", ["who is sawhney", "what is koo"]),
    ("1) who is sawhney? 2) what is koo?", ["who is sawhney?", "what is koo?"]),
    ("what happened on Feb 10. Who met?", ["what happened on Feb 10. Who met?"]),
    ("why were 2. who accounts blocked", ["why were 2. who accounts blocked"]),
    # "and" joins a second question when an asking word and an auxiliary (or "how many") start it.
    ("who is ajay sawhney and when will he meet twitter", ["who is ajay sawhney", "when will he meet twitter"]),
    ("did twitter comply and how many accounts did it restore?",
     ["did twitter comply", "how many accounts did it restore?"]),
    ("who is sawhney and whats his job?", ["who is sawhney", "whats his job?"]),
    ("how many accounts did twitter block and why", ["how many accounts did twitter block and why"]),  # no subject
    ("what did the government and who else ask", ["what did the government and who else ask"]),
    ("tell me about koo and how many users joined it", ["tell me about koo and how many users joined it"]),
    ("koo and what is it", ["koo and what is it"]),  # the first part asks nothing
    ("what is koo and who founded it?", ["what is koo", "who founded it?"]),  # "who" + a verb in the past
    ("is twitter complying and is the government satisfied?",
     ["is twitter complying", "is the government satisfied?"]),  # two that open with an auxiliary
    ("did twitter block and restore the accounts", ["did twitter block and restore the accounts"]),
    # "whose", "which" or "what" with its noun, then an auxiliary: read as one question, the second went unanswered.
    ("how many accounts did twitter suspend and whose accounts did it refuse to touch?",
     ["how many accounts did twitter suspend", "whose accounts did it refuse to touch?"]),
    ("how many accounts were blocked and which law was used", ["how many accounts were blocked", "which law was used"]),
    ("which accounts and which hashtags were blocked", ["which accounts and which hashtags were blocked"]),
])
def test_only_a_run_of_whole_questions_is_split(text: str, parts: list[str]) -> None:
    assert questions_in(text) == parts


@pytest.mark.parametrize("text, line, parts", [
    # One question a line, as chat writes a list: each ends with a question mark, and is answered on its own.
    ("who is ajay sawhney\nhow many accounts did twitter suspend",
     "who is ajay sawhney? how many accounts did twitter suspend?",
     ["who is ajay sawhney?", "how many accounts did twitter suspend?"]),
    ("1. who is ajay sawhney.\n\n2) how many accounts did twitter suspend?",
     "who is ajay sawhney? how many accounts did twitter suspend?",
     ["who is ajay sawhney?", "how many accounts did twitter suspend?"]),
    ("- who is ajay sawhney\n- what is koo", "who is ajay sawhney? what is koo?",
     ["who is ajay sawhney?", "what is koo?"]),
    # Lines that are not each a question are one text, joined with a space.
    ("who is the minister who turned down\nthe meeting with twitter",
     "who is the minister who turned down the meeting with twitter",
     ["who is the minister who turned down the meeting with twitter"]),
    ("how many accounts\nwere blocked?", "how many accounts were blocked?", ["how many accounts were blocked?"]),
    # A question wrapped over lines, its last line ending with "?": one question, not two.
    ("How many accounts did the government ask\nTwitter to block?",
     "How many accounts did the government ask Twitter to block?",
     ["How many accounts did the government ask Twitter to block?"]),
    ("how many accounts\ndid twitter restore?", "how many accounts did twitter restore?",
     ["how many accounts did twitter restore?"]),
    ("who is the minister who turned down\nthe meeting with twitter?",
     "who is the minister who turned down the meeting with twitter?",
     ["who is the minister who turned down the meeting with twitter?"]),
    # After a line ended by "?", the next one is a question whatever it opens with.
    ("who is ajay sawhney?\nis twitter complying", "who is ajay sawhney? is twitter complying?",
     ["who is ajay sawhney?", "is twitter complying?"]),
    ("hi bot\nwho is ajay  sawhney", "hi bot who is ajay sawhney", ["hi bot who is ajay sawhney"]),
    ("1. twitter\n2. koo", "1. twitter 2. koo", ["1. twitter 2. koo"]),
])
def test_a_list_of_questions_one_a_line_is_kept_apart(text: str, line: str, parts: list[str]) -> None:
    assert one_line(text) == line
    assert questions_in(line) == parts


def test_a_long_list_of_questions_is_still_split() -> None:
    """Nine questions, one a line, were one text (over eight) and one decline that echoed them all."""
    asked = [f"what did the ministry say on day {n}" for n in range(1, 10)]
    assert questions_in(one_line("\n".join(asked))) == [f"{q}?" for q in asked]


def _cite(doc: str, start: int) -> Citation:
    return Citation(doc, "T", None, None, "quote", start, start + 5, 0.5)


def test_joined_answers_number_their_citations_through() -> None:
    shared, first, other = _cite("a", 0), _cite("a", 10), _cite("b", 0)
    answers = [
        Answer("Who is X?", "X leads it. [1] X met them. [2]", True, [first, shared]),
        Answer("When did he meet them?", "X met them. [1] On Monday. [2]", True, [shared, other]),
        Answer("Why?", "I couldn't find a clear answer to “Why” in the articles. The closest passages are below.",
               False, [_cite("c", 0)]),
    ]
    reply = joined("Who is X? When did he meet them? Why?", answers)
    assert reply.citations == [first, shared, other]  # a quote cited twice keeps its number
    assert reply.text.split("\n\n") == [
        "“Who is X?” X leads it. [1] X met them. [2]",
        "“When did he meet them?” X met them. [2] On Monday. [3]",
        # A decline names its question, and where its closest passages are, as a lone decline does.
        "I couldn't find a clear answer to “Why” in the articles. The closest passage is below, under “Also in "
        "the articles”.",
    ]
    assert reply.answered and reply.related == [_cite("c", 0)] and not reply.expanded
    leaning = Answer("When?", "On Monday. [1]", True, [other], searched_for="When? X", expanded=True)
    assert joined("Who is X? When?", [answers[0], leaning]).expanded  # the report counts it as a follow-up


def test_a_message_of_two_questions_gets_both_answers(seed_engine: Engine) -> None:
    """Searched as one text, this pair was answered with the suspended accounts alone: no sentence answers
    both, so the app went unnamed."""
    reply = seed_engine.ask("How many accounts did Twitter permanently suspend? "
                            "Which app is the government promoting as an alternative to Twitter?")
    assert reply.answered and "500" in reply.text and "Koo" in reply.text
    assert {int(n) for n in re.findall(r"\[(\d+)\]", reply.text)} == set(range(1, len(reply.citations) + 1))
    for c in reply.citations:
        assert c.quote and c.end > c.start


def test_a_second_question_joined_by_and_gets_its_own_answer(seed_engine: Engine) -> None:
    """Searched as one text, "who is X and how many Y" looked for a sentence about both."""
    reply = seed_engine.ask("who is ajay sawhney and how many accounts did twitter permanently suspend")
    assert reply.answered and len(reply.parts) == 2 and all(p.answered for p in reply.parts)
    assert "Sawhney" in reply.parts[0].text and "500" in reply.parts[1].text


def test_a_message_of_more_questions_than_are_answered_says_which_were_left(seed_engine: Engine) -> None:
    """Five questions in one message were searched as one text and declined, the whole message quoted."""
    reply = seed_engine.ask("Who is Ajay Sawhney? How many accounts did Twitter permanently suspend? Which app "
                            "is the government promoting? When did Twitter restore the accounts? What is Section 69A?")
    assert len(reply.parts) == 3 and reply.answered
    assert reply.text.endswith("(I answered the first 3 questions of your message; please ask the other 2 on their "
                               "own.)")


def test_when_every_question_is_declined_the_closest_passages_stay() -> None:
    below = " The closest passages are below."
    answers = [Answer("Why A?", f"I couldn't find a clear answer to “Why A” in the articles.{below}", False,
                      [_cite("a", 0), _cite("b", 0)]),
               Answer("Why B?", f"I couldn't find a clear answer to “Why B” in the articles.{below}", False,
                      [_cite("b", 0), _cite("c", 0)])]
    reply = joined("Why A? Why B?", answers)
    assert not reply.answered and reply.citations == [_cite("a", 0), _cite("b", 0), _cite("c", 0)]
    assert reply.text.count(below) == 1 and reply.text.endswith(below)


def test_a_declined_question_among_answered_ones_says_where_its_closest_passages_are() -> None:
    """Answered beside another, a decline said only "I couldn't find a clear answer", its closest passage
    stripped of the "below" and, third in a list cut at two, sometimes not shown at all."""
    first, second, other = _cite("a", 0), _cite("a", 10), _cite("b", 0)
    below = " The closest passages are below."
    answers = [
        Answer("Who is X?", "X leads it. [1]", True, [first], related=[_cite("r", 0)]),
        Answer("When did he meet them?", "On Monday. [1] In Delhi. [2]", True, [second, other],
               related=[_cite("r", 10)]),
        Answer("Why?", f"I couldn't find a clear answer to “Why” in the articles.{below}", False,
               [_cite("c", 0), _cite("c", 10), _cite("c", 20)]),
        Answer("How?", f"I couldn't find a clear answer to “How” in the articles.{below}", False,
               [other, _cite("c", 0)]),
    ]
    reply = joined("Who is X? When did he meet them? Why? How?", answers)
    assert reply.text.split("\n\n")[2:] == [
        "I couldn't find a clear answer to “Why” in the articles. The closest passages are below, under “Also in "
        "the articles”.",
        "I couldn't find a clear answer to “How” in the articles. The closest passages are [3], and below, under "
        "“Also in the articles”.",  # one of them answers another question: pointed to by its number
    ]
    # Each declined question's closest passages are shown first, once; the answers' related sentences follow.
    assert reply.related[:2] == [_cite("c", 0), _cite("c", 10)] and _cite("r", 0) in reply.related
    assert [p.question for p in reply.parts] == ["Who is X?", "When did he meet them?", "Why?", "How?"]
    assert [p.answered for p in reply.parts] == [True, True, False, False]


def test_when_every_question_is_declined_each_shows_its_closest_passage() -> None:
    """The first question's three closest passages filled the list: the second's "closest passages are below"
    pointed at none of its own."""
    below = " The closest passages are below."
    answers = [Answer("Why A?", f"I couldn't find a clear answer to “Why A” in the articles.{below}", False,
                      [_cite("a", 0), _cite("a", 10), _cite("a", 20)]),
               Answer("Why B?", f"I couldn't find a clear answer to “Why B” in the articles.{below}", False,
                      [_cite("b", 0)])]
    reply = joined("Why A? Why B?", answers)
    assert reply.citations == [_cite("a", 0), _cite("b", 0), _cite("a", 10)]
    assert len(reply.parts) == 2 and not any(p.answered for p in reply.parts)


def test_a_message_asking_several_keeps_each_answer(seed_engine: Engine) -> None:
    """The bot's history records each question of the message (``Answer.parts``): the one declined here is a
    knowledge gap though the reply answers the other."""
    reply = seed_engine.ask("Who is Ajay Sawhney? How much is Koo worth?")
    assert reply.answered and [p.question for p in reply.parts] == ["Who is Ajay Sawhney?", "How much is Koo worth?"]
    assert [p.answered for p in reply.parts] == [True, False]
    assert "closest passage" in reply.text.split("\n\n")[1]
    assert not seed_engine.ask("Who is Ajay Sawhney?").parts  # a lone question has none


def test_a_question_answered_by_the_same_quotes_points_to_them() -> None:
    """"how many notices has meity sent so far and what did the last one ask for": the one sentence that
    answers both was quoted twice, and the reply ran past the length of an answer."""
    notices = _cite("a", 0)
    answers = [Answer("how many notices has meity sent", "Three notices, the latest for 1,178. [1]", True, [notices]),
               Answer("what did the last one ask for", "Three notices, the latest for 1,178. [1]", True, [notices])]
    reply = joined("how many notices has meity sent and what did the last one ask for", answers)
    assert reply.text.split("\n\n") == ["“how many notices has meity sent” Three notices, the latest for 1,178. [1]",
                                        "“what did the last one ask for” The same passage as above: [1]."]
    assert reply.citations == [notices]


def test_a_question_answered_by_some_of_the_quotes_above_points_to_them() -> None:
    """"how many accounts did the latest notice ask to block and who were they linked to": the second
    answer's one sentence, quoted already for the count, was quoted again in full and the reply ran long.
    An answer with words of its own besides the quotes keeps them."""
    first, latest = _cite("a", 0), _cite("a", 1)
    count = Answer("how many accounts", f"{first.quote} [1] {latest.quote} [2]", True, [first, latest])
    linked = Answer("who were they linked to", f"{latest.quote} [1]", True, [latest])
    reply = joined("how many accounts and who were they linked to", [count, linked])
    assert reply.text.split("\n\n")[1] == "“who were they linked to” The same passage as above: [2]."
    worded = Answer("who were they linked to", f"Khalistan, per: {latest.quote} [1]", True, [latest])
    assert "Khalistan, per:" in joined("how many and who", [count, worded]).text


@pytest.mark.parametrize("text, told", [
    ("I read about the tractor rally and some hashtag. What was the hashtag the first notice targeted?",
     ("I read about the tractor rally and some hashtag.", "What was the hashtag the first notice targeted?")),
    ("My cousin follows this. She told me about the notices. How many accounts did the latest one ask to block?",
     ("My cousin follows this. She told me about the notices.",
      "How many accounts did the latest one ask to block?")),
    ("Who is Ajay Sawhney? When will he meet Twitter?", None),  # questions one after another
    ("Twitter blocked accounts. How many?", None),  # the ask names nothing of its own
    ("Did Twitter comply? I read that it refused.", None),  # the last sentence asks nothing
    ("How many accounts did Twitter permanently suspend?", None),
])
def test_the_context_told_before_the_ask_is_set_apart(text: str, told: tuple[str, str] | None) -> None:
    assert context_and_ask(text) == told


def test_a_question_after_its_context_is_answered_as_asked(seed_engine: Engine) -> None:
    """Searched as one text, the context's words outweighed the ask's: the sentence naming the first notice's
    hashtag ranked fourth and the message was declined."""
    text = ("So I was reading about the whole farmers protest thing and the tractor rally on Republic Day, and "
            "apparently some hashtag got the government really worked up. What was the hashtag that the first "
            "notice targeted?")
    reply = seed_engine.ask(text)
    assert reply.answered and "#ModiPlanningFarmerGenocide" in reply.text and reply.question == text
    # A "he" in the ask finds the name the context gave.
    named = seed_engine.ask("I keep hearing about Ajay Sawhney. Who will he meet from Twitter?")
    assert named.answered and "Vice President of Global Public Policy" in named.text


@pytest.mark.parametrize(("question", "searched"), [
    ("what is he going to do", ""), ("is the centre going to promote koo", "centre promote koo"),
    ("is twitter going to the court", "twitter going court"), ("is Sawhney going to Delhi", "sawhney going Delhi"),
])
def test_going_to_before_a_verb_is_no_search_word(question: str, searched: str) -> None:
    """"going to" before a verb says "will"; before a determiner or a name it is a movement, and stays."""
    assert analyse(question).terms == terms(searched)


def test_what_he_is_going_to_do_is_answered_after_who_he_is(seed_engine: Engine) -> None:
    """"who is ajay sawhney and what is he going to do" answered who he is and declined the rest ("going" was a
    word no sentence about his talks holds), while "... and what will he do" was answered."""
    answer = seed_engine.ask("who is ajay sawhney and what is he going to do")
    assert answer.answered and "I couldn't find" not in answer.text
    assert "lead the talks" in answer.text or "will meet" in answer.text or "will be meeting" in answer.text


def test_the_scene_a_message_sets_is_what_its_it_means(seed_engine: Engine) -> None:
    """"it" is the subject the scene opens with, typed in lowercase and as common as the story's main actor,
    and the scene's words are the ask's own: read as a turn before the ask, "twitter reached out on monday. what
    did it ask for?" borrowed "reached monday" and was declined over a tweet "asking for an emoji"."""
    text = "twitter reached out on monday. what did it ask for?"
    reply = seed_engine.ask(text)
    assert reply.answered and "formal dialogue" in reply.text and reply.question == text
    assert reply.searched_for == "what did twitter ask for? reached monday"
