"""The head of a press release, an opinion piece or a judgment: titled and dated by its own lines (its
headline, its labelled day), never by its issuer's line or a stamp under the story's first prose."""

from __future__ import annotations

import pytest

from index.documents import parse_article
from tests.index.test_furniture import _sentences

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


def test_a_government_releases_stamp_signed_by_its_office_dates_it() -> None:
    """"10 FEB 2021 7:31PM by PIB Delhi" under the issuers' lines was the release's title, and it was undated."""
    body = ("The Secretary, Ministry of Electronics and IT, engaged with senior management of Twitter today on the "
            "request of the company, and conveyed the government's position on the orders in detail.")
    raw = ("Press Information Bureau\nGovernment of India\nMinistry of Electronics & IT\n"
           f"10 FEB 2021 7:31PM by PIB Delhi\nSecretary IT engages with senior management of Twitter\n{body}\n")
    doc = parse_article(raw, "pib", "pib.txt")
    assert (doc.title, doc.date) == ("Secretary IT engages with senior management of Twitter", "2021-02-10")
    assert "10 FEB 2021 7:31PM by PIB Delhi" not in _sentences(doc.text)
