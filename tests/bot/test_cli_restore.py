"""``dispute-bot index restore ID``: a removed article back as it was, recorded in ``index history`` (which says a
removed article can be restored), refused with the fix when the article is live or nothing is kept; and
``REMOVED_ARTICLES_KEPT=0`` keeps nothing. Each test fails before (there was no ``restore``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from index.kept_articles import kept_copies

KOO = "---\ntitle: Koo passes three million\ndate: 2021-02-11\n---\nKoo passed three million downloads in February.\n"


def test_index_restore_brings_a_removed_article_back(
    env: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, _ = env
    article = tmp_path / "koo.md"
    article.write_text(KOO)
    assert main(["index", "add", str(article)]) == 0
    assert "added: koo (“Koo passes three million”, 2021-02-11)" in capsys.readouterr().out
    assert main(["index", "remove", "koo"]) == 0
    assert "removed: koo (“Koo passes three million”, 2021-02-11)" in capsys.readouterr().out
    assert not (corpus / "koo.md").exists()

    assert main(["index", "restore", "koo"]) == 0
    out = capsys.readouterr().out
    assert "restored: koo (“Koo passes three million”, 2021-02-11)" in out and "Restored koo.md as it was" in out
    assert (corpus / "koo.md").read_text() == KOO

    err = _refusal(["index", "restore", "koo"], capsys)  # live: never overwritten
    assert "a restore never replaces a live article" in err and "remove it first (" in err
    assert "index remove koo)" in err
    assert main(["index", "history", "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert [c["action"] for c in changes[:2]] == ["restore", "restore"]
    assert [c["outcome"] for c in changes[:2]] == ["refused", "published"]
    assert main(["index", "history"]) == 0
    assert "index restore ID` while its copy is kept." in capsys.readouterr().out


def _refusal(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 1
    return capsys.readouterr().err


def test_nothing_kept_is_refused_with_where_to_look(env: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, index_dir = env
    err = _refusal(["index", "restore", "no-such-article"], capsys)
    assert "No removed or replaced article 'no-such-article' is kept; nothing was restored" in err
    assert "index history` names what was removed" in err
    monkeypatch.setenv("REMOVED_ARTICLES_KEPT", "0")
    doc_id = sorted(corpus.iterdir())[0].stem
    assert main(["index", "remove", doc_id]) == 0
    assert kept_copies(index_dir) == []
    capsys.readouterr()
    assert "REMOVED_ARTICLES_KEPT is 0" in _refusal(["index", "restore", doc_id], capsys)
