from __future__ import annotations

from pathlib import Path

import pytest

from index.corpus_files import load_article, load_corpus
from index.documents import parse_article
from index.front_matter import unreadable_date
from index.manage import Upload, check_upload


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


@pytest.mark.parametrize("written", ["10/02/2021", "last Tuesday", "0001-01-01", "9999-12-31"])
def test_an_upload_whose_date_cannot_be_read_is_refused(
    written: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    raw = f"---\ntitle: T\ndate: {written}\n---\nThe ministry wrote to Twitter again."
    with pytest.raises(ValueError, match="cannot read the date"):
        check_upload(Upload("a.md", raw.encode()), 10_000)
    assert check_upload(Upload("b.md", b"---\ntitle: T\n---\nThe ministry wrote to Twitter again."), 10_000) == "b.md"
    (tmp_path / "a.md").write_text(raw, encoding="utf-8")  # put in the corpus folder by hand: built, undated
    assert load_article(tmp_path / "a.md").date is None
    assert f"cannot read the date {written!r}" in caplog.text


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
    ("ok", "1 word"), ("---\ntitle: Koo\n---\nTwitter blocks 250 accounts\n", "4 words"), ("...\n", "no words"),
])
def test_an_upload_with_too_little_text_to_quote_is_refused(raw: str, count: str, tmp_path: Path) -> None:
    """A 2-character article ("ok") was added without a word: the bot can quote nothing from it."""
    with pytest.raises(ValueError, match=rf"^too little text to quote \({count}, and no full sentence\)"):
        check_upload(Upload("a.txt", raw.encode()), 10_000)
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")  # put in the folder by hand: built as it is
    assert load_article(tmp_path / "a.txt").text.strip() == raw.split("---\n")[-1].strip()


@pytest.mark.parametrize("raw", [
    "Twitter restored the 97 accounts.\n", "Did Twitter comply with the order?", "ट्विटर ने सरकार के आदेश पर खाते बंद किए।",
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
