from __future__ import annotations

import pytest

from bot.validation import InvalidInput, clean_question, clean_topic, strip_control, strip_mentions, without_own_names


def test_control_and_invisible_characters_are_removed() -> None:
    assert strip_control("how\x00 many\u200b acc\x1b[31mounts\r\nwere\tblocked?\u202e") == \
        "how many accounts\nwere blocked?"
    assert clean_question("how\x00 many\u200b acc\x1b[31mounts\r\nwere\tblocked?\u202e", 100) == \
        "how many accounts were blocked?"


@pytest.mark.parametrize("typed, question", [
    ("what is \x1b[31mkoo\x1b[0m zzqx", "what is koo zzqx"),  # SGR colours, ESC [ … m
    ("what is \x1b[38;5;196;1mkoo\x1b[?25l zzqx", "what is koo zzqx"),  # parameters and private modes
    ("what is \x9b31mkoo\x9b0m zzqx", "what is koo zzqx"),  # the one-byte C1 CSI
    ("what is \x1b]0;pwned\x07koo zzqx", "what is koo zzqx"),  # OSC (a window title) ended by BEL
    ("what is \x1b]8;;https://x.example\x1b\\koo\x1b]8;;\x1b\\ zzqx", "what is koo zzqx"),  # OSC 8 link, ST
    ("what is \x1bPq#0\x1b\\koo \x1b(Bzzqx\x1b7", "what is koo zzqx"),  # DCS; charset and cursor save
    ("what is koo\x1b]0;never closed\nzzqx", "what is koo zzqx"),  # an open string ends with its line
])
def test_escape_sequences_go_whole(typed: str, question: str) -> None:
    """Dropping ESC alone left "[31m" and "0m" behind, and the terminal's decline named them as unknown words."""
    assert clean_question(typed, 1000) == question


def test_one_question_a_line_stays_a_list_of_questions() -> None:
    """Line breaks became spaces before the message was read, and "who is ajay sawhney⏎how many accounts did
    twitter suspend" was searched as one question and declined."""
    assert clean_question("<@U1> who is ajay sawhney\r\n\n  how many accounts did twitter suspend", 1000) == (
        "who is ajay sawhney? how many accounts did twitter suspend?")
    assert clean_question("who turned down\nthe meeting", 1000) == "who turned down the meeting"


@pytest.mark.parametrize("text", [None, "", "   ", "\x00\x01", "???", "\n\t"])
def test_empty_questions_get_a_helpful_message(text: str | None) -> None:
    with pytest.raises(InvalidInput, match="Please ask a question"):
        clean_question(text, 1000)


def test_long_questions_are_refused_with_the_limit() -> None:
    """The refusal said "keep it under 1,000" while exactly 1,000 characters were taken: it names the most allowed."""
    with pytest.raises(InvalidInput, match=r"1,500 characters long; please keep it to 1,000 characters or fewer\.$"):
        clean_question("a" * 1500, 1000)
    assert clean_question("  why?  ", 1000) == "why?"
    assert clean_question("a" * 1000, 1000) == "a" * 1000, "the limit itself is allowed, as the refusal says"
    with pytest.raises(InvalidInput, match=r"1,001 characters long; please keep it to 1,000 characters or fewer\.$"):
        clean_question("a" * 1001, 1000)
    assert clean_topic("k" * 100, 100) == "k" * 100
    with pytest.raises(InvalidInput, match=r"That topic is 101 characters long; please keep it to 100 characters or "):
        clean_topic("k" * 101, 100)


def test_topic_may_be_empty() -> None:
    assert clean_topic("  ", 100) is None
    assert clean_topic(" Koo\x00 app ", 100) == "Koo app"
    with pytest.raises(InvalidInput):
        clean_topic("x" * 101, 100)


def test_discord_and_slack_markup_reads_as_what_people_see() -> None:
    """A custom emoji's or timestamp's long id read as a figure no article gives, and turned an answerable
    question into "The articles never give the figure 1234567890123456"."""
    assert clean_question("how many accounts? <:thinking:1234567890123456> <a:party:987654321>", 100) == (
        "how many accounts?")
    assert clean_question("what happened on <t:1612915200:D>?", 100) == "what happened on 10 February 2021?"
    assert clean_question("see </ask:1100000000000000001> and <t:99999999999999:R>", 100) == "see /ask and"
    assert clean_question("what did MeitY say on <!date^1612915200^{date}|Feb 10th>?", 100) == (
        "what did MeitY say on Feb 10th?")


def test_italics_underscores_are_no_part_of_the_words() -> None:
    """Chat's italics ("_…_", Slack's and Discord's markdown, and what Discord's /me sends) left "_how" and
    "block_" as words no article has: "_how many accounts was Twitter ordered to block?_" was answered with the
    250 accounts Twitter failed to block instead of the 1,178 it was told to. One between letters stays."""
    assert clean_question("_how many accounts was Twitter ordered to block?_", 100) == (
        "how many accounts was Twitter ordered to block?")
    assert clean_question("who ordered the __blocking__ of _koo_ and snake_case_handles?", 100) == (
        "who ordered the blocking of koo and snake_case_handles?")
    assert clean_question("what is <:thinking_face:1234567890123456> this_", 100) == "what is this"


@pytest.mark.parametrize("text", [
    "**what happened on feb 10?**", "*what happened on feb 10?*", "> what happened on feb 10?",
    ">>> what happened on feb 10?", "||what happened on feb 10?||", "`what happened on feb 10?`",
    "```what happened on feb 10?```", "```\nwhat happened on feb 10?\n```", "~~what~~ happened on feb 10?",
    "# what happened on feb 10?", "-# what happened on feb 10?", "- what happened on feb 10?",
    "> *what* happened on ~feb 10~?",
])
def test_formatting_marks_are_no_part_of_the_question(text: str) -> None:
    """Bold, a quote, a spoiler, code, a heading (Discord's markdown, Slack's mrkdwn) around a question: its marks
    were read as its words, "**what happened on feb 10?**" was searched instead of listing the day's events
    (``bot.routing``), and the decline quoted the marks back."""
    assert clean_question(text, 100) == "what happened on feb 10?"


def test_formatting_marks_between_letters_or_figures_stay() -> None:
    assert clean_question("why did twitter say f*ck and 1~2 or a|b?", 100) == "why did twitter say f*ck and 1~2 or a|b?"
    assert clean_question("who started #NotInMyRoom?", 100) == "who started #NotInMyRoom?"


@pytest.mark.parametrize("text, question", [
    ("how many accounts were blocked? https://t.co/abc", "how many accounts were blocked?"),
    ("see https://www.example.org/x-y?z=1#top who is Ajay Sawhney", "who is Ajay Sawhney"),
    # Words that only hand the address over went into the question: "check this why was the blog post called
    # unusual" was declined for "check" and "called".
    ("check this https://t.co/abc123 why was the blog post called unusual", "why was the blog post called unusual"),
    ("bro see this https://x.example/1 who is sawhney", "who is sawhney"),
    # Words that name the subject, or ask, stay.
    ("koo https://koo.example who made it", "koo who made it"),
    # words that name the subject stay, a verb of looking with them or not
    ("read the koo blog https://x.example/a why was it called unusual",
     "read the koo blog why was it called unusual"),
    ("found this about koo https://x.example/a who made it", "found this about koo who made it"),
    ("what did meity say about https://x.example/a the blog post", "what did meity say about the blog post"),
    ("check this https://x.example/a", "check this"),
    ("who is Ajay Sawhney <https://example.com>", "who is Ajay Sawhney"),  # Slack's and Discord's <address>
    ("what is <https://example.org/koo|Koo>?", "what is Koo?"),  # a Slack link's label is what the user wrote
    ("what is koo? www.example.org/koo", "what is koo?"),
    # Discord's masked link: its address went and "[…](" stayed behind, quoted back in the decline.
    ("[what happened on feb 10?](https://example.com/x)", "what happened on feb 10?"),
    ("what is [koo](<https://example.org/koo>)?", "what is koo?"),
    # A lead-in that names the link by its label ("see [this](…)", Slack's "check <…|this>") goes as one typed
    # before a bare address does: "this what happened on feb 10?" was left.
    ("see [this](https://example.com/x) what happened on feb 10?", "what happened on feb 10?"),
    ("check <https://t.co/a|this> why was the blog post called unusual", "why was the blog post called unusual"),
    ("check <https://t.co/a|koo blog> why was it called unusual", "check koo blog why was it called unusual"),
    # A host and path typed without a scheme, as typed and as Slack links it: the label is an address too.
    ("check ndtv.com/news/x who is sawhney", "who is sawhney"),
    ("what did <http://x.com/a|x.com/a> say about koo", "what did say about koo"),
    ("how many accounts? twitter.com/TwitterIndia/status/1", "how many accounts?"),
    # A slash between words, a figure or a bare host with no path is no address.
    ("was it 24/7 and/or 1,178/257 accounts", "was it 24/7 and/or 1,178/257 accounts"),
    ("is koo.in an indian app", "is koo.in an indian app"),
])
def test_web_addresses_are_no_part_of_a_question(text: str, question: str) -> None:
    """With an address in it, an answerable question was declined ("the articles never use the words
    “https”, “co” or “abc”"), and the decline echoed the address back into the channel, a link the bot
    posted for whoever wrote it."""
    assert clean_question(text, 1000) == question


def test_a_message_that_is_only_an_address_is_no_question() -> None:
    with pytest.raises(InvalidInput, match="Please ask a question"):
        clean_question("https://example.org/story", 1000)


@pytest.mark.parametrize(("text", "left"), [
    ("@here@here how many accounts?", "how many accounts?"),
    ("@channel@HERE@everyone, how many?", ", how many?"),
    ("@here@heretic", "@heretic"),  # a run stops before a longer word
    ("mail@here@here.org", "mail@here@here.org"),  # inside an address: nothing is a broadcast
    ("<!here>@here<@U1>@everyone who?", "who?"),
])
def test_broadcast_words_back_to_back_go_in_one_pass(text: str, left: str) -> None:
    assert strip_mentions(text) == left


@pytest.mark.parametrize(("text", "question"), [
    ("@bot how many accounts did govt ask twitter to block", "how many accounts did govt ask twitter to block"),
    ("hey @dispute-bot who is sawhney", "hey who is sawhney"), ("who is sawhney @DisputeBot", "who is sawhney"),
    # An account's handle is part of the question.
    ("what did @TwitterIndia say", "what did @TwitterIndia say"), ("bot accounts?", "bot accounts?"),
    # Other handles ending in "bot" are accounts too: any "@…bot" went, and the question lost what it named.
    ("what did @TwitterIndia or @kooindiabot say", "what did @TwitterIndia or @kooindiabot say"),
    ("@dispute_bot did @Grokbot reply?", "did @Grokbot reply?"),
    ("mail@bot.example", "mail@bot.example"), ("@bot.example who", "@bot.example who"),
    # at the end of a sentence: "@bot." kept "bot" as a search word
    ("how many accounts were blocked @bot.", "how many accounts were blocked ."),
    ("who is sawhney, @DisputeBot.", "who is sawhney, ."), ("@bot... who is sawhney", "... who is sawhney"),
])
def test_the_bot_addressed_by_name_in_plain_text_is_no_part_of_the_question(text: str, question: str) -> None:
    """"@bot how many …" typed where no mention is made (the terminal) kept "bot" as a search word, borrowed
    by every follow-up after it ("Searched for: when was that bot govt Khalistan BJP-led")."""
    assert clean_question(text, 1000) == question


@pytest.mark.parametrize("text", ["dispute-bot", "Dispute Helper?", "  dispute-bot !", "@Dispute Helper"])
def test_the_bots_name_alone_is_no_question(text: str) -> None:
    """A DM or a followed thread saying only the bot's name (to get its attention) was searched for as a question
    and declined over words no article uses; now the core asks for a question, as for an empty mention."""
    names = ["dispute-bot", "Dispute Helper"]
    assert without_own_names(text, names).strip() == ""
    with pytest.raises(InvalidInput, match="Please ask a question"):
        clean_question(without_own_names(text, names), 1000)
    assert without_own_names("dispute-bot koo", names) == "dispute-bot koo"  # no comma, no whole question: kept
