"""An index a newer release built, in this release's format but with a higher version of what it derives from the
text (a rolling deploy: the upgraded replicas built it), is left alone by a replica not yet upgraded, as one in a
newer format is. Derived versions were compared with ``!=``: the older replica said "Updating the index (it was
built by an older version)" at start and published its own older build, which the upgraded replicas loaded.
The manifests are written here as the newer release would write them; no old commit is needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot import startup_index
from bot.actors import Actor, ModeratorPolicy
from bot.cli import main
from bot.render.status import status_text
from bot.results import IndexStatus, Notice, NoticeKind
from bot.settings import Settings
from index import extractors, store
from tests.bot.conftest import CoreFactory

MOD = Actor("discord", "42", "mod", role_ids=frozenset({"777"}))


def _settings(corpus: Path, index_dir: Path, tmp_path: Path) -> Settings:
    return Settings(_env_file=None, corpus_dir=corpus, index_dir=index_dir,  # type: ignore[call-arg]
                    database_url=f"sqlite:///{tmp_path / 'bot.db'}")


def _derived_by(index_dir: Path, step: int) -> str:
    """The live manifest's events version moved ``step`` from this release's (+1: a newer release built it, -1: an
    older one did); the version's name."""
    name = "events_version"
    manifest = json.loads((index_dir / store.MANIFEST).read_text())
    manifest[name] = extractors.versions()[name] + step
    (index_dir / store.MANIFEST).write_text(json.dumps(manifest))
    return name


def test_start_up_serves_a_newer_releases_build_as_it_is_and_still_rebuilds_an_older_one(
        built_copy: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The reviewer's repro: an older replica started on the newer release's index rebuilt it. Fails before."""
    corpus, index_dir = built_copy
    settings = _settings(corpus, index_dir, tmp_path)
    name = _derived_by(index_dir, +1)
    live = store.live_dir(index_dir)
    assert startup_index.ensure_index(settings)
    err = capsys.readouterr().err
    assert "Updating the index" not in err and store.live_dir(index_dir) == live
    current = extractors.versions()[name]
    assert f"built by a newer release of dispute-bot ({name} {current + 1} where this release's is {current})" in err
    assert "Upgrade this replica" in err and "served as it is" in err
    # Today's upgrade, an index an older release built, is still brought up to date at start, as before.
    _derived_by(index_dir, -2)
    assert startup_index.ensure_index(settings)
    assert "Updating the index (it was built by an older version)" in capsys.readouterr().err
    assert store.live_dir(index_dir) != live
    assert json.loads((index_dir / store.MANIFEST).read_text())[name] == current


def test_start_up_does_not_repair_a_newer_releases_damaged_build(
        built_copy: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A repair is a full build in this release's older form: it is the upgraded replicas' to make. Fails before."""
    corpus, index_dir = built_copy
    _derived_by(index_dir, +1)
    live = store.live_dir(index_dir)
    assert live is not None
    (live / store.FAISS).write_bytes((live / store.FAISS).read_bytes()[:100])
    assert not startup_index.ensure_index(_settings(corpus, index_dir, tmp_path))
    err = capsys.readouterr().err
    assert "faiss.index" in err and "not repaired here" in err and "Upgrade this replica" in err
    assert store.live_dir(index_dir) == live


def test_status_says_upgrade_this_replica_and_only_build_full_replaces_it(
        env: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Status said "Out of date (it was built by an older version) … until dispute-bot index build brings it up to
    date", and that build replaced it. Fails before."""
    _, index_dir = env
    name = _derived_by(index_dir, +1)
    live = store.live_dir(index_dir)
    assert main(["index", "status"]) == 0  # this release reads it, and serves it
    out = capsys.readouterr().out
    assert "Built by a newer release: upgrade this replica" in out and "Out of date" not in out
    assert main(["index", "status", "--json"]) == 0
    newer = json.loads(capsys.readouterr().out)["newer_release"]
    assert newer == {name: {"index": extractors.versions()[name] + 1, "release": extractors.versions()[name]}}
    assert main(["index", "build"]) == 1
    err = capsys.readouterr().err
    assert "Upgrade this replica" in err and err.count("\n") == 1 and store.live_dir(index_dir) == live
    assert main(["index", "build", "--full"]) == 0
    assert store.live_dir(index_dir) != live
    capsys.readouterr()
    assert main(["index", "status"]) == 0
    assert "newer release" not in capsys.readouterr().out


async def test_reindex_in_chat_leaves_it_even_full(make_core: CoreFactory, built_copy: tuple[Path, Path]) -> None:
    """/reindex from an older replica rebuilt it in the older form. Fails before."""
    corpus, index_dir = built_copy
    core = make_core(index_dir, corpus, ModeratorPolicy(role_ids=frozenset({"777"})))
    _derived_by(index_dir, +1)
    live = store.live_dir(index_dir)
    refusals = [await core.reindex(MOD, full=full) for full in (False, True)]  # only the CLI's --full replaces it
    assert all(isinstance(r, Notice) and r.kind is NoticeKind.INVALID and "newer release" in r.text
               and str(index_dir) not in r.text for r in refusals), refusals
    assert store.live_dir(index_dir) == live
    status = await core.status()
    assert isinstance(status, IndexStatus)
    text = status_text(status, chat=True)
    assert "Built by a newer release: upgrade this replica" in text and "/reindex refuses" in text
    assert "index build --full" not in text
