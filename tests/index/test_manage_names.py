"""Articles' names: files whose names clean alike, names in another script or with accents, and removal
by file name, by the name an article was added under, or by words of its title (with suggestions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.article_names import NoSuchArticle
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, Encoder
from index.manage import Upload
from retrieval.loaded import load_index
from tests.index.manage_support import STORY, _add, _remove


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
