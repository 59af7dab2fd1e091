"""Moderator changes to the corpus at its edges: the last article, no corpus, names that collide, upper-case
extensions, file modes, impossible dates, a damaged manifest, and builds a killed process left behind."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from index import store
from index.add_notes import far_dated
from index.article_names import NoSuchArticle
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, Encoder
from index.manage import Upload, add_articles, index_status, remove_article
from retrieval.loaded import load_index

STORY = "A short report about a platform and a ministry. It says three things about them, all of them dull.\n"


def _add(uploads: list[Upload], corpus: Path, index_dir: Path, encoder: Encoder):  # type: ignore[no-untyped-def]
    return add_articles(uploads, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder,
                        max_bytes=100_000)


def _remove(doc_id: str, corpus: Path, index_dir: Path, encoder: Encoder):  # type: ignore[no-untyped-def]
    return remove_article(doc_id, corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)


def test_the_last_article_is_not_removed(tmp_path: Path, encoder: Encoder) -> None:
    """It was deleted, then the build failed on an empty corpus: the file gone, the index still serving it,
    and every later build failing the same way."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "only.md").write_text(STORY)
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    with pytest.raises(store.CorpusError, match="only article"):
        _remove("only", corpus, index_dir, encoder)
    assert (corpus / "only.md").exists() and load_index(index_dir).doc_index.keys() == {"only"}


@pytest.mark.parametrize("corpus_state", ["empty", "missing"])
def test_a_build_with_nothing_to_index_is_refused_and_keeps_the_index(
        built_copy: tuple[Path, Path], encoder: Encoder, corpus_state: str) -> None:
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    shutil.rmtree(corpus)
    if corpus_state == "empty":
        corpus.mkdir()
    with pytest.raises(store.CorpusError, match="no article to index" if corpus_state == "empty"
                       else "no corpus folder"):
        build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    assert store.live_dir(index_dir) == live


def test_adding_to_a_corpus_folder_that_does_not_exist_creates_nothing(tmp_path: Path, encoder: Encoder) -> None:
    """Run from another folder, a relative CORPUS_DIR made a second corpus and index there, and the bot's own
    never got the article."""
    with pytest.raises(store.CorpusError, match="no corpus folder"):
        _add([Upload("story.md", STORY.encode())], tmp_path / "corpus", tmp_path / "index", encoder)
    assert list(tmp_path.iterdir()) == []


def test_two_files_of_one_add_that_clean_to_one_name_keep_the_first(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    first, second = "The first story, about a court. " * 3, "The second story, about a protest. " * 3
    outcome = _add([Upload("my article.md", first.encode()), Upload("my-article.md", second.encode())],
                   corpus, index_dir, encoder)
    assert outcome.stored == ["my-article.md"] and (corpus / "my-article.md").read_text() == first
    [refused] = outcome.rejected
    assert refused["file"] == "my-article.md" and "my article.md" in refused["reason"]


def test_an_upper_case_extension_is_an_article_like_any_other(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """The build read ``Gab.TXT``, but remove said there was no such article, and an upload of ``Gab.md`` was
    skipped as a duplicate while the old text kept being served."""
    corpus, index_dir = built_copy
    (corpus / "Gab.TXT").write_text("The old text of an article about an app. " * 3)
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    new_text = "The new text of an article about an app, rewritten. " * 3
    outcome = _add([Upload("Gab.md", new_text.encode())], corpus, index_dir, encoder)
    assert outcome.report is not None and outcome.report.to_dict()["skipped"] == []
    assert not (corpus / "Gab.TXT").exists()
    index = load_index(index_dir)
    assert "rewritten" in index.docs[index.doc_index["Gab"]].text
    _remove("Gab", corpus, index_dir, encoder)
    assert "Gab" not in load_index(index_dir).doc_index and not list(corpus.glob("Gab.*"))


def test_an_added_article_is_readable_like_the_files_beside_it(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """Saved owner-only, it could not be read by a bot running as another user (the image's uid 10001)."""
    corpus, index_dir = built_copy
    old = os.umask(0o022)
    try:
        _add([Upload("story.md", STORY.encode())], corpus, index_dir, encoder)
    finally:
        os.umask(old)
    assert stat.S_IMODE((corpus / "story.md").stat().st_mode) == 0o644


@pytest.mark.parametrize("text", ['---\ndate: "2021-02-31"\n---\n' + STORY, "date 2021-02-30\n" + STORY])
def test_a_date_that_is_no_day_is_refused(built_copy: tuple[Path, Path], encoder: Encoder, text: str) -> None:
    corpus, index_dir = built_copy
    outcome = _add([Upload("bad-date.md", text.encode())], corpus, index_dir, encoder)
    assert outcome.report is None and "does not exist (February 2021 has 28 days)" in outcome.rejected[0]["reason"]


@pytest.mark.parametrize("damage", ["missing", "garbled"])
def test_status_of_a_damaged_manifest_names_it(built_copy: tuple[Path, Path], damage: str) -> None:
    _, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    manifest = live / store.MANIFEST
    if damage == "missing":
        manifest.unlink()
    else:
        manifest.write_text("{ not json")
    with pytest.raises(store.ManifestUnreadable, match=f"{manifest}.*index build --full"):
        index_status(index_dir)


def test_a_build_a_killed_process_never_made_live_is_swept_and_never_evicts_the_previous(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """Killed between moving its folder into place and swapping the link, a build left a complete folder
    behind. Pruning by age kept it, as the newest, in place of the build the next swap replaced."""
    corpus, index_dir = built_copy
    live = store.live_dir(index_dir)
    assert live is not None
    orphan = store.builds_dir(index_dir) / "29991231T235959-deadbeef"
    shutil.copytree(live, orphan)
    newer = live.stat().st_mtime + 60  # made after the live build, as the build being published was
    os.utime(orphan, (newer, newer))
    (corpus / "story.md").write_text(STORY)
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    new = store.live_dir(index_dir)
    assert new is not None
    assert {p.name for p in store.builds_dir(index_dir).iterdir()} == {new.name, live.name}


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


@pytest.mark.parametrize("names", [
    ("किसान आंदोलन 2021.md", "ट्विटर 2021.md"),  # both cleaned to "2021.md"
    ("Twitter and the government of India trade statements over blocked accounts as talks go on " + "x" * 20
     + " 10 Feb.txt", "Twitter and the government of India trade statements over blocked accounts as talks go on "
     + "x" * 20 + " 11 Feb.txt"),  # a browser's "Save as" names, alike for their first 100 characters
], ids=["another-script", "long"])
def test_two_articles_whose_names_clean_alike_are_both_kept(
        built_copy: tuple[Path, Path], encoder: Encoder, names: tuple[str, str]) -> None:
    """The second was stored under the first's name and replaced it, as if it were a correction."""
    corpus, index_dir = built_copy
    first = "Farmers in the north marched to the capital on Tuesday over the new laws. " * 3
    second = "A messaging app said on Friday that it would appeal the blocking order in court. " * 3
    assert _add([Upload(names[0], first.encode())], corpus, index_dir, encoder).rejected == []
    outcome = _add([Upload(names[1], second.encode())], corpus, index_dir, encoder)
    assert outcome.rejected == [] and len(outcome.stored) == 1
    texts = [d.text for d in load_index(index_dir).docs]
    assert any("Farmers in the north" in t for t in texts) and any("appeal the blocking" in t for t in texts)
    again = _add([Upload(names[0], (first + "Corrected.").encode())], corpus, index_dir, encoder)
    assert again.rejected == [] and len(load_index(index_dir).docs) == 6, "the same name still replaces"


def test_a_name_wholly_in_another_script_is_usable() -> None:
    from index.manage import safe_filename

    assert safe_filename("ट्विटर समाचार.md").startswith("article-")
    assert safe_filename("story (1).md") == "story-1.md" and safe_filename("my article.md") == "my-article.md"


def test_an_accented_name_keeps_its_base_letters_and_an_older_name_is_still_removed(
        built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    """"Ünïcode 日本 Koo.md" was stored as "n-code-Koo-…": the id moderators see in /sources and type to remove
    it had lost letters. A file stored under that older cleaning is still removed by the name it was added as."""
    from index.manage import safe_filename

    assert safe_filename("Déclaration Über.txt").startswith("Declaration-Uber-")
    assert safe_filename("Ünïcode 日本 Koo.md").startswith("Unicode-Koo-")
    corpus, index_dir = built_copy
    digest = safe_filename("Ünïcode 日本 Koo.md").removesuffix(".md").rsplit("-", 1)[1]
    (corpus / f"n-code-Koo-{digest}.md").write_text(STORY, encoding="utf-8")  # as an add before stored it
    report = _remove("Ünïcode 日本 Koo.md", corpus, index_dir, encoder)
    assert not (corpus / f"n-code-Koo-{digest}.md").exists() and report.docs == 4
    with pytest.raises(NoSuchArticle):
        _remove("Ünïcode 日本 Koo.md", corpus, index_dir, encoder)


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


def test_a_change_whose_rebuild_fails_leaves_the_corpus_as_it_was(built_copy: tuple[Path, Path],
                                                                  encoder: Encoder,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus changed first and the rebuild failed after: a removed article stayed deleted while the old
    index kept serving it (and a second remove said there was no such article); an added one stayed in the
    corpus unindexed, and adding it again was refused as a duplicate."""
    from tests.index.conftest import FailingEncoder

    corpus, index_dir = built_copy
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    live = store.live_dir(index_dir)
    victim = sorted(before)[0]

    def disk_full(*args: object) -> Path:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(store, "publish", disk_full)
        with pytest.raises(OSError, match="No space left"):
            remove_article(Path(victim).stem, corpus, index_dir, model=DEFAULT_MODEL,
                           encoder_provider=lambda: encoder)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
    new = Upload("fresh.md", b"---\ntitle: Fresh\n---\nKoo passed three million downloads in February.\n")
    replaced = Upload(victim, b"A corrected version of this article says something else entirely.\n")
    with pytest.raises(RuntimeError):
        add_articles([new, replaced], corpus, index_dir, model=DEFAULT_MODEL,
                     encoder_provider=lambda: FailingEncoder(encoder, after=0), force=True, max_bytes=10_000)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
    assert store.live_dir(index_dir) == live


def test_removing_all_but_unloadable_files_is_refused_and_undone(tmp_path: Path, encoder: Encoder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("Twitter blocked 250 accounts on Monday.\n", encoding="utf-8")
    build_index(corpus, tmp_path / "index", model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    (corpus / "empty.md").write_text("   \n", encoding="utf-8")
    with pytest.raises(store.CorpusError, match="left as it was"):
        remove_article("a", corpus, tmp_path / "index", model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    assert (corpus / "a.md").read_text(encoding="utf-8") == "Twitter blocked 250 accounts on Monday.\n"


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


def test_an_article_is_removed_by_its_file_name_too(tmp_path: Path, encoder: Encoder) -> None:
    """"index remove koo.md", the name the moderator sees in the corpus folder, was told there is no article
    "koo.md" in a folder that holds koo.md."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "koo.md").write_text(STORY)
    (corpus / "other.TXT").write_text(STORY.replace("three", "four").replace("dull", "new"))
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    assert _remove("koo.md", corpus, index_dir, encoder).removed_docs == ["koo"]
    assert not (corpus / "koo.md").exists() and load_index(index_dir).doc_index.keys() == {"other"}
    with pytest.raises(KeyError):
        _remove("other.txt", corpus, index_dir, encoder)  # no file of that name: ids are exact


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


@pytest.mark.parametrize("given", ["koo surge (1).txt", "koo-surge-1", "koo-surge-1.txt", "koo surge (1)",
                                   "koo surge (1).pdf"])
def test_an_article_is_removed_by_the_name_it_was_added_under(given: str, tmp_path: Path, encoder: Encoder) -> None:
    """"index remove 'koo surge (1).txt'", the file the moderator added (stored as koo-surge-1.txt), was told
    "No article with id 'koo surge (1).txt'"; only koo-surge-1 worked."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "other.md").write_text(STORY.replace("three", "four").replace("dull", "new"))
    _add([Upload("koo surge (1).txt", STORY.encode())], corpus, index_dir, encoder)
    assert (corpus / "koo-surge-1.txt").exists()
    assert _remove(given, corpus, index_dir, encoder).removed_docs == ["koo-surge-1"]
    assert load_index(index_dir).doc_index.keys() == {"other"}


def test_removing_a_name_that_matches_nothing_suggests_the_closest_ids(tmp_path: Path, encoder: Encoder) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for name, word in (("koo-surge-1.txt", "three"), ("koo-surge-2.txt", "four"), ("ministry.md", "five")):
        (corpus / name).write_text(STORY.replace("three", word))
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    with pytest.raises(KeyError) as missing:
        _remove("koo surge 1.md", corpus, index_dir, encoder)
    title = "“A short report about a platform and a ministry. It says…”"  # its first line, cut at a word
    assert missing.value.did_you_mean() == (  # type: ignore[attr-defined]
        f"; did you mean 'koo-surge-1' ({title}) or 'koo-surge-2' ({title})?")
    with pytest.raises(KeyError) as unlike:
        _remove("xyzzy", corpus, index_dir, encoder)
    assert unlike.value.did_you_mean() == ""  # type: ignore[attr-defined]
    assert len(list(corpus.iterdir())) == 3


def test_an_id_both_like_the_name_and_containing_it_is_offered_once(tmp_path: Path) -> None:
    """"index remove story" said "did you mean 'new-story' or 'new-story'?"."""
    from index.article_names import close_ids
    from index.manage import safe_filename

    for name in ("new-story.txt", "koo-surge.md"):
        (tmp_path / name).write_text(STORY)
    assert close_ids(tmp_path, "story", safe_filename) == ["new-story"]
    assert close_ids(tmp_path, "New-Story", safe_filename) == ["new-story"]


def test_putting_back_a_change_that_wrote_nothing_logs_no_error(tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    """A read-only corpus refused the upload before a byte was written, and putting it "back" (an unlink,
    which a read-only disk refuses even for a file that isn't there) logged an ERROR and a traceback under
    the one line that mattered. Here the unlink fails the same way: the path's folder is a file."""
    from index.corpus_writes import CorpusUndo

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    kept = tmp_path / "kept.md"
    kept.write_text("as it was", encoding="utf-8")
    undo = CorpusUndo()
    undo.keep(blocker / "koo.md", b"new")
    undo.keep(kept, b"changed")
    kept.write_text("changed", encoding="utf-8")
    undo.restore()
    assert not caplog.records and kept.read_text(encoding="utf-8") == "as it was"


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


def test_removing_by_words_of_a_title_suggests_the_articles_so_titled(tmp_path: Path, encoder: Encoder) -> None:
    """Removal takes an id or a file name, and a moderator remembers the headline: ``index remove "Ferry fares
    rise"`` was told of no article at all (no id is spelled like it), where the autocomplete offers it."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "harbour-0412.md").write_text("---\ntitle: Ferry fares rise by a fifth\ndate: 2021-03-02\n---\n" + STORY)
    (corpus / "council.md").write_text("---\ntitle: Council meets on the bridge\n---\n" + STORY.replace("three", "two"))
    build_index(corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=lambda: encoder)
    for typed in ("Ferry fares rise", "“ferry FARES,”", "ferry fares rose"):  # the last: one word misremembered
        with pytest.raises(NoSuchArticle) as missing:
            _remove(typed, corpus, index_dir, encoder)
        assert missing.value.did_you_mean() == "; did you mean 'harbour-0412' (“Ferry fares rise by a fifth”)?", typed
    assert len(list(corpus.iterdir())) == 2
