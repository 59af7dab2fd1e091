"""An article added with a front-matter url holding spaces is told why its quotes show no link: the note said it
was "no web address (one starting http:// or https://)" of an address that starts with https://."""

from __future__ import annotations

from pathlib import Path

from index.embedding import Encoder
from index.manage import Upload
from tests.index.manage_support import _add


def test_a_url_with_spaces_is_noted_for_its_spaces(built_copy: tuple[Path, Path], encoder: Encoder) -> None:
    corpus, index_dir = built_copy
    spaced = ("---\ntitle: Koo\ndate: 2021-02-11\nurl: https://news.example/koo ministers join\n---\n"
              "Koo said on Thursday that ministers had joined it.\n")
    outcome = _add([Upload("koo.md", spaced.encode())], corpus, index_dir, encoder)
    [note] = outcome.notes
    assert note["file"] == "koo.md" and "“https://news.example/koo ministers join” has a space in it" in note["note"]
    assert "%20" in note["note"] and "one starting http://" not in note["note"], note["note"]
