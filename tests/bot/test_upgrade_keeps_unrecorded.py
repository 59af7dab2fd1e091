"""An upgrade from an image whose corpus lived in the container (``/app/corpus``) and whose store predates the
record of moderators' changes (migration 9): the container is recreated, the new image seeds an empty corpus
folder on the volume with the shipped articles, and the article a moderator added in the old container is in
the index alone. Start-up rebuilt from the seeded folder and removed it ("rebuild by start-up … removed"), as no
recorded add said to keep it. It is kept and named, with its address, until a moderator adds it again or drops
it. The old layout (an index built with the added article, a schema-8 SQLite store) is written here."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot import startup_index
from bot.audit_trail import AuditTrail
from bot.change_history import ChangeRecord
from bot.cli import main
from bot.corpus_seed import seeded
from bot.render.status import status_text
from bot.results import IndexStatus
from bot.settings import Settings
from index.article_match import indexed_articles
from index.builder import build_index
from index.embedding import DEFAULT_MODEL, EncoderProvider
from tests.bot.conftest import CoreFactory
from tests.conftest import SEED_CORPUS

URL = "https://example.org/quillby-ferns-reach-ostrava"
ARTICLE = (f"---\ntitle: Quillby ferns reach Ostrava\nurl: {URL}\n---\nThe Quillby Fern Society said on Tuesday "
           "that its ferns had reached Ostrava after a long journey across the plains.\n")


def _indexed(index_dir: Path) -> set[str]:
    return {a.doc_id for a in indexed_articles(index_dir)}


def _old_image(tmp_path: Path, encoder_provider: EncoderProvider) -> tuple[Path, str]:
    """The old container's state: its own corpus folder with the shipped articles and one added (built, and
    recorded nowhere, as releases before migration 9 did), and its store at schema version 8. The folder is then
    gone with the container. (index_dir, DATABASE_URL)."""
    from bot.store import migrations

    app_corpus = tmp_path / "app-corpus"
    shutil.copytree(SEED_CORPUS, app_corpus)
    (app_corpus / "quillby-ferns.md").write_text(ARTICLE, encoding="utf-8")
    index_dir = tmp_path / "volume" / "live"
    build_index(app_corpus, index_dir, model=DEFAULT_MODEL, encoder_provider=encoder_provider)
    shutil.rmtree(app_corpus)
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    old = [m for m in migrations.MIGRATIONS if m[0] <= 8]
    engine = sa.create_engine(url)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", old)
        assert migrations.migrate(engine) == 8
    engine.dispose()
    return index_dir, url


def _new_image(index_dir: Path, url: str) -> Settings:
    """The new image: the corpus on the volume, seeded from the shipped articles."""
    return Settings(_env_file=None, corpus_dir=index_dir.parent / "corpus", corpus_seed_dir=SEED_CORPUS,  # type: ignore[call-arg]
                    index_dir=index_dir, database_url=url)


def test_the_upgrade_keeps_an_article_added_in_the_old_container_and_says_how_to_restore_it(
        tmp_path: Path, encoder_provider: EncoderProvider, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The reviewer's repro: "Copied 4 shipped articles…", then "Index rebuilt … removed: quillby-ferns". Fails
    before the change."""
    index_dir, url = _old_image(tmp_path, encoder_provider)
    settings = _new_image(index_dir, url)
    seeded(settings)
    assert startup_index.ensure_index(settings)
    assert "quillby-ferns" in _indexed(index_dir)
    err = capsys.readouterr().err
    assert "Copied" in err and "Updating the index" not in err
    [line] = [line for line in err.splitlines() if "quillby-ferns" in line]
    assert f"quillby-ferns ({URL})" in line and "no recorded change names" in line
    assert "index add FILE_OR_URL" in line and "index build` removes every article this folder lacks" in line
    trail = AuditTrail(url)
    try:
        assert trail.history(10).changes == []  # no "rebuild by start-up … removed"
    finally:
        trail.close()
    assert startup_index.ensure_index(settings)  # and at every start after, until a moderator acts
    assert "quillby-ferns" in _indexed(index_dir) and "quillby-ferns" in capsys.readouterr().err
    for name, value in (("CORPUS_DIR", settings.corpus_dir), ("CORPUS_SEED_DIR", SEED_CORPUS),
                        ("INDEX_DIR", index_dir), ("DATABASE_URL", url)):
        monkeypatch.setenv(name, str(value))
    monkeypatch.chdir(tmp_path)
    main(["index", "status"])
    assert f"quillby-ferns ({URL})" in capsys.readouterr().out


def test_restored_by_an_add_it_is_an_add_like_any_other(
        tmp_path: Path, encoder_provider: EncoderProvider, make_core: CoreFactory) -> None:
    """Chat's status names it with chat's command; once a moderator adds its file again it is in the folder, and
    status says nothing more of it. Fails before the change (status named nothing)."""
    index_dir, url = _old_image(tmp_path, encoder_provider)
    settings = _new_image(index_dir, url)
    seeded(settings)
    trail = AuditTrail(url)
    core = make_core(index_dir, settings.corpus_dir, changes=trail, corpus_seed_dir=SEED_CORPUS)
    status = asyncio.run(core.status())
    assert isinstance(status, IndexStatus)
    text = status_text(status, chat=True)
    assert f"quillby-ferns ({URL})" in text and "/add-article" in text and str(tmp_path) not in text
    (settings.corpus_dir / "quillby-ferns.md").write_text(ARTICLE, encoding="utf-8")  # as an add writes it
    trail.write(ChangeRecord(action="add", platform="discord", user_id="42", outcome="published",
                             articles=[{"doc_id": "quillby-ferns", "title": None, "url": URL, "change": "added"}]))
    status = asyncio.run(core.status())
    assert isinstance(status, IndexStatus) and "quillby-ferns" not in status_text(status, chat=True)

