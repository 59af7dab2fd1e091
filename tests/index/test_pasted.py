"""Stories pasted from an e-mail, a thread of posts, a translation or a transcript, as moderators add them: titled
by their headline and quoted by their story's words only (``index.pasted``, ``index.own_lines``)."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences
from index.documents import parse_article
from index.furniture import story_sentences

NEWSLETTER = """From: The Policy Brief <brief@newsletter.example.org>
To: subscriber@example.com
Subject: Fwd: Twitter draws a line on journalists' accounts; ministry calls blog post "unusual"
Date: Thu, 11 Feb 2021 07:30:00 +0530

View this email in your browser

TWITTER DRAWS A LINE

Twitter said in a blog post on Wednesday that it had acted on some of
the accounts named in the government's orders, but would not block the
accounts of journalists, politicians and activists.

--
You are receiving this email because you signed up for The Policy Brief.
Unsubscribe | Update your preferences | View in browser
The Policy Brief, 12 Example Road, New Delhi 110001
"""

THREAD = """Policy Watcher @policy_watch_in
1/ A thread on where the Twitter vs Government of India standoff stands tonight. 🧵
9:02 PM · Feb 10, 2021

Policy Watcher @policy_watch_in
2/ Twitter said it would not act on accounts of journalists, politicians and activists.
9:04 PM · Feb 10, 2021
42 Retweets 7 Quote Tweets 118 Likes

Follow @policy_watch_in for updates.
"""

TRANSLATED = """सरकार और ट्विटर के बीच टकराव जारी
Government and Twitter remain at odds over blocking orders
Translated from Hindi by Kavya Iyer

New Delhi: The standoff between the central government and Twitter continued on Thursday, a day after the company \
said it would not block the accounts of journalists.

(This article was first published in Hindi. Translated by Kavya Iyer.)
"""

TRANSCRIPT = """Transcript: Ministry briefing on Twitter blocking orders
MODERATOR: Good afternoon. We will begin with a short statement and then
take questions from the reporters who are here with us today.
SPOKESPERSON: The ministry issued orders to Twitter under Section 69A of
the Information Technology Act, and the latest order named 1,178 accounts
REPORTER (NEWS AGENCY): Does the ministry accept Twitter's position on it?
SPOKESPERSON:
The company is expected to comply with the orders issued under Indian law.
"""


def _read(raw: str, name: str) -> tuple[str, str | None, list[str]]:
    doc = parse_article(raw, name.split(".")[0], name)
    spans = story_sentences(doc.text, split_sentences(doc.text))
    return doc.title, doc.date, [doc.text[s.start : s.end] for s in spans]


def test_a_newsletter_is_titled_by_its_subject_and_quoted_without_its_headers_and_footer() -> None:
    """Titled "From: The Policy Brief <brief@…> To: subscriber@example.com" (the two header lines read as one
    wrapped line), and its headers, "View this email in your browser" and the unsubscribe footer were quoted."""
    title, day, sentences = _read(NEWSLETTER, "n.txt")
    assert (title, day) == ("Twitter draws a line on journalists' accounts; ministry calls blog post \"unusual\"",
                            "2021-02-11")
    assert sentences == ["TWITTER DRAWS A LINE",
                         "Twitter said in a blog post on Wednesday that it had acted on some of\nthe accounts named in "
                         "the government's orders, but would not block the\naccounts of journalists, politicians and "
                         "activists."]


def test_a_thread_is_quoted_without_its_author_lines_counts_and_emoji() -> None:
    title, day, sentences = _read(THREAD, "t.txt")
    assert (title, day) == ("A thread on where the Twitter vs Government of India standoff stands tonight.",
                            "2021-02-10")
    assert sentences == [  # each post quoted without its number ("1/"), as it is titled (``index.item_numbers``)
        "A thread on where the Twitter vs Government of India standoff stands tonight.",
        "Twitter said it would not act on accounts of journalists, politicians and activists.",
        "Follow @policy_watch_in for updates.",
    ]


def test_a_translation_is_titled_in_its_own_language_and_its_credit_is_never_quoted() -> None:
    """Titled by the original's Hindi headline over its English one, and "Translated from Hindi by …" was quoted."""
    title, _, sentences = _read(TRANSLATED, "tr.txt")
    assert title == "Government and Twitter remain at odds over blocking orders"
    assert not [s for s in sentences if "Translated" in s]
    assert sentences[-1].startswith("New Delhi: The standoff")


def test_a_wrapped_transcripts_turns_are_never_read_into_each_other() -> None:
    """A turn was read on from the last line of the one before ("… named 1,178 accounts REPORTER (NEWS AGENCY): …"),
    the title ran into the first turn, and a label alone on its line was quoted."""
    title, _, sentences = _read(TRANSCRIPT, "tr.txt")
    assert title == "Transcript: Ministry briefing on Twitter blocking orders"
    assert "REPORTER (NEWS AGENCY): Does the ministry accept Twitter's position on it?" in sentences
    assert "SPOKESPERSON:" not in sentences
    assert sentences[-1] == "The company is expected to comply with the orders issued under Indian law."
    assert all(s.count(":") <= 1 for s in sentences[1:]), sentences


@pytest.mark.parametrize("line", [
    "Follow @policy_watch_in for updates.", "Forwarded by the ministry, the note said 257 accounts were named.",
    "The subject: whether Twitter must comply.", "From: the ministry's notice of February 10, 2021.",
    "Views of the order were split.", "US: Twitter said it would comply.",
])
def test_story_lines_that_look_pasted_are_kept(line: str) -> None:
    _, _, sentences = _read(f"Twitter restores accounts\n\n{line}\n", "s.txt")
    assert sentences == ["Twitter restores accounts", line]


FORWARDED = """---------- Forwarded message ---------
From: MeitY Media Cell <media@example.gov.in>
Date: Thu, Feb 11, 2021 at 7:30 AM
Subject: Statement on Twitter blog post
To: <desk@example.org>

The Ministry said that a blog post published by Twitter before a meeting with the Secretary was unusual.
"""

# A thread copied from the site a line per field: name, handle, "·", the post's day, the text, its counts.
THREAD_BY_FIELD = """Policy Watcher
@policy_watch_in
·
Feb 10
Twitter said it would not act on accounts of journalists, politicians and activists, calling it free expression.
12
45
230
"""


def test_a_forwarded_mail_is_titled_by_its_subject_not_the_forwarding_mark() -> None:
    title, day, sentences = _read(FORWARDED, "f.txt")
    assert (title, day) == ("Statement on Twitter blog post", "2021-02-11")
    assert sentences == ["The Ministry said that a blog post published by Twitter before a meeting with the Secretary "
                         "was unusual."]


def test_a_post_copied_a_field_per_line_is_titled_and_quoted_by_its_text() -> None:
    """Titled "Policy Watcher", then "·" once the name was taken; "Feb 10", "12", "45", "230" and "·" were
    sentences."""
    title, _, sentences = _read(THREAD_BY_FIELD, "p.txt")
    assert title.startswith("Twitter said it would not act")
    assert sentences == ["Twitter said it would not act on accounts of journalists, politicians and activists, "
                         "calling it free expression."]


PAGE_WITH_COMMENTS = """Twitter blocks some accounts, refuses others as ministry calls blog post unusual
By Asha Verma, Staff Reporter
Updated: 11 Feb 2021, 09:14 IST

New Delhi: Twitter said on Wednesday that it would not take action on accounts of journalists, politicians and \
activists.

Officials said the company's employees in India could face penal action under Section 69A of the IT Act.

Comments (3)
ravi_k_2021
2 hours ago
The government is right, no company is above the law of the land.
Reply
Report
freespeechfan · 1 hour ago
Blocking journalists would be a terrible precedent.
Load more comments
"""


def test_readers_comments_under_a_copied_page_are_never_quoted() -> None:
    """A reader's comment ("The government is right, no company is above the law of the land.") was quoted as the
    article's words, with "Reply" and "2 hours ago"."""
    _, _, sentences = _read(PAGE_WITH_COMMENTS, "c.txt")
    assert sentences == [
        "Twitter blocks some accounts, refuses others as ministry calls blog post unusual",
        "New Delhi: Twitter said on Wednesday that it would not take action on accounts of journalists, politicians "
        "and activists.",
        "Officials said the company's employees in India could face penal action under Section 69A of the IT Act.",
    ]


def test_a_comments_heading_early_in_a_story_is_its_own() -> None:
    raw = ("Ministry seeks comments on draft rules\n\nComments\n\nThe ministry asked the public for comments on the "
           "draft rules by February 25.\n\nTwitter said it would respond.\n\nThe ministry said it had received many.\n")
    assert "Twitter said it would respond." in _read(raw, "d.txt")[2]


WRAPPED_NEWSLETTER = """From: The Policy Brief <brief@newsletter.example.org>
Subject: Twitter digs in over blocking orders
Date: Thu, 11 Feb 2021 07:30:00 +0530

Twitter said late on Wednesday that it would not block the accounts of
journalists, activists and politicians, setting up a confrontation.

The ministry called the company's blog post unusual and said it would
respond in due course. That's all for today. Forward this to a friend
who cares about tech policy.

Unsubscribe | Update your preferences
"""


def test_a_newsletters_sign_off_on_a_line_of_its_story_is_never_quoted() -> None:
    """The sign-off and "Forward this to a friend …" shared a line with the story's last sentence, so neither was
    a chrome line, and both were quoted as the article's."""
    _, _, sentences = _read(WRAPPED_NEWSLETTER, "n.txt")
    assert [" ".join(s.split()) for s in sentences] == [
        "Twitter said late on Wednesday that it would not block the accounts of journalists, activists and "
        "politicians, setting up a confrontation.",
        "The ministry called the company's blog post unusual and said it would respond in due course."]


@pytest.mark.parametrize("story", [
    # No newsletter: a story's sentences about sign-offs and chrome stay.
    "Twitter said on Wednesday that it would not comply with all of the orders.\nThat's all for today.\n",
    # A newsletter's story sentence that only opens like a sign-off stays.
    "From: The Policy Brief <brief@newsletter.example.org>\nSubject: Twitter\n\n"
    "That's all for today, the minister told reporters after the meeting with Twitter ended.\n",
    # A sign-off in the middle of the story, not before the chrome, is the story's.
    "From: The Policy Brief <brief@newsletter.example.org>\nSubject: Twitter\n\n"
    "The minister left the meeting early. That's all for today. Twitter said it would reply on Friday.\n",
])
def test_sign_offs_in_a_story_are_kept(story: str) -> None:
    _, _, sentences = _read(story, "s.txt")
    assert any(s.startswith("That's all for today") for s in sentences)


RELEASE = """Ministry of Electronics & IT
Government of India
11 February 2021

Secretary MeitY holds meeting with senior executives of Twitter
The Secretary, Ministry of Electronics and Information Technology, held a meeting
with senior executives of Twitter today and expressed deep disappointment at the
manner in which the company had complied with the orders of the government.
"""


def test_a_release_under_its_issuer_block_is_titled_by_its_headline() -> None:
    """The headline (40 characters or more) was read into the first sentence under it, and the release was titled
    by its issuer's second line, "Government of India"."""
    title, day, sentences = _read(RELEASE, "r.txt")
    assert (title, day) == ("Secretary MeitY holds meeting with senior executives of Twitter", "2021-02-11")
    assert "Secretary MeitY holds meeting with senior executives of Twitter" in sentences


SAVED_DIGEST = """Your weekly round-up of platform regulation. View this email in your browser.

Ministry notifies 36-hour takedown rule

The ministry on Monday notified a rule requiring large platforms to remove flagged posts within 36 hours.

That's all for this week. Forward this to a colleague who might like it.
"""


def test_a_saved_digest_whose_preheader_links_its_web_copy_is_quoted_without_its_chrome() -> None:
    """A digest saved from a mail's web copy has no headers and no chrome line of its own: the preheader's "View this
    email in your browser." and the closing "That's all for this week. Forward this to a colleague …" were quoted."""
    _, _, sentences = _read(SAVED_DIGEST, "d.txt")
    said = [" ".join(s.split()) for s in sentences]
    assert said[-1] == ("The ministry on Monday notified a rule requiring large platforms to remove flagged posts "
                        "within 36 hours.")
    assert not any(s.startswith(("View this email", "That's all", "Forward this")) for s in said)


def test_a_story_about_a_newsletter_link_is_no_newsletter() -> None:
    story = ("The regulator said on Monday that links reading 'view this email in your browser' were used in "
             "phishing mail.\nThat's all for today.\n")
    _, _, sentences = _read(story, "s.txt")
    assert any(s.startswith("That's all for today") for s in sentences)
