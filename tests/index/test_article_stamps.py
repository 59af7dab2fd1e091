"""What dates an article: a date line or stamp in its head, read as the article writes days; what dates nothing
(a chronology's lines, a table row) and the dates refused (a day that does not exist, one that reads two ways)."""

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


@pytest.mark.parametrize(("written", "read"), [
    ("Feb 15, 2021", "2021-02-15"), ("10 February 2021", "2021-02-10"), ("'2021-02-10T08:30:00+05:30'", "2021-02-10")])
def test_front_matter_dates_written_out_are_read(written: str, read: str) -> None:
    assert parse_article(f"---\ntitle: T\ndate: {written}\n---\nBody.", "a", "a.md").date == read


def test_date_header_as_in_the_seed_article() -> None:
    doc = load_article(next(SEED.glob("000_*.txt")))
    assert doc.date == "2021-02-10"
    assert doc.text.startswith("The Indian government said")
    assert "date 2021" not in doc.title


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


@pytest.mark.parametrize("raw", [
    "Twitter restores accounts\nDate: 2021-02-04\n\nNew Delhi: Twitter restored most of the 257 accounts.\n",
    "Date: 4 February 2021\nTwitter restores accounts\n\nNew Delhi: Twitter restored most of the 257 accounts.\n",
    "date 2021-2-4\nTwitter restores accounts\n\nNew Delhi: Twitter restored most of the 257 accounts.\n",
])
def test_a_date_line_typed_by_hand_dates_the_article_and_is_no_title(raw: str) -> None:
    """Such a line was read as the title, or as a timeline event dated by itself, and the article undated."""
    doc = parse_article(raw, "a", "a.txt")
    assert (doc.title, doc.date) == ("Twitter restores accounts", "2021-02-04")


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


@pytest.mark.parametrize(("line", "shown"), [
    ("date: [2021-02-12]", "[2021-02-12]"), ("date: {day: 12}", "{day: 12}"),
    ("date:\n  - 2021-02-12", "[2021-02-12]"),
])
def test_a_date_that_is_no_day_is_refused_as_written_not_in_python_form(
    line: str, shown: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """YAML reads "[2021-02-12]" as a list holding a date: the refusal showed "[datetime.date(2021, 2, 12)]"."""
    raw = f"---\ntitle: T\n{line}\n---\nThe ministry wrote to Twitter again.\n"
    with pytest.raises(ValueError, match=r"cannot read the date") as refused:
        check_upload(Upload("a.md", raw.encode()), 10_000)
    assert shown in str(refused.value) and "datetime" not in str(refused.value)
    (tmp_path / "a.md").write_text(raw, encoding="utf-8")
    assert load_article(tmp_path / "a.md").date is None
    assert shown in caplog.text and "datetime" not in caplog.text


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


@pytest.mark.parametrize(("written", "day"), [("Wednesday 13/02/2021", "2021-02-13"),
                                              ("Wednesday 02/13/2021", "2021-02-13")])
def test_a_front_matter_day_in_figures_among_words_reads_as_before(written: str, day: str) -> None:
    """Keeping dateparser from reading "10/02/2021" month first leaves the days that read one way as they were."""
    raw = f"---\ntitle: T\ndate: '{written}'\n---\nThe traders said they had moved.\n"
    assert parse_article(raw, "a", "a.md").date == day
