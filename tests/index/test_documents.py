from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from index.article_head import ambiguous_stamp, no_such_day_stamp
from index.chunking import split_sentences
from index.corpus_files import SkippedFile, load_article, load_corpus
from index.documents import Document, parse_article
from index.events import extract_events
from index.front_matter import unreadable_date
from index.manage import Upload, check_upload

SEED = Path(__file__).resolve().parents[2] / "corpus"


def test_front_matter_gives_metadata_and_exact_body_offset(tmp_path: Path) -> None:
    raw = "---\ntitle: Talks stall\ndate: 2021-02-11\nurl: https://example.org/a\nsource: Example\n---\n\nBody here.\n"
    path = tmp_path / "a.md"
    path.write_text(raw, encoding="utf-8")
    doc = load_article(path)
    assert (doc.doc_id, doc.title, doc.date, doc.url, doc.source) == (
        "a", "Talks stall", "2021-02-11", "https://example.org/a", "Example")
    assert raw[doc.body_offset:].startswith(doc.text)
    assert doc.text.strip() == "Body here."


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["plain", "bom"])
def test_a_byte_order_mark_or_windows_line_endings_change_nothing(newline: str, bom: str) -> None:
    lines = ["---", "title: Talks stall", "date: 2021-02-11", "source: Example", "---", "", "Body here.", ""]
    raw = bom + newline.join(lines)
    doc = parse_article(raw, "a", "a.md")
    assert (doc.title, doc.date, doc.source, doc.text) == ("Talks stall", "2021-02-11", "Example", "Body here.")
    assert raw[doc.body_offset:].startswith(doc.text)
    header = parse_article(bom + f"date 2021-02-12{newline}The body.", "b", "b.txt")
    assert (header.date, header.text, header.title) == ("2021-02-12", "The body.", "The body.")


@pytest.mark.parametrize(("written", "read"), [
    ("Feb 15, 2021", "2021-02-15"), ("10 February 2021", "2021-02-10"), ("'2021-02-10T08:30:00+05:30'", "2021-02-10")])
def test_front_matter_dates_written_out_are_read(written: str, read: str) -> None:
    assert parse_article(f"---\ntitle: T\ndate: {written}\n---\nBody.", "a", "a.md").date == read


@pytest.mark.parametrize("written", ["10/02/2021", "last Tuesday", "0001-01-01", "9999-12-31"])
def test_an_upload_whose_date_cannot_be_read_is_refused(
    written: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    raw = f"---\ntitle: T\ndate: {written}\n---\nThe ministry wrote again."
    with pytest.raises(ValueError, match="cannot read the date"):
        check_upload(Upload("a.md", raw.encode()), 10_000)
    assert check_upload(Upload("b.md", b"---\ntitle: T\n---\nThe ministry wrote again."), 10_000) == "b.md"
    (tmp_path / "a.md").write_text(raw, encoding="utf-8")  # put in the corpus folder by hand: built, undated
    assert load_article(tmp_path / "a.md").date is None
    assert f"cannot read the date {written!r}" in caplog.text


def test_date_header_as_in_the_seed_article() -> None:
    doc = load_article(next(SEED.glob("000_*.txt")))
    assert doc.date == "2021-02-10"
    assert doc.text.startswith("The Indian government said")
    assert "date 2021" not in doc.title


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


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"\xff\xfe\x00bad", "not UTF-8"), (b"text\x00more", "NUL"), (b"   \n", "empty"),
     (b"---\ntitle: [unclosed\n---\nbody", "front matter")],
)
def test_unusable_files_are_reported_and_skipped(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "good.txt").write_text("Twitter met the ministry.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not an article type: ignored, not reported
    docs, skipped = load_corpus(tmp_path)
    assert [d.doc_id for d in docs] == ["good"]
    assert [s.filename for s in skipped] == ["bad.txt"]
    assert reason in skipped[0].reason


def test_same_stem_twice_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("One.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Two.", encoding="utf-8")
    docs, skipped = load_corpus(tmp_path)
    assert len(docs) == 1 and "duplicate doc id" in skipped[0].reason


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_capitalised_front_matter_keys_are_read(newline: str) -> None:
    """"Title:" and "Date:" were ignored: the article was listed undated under its first sentence."""
    raw = newline.join(["---", "Title: Koo downloads surge as ministers join", "Date: 2021-02-11",
                        "URL: https://example.org/koo", "---", "Downloads of Koo jumped tenfold this week.", ""])
    doc = parse_article(raw, "koo", "koo.md")
    assert (doc.title, doc.date, doc.url) == ("Koo downloads surge as ministers join", "2021-02-11",
                                              "https://example.org/koo")
    assert unreadable_date(raw.replace("2021-02-11", "11/02/2021")) == "11/02/2021"


@pytest.mark.parametrize("header", ["date: 2021-02-13", "Date 2021-02-13", "Date: 2021-02-13", "DATE:2021-02-13"])
def test_a_date_line_as_people_write_it_is_a_header_not_the_title(header: str) -> None:
    doc = parse_article(f"{header}\n\nThe Delhi police met Twitter executives on Saturday.\n", "police", "police.txt")
    assert doc.date == "2021-02-13" and doc.title == "The Delhi police met Twitter executives on Saturday."


def events_of(doc: Document) -> list[dict[str, Any]]:
    return extract_events([doc], {doc.doc_id: split_sentences(doc.text)})


def test_a_web_copys_updated_line_dates_the_article_and_is_no_event() -> None:
    """"Updated: Feb 12, 2021 14:05 IST" under the headline was the article's only timeline event, and the
    article's date was estimated although the line states it."""
    raw = ("Twitter blocks accounts again after government notice\nBy Press Trust of India\n"
           "Updated: Feb 12, 2021 14:05 IST\nNew Delhi: Twitter on Thursday blocked 500 more accounts that the "
           "government had flagged, the company said in a statement on February 11, 2021, a day after the ministry's "
           "notice.\n")
    doc = parse_article(raw, "web", "web.txt")
    assert doc.date == "2021-02-12"
    events = events_of(doc)
    assert [e["date"] for e in events] == ["2021-02-11"] and "Updated" not in events[0]["quote"]
    first = parse_article("Updated: Feb 12, 2021 14:05 IST\n" + raw, "y", "y.txt")
    assert first.title == "Twitter blocks accounts again after government notice", "a stamp is no title"
    later = parse_article("Updated guidelines were published on Feb 12, 2021.\n" + raw[55:], "x", "x.txt")
    assert later.date == "2021-02-12", "a sentence that starts like a stamp is no stamp; the stamp below is"


def test_a_title_with_a_colon_is_refused_with_the_line_and_the_fix() -> None:
    """YAML's own message ran over two lines, named "<unicode string>" and said nothing of quotes."""
    raw = b'---\ntitle: Twitter vs India: the row\ndate: 2021-02-10\n---\nTwitter and the ministry met on Monday.\n'
    with pytest.raises(ValueError) as refused:
        check_upload(Upload("row.md", raw), 10_000)
    message = str(refused.value)
    assert message.startswith("bad front matter (line 2):") and "needs quotes" in message
    assert "\n" not in message and "unicode string" not in message


@pytest.mark.parametrize(("raw", "reason"), [
    ("---\ntitle: Unclosed\ndate: 2021-02-11\nTwitter blocked 500 accounts.\n", "never closed"),
    ("<!DOCTYPE html><html><head><title>Koo</title></head><body><nav>Home</nav><p>Story</p></body></html>",
     "an HTML page"),
    ("  <html lang='en'><body><p>Story</p></body></html>", "an HTML page"),
    ("<div><p></p></div>\n<span></span>\n", "an HTML page"),
    ('<div class="story"><h1>Koo gains users</h1><p>The minister joined Koo on Saturday.</p></div>\n', "an HTML page"),
    ("<article>\n<p>Twitter restored the accounts on 4 February 2021.</p>\n</article>\n", "an HTML page"),
])
def test_a_file_that_is_no_article_is_refused_with_what_to_do(raw: str, reason: str, tmp_path: Path) -> None:
    """An unclosed front matter was read as the title "---" and its date line as a timeline event; a saved
    web page was indexed with its markup as title and events."""
    with pytest.raises(ValueError, match=reason) as refused:
        check_upload(Upload("a.md", raw.encode()), 10_000)
    assert "bad front matter" not in str(refused.value)
    (tmp_path / "a.md").write_text(raw, encoding="utf-8")
    docs, skipped = load_corpus(tmp_path)
    assert docs == [] and reason in skipped[0].reason


def test_an_empty_front_matter_block_is_no_part_of_the_story() -> None:
    doc = parse_article("---\n---\nTwitter restored the accounts on 4 February 2021.\n", "a", "a.md")
    assert doc.text.startswith("Twitter restored") and doc.title.startswith("Twitter restored")
    # Text between two rules that is no metadata stays the story's.
    ruled = parse_article("---\nTwitter said it would comply.\n\n---\nMore text.\n", "b", "b.md")
    assert "Twitter said it would comply." in ruled.text and "More text." in ruled.text


@pytest.mark.parametrize("raw", [
    "Twitter restores accounts\nDate: 2021-02-04\n\nNew Delhi: Twitter restored most of the 257 accounts.\n",
    "Date: 4 February 2021\nTwitter restores accounts\n\nNew Delhi: Twitter restored most of the 257 accounts.\n",
    "date 2021-2-4\nTwitter restores accounts\n\nNew Delhi: Twitter restored most of the 257 accounts.\n",
])
def test_a_date_line_typed_by_hand_dates_the_article_and_is_no_title(raw: str) -> None:
    """Such a line was read as the title, or as a timeline event dated by itself, and the article undated."""
    doc = parse_article(raw, "a", "a.txt")
    assert (doc.title, doc.date) == ("Twitter restores accounts", "2021-02-04")


def test_web_page_furniture_is_neither_the_title_nor_an_event() -> None:
    """A copied page's menu became every citation's title, and its "Also Read" links timeline events."""
    raw = ("Home | India | World | Business | Tech\nTwitter restores most blocked accounts\n"
           "Updated: Feb 12, 2021 14:05 IST\nNew Delhi: Twitter on Thursday restored most of the accounts, the "
           "company said in a statement on February 11, 2021.\n"
           "Also Read: Farmers plan chakka jam on February 6 - Jan 30, 2021\n")
    doc = parse_article(raw, "web", "web.txt")
    assert doc.title == "Twitter restores most blocked accounts"
    assert [e["date"] for e in events_of(doc)] == ["2021-02-11"]


@pytest.mark.parametrize("stamp", [
    "Feb 12, 2021", "Friday, February 12, 2021", "12 February 2021 14:05 IST", "2021-02-12T10:00:00Z",
    "2021-02-12 10:00", "*Published: 12 February 2021*", "**Updated:** Feb 12, 2021",
    "Published: Friday, February 12, 2021, 09:30 PM IST",
])
def test_a_date_line_under_the_headline_dates_the_article_and_is_no_event(stamp: str) -> None:
    """A page copied with its date on a line of its own ("Feb 12, 2021" under the headline, as most news sites
    print it) was shown with an estimated date, and the date line itself was a timeline event whose summary
    was "2021-02-12T10:00:00Z"."""
    raw = (f"Twitter blocks accounts again after government notice\n{stamp}\n\nNew Delhi: Twitter blocked 500 "
           "more accounts that the government had flagged, the company said in a statement on February 11, 2021.\n")
    doc = parse_article(raw, "web", "web.md")
    assert (doc.title, doc.date) == ("Twitter blocks accounts again after government notice", "2021-02-12")
    assert [e["date"] for e in events_of(doc)] == ["2021-02-11"]


@pytest.mark.parametrize("line", ["2021-02-12 Twitter met the ministry", "Feb 12, 2021: Twitter met the ministry"])
def test_a_line_that_starts_with_a_date_is_no_date_line(line: str) -> None:
    doc = parse_article(f"Talks resume\n{line}.\n\nBoth sides agreed to meet again.\n", "a", "a.txt")
    assert doc.date is None and [e["date"] for e in events_of(doc)] == ["2021-02-12"]


def test_dates_heading_a_timeline_article_are_not_its_date() -> None:
    """An article that lists days ("Jan 26, 2021", then what happened) is a chronology, not stamped by its first."""
    raw = ("How the row unfolded\nJan 26, 2021\nViolence during the tractor rally in Delhi.\nFeb 1, 2021\n"
           "The ministry ordered Twitter to block 257 accounts.\nFeb 10, 2021\nTwitter published a blog post.\n")
    assert parse_article(raw, "a", "a.txt").date is None


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


@pytest.mark.parametrize("line", [
    "Written by Meera Kapoor | New Delhi | Updated: February 12, 2021 6:22:14 pm",
    "February 12, 2021 / 10:05 PM / Updated 4 years ago", "Meera Kapoor | Feb 12, 2021, 14:05 IST",
    "PTI | Updated: Feb 12, 2021, 14:05 IST", "Feb 12, 2021 · 3 min read",
])
def test_a_line_of_facts_with_the_day_among_them_dates_the_article_and_is_no_event(line: str) -> None:
    """A news page's line of byline, place and stamp was the timeline's event on that day, its summary the line."""
    raw = (f"Twitter restores accounts\n{line}\n\nNew Delhi: Twitter on Thursday restored the accounts, the ministry "
           "said, in a sentence long enough that this article reads as a web page copied with a paragraph per line.\n")
    doc = parse_article(raw, "a", "a.txt")
    assert (doc.title, doc.date) == ("Twitter restores accounts", "2021-02-12")
    assert [e["date"] for e in events_of(doc)] == ["2021-02-11"]


def test_a_table_row_with_a_date_is_an_event_not_a_stamp() -> None:
    raw = ("How the row unfolded\n\n| Day | What happened |\n| --- | --- |\n"
           "| Feb 11, 2021 | Twitter restored the accounts |\n")
    doc = parse_article(raw, "a", "a.md")
    assert doc.date is None and [e["date"] for e in events_of(doc)] == ["2021-02-11"]


@pytest.mark.parametrize("raw", [
    "---\ntitle: Koo gains users\ndate: 2021-02-13\n...\nThe minister joined Koo on Saturday, officials said.\n",
    '+++\ntitle = "Koo gains users"\ndate = 2021-02-13\n+++\nThe minister joined Koo on Saturday, officials said.\n',
    '+++\r\nTitle = "Koo gains users"\r\ndate = 2021-02-13T10:00:00Z\r\n+++\r\nThe minister joined Koo on Saturday, '
    'officials said.\r\n',
], ids=["yaml-ended-by-dots", "toml", "toml-crlf"])
def test_front_matter_as_pandoc_and_hugo_write_it_is_metadata_not_story(raw: str) -> None:
    """YAML closed by "..." (pandoc) and TOML between "+++" lines (Hugo) were read as the story: the title was
    "title: Koo gains users" or "+++", and the front matter was quoted as the article's words."""
    doc = parse_article(raw, "koo", "koo.md")
    assert (doc.title, doc.date) == ("Koo gains users", "2021-02-13")
    assert doc.text.startswith("The minister joined Koo") and raw[doc.body_offset:].startswith(doc.text)


def test_broken_toml_front_matter_is_refused_in_one_line() -> None:
    with pytest.raises(ValueError, match=r"^bad front matter") as refused:
        check_upload(Upload("koo.md", b'+++\ntitle = Koo gains users\n+++\nThe minister joined Koo.\n'), 10_000)
    assert "\n" not in str(refused.value)
    with pytest.raises(ValueError, match=r"never closed by a line of \+\+\+"):
        check_upload(Upload("koo.md", b'+++\ntitle = "Koo"\nThe minister joined Koo.\n'), 10_000)


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


def test_a_file_saved_in_windows_1252_is_read_and_one_that_is_no_text_is_skipped(tmp_path: Path) -> None:
    """A build read only UTF-8: a story saved as "ANSI" in the corpus folder was skipped."""
    story = ("Twitter\u2019s reply came on Wednesday. The minister said \u201cwe will not comply\u201d, and the "
             "caf\u00e9 owners in Connaught Place backed the company in a statement on Thursday.\n")
    (tmp_path / "cafe.txt").write_bytes(story.encode("cp1252"))
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    docs, skipped = load_corpus(tmp_path)
    assert [(d.doc_id, d.text) for d in docs] == [("cafe", story)]
    assert [s.filename for s in skipped] == ["noise.txt"] and "not UTF-8 text" in skipped[0].reason
    with pytest.raises(ValueError, match="save it as UTF-8"):
        check_upload(Upload("short.txt", "The caf\u00e9.".encode("cp1252")), 10_000)  # too little to tell


@pytest.mark.parametrize("given, shown", [
    ("https://example.org/story", "https://example.org/story"),
    ("HTTP://Example.org/a?b=1", "HTTP://Example.org/a?b=1"),
    ("not a url", None),
    ("www.example.org/story", None),  # no scheme: no link a chat client would follow
    ("javascript:alert(1)", None),
    ("ftp://example.org/story", None),
    ("https://", None),
])
def test_only_a_web_address_in_the_front_matter_is_a_link(given: str, shown: str | None) -> None:
    """Citations and /sources show the url as a link: "url: not a url" showed a link to nowhere."""
    doc = parse_article(f"---\ntitle: T\nurl: {given}\n---\nTwitter said so on Monday.\n", "d", "d.md")
    assert doc.url == shown


@pytest.mark.parametrize(("given", "cited"), [
    ("https://news.example/story?utm_source=twitter&utm_medium=social&utm_campaign=feb", "https://news.example/story"),
    ("https://news.example/story?id=42&fbclid=IwAR0x&page=2#comments", "https://news.example/story?id=42&page=2#comments"),
    ("https://news.example/story?gclid=abc", "https://news.example/story"),
    ("https://news.example/story?q=a%20b&ref=x", "https://news.example/story?q=a%20b"),
    ("https://news.example/story?q=a%20b&Sort=1", "https://news.example/story?q=a%20b&Sort=1"),  # none: as written
])
def test_a_link_is_cited_without_its_tracking_parameters(given: str, cited: str) -> None:
    """A story shared from Twitter was cited as "…?utm_source=twitter&utm_medium=social&…": the reader's click
    reported to the campaign. Duplicate checking ignored them already; the link shown and stored drops them."""
    for raw in (f"---\ntitle: T\nurl: {given}\n---\nTwitter said so on Monday.\n",
                f"Source: {given}\nTwitter restores accounts\n\nTwitter said so on Monday, officials said.\n"):
        assert parse_article(raw, "d", "d.md").url == cited


@pytest.mark.parametrize("block", ["- a\n- b\n", "- title: Koo gains users\n  date: 2021-02-13\n"])
def test_front_matter_that_is_a_list_is_refused_with_the_form_it_needs(block: str, tmp_path: Path) -> None:
    """It was read as the story, titled "• a", and whatever metadata was meant was lost without a word."""
    raw = f"---\n{block}---\nThe minister joined Koo on Saturday, the company said.\n"
    with pytest.raises(ValueError, match=r"front matter must be key: value lines \(title, date, url, source\)"):
        check_upload(Upload("koo.md", raw.encode()), 10_000)
    (tmp_path / "koo.md").write_text(raw, encoding="utf-8")
    docs, skipped = load_corpus(tmp_path)
    assert docs == [] and skipped[0].filename == "koo.md" and "key: value lines" in skipped[0].reason


@pytest.mark.parametrize(("line", "shown"), [
    ("date: [2021-02-12]", "[2021-02-12]"), ("date: {day: 12}", "{day: 12}"),
    ("date:\n  - 2021-02-12", "[2021-02-12]"),
])
def test_a_date_that_is_no_day_is_refused_as_written_not_in_python_form(
    line: str, shown: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """YAML reads "[2021-02-12]" as a list holding a date: the refusal showed "[datetime.date(2021, 2, 12)]"."""
    raw = f"---\ntitle: T\n{line}\n---\nThe ministry wrote again.\n"
    with pytest.raises(ValueError, match=r"cannot read the date") as refused:
        check_upload(Upload("a.md", raw.encode()), 10_000)
    assert shown in str(refused.value) and "datetime" not in str(refused.value)
    (tmp_path / "a.md").write_text(raw, encoding="utf-8")
    assert load_article(tmp_path / "a.md").date is None
    assert shown in caplog.text and "datetime" not in caplog.text


@pytest.mark.parametrize(("line", "refusal"), [
    ("title: [a, b]", "the front matter's title is a list ([a, b])"),
    ("title: {a: b}", "the front matter's title is a mapping ({a: b})"),
    ("title:\n  - a\n  - b", "the front matter's title is a list ([a, b])"),
    ("url: [https://example.org/a]", "the front matter's url is a list ([https://example.org/a])"),
    ("source: {name: PTI}", "the front matter's source is a mapping ({name: PTI})"),
])
def test_a_title_url_or_source_that_is_no_line_of_text_is_refused_as_written(line: str, refusal: str) -> None:
    """"title: [a, b]" titled every citation "['a', 'b']"; a url so written was no link, noted in Python form."""
    raw = f"---\n{line}\n---\nThe ministry wrote again.\n"
    with pytest.raises(ValueError) as refused:
        check_upload(Upload("a.md", raw.encode()), 10_000)
    assert str(refused.value).startswith(refusal) and "in quotes" in str(refused.value)
    assert parse_article("---\ntitle: 1984\n---\nThe ministry wrote again.\n", "b", "b.md").title == "1984"


@pytest.mark.parametrize(("head", "line"), [
    ("title: [broken\n", 2), ('title: "Twitter blocks accounts\ndate: 2021-02-10\n', 2),
    ("title: Koo gains users\nurl: {https://example.org/koo\n", 3),
])
def test_a_bracket_or_quote_never_closed_is_refused_naming_the_line_it_opens(head: str, line: int) -> None:
    """YAML finds the slip where the block runs out, on the closing "---": "title: [broken" on line 2 was
    reported as "(line 3)"."""
    with pytest.raises(ValueError, match=rf"^bad front matter \(line {line}\): ") as refused:
        check_upload(Upload("a.md", f"---\n{head}---\nThe ministry wrote again.\n".encode()), 10_000)
    assert "never closed" in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize(("raw", "count"), [
    ("ok", "1 word"), ("ok.\n", "1 word"), ("---\ntitle: Koo\n---\nTwitter blocks 250 accounts\n", "4 words"),
    ("...\n", "no words"),
])
def test_an_upload_with_too_little_text_to_quote_is_refused(raw: str, count: str, tmp_path: Path) -> None:
    """A 2-character article ("ok") was added without a word: the bot can quote nothing from it."""
    with pytest.raises(ValueError, match=rf"^too little text to quote \({count}, and no full sentence\)"):
        check_upload(Upload("a.txt", raw.encode()), 10_000)
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")  # put in the folder by hand: built as it is
    assert load_article(tmp_path / "a.txt").text.strip() == raw.split("---\n")[-1].strip()


@pytest.mark.parametrize("raw", [
    "Fine text.", "Twitter restored the accounts.\n", "Did Twitter comply?", "ट्विटर ने खाते बंद किए।",
    "# Facts\n\n" + "".join(f"- Koo had {n} lakh users in week {n}\n" for n in range(1, 6)),
])
def test_a_short_article_with_a_sentence_or_enough_words_is_added(raw: str) -> None:
    assert check_upload(Upload("a.md", raw.encode()), 10_000) == "a.md"


@pytest.mark.parametrize(("head", "title", "date", "url", "source"), [
    ("headline: Talks stall\npublished: Feb 13, 2021\nlink: https://example.org/a\n",
     "Talks stall", "2021-02-13", "https://example.org/a", None),
    ("og:title: Talks stall\npublishDate: 2021-02-13\npermalink: https://example.org/a\npublisher: Example\n",
     "Talks stall", "2021-02-13", "https://example.org/a", "Example"),
    ("Headline: Talks stall\npublished_at: 2021-02-13T08:30:00+05:30\ncanonical_url: https://example.org/a\n"
     "site_name: Example\n", "Talks stall", "2021-02-13", "https://example.org/a", "Example"),
    ("title: Own title\nheadline: Another\ndate: 2021-02-12\ndatePublished: 2021-02-13\n",
     "Own title", "2021-02-12", None, None),
])
def test_front_matter_fields_spelled_as_other_tools_spell_them(
        head: str, title: str, date: str, url: str | None, source: str | None) -> None:
    """A scraper's "headline:" and "published:", Hugo's "publishDate:", Ghost's "published_at:": each was ignored,
    and the article was titled by its first sentence and shown undated. The field's own key wins."""
    raw = f"---\n{head}---\nThe ministry said the accounts had been blocked.\n"
    doc = parse_article(raw, "a", "a.md")
    assert (doc.title, doc.date, doc.url, doc.source) == (title, date, url, source)


@pytest.mark.parametrize("flag", ["true", "false"])
def test_jekylls_published_flag_is_no_date(flag: str) -> None:
    """Jekyll's "published: true" (or false) says whether a post is out: read as the date, an upload holding it was
    refused ("cannot read the date 'true'"). The stamp under the headline dates it."""
    raw = (f"---\ntitle: Talks stall\npublished: {flag}\n---\nFeb 13, 2021\n\n"
           "The ministry said the accounts had been blocked under section 69A of the IT Act.\n")
    assert check_upload(Upload("a.md", raw.encode()), 10_000) == "a.md"
    assert unreadable_date(raw) is None
    assert parse_article(raw, "a", "a.md").date == "2021-02-13"


def test_an_unreadable_date_under_another_key_is_refused_as_written() -> None:
    raw = "---\npublishDate: 10/02/2021\n---\nThe ministry said the accounts had been blocked.\n"
    assert unreadable_date(raw) == "10/02/2021"


@pytest.mark.parametrize(("line", "day"), [
    ("13/02/2021", "2021-02-13"), ("02/13/2021", "2021-02-13"), ("13.02.2021 08:30", "2021-02-13"),
    ("Updated: 13/02/2021, 08:30 IST", "2021-02-13"), ("2/2/2021", "2021-02-02"),
])
def test_a_stamp_in_figures_that_can_be_read_one_way_dates_the_article(line: str, day: str) -> None:
    """A page's "13/02/2021" under the headline was no date at all: the article was shown undated (or estimated)."""
    raw = f"Traders switch apps as the row simmers\n{line}\n\nThe traders said they had opened accounts on the app.\n"
    assert parse_article(raw, "a", "a.txt").date == day
    if ":" not in line.split()[0]:  # the front matter's date is the day alone
        assert parse_article(f"---\ndate: '{line}'\n---\nThe traders said so.\n", "b", "b.md").date == day


@pytest.mark.parametrize("line", ["10/02/2021", "Updated: 10.02.2021 08:30"])
def test_an_upload_stamped_with_a_day_that_reads_two_ways_is_refused(line: str) -> None:
    """"10/02/2021" (10 February or 2 October) was taken as no date, and the article added undated without a word;
    a front matter's such date is refused, and so is a stamp's now."""
    raw = f"Traders switch apps as the row simmers\n{line}\n\nThe traders said they had opened accounts on the app.\n"
    with pytest.raises(ValueError, match=r"cannot tell the day from the month in the date '10[/.]02[/.]2021( 08:30)?'"):
        check_upload(Upload("a.txt", raw.encode()), 100_000)
    assert parse_article(raw, "a", "a.txt").date is None  # a file put in the corpus by hand is built undated


@pytest.mark.parametrize(("line", "text", "day"), [
    # The stamp's own time zone: IST is India's, which writes the day first (read month first: 2 October).
    ("First published on: 10-02-2021 09:14 IST", "Twitter met officials on Wednesday.", "2021-02-10"),
    ("Updated: 05/02/2021", "The order of 31/01/2021 was obeyed.", "2021-02-05"),  # a day over 12 first
    ("Updated: 05/02/2021", "The order of 31 January was obeyed.", "2021-02-05"),  # a day written before its month
    ("Updated: 05/02/2021", "NEW DELHI: Twitter met officials.", "2021-02-05"),  # a day-first country's dateline
    ("Updated: 02/05/2021 10:00 EST", "Twitter met officials.", "2021-02-05"),  # the United States write month first
    ("Updated: 02/05/2021", "The order of 01/31/2021 was obeyed.", "2021-02-05"),
])
def test_a_stamp_that_reads_two_ways_is_read_as_the_article_writes_days(line: str, text: str, day: str) -> None:
    """"First published on: 10-02-2021 09:14 IST" dated an Indian site's article 2 October, and "Updated:
    05/02/2021" left it undated, though the article shows that it writes the day first."""
    raw = f"Traders switch apps as the row simmers\n{line}\n\n{text} The traders said they had moved.\n"
    assert parse_article(raw, "a", "a.txt").date == day
    assert check_upload(Upload("a.txt", raw.encode()), 100_000) == "a.txt"


@pytest.mark.parametrize("text", [
    "The traders said they had moved on February 4.",  # a month before the day: day-first sites write so too
    "The order of 31/01/2021 and that of 01/30/2021 were obeyed.",  # evidence both ways
])
def test_a_stamp_that_reads_two_ways_stays_unread_when_the_article_does_not_tell(text: str) -> None:
    raw = f"Traders switch apps as the row simmers\nUpdated: 05/02/2021\n\n{text}\n"
    assert parse_article(raw, "a", "a.txt").date is None
    with pytest.raises(ValueError, match="cannot tell the day from the month in the date '05/02/2021'"):
        check_upload(Upload("a.txt", raw.encode()), 100_000)


def test_a_front_matter_date_that_reads_two_ways_is_read_as_the_article_writes_days() -> None:
    raw = "---\ntitle: T\ndate: '05/02/2021'\n---\nThe order of 31/01/2021 was obeyed, the traders said.\n"
    assert parse_article(raw, "a", "a.md").date == "2021-02-05"
    assert check_upload(Upload("a.md", raw.encode()), 100_000) == "a.md"


@pytest.mark.parametrize(("head", "written", "why"), [
    ("---\ntitle: T\ndate: 2021-02-30\n---\n", "2021-02-30", "February 2021 has 28 days"),
    ("---\ntitle: T\ndate: '31/04/2021'\n---\n", "'31/04/2021'", "April 2021 has 30 days"),
    ("---\ntitle: T\npublished_at: February 29, 2021\n---\n", "February 29, 2021", "February 2021 has 28 days"),
    ("date 2021-13-01\n", "2021-13-01", "there is no month 13"),
    ("Traders switch apps as the row simmers\n31/02/2021\n\n", "31/02/2021", "February 2021 has 28 days"),
    ("Traders switch apps as the row simmers\n**Updated:** Sept 31, 2021, 08:30 IST\n\n", "Sept 31, 2021, 08:30 IST",
     "September 2021 has 30 days"),
    ("Traders switch apps as the row simmers\nFriday, 30 February 2021\n\n", "Friday, 30 February 2021",
     "February 2021 has 28 days"),
    # TOML's own "Invalid date or datetime (at line 3, column 8)" was the refusal; "00/02/2021" was refused as a day
    # whose month could not be told from it.
    ('+++\ntitle = "T"\ndate = 2021-02-30\n+++\n', "2021-02-30", "February 2021 has 28 days"),
    ('+++\ntitle = "T"\npublishDate = 2021-13-01T10:00:00Z # the export\n+++\n', "2021-13-01T10:00:00Z",
     "there is no month 13"),
    ("Traders switch apps as the row simmers\n00/02/2021\n\n", "00/02/2021", "there is no day or month 0"),
    ("Traders switch apps as the row simmers\nUpdated: 10/00/2021 08:30\n\n", "10/00/2021 08:30",
     "there is no day or month 0"),
])
def test_an_upload_dated_a_day_that_does_not_exist_is_refused_saying_so(
    head: str, written: str, why: str, tmp_path: Path
) -> None:
    """A stamp's "31/02/2021" left the article undated without a word; a front matter's "2021-02-30" was refused as
    "bad front matter: day is out of range for month", naming neither the field nor the date."""
    raw = head + "The traders said they had opened accounts on the app on Monday.\n"
    with pytest.raises(ValueError) as refused:
        check_upload(Upload("a.md", raw.encode()), 100_000)
    assert str(refused.value) == (f"the date {written!r} does not exist ({why}): check the day and month, and write it "
                                  "as YYYY-MM-DD")
    (tmp_path / "a.md").write_text(raw, encoding="utf-8")  # put in the corpus folder by hand: built, undated
    assert load_article(tmp_path / "a.md").date is None


@pytest.mark.parametrize("line", ["29/02/2020", "Feb 29, 2020", "Updated: 2021-02-28T10:00:00Z", "30 April 2021"])
def test_a_stamp_of_a_day_that_exists_is_no_refusal(line: str) -> None:
    raw = f"Traders switch apps as the row simmers\n{line}\n\nThe traders said they had opened accounts on the app.\n"
    assert check_upload(Upload("a.txt", raw.encode()), 100_000) == "a.txt"
    assert parse_article(raw, "a", "a.txt").date is not None


@pytest.mark.parametrize("line", ["x" + " " * 30_000 + "x", "Updated: a" + " " * 30_000 + "b"])
def test_a_line_with_a_long_run_of_spaces_is_read_at_once(line: str) -> None:
    """Every line of wrapped text is asked whether it is a stamp: a run of 30,000 spaces (a PDF's or a page's
    padding) took about 10 s, as the patterns read it once from each of its places; a megabyte, hours."""
    raw = f"Traders switch apps as the row simmers\n\n{line}\nThe traders said they had opened accounts.\n"
    started = time.perf_counter()
    doc = parse_article(raw, "a", "a.txt")
    split_sentences(doc.text)
    assert ambiguous_stamp(doc.text) is None
    assert no_such_day_stamp(doc.text) is None
    assert time.perf_counter() - started < 2.0


def test_a_hand_placed_file_with_a_date_that_is_no_day_is_noted_by_name(tmp_path: Path) -> None:
    """Put in the corpus by hand, it was built undated with only "cannot read the date" in the log: the build's
    report now names the file and why, once, and still loads it."""
    (tmp_path / "good.txt").write_text("date 2021-02-10\nThe ministry said the accounts were blocked.\n")
    (tmp_path / "bad.md").write_text('+++\ndate = 2021-02-30\n+++\nThe ministry said the accounts were blocked.\n')
    (tmp_path / "either.txt").write_text("Traders switch apps\n10/02/2021\n\nThe traders said they had moved.\n")
    notes: list[SkippedFile] = []
    docs, skipped = load_corpus(tmp_path, notes=notes)
    assert [d.doc_id for d in docs] == ["bad", "either", "good"] and not skipped
    assert [(n.filename, n.reason.split(":")[0]) for n in notes] == [
        ("bad.md", "the date '2021-02-30' does not exist (February 2021 has 28 days)"),
        ("either.txt", "cannot tell the day from the month in the date '10/02/2021'")]
    assert all(n.reason.endswith("it is indexed undated until then") for n in notes)


@pytest.mark.parametrize(("line", "day"), [
    ("New Delhi, 11 February 2021", "2021-02-11"), ("MUMBAI, Feb 11, 2021", "2021-02-11"),
    ("Washington D.C., February 11, 2021", "2021-02-11"),
])
def test_a_releases_dateline_dates_it(line: str, day: str) -> None:
    """A press release's place and day under its issuer was no stamp: the release was shown with an estimate."""
    raw = f"Secretary IT meets Twitter\n{line}\n\nThe secretary met Twitter's senior management today.\n"
    assert parse_article(raw, "r", "r.txt").date == day


def test_a_chronologys_dated_lines_still_date_nothing() -> None:
    """A weekday and a day ("Friday, 12 February 2021") is a date line, not a dateline: a chronology's entries, each
    headed by one, still date nothing."""
    raw = ("Timeline of the standoff\nMonday, 8 February 2021\nTwitter wrote to the ministry.\n"
           "Wednesday, 10 February 2021\nTwitter published a blog post.\n")
    assert parse_article(raw, "c", "c.txt").date is None


@pytest.mark.parametrize(("head", "title"), [
    ("UPDATE 2-India warns Twitter of penal action", "India warns Twitter of penal action"),
    ("REFILE-EXCLUSIVE-Twitter and India hold talks", "Twitter and India hold talks"),
    ("COVID-19 curbs eased in Delhi", "COVID-19 curbs eased in Delhi"),
])
def test_a_wire_storys_slug_is_no_part_of_its_title(head: str, title: str) -> None:
    """A Reuters story pasted as sent was titled "UPDATE 2-India warns …" in sources and citations."""
    raw = f"{head}\n\nNEW DELHI, Feb 10 (Reuters) - India's technology ministry warned Twitter on Wednesday.\n"
    assert parse_article(raw, "w", "w.txt").title == title


@pytest.mark.parametrize(("written", "day"), [("Wednesday 13/02/2021", "2021-02-13"),
                                              ("Wednesday 02/13/2021", "2021-02-13")])
def test_a_front_matter_day_in_figures_among_words_reads_as_before(written: str, day: str) -> None:
    """Keeping dateparser from reading "10/02/2021" month first leaves the days that read one way as they were."""
    raw = f"---\ntitle: T\ndate: '{written}'\n---\nThe traders said they had moved.\n"
    assert parse_article(raw, "a", "a.md").date == day
