"""An article the index already holds, added again: under another name, corrected, twice in one add,
byte for byte, a newer version at its address; and what ``--force`` replaces or adds beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import store
from index.embedding import DEFAULT_MODEL, Encoder
from index.manage import Upload, add_articles
from retrieval.loaded import load_index
from tests.index.manage_support import STORY, _add


def test_an_article_already_in_the_corpus_under_another_name_is_refused(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """Discord names a second attachment of one file "story (1).md": it was indexed as a second article, listed,
    cited and dated twice. Only pages fetched by address were screened."""
    corpus, index_dir = built_copy
    seed = sorted(corpus.glob("001_*"))[0]
    before = store.live_dir(index_dir)
    copy = seed.read_text(encoding="utf-8").replace("Twitter", "Twitter ", 1)  # re-saved, one space more
    outcome = _add([Upload("twitter story (1).txt", copy.encode())], corpus, index_dir, encoder)
    assert outcome.report is None and outcome.stored == []
    [refused] = outcome.rejected
    assert refused["duplicate_of"] == seed.stem and "nearly the same text" in refused["reason"]
    assert f"remove {seed.stem} first" in refused["reason"]
    assert not (corpus / "twitter-story-1.txt").exists() and store.live_dir(index_dir) == before

    forced = add_articles([Upload("twitter story (1).txt", copy.encode())], corpus, index_dir, model=DEFAULT_MODEL,
                          encoder_provider=lambda: encoder, max_bytes=100_000, force=True)
    assert forced.stored == ["twitter-story-1.txt"] and forced.rejected == []


def test_a_corrected_article_under_its_own_name_replaces_it(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    seed = sorted(corpus.glob("001_*"))[0]
    corrected = seed.read_text(encoding="utf-8").replace("Twitter", "Twitter Inc.", 1)
    outcome = _add([Upload(seed.name, corrected.encode())], corpus, index_dir, encoder)
    assert outcome.rejected == [] and outcome.stored == [seed.name]
    assert "Twitter Inc." in load_index(index_dir).docs[load_index(index_dir).doc_index[seed.stem]].text


def test_the_same_story_twice_in_one_add_keeps_the_first_and_a_known_address_is_refused(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    story = "A council in a small town voted on Monday to keep its bridge open to lorries after a long debate. " * 4
    url = "---\nurl: https://news.example.org/bridge?utm_source=chat\n---\n"
    outcome = _add([Upload("bridge.md", (url + story).encode()), Upload("bridge again.md", story.encode())],
                   corpus, index_dir, encoder)
    assert outcome.stored == ["bridge.md"]
    assert [(r["file"], r["duplicate_of"]) for r in outcome.rejected] == [("bridge again.md", "bridge")]
    other = "An entirely different report, about a ferry strike, filed from the harbour on Tuesday. " * 4
    outcome = _add([Upload("ferry.md", ("---\nurl: https://www.news.example.org/bridge/\n---\n" + other).encode())],
                   corpus, index_dir, encoder)
    assert outcome.stored == [] and "the same address" in outcome.rejected[0]["reason"]


def test_adding_a_file_already_indexed_byte_for_byte_says_so(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """The second add of the same file said only "Index already up to date", naming no file, as if it was lost."""
    corpus, index_dir = built_copy
    koo = Upload("koo surge.md", b"---\ntitle: Koo surge\n---\nKoo said on Thursday it had crossed three million "
                 b"users as ministers joined it.\n")
    first = _add([koo], corpus, index_dir, encoder)
    assert first.report is not None and first.report.added_docs == ["koo-surge"] and first.notes == []
    again = _add([koo], corpus, index_dir, encoder)
    assert again.report is not None and again.report.unchanged and again.rejected == []
    [note] = again.notes
    assert note["file"] == "koo-surge.md" and "already in the index as koo-surge with exactly this text" in note["note"]
    # Put in the corpus folder by hand, never built: the add indexes it, and says it was added.
    (corpus / "by-hand.md").write_text(STORY, encoding="utf-8")
    hand = _add([Upload("by-hand.md", STORY.encode())], corpus, index_dir, encoder)
    assert hand.report is not None and hand.report.added_docs == ["by-hand"] and hand.notes == []


def test_a_newer_version_at_an_articles_address_is_told_the_one_step_that_replaces_it(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """A moderator adding an updated version of an article (same address, text updated, saved under another
    name) was refused with "to replace it, remove koo first": two builds, the article gone from answers between
    them. The refusal names the article's own file name, and adding the file under it replaces the article in
    one build, the stale text gone from the index."""
    corpus, index_dir = built_copy
    head = "---\ntitle: Koo crosses three million\ndate: 2021-02-11\nurl: https://example.com/koo\n---\n"
    first = head + "Koo said on Thursday it had crossed three million users in India as ministers joined it.\n"
    assert _add([Upload("koo.md", first.encode())], corpus, index_dir, encoder).report is not None
    newer = (head + "Koo said on Thursday it had crossed three million users in India as ministers joined it. "
             "Updated on Friday: the company now counts four million users.\n").encode()
    outcome = _add([Upload("koo (updated).md", newer)], corpus, index_dir, encoder)
    [refused] = outcome.rejected
    assert outcome.report is None and refused["duplicate_of"] == "koo"
    assert "to replace it with this version, add it named koo.md" in refused["reason"], refused["reason"]

    replaced = _add([Upload("koo.md", newer)], corpus, index_dir, encoder)
    assert replaced.report is not None and replaced.report.changed_docs == ["koo"] and not replaced.rejected
    index = load_index(index_dir)
    assert [d for d in index.doc_index if d.startswith("koo")] == ["koo"]
    koo = index.docs[index.doc_index["koo"]]
    assert "four million" in koo.text and "four million" in " ".join(c["text"] for c in index.chunks
                                                                   if c["doc_id"] == "koo")


@pytest.mark.parametrize("url", ["https://news.example.org/farmers", ""])
def test_another_article_under_an_indexed_articles_file_name_is_refused_not_swapped_in(
        built_copy: tuple[Path, Path], encoder: Encoder, url: str) -> None:
    """A file of an indexed article's name replaces it, as a correction. A different story saved under the same
    common name took the article's place, the reply saying only "changed: koo", the Koo article gone from the
    corpus. Another address, or a new title sharing no phrase, is another article: refused, the article kept;
    a correction (same address, or same title) still replaces it."""
    corpus, index_dir = built_copy
    koo = ("---\ntitle: Koo crosses three million\ndate: 2021-02-11\nurl: https://example.com/koo\n---\n"
           "Koo said on Thursday it had crossed three million users in India as ministers joined it.\n")
    assert _add([Upload("koo.md", koo.encode())], corpus, index_dir, encoder).report is not None
    other = (f"---\ntitle: Farmers reach the Delhi borders\ndate: 2021-01-26\n{f'url: {url}' if url else ''}\n---\n"
             "Thousands of farmers marched to the Delhi borders on Republic Day and police used tear gas.\n")
    outcome = _add([Upload("koo.md", other.encode())], corpus, index_dir, encoder)
    [refused] = outcome.rejected
    assert outcome.report is None and (corpus / "koo.md").read_text() == koo
    assert refused["reason"].startswith("koo.md in the corpus is another article (")
    assert "rename this file to add it beside koo, or remove koo first" in refused["reason"]

    corrected = koo.replace("three million users", "three million registered users")
    fixed = _add([Upload("koo.md", corrected.encode())], corpus, index_dir, encoder)
    assert fixed.report is not None and fixed.report.changed_docs == ["koo"] and not fixed.rejected


def test_a_copy_within_one_add_is_not_told_to_replace_an_article_not_yet_indexed(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """Two copies of one new article in one add: the second is refused, and not told to "add it named koo.md" to
    replace an article that this same add is only now adding."""
    corpus, index_dir = built_copy
    koo = (b"---\ntitle: Koo crosses three million\ndate: 2021-02-11\nurl: https://example.com/koo\n---\n"
           b"Koo said on Thursday it had crossed three million users in India as ministers joined it.\n")
    outcome = _add([Upload("koo.md", koo), Upload("koo copy.md", koo)], corpus, index_dir, encoder)
    [refused] = outcome.rejected
    assert outcome.stored == ["koo.md"] and refused["duplicate_of"] == "koo"
    assert "add it named" not in refused["reason"] and "in this same add" in refused["reason"]
    assert "remove koo first" not in refused["reason"]  # koo is not indexed yet: removing it would be refused


def _forced(uploads: list[Upload], corpus: Path, index_dir: Path, encoder: Encoder):  # type: ignore[no-untyped-def]
    return add_articles(uploads, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder,
                        max_bytes=100_000, force=True)


def test_force_replaces_the_article_at_an_indexed_address_whether_uploaded_or_fetched(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """``--force`` on a page fetched again from its address updated that article, but on an upload at the same
    address it added a second article: two at one address, cited twice. An address is one article's, so the
    upload now takes its place too, under its id (a page's path: ``test_web_article``)."""
    corpus, index_dir = built_copy
    head = "---\ntitle: Harbour ferry fares rise\ndate: 2021-03-02\nurl: https://news.example.net/ferry\n---\n"
    first = head + "The harbour board said on Tuesday that ferry fares would rise by a tenth from April.\n"
    assert _add([Upload("ferry.txt", first.encode())], corpus, index_dir, encoder).report is not None
    newer = (head.replace("https://", "https://www.") + "The harbour board said on Tuesday that ferry fares "
             "would rise by a fifth from April, not a tenth as first announced.\n")
    outcome = _forced([Upload("ferry (update).md", newer.encode())], corpus, index_dir, encoder)
    assert outcome.rejected == [] and outcome.stored == ["ferry.md"]
    assert outcome.report is not None and outcome.report.changed_docs == ["ferry"] and not outcome.report.added_docs
    assert not (corpus / "ferry.txt").exists() and not (corpus / "ferry-update.md").exists()
    index = load_index(index_dir)
    assert [d for d in index.doc_index if d.startswith("ferry")] == ["ferry"]
    assert "a fifth" in index.docs[index.doc_index["ferry"]].text


def test_force_adds_nearly_the_same_text_beside_the_article_it_resembles(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """Nearly the same text under another name and address is another article that resembles one (a second
    outlet's copy of a wire story): ``--force`` keeps both, uploaded or fetched alike (a page's path:
    ``test_web_article``), and never deletes the one the screen compared it with."""
    corpus, index_dir = built_copy
    story = "The harbour board said on Tuesday that ferry fares would rise by a tenth from April, citing fuel. " * 3
    assert _add([Upload("ferry.md", ("---\nurl: https://news.example.net/ferry\n---\n" + story).encode())],
                corpus, index_dir, encoder).report is not None
    copy = "---\nurl: https://other.example.org/wire/ferry\n---\n" + story
    refused = _add([Upload("wire ferry.md", copy.encode())], corpus, index_dir, encoder)
    assert refused.report is None and refused.rejected[0]["duplicate_of"] == "ferry"
    outcome = _forced([Upload("wire ferry.md", copy.encode())], corpus, index_dir, encoder)
    assert outcome.rejected == [] and outcome.stored == ["wire-ferry.md"]
    assert {"ferry", "wire-ferry"} <= load_index(index_dir).doc_index.keys()


def test_force_refuses_two_articles_of_one_add_at_one_indexed_address(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """Both would take the indexed article's place, the second overwriting the first unannounced."""
    corpus, index_dir = built_copy
    head = "---\nurl: https://news.example.net/ferry\n---\n"
    assert _add([Upload("ferry.md", (head + "Ferry fares will rise by a tenth, the harbour board said.\n").encode())],
                corpus, index_dir, encoder).report is not None
    outcome = _forced([Upload("a.md", (head + "Ferry fares will rise by a fifth, the board now says.\n").encode()),
                       Upload("b.md", (head + "Ferry fares will rise by a quarter, the board now says.\n").encode())],
                      corpus, index_dir, encoder)
    assert outcome.stored == ["ferry.md"] and [r["file"] for r in outcome.rejected] == ["b.md"]
    assert "in this same add" in outcome.rejected[0]["reason"]
    assert "a fifth" in (corpus / "ferry.md").read_text()
