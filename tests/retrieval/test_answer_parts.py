"""The pure pieces of answer composition: question kinds, figures, clause trimming."""

from __future__ import annotations

import pytest

from index.figures import figures, figures_near, has_date
from index.lexical import terms
from retrieval.answer import _adds
from retrieval.answer_like import is_answer_like
from retrieval.asked import asked_span
from retrieval.features import _type_match, sentence_terms
from retrieval.question import Kind, analyse
from retrieval.quotes import ELLIPSIS, trim_to_window
from retrieval.signals import asks_duration, carries, name_near
from retrieval.types import Citation


@pytest.mark.parametrize(
    ("question", "kind"),
    [("How many accounts were blocked?", Kind.COUNT), ("how much was the fine", Kind.COUNT),
     ("What is the number of notices sent?", Kind.COUNT), ("When did the talks start?", Kind.WHEN),
     ("On what date was the post published?", Kind.WHEN), ("Who leads the talks?", Kind.WHO),
     ("Why did Twitter refuse?", Kind.WHY), ("What app is promoted?", Kind.NAME),
     ("Which law was invoked?", Kind.NAME), ("What did the minister say?", Kind.OTHER),
     ("how long did the shutdown last", Kind.COUNT), ("for what reason was it banned", Kind.WHY),
     ("what percentage of posts were removed", Kind.COUNT), ("whos leading the talks", Kind.WHO),
     ("whens the meeting", Kind.WHEN), ("What kind of accounts were suspended?", Kind.OTHER),
     ("what type of app is it", Kind.OTHER)],
)
def test_question_kinds(question: str, kind: Kind) -> None:
    assert analyse(question).kind is kind


def test_count_focus_is_the_counted_thing() -> None:
    assert analyse("How many Twitter accounts were ordered blocked?").focus == ["account"]
    assert analyse("How many of the orders were emergency orders?").focus == ["order"]
    assert analyse("how many registered users does the app have").focus == ["user"]


@pytest.mark.parametrize(("question", "focus"), [
    ("how many ministers joined the app", ["minist"]),  # was "app": read to the end, the last word
    ("how many people used it before the ban", ["peopl"]),  # was "ban"
    ("how many departments on the app", ["depart"]),
    ("how many officials went to the meeting", ["offici"]),
    ("how many accounts blocked by twitter were restored", ["account"]),
    ("how many of the blocked posts were restored", ["post"]),  # "blocked" is no verb after "the"
    ("how many of the 312 listed accounts were removed", ["account"]),
    ("how many committee members formally disagreed with the report", ["member"]),
])
def test_count_focus_ends_at_a_verb_chat_leaves_without_its_auxiliary(question: str, focus: list[str]) -> None:
    assert analyse(question).focus == focus


@pytest.mark.parametrize(("question", "kind"), [
    ("wen was the order issued", Kind.WHEN), ("wat regulation did the ministry use", Kind.NAME),
    ("hw many accounts", Kind.COUNT), ("whr is the company based", Kind.WHERE),
])
def test_chat_shorthand_for_the_asking_word_is_read_as_that_word(question: str, kind: Kind) -> None:
    assert analyse(question).kind is kind


@pytest.mark.parametrize(("question", "kind"), [
    ("fine amount?", Kind.COUNT), ("next hearing date?", Kind.WHEN), ("deadline?", Kind.WHEN),
    ("what is the deadline", Kind.WHEN), ("whats the death toll", Kind.COUNT), ("ban reason?", Kind.WHY),
    ("meeting venue", Kind.WHERE),
    # Only the last word of a phrase with no asking word names the sort of answer.
    ("busiest day downloads?", Kind.OTHER), ("accounts blocked", Kind.OTHER),
    ("what did the minister say on that day", Kind.OTHER),
])
def test_a_bare_phrase_naming_the_sort_of_answer_asks_for_it(question: str, kind: Kind) -> None:
    """"fine amount?" was no count and "next hearing date?" no "when": the answer model judged sentences for
    another kind of question, and the one with the fine's figure, first, was declined."""
    assert analyse(question).kind is kind


def test_shorthand_for_asking_words_is_no_search_word() -> None:
    """"b4" was searched as "b" and the figure 4, which a count's answer then had to leave out as stated by
    the question; "wen", "wat" and "r" counted as question words no sentence holds."""
    counted = analyse("how many ppl used the app b4 the ban")
    assert "4" not in counted.terms and "b" not in counted.terms and "ppl" in counted.terms
    assert analyse("wen r the judges hearing it").terms == ["judg", "hear"]
    assert analyse("wat did the govt block").terms == ["govern", "block"]


def test_figures_skip_years_dates_hashtags_and_sections() -> None:
    found = [f.text for f in figures("On 26 January 2021, 1,178 accounts and two orders; #Tag2021 Section 69A, 24/7")]
    assert found == ["1,178", "two"]
    assert [f.value for f in figures("more than 500 accounts, 12.5 percent")] == [500.0, 12.5]


def test_figures_near_requires_the_counted_thing_close_by() -> None:
    sentence = "The ministry sent three notices, the latest asking it to block 1,178 accounts."
    assert [f.text for f in figures_near(sentence, ["account"])] == ["1,178"]
    assert [f.text for f in figures_near(sentence, ["notic"])] == ["three"]
    assert figures_near(sentence, ["employe"]) == []


def test_dates() -> None:
    assert has_date("Beginning on 26 January 2021, the team worked.")
    assert has_date("Twitter said on February 8 that it was cooperating.")
    assert has_date("It met on Wednesday.")
    assert not has_date("It may meet the minister soon.")


def test_short_text_is_kept_whole() -> None:
    assert trim_to_window("Koo is an app.", {"koo"}, 100) == ("Koo is an app.", (0, 14))


def test_long_sentence_is_cut_to_the_clauses_with_the_terms() -> None:
    text = ("After a long meeting on Monday, officials said, according to people familiar with the talks, "
            "that Twitter would block 257 accounts, which it later restored, and that more talks were due.")
    shown, (s, e) = trim_to_window(text, {"block", "account"}, 90)
    assert "block 257 accounts" in shown and len(shown) <= 90
    assert shown.strip(ELLIPSIS + " ") == text[s:e]


def test_must_span_is_kept_when_trimming() -> None:
    text = "The government, which had asked for many things, said 250 accounts, all of them bots, were not removed."
    start = text.index("250")
    shown, (s, e) = trim_to_window(text, {"govern"}, 60, must=(start, start + 3))
    assert "250" in shown and s <= start < e


def test_must_span_in_a_clause_too_long_to_fit_is_kept_with_words_around_it() -> None:
    text = ("The ministry has sent three notices to Twitter, the latest one asking the company to block 1,178 "
            "accounts believed to be linked to sympathisers and those backed by others abroad.")
    start = text.index("1,178")
    shown, (s, e) = trim_to_window(text, {"notic"}, 70, must=(start, start + 5))
    assert "block 1,178 accounts" in shown and len(shown) <= 70
    assert shown.startswith(ELLIPSIS) and shown.endswith(ELLIPSIS)
    assert shown.strip(ELLIPSIS + " ") == text[s:e]


def test_request_words_do_not_count_as_what_the_question_is_about() -> None:
    assert analyse("How many accounts were blocked? Give numbers please.").terms == ["account", "block"]
    assert analyse("Tell me").terms  # nothing else to go on: keep them
    # Words about the articles themselves name nothing in them.
    assert analyse("Tell me about the app mentioned in the coverage").terms == terms("app")


def test_a_dropped_apostrophe_or_kind_of_leaves_no_word_to_look_for() -> None:
    assert analyse("whats the app for").terms == terms("app")
    assert analyse("What kind of speech does Twitter defend?").terms == terms("speech twitter defend")


def test_a_when_answer_is_completed_by_a_sentence_that_gives_the_time() -> None:
    when = analyse("and when is he expected to meet Twitter?")
    meets = "Sawhney will meet Twitter's vice president through a video conference."
    assert _adds(when, [meets], "The talks are likely to happen this week.")  # a relative time counts
    assert _adds(when, [meets], "They met on February 10.")
    assert not _adds(when, [meets], "The talks were about blocked accounts.")
    assert not _adds(when, ["They met on Monday."], "The talks are likely to happen this week.")  # has one
    assert not _adds(analyse("Who leads the talks?"), [meets], "The talks are likely to happen this week.")


def test_a_time_word_inside_a_name_is_no_time() -> None:
    assert not carries("According to India Today, Sawhney will meet Twitter officials.").has_relative_time
    assert not carries("USA Today reported the talks.").has_relative_time
    assert carries("Today, the ministry met Twitter.").has_relative_time
    assert carries("The ministry met Twitter today.").has_relative_time


def test_a_dateline_is_not_what_a_sentence_says() -> None:
    (delhi,) = terms("delhi")
    assert delhi in sentence_terms("Twitter met officials in New Delhi on Monday.")
    assert delhi not in sentence_terms("New Delhi: Twitter on Monday reached out to the government.")
    assert set(terms("twitter government")) <= sentence_terms("New Delhi: Twitter reached out to the government.")
    # Only capitalised words before the colon make a dateline: "Twitter told officials" is no place.
    assert terms("officials")[0] in sentence_terms("Twitter told officials: we complied.")


@pytest.mark.parametrize(("sentence", "like"), [
    ("The ministry wrote to Twitter again on Wednesday.", True),
    ("- Twitter must appoint a grievance officer within fifteen days", True),
    ("2. Platforms must publish a monthly compliance report", True),
    ("Twitter vs India: the standoff over blocking orders", False),  # a heading
    ("- Photo by the ministry", False),  # too short to state anything
    # a figure's statement is short: a correction's right figure was the best sentence and could not answer
    ("The order covered 430 accounts.", True),
    ("The ministry said nothing more.", False),  # five words, no figure
    ("In 2021.", False),
    ("Why did Twitter restore the accounts?", False),
    # an interviewer's turn puts a question even as a statement; the answer's turn is the story's
    ("Q: Your office sent a lot of removal notices in its first year.", False),
    ("Interviewer: Ministers say you are too soft on the platform.", False),
    ("Commissioner: We issued 1,420 removal notices between September and August.", True),
    # a broadcast's host leads in as an interviewer does: "HOST: The ministry has said it will respond to Pipit on
    # Friday." answered "what did the ministry say in its response on friday", which no article tells
    ("HOST: The ministry has said it will respond to the platform on Friday.", False),
    ("ANCHOR (Radio Estrava): Officials blocked 240 accounts this week.", False),
    ("GUEST: We counted 2,816 orders in 2020.", True),
    ("Hosting firms were told to keep logs for 180 days.", True),
    ("Quarter\tRequests\tAccounts withheld\nQ1 2022\t312\t1,048\nQ2 2022\t455\t1,930", True),  # a small table
])
def test_answer_like_sentences(sentence: str, like: bool) -> None:
    assert is_answer_like(sentence) is like


@pytest.mark.parametrize(
    ("question", "category"),
    [
        ("whats the opposition party called", terms("opposition party")),
        ("Which law did the goverment use?", terms("law")),
        ("what is the name of the app", terms("app")),
        ("Which official body has sided with the journalists?", terms("official body")),
        ("Who leads the talks?", []),  # a who question wants a person or an organisation of any sort
    ],
)
def test_a_name_question_says_what_sort_of_thing_is_named(question: str, category: list[str]) -> None:
    assert list(analyse(question).category) == category


def test_a_name_beside_the_sort_of_thing_asked_for() -> None:
    question = "whats the archive called"
    category = analyse(question).category
    assert name_near("The archive, which the company calls the Ad Ledger, lists 48,300 ads.", category, question)
    # A name far from the word, or a word the question itself capitalises, is not the one asked for.
    assert not name_near("The archive went live in the spring, a year after the committee in Tarvenia asked.",
                         category, question)
    assert not name_near("Whats the Archive worth?", category, "whats the Archive worth")


def test_a_long_sentence_s_clauses_are_tokenized_once_for_every_question() -> None:
    from retrieval.quotes import _clause_terms

    text = ("The ministry, which had written to the company twice, said on Monday that it would block the accounts, "
            "and the company, in a blog post, said it had acted on most of them.")
    _clause_terms.cache_clear()
    shown = [trim_to_window(text, set(terms(words)), 70)[0] for words in ("ministry written", "blog post")]
    assert _clause_terms.cache_info().misses == 1
    assert "ministry" in shown[0] and "blog post" in shown[1]


def test_a_sentence_is_tokenized_once_for_every_question_that_reads_it() -> None:
    from retrieval.signals import _name_words

    sentence = "The archive, which the company calls the Ad Ledger, lists 48,300 ads."
    _name_words.cache_clear()
    for question in ("whats the archive called", "what is the name of the archive", "which company runs it"):
        name_near(sentence, analyse(question).category, question)
    assert _name_words.cache_info().misses == 1


def test_a_stated_cause_and_a_length_of_time_are_read_from_the_surface() -> None:
    assert carries("The videos were removed because a system flagged them.").has_strong_reason
    assert carries("The videos were removed after a system flagged them.").has_reason
    assert not carries("The videos were removed after a system flagged them.").has_strong_reason
    assert carries("Platforms must act within 36 hours of a notice.").has_duration
    assert carries("He can be detained for up to three years.").has_duration
    assert not carries("Gatherly was fined 3.2 million castals.").has_duration
    assert asks_duration("how long do platforms get to take it down")
    assert not asks_duration("how many posts were removed")


@pytest.mark.parametrize(("question", "searched"), [
    ("how long did the shutdown last", "shutdown last"), ("How far is the office from Delhi?", "office delhi"),
    ("how long after the allegation did twitter issue its statement", "allegation twitter issue statement"),
])
def test_the_word_that_makes_how_ask_a_measure_is_not_searched(question: str, searched: str) -> None:
    """"how long after the government's allegation did Twitter issue its statement?" was declined above "within
    24 hours of the government's allegation": "long", a word no article used, counted against every sentence."""
    assert analyse(question).kind is Kind.COUNT
    assert analyse(question).terms == terms(searched)


def test_a_span_in_words_is_what_how_long_asks_for() -> None:
    """"how long were they blocked?" read "blocked those accounts for a few hours" as carrying no answer: the
    span gives no figure."""
    span = "Twitter had blocked those accounts for a few hours before unblocking them."
    assert _type_match(Kind.COUNT, span, "how long were the accounts blocked") == 1.5
    assert _type_match(Kind.COUNT, span, "how many accounts were blocked") == 0.0  # a count needs a figure
    stated = "The 36 hours began when the notice was served."  # the question's own figure is no answer
    assert _type_match(Kind.COUNT, stated, "how long after the 36 hours did it act") == 0.0


def test_chat_filler_does_not_count_as_what_the_question_is_about() -> None:
    """"who are the 1178 accounts supposedly linked to" was declined: "supposedly" is in no article, and it
    counted as a word of the question that no sentence holds."""
    assert analyse("who are the 1178 accounts supposedly linked to").terms == terms("1178 accounts linked")
    assert analyse("im kinda confused, is koo gonna replace twitter or something").terms == terms("koo replace twitter")


def test_a_long_clause_is_cut_to_what_the_question_words_lead_to() -> None:
    """A sentence of one long clause, too long for its room, was cut from its start, so a later sentence of
    "what did the govt accuse twitter of on monday" ended at "...allegation that Twitter was promoting…"."""
    text = ("\"Safety of our employees is a top priority,\" the micro-blogging website said in a statement within "
            "24 hours of the government's allegation that Twitter was promoting misinformation and provocative "
            "content.")
    shown, (s, e) = trim_to_window(text, set(terms("govt accuse twitter monday")), 150)
    assert shown.endswith("provocative content.") and shown.startswith(ELLIPSIS) and len(shown) <= 150
    assert "allegation" in shown and shown.strip(ELLIPSIS + " ") == text[s:e]
    # Without a question word in it, the sentence is still cut from its start.
    assert trim_to_window(text, {"koo"}, 150)[0].startswith("\"Safety")


@pytest.mark.parametrize(("question", "sentence", "asked"), [
    ("when was the app banned", "The ministry on Tuesday said it blocked the app on April 3 after the strike.",
     "on Tuesday"),
    ("when was the app banned", "The ministry blocked the app last week, officials said.", "last week"),
    ("who owns the app", "The app, which is owned by Quillmark Holdings of Brask, was blocked.",
     "Quillmark Holdings of Brask"),
    ("how many users did the app have", "The app had 2.7 million users before the 3 orders.", "2.7"),
    ("where is the company based", "The company, based in Tellmore, appealed.", None),
    ("why was the app banned", "The app was banned because of the strike.", None),
])
def test_what_a_question_asks_for_is_found_in_a_sentence(question: str, sentence: str, asked: str | None) -> None:
    span = asked_span(sentence, analyse(question))
    assert (sentence[span[0]:span[1]] if span else None) == asked


def test_a_quoted_table_keeps_its_cells_apart() -> None:
    """A table quoted whole (``index.tables``) was squeezed like a wrapped sentence, its header running into its
    figures: “Quarter Requests Accounts withheld Q1 2022 312 1,048”."""
    table = "Quarter\tRequests\tAccounts withheld\nQ1 2022\t312\t1,048"
    quoted = Citation("d", "Title", None, None, table, 0, len(table), 1.0).quoted
    assert quoted == "“Quarter | Requests | Accounts withheld; Q1 2022 | 312 | 1,048”"


@pytest.mark.parametrize(("question", "kind"), [
    ("blocked accounts count first notice", Kind.COUNT), ("deadline compliance notice", Kind.WHEN),
    ("total fine twitter india", Kind.COUNT),
    # Words that are also part of a name or another phrase name the sort only last; a sentence is no query.
    ("republic day violence", Kind.OTHER), ("time frame compliance", Kind.OTHER),
    ("the ministry said the total had gone up again since it sent the last notice", Kind.OTHER),
])
def test_a_keyword_query_names_the_sort_of_answer_anywhere(question: str, kind: Kind) -> None:
    """"blocked accounts count first notice" was no count (only a last word named the sort), and the
    sentence with the first notice's 257 accounts, first, was declined; "first notice blocked accounts
    count" was answered."""
    assert analyse(question).kind is kind


@pytest.mark.parametrize(("question", "kind", "category"), [
    ("what was the hashtag that the first notice targeted", Kind.NAME, ("hashtag",)),
    ("what is the law the ministry cited", Kind.NAME, ("law",)),
    ("what was the date that the order was issued", Kind.WHEN, ()),
    ("what is koo", Kind.OTHER, ()), ("what is the IT act", Kind.OTHER, ()),
])
def test_what_was_the_noun_and_a_clause_asks_as_what_noun_does(question: str, kind: Kind,
                                                               category: tuple[str, ...]) -> None:
    """"what was the hashtag the first notice targeted" was read as a definition and declined, while "what
    hashtag did the first notice target" (a name of that sort) was answered."""
    read = analyse(question)
    assert read.kind is kind and read.category == category


@pytest.mark.parametrize(("question", "kind", "searched"), [
    ("What exactly did the government say?", Kind.OTHER, "government"),
    ("what precisely happened at the meeting", Kind.OTHER, "happened meeting"),
    ("who actually leads the talks", Kind.WHO, "leads talks"),
    ("Quote me MeitY's exact words about the blog post", Kind.OTHER, "MeitY exact blog post"),
    ("what did meity say verbatim about the blog post", Kind.OTHER, "meity blog post"),
    ("Exactly how many accounts were bots?", Kind.COUNT, "exactly accounts bots"),
])
def test_a_request_for_the_exact_words_is_read_as_the_question_it_stresses(
        question: str, kind: Kind, searched: str) -> None:
    """"What exactly did the government say" was read as "what + noun", a name of the sort "exact", and its
    search counted "exact" (a word no article uses) against every sentence: it was declined while "what did
    the government say" was answered. "quote", "verbatim" and "words" ask for a quote, which every answer is;
    "exactly" elsewhere qualifies what is asked ("exactly how many") and stays a word of the question."""
    read = analyse(question)
    assert read.kind is kind
    assert read.terms == terms(searched)
