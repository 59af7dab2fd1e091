"""Articles added with a note worth a look (another script, dated years from the rest, titled as another,
a URL that is no web address) and Windows-1252 text converted to UTF-8."""

from __future__ import annotations

from pathlib import Path

from index.add_notes import far_dated
from index.embedding import Encoder
from index.manage import Upload
from retrieval.loaded import load_index
from tests.index.manage_support import STORY, _add


def test_an_article_in_another_script_is_added_with_a_note(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """A Hindi article was accepted without a word, and no question ever found it."""
    corpus, index_dir = built_copy
    hindi = "---\ntitle: किसान आंदोलन\ndate: 2021-02-10\n---\n" + "सरकार ने ट्विटर से 1,178 खातों को हटाने को कहा। " * 2
    english = "---\ntitle: Koo\ndate: 2021-02-11\n---\nKoo said on Thursday it had crossed three million users.\n"
    outcome = _add([Upload("kisan.md", hindi.encode()), Upload("koo.md", english.encode())], corpus, index_dir,
                   encoder)
    assert [n["file"] for n in outcome.notes] == ["kisan.md"] and "English" in outcome.notes[0]["note"]
    assert outcome.change()["notes"] == outcome.notes


def test_an_article_dated_years_from_the_rest_is_added_with_a_note(
    built_copy: tuple[Path, Path], encoder: Encoder
) -> None:
    """A typo ("1999" for "2021") was accepted without a word; it stretched the period the articles cover to
    1999 and put the article's events on a 1999 timeline."""
    corpus, index_dir = built_copy
    typo = "---\ntitle: M\ndate: 1999-02-09\n---\nOn February 10, the ministry said Twitter had complied partially.\n"
    right = "---\ntitle: K\ndate: 2021-02-11\n---\nKoo said on Thursday it had crossed three million users.\n"
    outcome = _add([Upload("m.md", typo.encode()), Upload("k.md", right.encode())], corpus, index_dir, encoder)
    [note] = outcome.notes
    assert note["file"] == "m.md" and note["note"].startswith("dated 1999-02-09, over a year from every other")


def test_an_article_titled_as_another_is_added_with_a_note(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """A story opening with the same line as a seed article was listed and cited under that article's title, and
    the two read as one article cited twice."""
    corpus, index_dir = built_copy
    seed_title = "The Indian government said that its order to deactivate 257 Twitter handles is non-negotiable."
    twin = f"{seed_title}\nFeb 11, 2021\n\nResidents of a housing society discussed the news at their meeting.\n"
    other = "---\ntitle: K\ndate: 2021-02-11\n---\nKoo said on Thursday it had crossed three million users.\n"
    outcome = _add([Upload("twin.txt", twin.encode()), Upload("k.md", other.encode())], corpus, index_dir, encoder)
    [note] = outcome.notes
    assert note["file"] == "twin.txt" and note["note"].startswith("added, but its title is 000_23ab69559cfb75aa's too")


def test_an_article_whose_url_is_no_web_address_is_added_with_a_note(
    built_copy: tuple[Path, Path], encoder: Encoder
) -> None:
    """"url: www.example.org/koo" (no scheme) was dropped without a word: the quotes showed no link."""
    corpus, index_dir = built_copy
    bad = "---\ntitle: Koo\ndate: 2021-02-11\nurl: www.example.org/koo\n---\nKoo said it had three million users.\n"
    good = "---\ntitle: K\ndate: 2021-02-11\nurl: https://example.org/k\n---\nKoo said ministers had joined it.\n"
    outcome = _add([Upload("koo.md", bad.encode()), Upload("k.md", good.encode())], corpus, index_dir, encoder)
    [note] = outcome.notes
    assert note["file"] == "koo.md" and "“www.example.org/koo” is no web address" in note["note"]


WINDOWS_STORY = ("New Delhi: Twitter\u2019s reply came on Wednesday. The minister said \u201cwe will not "
                 "comply\u201d, and the caf\u00e9 owners in Connaught Place backed the company.\n\nThe ministry wrote "
                 "to the company again on February 10, 2021, and asked for the accounts to be blocked.\n")


def test_a_windows_1252_article_is_added_as_utf8_and_junk_is_still_refused(
    built_copy: tuple[Path, Path], encoder: Encoder
) -> None:
    """Saved as "ANSI" by a Windows editor (curly quotes and "é" are single bytes that are no UTF-8), an article
    was refused; it is read in the encoding detected and stored as UTF-8. Bytes that are no text still are."""
    corpus, index_dir = built_copy
    utf8 = ("\ufeff" + STORY).encode("utf-8")
    outcome = _add([Upload("cafe.txt", WINDOWS_STORY.encode("cp1252")), Upload("plain.txt", utf8),
                    Upload("junk.txt", bytes(range(128, 256)) * 4)], corpus, index_dir, encoder)
    assert outcome.stored == ["cafe.txt", "plain.txt"]
    [junk] = outcome.rejected
    assert junk["file"] == "junk.txt" and junk["reason"].startswith("not UTF-8 text")
    assert "save it as UTF-8" in junk["reason"]
    assert (corpus / "cafe.txt").read_bytes() == WINDOWS_STORY.encode("utf-8")
    assert (corpus / "plain.txt").read_bytes() == utf8  # a UTF-8 file is stored as it came
    index = load_index(index_dir)
    assert index.docs[index.doc_index["cafe"]].text == WINDOWS_STORY
    assert index.docs[index.doc_index["plain"]].text == STORY  # the byte-order mark is no part of the text


def _doc(doc_id: str, when: str | None, estimated: bool = False) -> dict[str, object]:
    return {"doc_id": doc_id, "filename": f"{doc_id}.md", "title": doc_id, "date": when, "date_estimated": estimated}


def test_an_article_is_far_dated_from_every_other_added_with_it_too() -> None:
    """An add of several files compared each only with the articles indexed before: of two 1999 articles
    added together, each was "over a year from every other article", the other one a day away."""
    indexed = [_doc("a", "2021-02-08"), _doc("b", "2021-02-12"), _doc("est", "1990-01-01", estimated=True)]
    pair = [_doc("old1", "1999-02-09"), _doc("old2", "1999-02-10")]
    assert far_dated([*indexed, *pair], ["old1", "old2"]) == []
    far, near = _doc("typo", "1999-02-09"), _doc("k", "2021-02-11")
    [note] = far_dated([*indexed, far, near], ["typo", "k"])
    assert note["file"] == "typo.md" and "(2021-02-08 to 2021-02-12)" in note["note"], "an estimated date is no date"
    # The others' range holds the articles added with it: the latest here is one of them.
    [note] = far_dated([*indexed, far, _doc("late", "2021-03-01")], ["typo", "late"])
    assert "(2021-02-08 to 2021-03-01)" in note["note"]
    # The first add to an index of articles: they are each other's others.
    assert [n["file"] for n in far_dated([far, near, _doc("k2", "2021-02-12")], ["typo", "k", "k2"])] == ["typo.md"]
    assert far_dated([far], ["typo"]) == [], "alone: nothing to be far from"
    many = [_doc(f"d{k}", f"2021-02-{k:02}") for k in range(1, 20)]
    assert [n["file"] for n in far_dated([*many, far], ["typo", "d1", "d19"])] == ["typo.md"]


def test_a_far_dated_note_names_the_others_one_day_once() -> None:
    """The seed corpus states one date: the note on an article added years away read "(2021-02-10 to 2021-02-10)"."""
    [note] = far_dated([_doc("a", "2021-02-10"), _doc("b", "2021-02-10"), _doc("new", "2025-03-19")], ["new"])
    assert "every other article (2021-02-10): check the date" in note["note"]


def test_utf16_without_a_byte_order_mark_is_added_as_utf8(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """UTF-16 saved without its mark ("Unicode" from PowerShell and some exporters) is English text with every
    other byte NUL, which is valid UTF-8: it was refused as "binary file (contains NUL bytes)". Binary bytes with
    NULs in them still are."""
    corpus, index_dir = built_copy
    outcome = _add([Upload("le.txt", WINDOWS_STORY.encode("utf-16-le")),
                    Upload("be.txt", STORY.encode("utf-16-be")),
                    Upload("junk.txt", b"\x01\x00\x02\x00\x03\x00" * 40)], corpus, index_dir, encoder)
    assert outcome.stored == ["le.txt", "be.txt"]
    [junk] = outcome.rejected
    assert junk["file"] == "junk.txt" and "NUL" in junk["reason"]
    assert (corpus / "le.txt").read_bytes() == WINDOWS_STORY.encode("utf-8")
    assert (corpus / "be.txt").read_bytes() == STORY.encode("utf-8")
    index = load_index(index_dir)
    assert index.docs[index.doc_index["le"]].text == WINDOWS_STORY
