from __future__ import annotations

from pathlib import Path

import pytest

from index.chunking import split_sentences
from index.corpus_files import load_corpus
from index.documents import parse_article
from index.events import extract_events
from index.furniture import is_caption, is_furniture, story_sentences

SEED = Path(__file__).resolve().parents[2] / "corpus"
TRAINING = Path(__file__).resolve().parents[2] / "training"

# A news page saved from a browser with "Save as text": its menu, chrome and cookie banner above the story, a
# block of links to other stories inside it, and a share bar, more links and the footer below.
SAVED_PAGE = """Skip to main content
Home | India | World | Business | Tech
Subscribe now
Sign in
We use cookies to improve your experience. By continuing to browse you agree to our use of cookies. Accept all cookies
Home > India > News
Traders near the protest site switch to a homegrown app as the Twitter row simmers
By Asha Verma | Feb 11, 2021, 09:15 IST

NEW DELHI: Shopkeepers in the lanes behind the protest site say they have started posting price lists on the \
homegrown app, as the standoff with Twitter over blocking orders drags on.

Also Read
Farmers plan a road blockade on February 6
Government writes to Twitter again over blocked handles

The traders' association said it had not asked its members to leave Twitter.

Share this article Facebook Twitter WhatsApp
More from India
Cold wave grips the capital as the mercury dips to 3 degrees
© 2021 The Example Ledger. All rights reserved.
About us | Contact | Terms of use | Privacy policy
"""


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in story_sentences(text, split_sentences(text))]


def test_a_page_saved_as_text_is_titled_and_dated_by_its_story_not_its_cookie_banner() -> None:
    """The cookie banner titled every citation ("We use cookies to improve your experience."), and the byline's
    stamp, the eighth line, came after six lines of menus and chrome: the article was shown undated."""
    doc = parse_article(SAVED_PAGE, "page", "page.txt")
    assert doc.title == "Traders near the protest site switch to a homegrown app as the Twitter row simmers"
    assert doc.date == "2021-02-11"


def test_page_furniture_is_never_a_sentence_to_quote() -> None:
    """"Does the site use cookies?" was answered by quoting the banner; the related stories' headlines, the share
    bar and the copyright line could be quoted as the article's words too."""
    quoted = _sentences(SAVED_PAGE)
    assert quoted == [
        "Traders near the protest site switch to a homegrown app as the Twitter row simmers",
        "NEW DELHI: Shopkeepers in the lanes behind the protest site say they have started posting price lists on "
        "the homegrown app, as the standoff with Twitter over blocking orders drags on.",
        "The traders' association said it had not asked its members to leave Twitter.",
    ]


def test_links_heading_takes_only_the_headlines_under_it() -> None:
    """A links heading's block ends at the first line that ends a sentence: the story goes on there (a page
    copied with a paragraph per line, so no line break is read as wrapping)."""
    story = ("The ministry said on Friday that it had written to the company again, asking it to block the accounts "
             "named in the order within a week, as the order of January had asked.")
    text = f"Related stories\nMinisters open accounts on the homegrown app\n{story}\n"
    assert _sentences(text) == [story]


def test_headlines_read_as_one_sentence_across_a_wrapped_line_break_are_furniture_too() -> None:
    """Text with no long line is read as wrapped, and two related stories' headlines became one sentence, which
    lay on neither line alone and was kept."""
    text = ("Also Read\nFarmers plan a road blockade on February 6\nGovernment writes to Twitter again\n\n"
            "The ministry said in a statement on Friday that it had written to the company again.\n")
    assert _sentences(text) == ["The ministry said in a statement on Friday that it had written to the company again."]


def test_a_wrapped_paragraph_after_a_links_block_is_the_story() -> None:
    """Hard-wrapped text: the paragraph after the links goes on over lines that end no sentence, and its first
    sentence, lying on them, was taken for links and never quoted."""
    wrapped = ("The ministry said on Friday that it had written to the company again,\n"
               "asking it to block the accounts named in the order within a week. The\n"
               "company said it would comply with the order.\n")
    links = "Also Read\nFarmers plan a road blockade on February 6\n"
    text = f"The ministry wrote to Twitter on Wednesday.\n\n{links}\n{wrapped}"
    assert _sentences(text) == [
        "The ministry wrote to Twitter on Wednesday.",
        "The ministry said on Friday that it had written to the company again,\nasking it to block the accounts "
        "named in the order within a week.",
        "The\ncompany said it would comply with the order.",
    ]


@pytest.mark.parametrize("line", [
    "The ministry said the company must accept the order or face penal action.",
    "Share prices of the company's Indian rivals rose on Thursday.",
    "About 500 accounts were suspended, the company said.",
    "More from the minister came in a second statement on Friday.",
    "Twitter said it had received the order © and would respond.",
    "Copyright infringement notices led Twitter to lock the minister's account for an hour.",
    "(c) publish the grievance officer's name and contact details on its website;",
    "The EU's cookie consent rules require websites to ask users before tracking them.",
    "Regulators said cookies used for tracking need a privacy policy that users can read.",
])
def test_story_lines_that_share_words_with_furniture_are_kept(line: str) -> None:
    assert not is_furniture(line)
    assert _sentences(f"Headline of the story\n\n{line}\n") == ["Headline of the story", line]


@pytest.mark.parametrize("line", [
    "© 2021 HT Media Ltd", "(c) 2021 The Example Ledger", "Copyright © 2021 Reuters", "Copyright 2021 The Hindu",
    "The Example Ledger 2021. All rights reserved.", "Accept all cookies", "Cookie settings",
    "This website uses cookies to give you the best experience.",
    "By continuing to browse you agree to our use of cookies.",
])
def test_copyright_and_consent_lines_are_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Image: Reuters", "(Photo credit: PTI)", "Representational image", "(File photo)", "Courtesy: Reuters",
    "(Representational image)", "Representative picture", "Photo: AP", "Photo courtesy Twitter", "Pic credit: ANI",
    "[Image source: Twitter]",
    # The marks a story is pasted with from a wire, a press release or an opinion page.
    "OPINION", "Analysis", "PRESS RELEASE", "FOR IMMEDIATE RELEASE", "Explained:", "LIVE UPDATES", "###", "-ENDS-",
    "ENDS", "RKV/MD", "DS/AK/SKS", "Media contact: Press Office, Ministry of Electronics & IT",
    "For media enquiries, write to the press office",
    "(Reporting by Reuters Staff; Editing by Reuters Desk)", "Reporting by A Staff; Editing by The Desk",
    "(Additional reporting by the Mumbai bureau)", "Our Standards: The Thomson Reuters Trust Principles.",
    "(The writer is a technology policy researcher.)",
    "(Asha Verma is a columnist who writes on technology policy. Views expressed are personal.)",
])
def test_photo_captions_and_the_marks_of_wires_releases_and_opinions_are_furniture(line: str) -> None:
    """A page saved as text keeps its photos' captions and credits beside the story, and "Who took the photo?" or a
    question near the caption's words was answered by quoting "Image: Reuters". Pasted as moderators get them, a
    release's "PRESS RELEASE" and an opinion page's "OPINION" titled the article, and its end mark, media contact,
    wire credits and the columnist's bio could be quoted as answers."""
    assert is_furniture(line)
    assert _sentences(f"Headline of the story\n\n{line}\n\nThe ministry issued the order.\n") == [
        "Headline of the story", "The ministry issued the order."]


@pytest.mark.parametrize("line", [
    "File photo: Twitter's office in New Delhi", "File image: Union Minister Ravi Shankar Prasad",
    "Farmers at the Ghazipur border on Tuesday. (File photo)", "Jack Dorsey at an event in 2019 | Photo: Reuters",
    "Farmers at the border. (Photo: PTI)",
])
def test_a_caption_describing_its_picture_is_kept(line: str) -> None:
    """Who or what a photo shows is the article's words (a role, a place); only a credit says nothing. Taken out,
    "File image: Union Minister Ravi Shankar Prasad" left a spokesperson's quote looking like the answer to "who
    is the prime minister of india", and the decline threshold fitted over such rows rose from 0.35 to 0.41."""
    assert is_caption(line) and not is_furniture(line)


@pytest.mark.parametrize("line", [
    "Photos of the protest were shared widely on Twitter.", "The image showed a farmer at the border.",
    "Image credits aside, the report named no photographer.", "The file photos were never published.",
    "Photography was banned at the protest site.", "Twitter said it would comply (in part) with the order.",
    "Representatives of the company met the secretary on Wednesday.",
])
def test_story_lines_about_photos_are_kept(line: str) -> None:
    assert not is_furniture(line)


def test_the_seed_articles_lose_only_their_photo_credit() -> None:
    docs, _ = load_corpus(SEED)
    dropped = []
    for doc in docs:
        spans = split_sentences(doc.text)
        kept = story_sentences(doc.text, spans)
        dropped += [doc.text[s.start : s.end] for s in spans if s not in kept]
    assert dropped == ["Courtesy: Reuters"]


def test_the_training_articles_lose_no_sentence() -> None:
    """Forty-odd articles written like the seed's, none with a caption: every sentence of them is story."""
    for folder in ("articles", "heldout"):
        docs, skipped = load_corpus(TRAINING / folder)
        assert docs and not skipped
        for doc in docs:
            spans = split_sentences(doc.text)
            assert story_sentences(doc.text, spans) == spans, doc.doc_id


@pytest.mark.parametrize("line", [
    "Opinion polls showed support for the order.", "Reporting by the newspaper showed the ministry had acted.",
    "The talks would end soon, officials said.", "Analysis of the orders by lawyers found gaps.",
    "Interview requests to Twitter went unanswered.", "The press release said the talks were cordial.",
    "The writer is not named in the order.", "Media reports said the ministry had written again.",
    "RKV/MD signed the order.", "AI/ML rules were notified.",
])
def test_story_lines_that_open_like_those_marks_are_kept(line: str) -> None:
    assert not is_furniture(line)


PRESS_RELEASE = """PRESS RELEASE
FOR IMMEDIATE RELEASE

New Delhi, 11 February 2021

Secretary IT engages with senior management of Twitter

The Secretary engaged with senior management of Twitter today on the request of the company.

Media contact: Press Office

###
"""
OPINION = """OPINION

The Twitter standoff is a test the internet laws were not written for

By Asha Verma

When the government ordered Twitter to block 1,178 accounts, it used an old power.

(Asha Verma is a columnist who writes on technology policy. Views expressed are personal.)
"""


def test_a_press_release_and_an_opinion_piece_are_titled_and_dated_by_their_own_lines() -> None:
    """Titled "PRESS RELEASE" and "OPINION"; the release's dateline ("New Delhi, 11 February 2021") dated nothing,
    and the article was shown with an estimated date."""
    release = parse_article(PRESS_RELEASE, "r", "r.txt")
    assert (release.title, release.date) == ("Secretary IT engages with senior management of Twitter", "2021-02-11")
    assert _sentences(release.text) == [
        "Secretary IT engages with senior management of Twitter",
        "The Secretary engaged with senior management of Twitter today on the request of the company."]
    opinion = parse_article(OPINION, "o", "o.txt")
    assert opinion.title == "The Twitter standoff is a test the internet laws were not written for"
    assert "Views expressed" not in " ".join(_sentences(opinion.text))


@pytest.mark.parametrize("issuer", [
    "Ministry of Electronics & IT", "Press Information Bureau", "Acme Corp Newsroom",
    "Press Information Bureau, Government of India", "Press Information Bureau\nGovernment of India",
])
def test_a_press_releases_issuer_line_is_no_title(issuer: str) -> None:
    """The office or company issuing a release, on its first line, titled it ("Ministry of Electronics & IT")."""
    raw = (f"{issuer}\nGovernment seeks compliance from Twitter on blocking orders\nNew Delhi, 10 February 2021\n"
           "The Secretary held a meeting with the senior leadership of Twitter today.\n")
    doc = parse_article(raw, "r", "r.txt")
    assert (doc.title, doc.date) == ("Government seeks compliance from Twitter on blocking orders", "2021-02-10")


def test_a_release_posted_on_a_day_signed_by_its_office_is_dated_and_titled_by_its_headline() -> None:
    """"Posted On: 16 MAR 2021 6:15PM by CIB Varenna", as a government release prints its day, was read neither
    as a named stamp nor as a signed one: the release was dated ~30 April (the day its rules came into force) by
    an estimate, and titled by its letterhead's "Government of the Republic of Castovia"."""
    raw = ("Government of the Republic of Castovia\nMinistry of Digital Affairs\nCastovia Information Bureau\n\n"
           "Ministry notifies Intermediary Accountability Rules\n\nPosted On: 16 MAR 2021 6:15PM by CIB Varenna\n\n"
           "The Ministry on Tuesday notified the rules, which come into force on 30 April 2021.\n")
    doc = parse_article(raw, "r", "r.txt")
    assert (doc.title, doc.date, doc.date_estimated) == ("Ministry notifies Intermediary Accountability Rules",
                                                          "2021-03-16", False)
    assert not any("Posted On" in sentence for sentence in _sentences(doc.text))


_JUDGMENT_CAPTION = ("IN THE HIGH COURT OF NORVALE AT PELLAS\n\nW.P.(C) No. 4412 of 2021\n\n"
                     "Brightline Social Ltd.                ... Petitioner\n\nversus\n\n"
                     "Union of Norvale and Another          ... Respondents\n\nCORAM:\nHON'BLE THE CHIEF JUSTICE\n"
                     "HON'BLE MR. JUSTICE OF THE SECOND BENCH\n\n{stamp}\n\nJUDGMENT\n\n")


@pytest.mark.parametrize("stamp", ["Date of Judgment: 5 March 2021", "Pronounced on: 05.03.2021"])
def test_a_judgments_labelled_day_in_its_caption_dates_it(stamp: str) -> None:
    """A judgment opens with its court, case, parties and bench: its "Date of Judgment: 5 March 2021" came ninth,
    past the lines a stamp was looked for in, so the judgment was dated only by an estimate, and the line was
    quoted and put on the timeline as an event."""
    story = ("1. This writ petition, heard on Tuesday, 2 March 2021, challenges 97 blocking orders issued to the "
             "petitioner.\n\n2. Counsel for the respondents said on Friday that an appeal is being considered.\n")
    doc = parse_article(_JUDGMENT_CAPTION.format(stamp=stamp) + story, "j", "j.txt")
    assert (doc.date, doc.date_estimated) == ("2021-03-05", False)
    assert not any(stamp in sentence for sentence in _sentences(doc.text))


def test_a_judgments_bench_joined_into_one_long_line_in_capitals_is_still_its_caption() -> None:
    """A PDF joins the bench's names into one line of 13 words: it had been taken for the first line of prose, and
    the "Date of Judgment" under it dated nothing."""
    caption = _JUDGMENT_CAPTION.replace("CORAM:\nHON'BLE THE CHIEF JUSTICE\nHON'BLE",
                                        "CORAM: THE HON'BLE THE CHIEF JUSTICE THE HON'BLE")
    assert "CORAM: THE HON'BLE THE CHIEF JUSTICE THE HON'BLE MR. JUSTICE OF THE SECOND BENCH" in caption
    doc = parse_article(caption.format(stamp="Date of Judgment: 5 March 2021") + "1. The petitioner challenges 97 "
                        "blocking orders issued in February 2021 by the ministry.\n", "j", "j.txt")
    assert (doc.date, doc.date_estimated) == ("2021-03-05", False)


def test_a_stamp_under_the_first_line_of_prose_does_not_date_the_article() -> None:
    """Only the caption's lines, over the story's first line of prose, are looked through past the first six."""
    head = "\n".join(f"Line {n} of the head" for n in range(7))
    raw = (f"{head}\n\nThe ministry said on Monday that the platform had blocked 500 accounts after the order.\n\n"
           "Date of Judgment: 5 March 2021\n")
    assert parse_article(raw, "a", "a.txt").date is None


@pytest.mark.parametrize("issuer", ["Government of the Republic of Castovia", "Office of the Prime Minister"])
def test_an_issuer_line_naming_the_office_with_the_is_no_title(issuer: str) -> None:
    raw = f"{issuer}\nGovernment seeks compliance on blocking orders\n\nThe Secretary met the platforms today.\n"
    assert parse_article(raw, "r", "r.txt").title == "Government seeks compliance on blocking orders"


@pytest.mark.parametrize("head", [
    "Ministry Of IT Asks Twitter To Comply\nThe Secretary met Twitter today.",
    "Twitter Defies IT Ministry\nThe company said on Monday that it would not block journalists.",
    "Government of India Orders Twitter To Block Accounts\nBy Jane Doe\nThe order came on Monday.",
])
def test_a_headline_naming_an_office_is_still_the_title(head: str) -> None:
    assert parse_article(head, "h", "h.txt").title == head.split("\n")[0]


def test_a_release_with_no_headline_is_titled_by_its_issuer_over_the_story() -> None:
    raw = "Ministry of Electronics & IT\nThe Secretary held a meeting with the senior leadership of Twitter today.\n"
    assert parse_article(raw, "r", "r.txt").title == "Ministry of Electronics & IT"


_HEAD_STAMPS = [
    "By Jane Doe, Staff Reporter", "By Jane Doe, special correspondent", "Written by Jane Doe", "By JANE DOE",
    "By Jane Doe in New Delhi", "By Jane Doe, 10 Feb 2021, 09:14 IST", "Posted by Jane Doe on Feb 10, 2021",
    "Updated: 10 Feb 2021, 09:14 IST", "Last modified: 11 Feb 2021 10:00", "Published 10 February 2021",
    "Published on Wednesday, February 10, 2021 at 9:14 AM", "Updated: 09:14 IST", "Updated 4 years ago",
    "5 min read", "5-minute read", "Reading time: 4 minutes", "Dated 10.02.2021",
    # A report's or a release's credit, an organisation's ("Prepared by the Digital Rights Forum"), and a page's
    # number as a PDF pasted as text keeps it ("Page 2 of 3").
    "Prepared by the Digital Rights Forum", "Issued by the Press Office", "Page 2 of 3", "Page 4", "2 of 3",
    # A writer named by role only, as an opinion page prints one.
    "By a former member of the Arvandi Law Commission", "By our special correspondent", "By a staff reporter in Delhi",
]


@pytest.mark.parametrize("line", _HEAD_STAMPS)
def test_bylines_and_stamps_are_never_quoted_nor_events(line: str) -> None:
    """"By Jane Doe, Staff Reporter" and "Updated: 10 Feb 2021, 09:14 IST" were quoted as answers, and a stamp
    at an article's foot ("Last modified: 11 Feb 2021 10:00") was an event of the timeline on its day."""
    story = ["Twitter said it had blocked some of the accounts named in the order.",
             "The company said it would not act on the accounts of journalists and politicians."]
    raw = f"Twitter restores some accounts after notice\n{line}\n\n{story[0]}\n{story[1]}\n\n{line}\n"
    doc = parse_article(raw, "a", "a.txt")
    assert doc.title == "Twitter restores some accounts after notice"
    assert _sentences(doc.text) == ["Twitter restores some accounts after notice", *story]
    # Every sentence, as ``index.events`` is also asked of articles whose sentences were split by older rules.
    assert [e["date"] for e in extract_events([doc], {"a": split_sentences(doc.text)})] == []


@pytest.mark.parametrize("line", [
    "By Monday, Twitter had blocked most of the accounts.", "By February, the company had complied.",
    "Published figures show 1,178 accounts were blocked.", "Updated rules took effect on 25 February 2021.",
    "By Law, platforms must comply within a day.", "Posted on Twitter at 9:14 pm, the note drew replies.",
    "By then the ministry had written again.", "Issued by the ministry, the order named 1,178 accounts.",
    "Page 3 of the order named 1,178 accounts.", "Prepared by the Ministry, the note was sent on Friday.",
    "By a margin of two votes, the panel upheld the order.", "By an order of the court, the accounts stayed blocked.",
])
def test_story_sentences_that_open_like_a_byline_or_stamp_are_kept(line: str) -> None:
    raw = f"Twitter restores some accounts after notice\n\n{line}\n"
    assert _sentences(raw) == ["Twitter restores some accounts after notice", line]


def test_a_date_alone_is_a_stamp_and_a_chronologys_dates_head_its_entries() -> None:
    """One date alone on its line (under the headline) is the article's stamp; several head a chronology's
    entries, which they date (``index.entry_heads``): neither is quoted."""
    stamped = "Twitter restores accounts\nFeb 12, 2021\n\nTwitter restored the accounts on Thursday.\n"
    assert _sentences(stamped) == ["Twitter restores accounts", "Twitter restored the accounts on Thursday."]
    chronology = ("How the row unfolded\nJan 26, 2021\nViolence during the tractor rally in Delhi.\nFeb 1, 2021\n"
                  "The ministry ordered Twitter to block 257 accounts.\n")
    assert _sentences(chronology) == ["How the row unfolded", "Violence during the tractor rally in Delhi.",
                                      "The ministry ordered Twitter to block 257 accounts."]


@pytest.mark.parametrize("note", [
    "Correction, February 12, 2021: An earlier version of this article said the government had asked Twitter to block "
    "1,187 accounts. The order named 1,178 accounts.",
    "CORRECTION (Feb 12, 2021): The order named 1,178 accounts, not 1,187.",
    "An earlier version of this article misstated the number of accounts as 1,187.",
    "This article has been corrected to fix the number of accounts named in the order.",
])
def test_a_correction_note_is_never_quoted_nor_an_event(note: str) -> None:
    """It tells what the article once said, wrongly: "how many accounts" was answered with the withdrawn 1,187, and
    the note's day was an event of the timeline still ahead of the story. Only a sentence after the note's first
    giving the right fact ("The order named 1,178 accounts.") is quoted (``index.corrections.puts_right``)."""
    story = "The ministry had asked Twitter to block 1,178 accounts, officials said on Wednesday."
    raw = f"Ministers join Koo as the standoff continues\n\n{note}\n\n{story}\n\n*{note}*\n"
    doc = parse_article(raw, "c", "c.md")
    assert doc.title == "Ministers join Koo as the standoff continues"
    right = ["The order named 1,178 accounts."] if note.endswith("The order named 1,178 accounts.") else []
    assert _sentences(doc.text) == [doc.title, *right, story, *right]
    assert {e["date"] for e in extract_events([doc], {"c": split_sentences(doc.text)})} <= {"2021-02-10"}


@pytest.mark.parametrize("line", [
    "Clarification sought: the ministry asked Twitter to explain its blog post.",
    "Corrections to the order were issued on Monday.",
    "The ministry said an earlier version of the order named 257 accounts.",
])
def test_story_lines_that_open_like_a_correction_are_kept(line: str) -> None:
    assert _sentences(f"Twitter restores accounts\n\n{line}\n") == ["Twitter restores accounts", line]


def test_a_government_releases_stamp_signed_by_its_office_dates_it() -> None:
    """"10 FEB 2021 7:31PM by PIB Delhi" under the issuers' lines was the release's title, and it was undated."""
    body = ("The Secretary, Ministry of Electronics and IT, engaged with senior management of Twitter today on the "
            "request of the company, and conveyed the government's position on the orders in detail.")
    raw = ("Press Information Bureau\nGovernment of India\nMinistry of Electronics & IT\n"
           f"10 FEB 2021 7:31PM by PIB Delhi\nSecretary IT engages with senior management of Twitter\n{body}\n")
    doc = parse_article(raw, "pib", "pib.txt")
    assert (doc.title, doc.date) == ("Secretary IT engages with senior management of Twitter", "2021-02-10")
    assert "10 FEB 2021 7:31PM by PIB Delhi" not in _sentences(doc.text)
