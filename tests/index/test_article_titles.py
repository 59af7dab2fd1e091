"""What an article is titled by, and what is never its title: a caption, a byline, a rule, a pasted link, page
chrome, a wire slug."""

from __future__ import annotations

import pytest

from index.chunking import split_sentences
from index.documents import parse_article
from index.manage import Upload, check_upload
from tests.index.test_article_stamps import events_of


def test_title_falls_back_to_heading_or_first_sentence() -> None:
    md = parse_article("# Koo gains users\n\nMinisters joined Koo.", "k", "k.md")
    assert md.title == "Koo gains users" and md.date is None
    long_line = "New Delhi: Twitter Inc. on Monday reached out to the government " + "seeking dialogue " * 10 + "."
    txt = parse_article(long_line, "t", "t.txt")
    # "Inc." does not end the title, and the dateline is no part of it
    assert txt.title.startswith("Twitter Inc. on Monday reached out")
    assert len(txt.title) <= 120


def test_caption_line_is_not_the_title() -> None:
    doc = parse_article("File image: A minister\n\nThe minister refused a meeting.", "c", "c.txt")
    assert doc.title == "The minister refused a meeting."


@pytest.mark.parametrize("header", ["date: 2021-02-13", "Date 2021-02-13", "Date: 2021-02-13", "DATE:2021-02-13"])
def test_a_date_line_as_people_write_it_is_a_header_not_the_title(header: str) -> None:
    doc = parse_article(f"{header}\n\nThe Delhi police met Twitter executives on Saturday.\n", "police", "police.txt")
    assert doc.date == "2021-02-13" and doc.title == "The Delhi police met Twitter executives on Saturday."


def test_web_page_furniture_is_neither_the_title_nor_an_event() -> None:
    """A copied page's menu became every citation's title, and its "Also Read" links timeline events."""
    raw = ("Home | India | World | Business | Tech\nTwitter restores most blocked accounts\n"
           "Updated: Feb 12, 2021 14:05 IST\nNew Delhi: Twitter on Thursday restored most of the accounts, the "
           "company said in a statement on February 11, 2021.\n"
           "Also Read: Farmers plan chakka jam on February 6 - Jan 30, 2021\n")
    doc = parse_article(raw, "web", "web.txt")
    assert doc.title == "Twitter restores most blocked accounts"
    assert [e["date"] for e in events_of(doc)] == ["2021-02-11"]


@pytest.mark.parametrize("raw", [
    "<b>Note:</b> Twitter restored the accounts on 4 February 2021.\n",
    "<!-- draft -->\nTwitter restored the accounts on 4 February 2021.<br>\n<sup>1</sup> PTI\n",
])
def test_markdown_with_inline_html_is_an_article(raw: str) -> None:
    assert check_upload(Upload("a.md", raw.encode()), 10_000) == "a.md"


@pytest.mark.parametrize("rule", ["---", "***", "___", "- - -"])
def test_a_rule_opening_a_markdown_article_is_not_its_title(rule: str) -> None:
    """Text between two rules that reads as no front matter is the story's own; its title was "---"."""
    doc = parse_article(f"{rule}\nTwitter said it would comply.\n\n{rule}\nMore text.\n", "b", "b.md")
    assert doc.title == "Twitter said it would comply."


@pytest.mark.parametrize("byline", ["By Staff Reporter", "By Press Trust of India", "By Meera Kapoor, New Delhi",
                                    "By Meera Kapoor | Updated: February 12, 2021 18:22 IST"])
def test_a_byline_under_a_long_headline_is_no_part_of_the_title(byline: str) -> None:
    """A page copied with a short paragraph per line reads as wrapped text: the headline (40 characters or more)
    was joined to the byline under it, and every citation's title ended "… notice By Staff Reporter"."""
    raw = (f"Twitter withholds accounts after ministry's fresh notice\n{byline}\n"
           "New Delhi: Twitter on Wednesday withheld 500 accounts flagged by the ministry.\n"
           "The company said it would not act on the accounts of journalists, it said on February 11, 2021.\n")
    doc = parse_article(raw, "a", "a.txt")
    assert doc.title == "Twitter withholds accounts after ministry's fresh notice"
    assert doc.date == ("2021-02-12" if "Updated" in byline else None)
    assert {e["date"] for e in events_of(doc)} <= {"2021-02-10", "2021-02-11"}
    byline_first = parse_article(f"{byline}\nTwitter withholds accounts after ministry's fresh notice\n\n"
                                 "New Delhi: Twitter on Wednesday withheld 500 accounts.\n", "b", "b.txt")
    assert byline_first.title == "Twitter withholds accounts after ministry's fresh notice", "a byline is no title"


@pytest.mark.parametrize("byline", ["Prepared by the Digital Rights Forum, 12 February 2021",
                                    "By the Press Office of the Ministry, 12 Feb 2021",
                                    "Issued by Press Information Bureau on February 12, 2021"])
def test_an_organisations_byline_with_its_day_dates_the_article_and_titles_nothing(byline: str) -> None:
    """A briefing note pasted from a PDF was titled "… A Briefing Note Prepared by the Digital Rights Forum, 12
    February 2021" and left undated: only a byline whose names read as a place ("By Meera Kapoor, …") was dated."""
    raw = (f"Blocking Orders and Platform Responses: A Briefing Note\n{byline}\n\n"
           "The Ministry of Electronics and Information Technology issued orders to Twitter on\n"
           "Wednesday under Section 69A of the Information Technology Act, 2000, directing it\n"
           "to block 1,178 accounts, and the company said it had acted on a portion of them.\n")
    doc = parse_article(raw, "a", "a.txt")
    assert (doc.title, doc.date) == ("Blocking Orders and Platform Responses: A Briefing Note", "2021-02-12")


def test_a_wrapped_line_that_starts_with_by_is_no_byline() -> None:
    raw = ("The ministry said that the accounts had to be blocked within a day.\n"
           "By Monday, the company had complied with most of the orders\n"
           "it had received from the ministry, an official said.\n")
    assert len(split_sentences(raw)) == 2


@pytest.mark.parametrize("head", [
    "https://www.northstar.example/india/twitter-restores-accounts-2021-02-04",
    "Source: https://www.northstar.example/india/twitter-restores-accounts-2021-02-04",
    "URL: <https://www.northstar.example/india/twitter-restores-accounts-2021-02-04>",
])
@pytest.mark.parametrize("long_line", [True, False], ids=["page", "wrapped"])
def test_a_link_pasted_over_the_story_is_its_address_not_its_title(head: str, long_line: bool) -> None:
    """A moderator pasting a story with its link on top: every citation was titled with the link, the
    article had no address to show, and adding the page by its address later was not seen as a second copy."""
    tail = ", in a sentence long enough to read as a page copied with a paragraph per line" if long_line else ""
    raw = (f"{head}\nTwitter restores accounts after government warning\nFeb 4, 2021\n\n"
           f"New Delhi: Twitter on Wednesday restored the accounts, officials said{tail}.\n")
    doc = parse_article(raw, "a", "a.txt")
    assert (doc.title, doc.date) == ("Twitter restores accounts after government warning", "2021-02-04")
    assert doc.url == "https://www.northstar.example/india/twitter-restores-accounts-2021-02-04"
    given = parse_article("---\nurl: https://example.org/given\n---\n" + raw, "b", "b.md")
    assert given.url == "https://example.org/given", "front matter's address wins"


def test_a_link_in_a_sentence_is_no_address() -> None:
    doc = parse_article("Twitter restores accounts\nRead the order at https://example.org/order today.\n", "a", "a.txt")
    assert doc.url is None


@pytest.mark.parametrize("chrome", ["Skip to main content", "Advertisement", "Home > India > News",
                                    "Home / India / Tech News", "Listen to this article", "3 min read",
                                    "Share this article", "Follow us on Google News"])
def test_page_chrome_copied_with_a_story_is_not_its_title(chrome: str) -> None:
    """A page copied whole (Ctrl-A) starts with its chrome: every citation of the story was titled
    "Skip to main content" or "Advertisement"."""
    raw = (f"{chrome}\nTwitter restores accounts after government warning\nFeb 4, 2021\n\nNew Delhi: Twitter on "
           "Wednesday restored the accounts, officials said, in a sentence long enough to read as a page copied.\n")
    assert parse_article(raw, "a", "a.txt").title == "Twitter restores accounts after government warning"


@pytest.mark.parametrize("line", [
    "Share prices of Twitter fell 3 per cent on Feb 11, 2021.", "Advertisement revenue fell.",
    "Twitter > Koo, said the ministers who moved to the homegrown app this week",
])
def test_a_sentence_that_starts_like_page_chrome_is_the_story(line: str) -> None:
    doc = parse_article(f"{line}\n\nTwitter said it would comply.\n", "a", "a.txt")
    assert doc.title == line


@pytest.mark.parametrize(("head", "title"), [
    ("UPDATE 2-India warns Twitter of penal action", "India warns Twitter of penal action"),
    ("REFILE-EXCLUSIVE-Twitter and India hold talks", "Twitter and India hold talks"),
    ("COVID-19 curbs eased in Delhi", "COVID-19 curbs eased in Delhi"),
])
def test_a_wire_storys_slug_is_no_part_of_its_title(head: str, title: str) -> None:
    """A Reuters story pasted as sent was titled "UPDATE 2-India warns …" in sources and citations."""
    raw = f"{head}\n\nNEW DELHI, Feb 10 (Reuters) - India's technology ministry warned Twitter on Wednesday.\n"
    assert parse_article(raw, "w", "w.txt").title == title
