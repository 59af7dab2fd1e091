"""An add that takes some files and refuses others: what was added is the command's result (stdout), each
"Refused FILE: reason" line an error (stderr). They all went to stdout, so a script keeping the result could not
tell a refusal from it, and one reading stderr for errors found none."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def test_a_partly_refused_add_puts_its_refusals_on_stderr(env: tuple[Path, Path], tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    kept = tmp_path / "ferry-timetable.md"
    kept.write_text("---\ntitle: Ferry timetable\ndate: 2021-02-14\n---\nThe harbour ferry now leaves hourly.\n")
    missing = tmp_path / "never-written.md"
    empty = tmp_path / "blank.txt"
    empty.write_text("")
    assert main(["index", "add", str(kept), str(missing), str(empty)]) == 1  # some refused: exit 1, as before
    out, err = capsys.readouterr()
    assert "added: ferry-timetable" in out and "Refused" not in out
    refused = [line for line in err.splitlines() if line.startswith("Refused ")]
    assert len(refused) == 2 and any(str(missing) in line for line in refused)
    assert any("blank.txt" in line for line in refused)
