"""The Makefile's set-up as a new user meets it: ``make run`` and ``make test`` on a machine whose Python is not
the 3.11 pyproject.toml requires. Only the check runs here (``make python-check`` and ``make install`` with a
stand-in interpreter that fails whatever else it is asked), so nothing is installed or downloaded."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def python_reporting(version: str, path: Path) -> Path:
    """An interpreter that answers as Python ``version`` would: ``-V`` and ``-c`` code see that version; any
    other use (``-m venv``, ``-m pip``) fails, as a stand-in for the download and install that must not start."""
    major, minor = (int(part) for part in version.split(".")[:2])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""#!/bin/sh
case "$1" in
  -V) echo "Python {version}" ;;
  -c) exec {sys.executable} -c "import sys; sys.version_info = ({major}, {minor}, 1, 'final', 0)
$2" ;;
  *) echo "stand-in python: $*" >&2; exit 99 ;;
esac
""", encoding="utf-8")
    path.chmod(0o755)
    return path


def make(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "-s", "-C", str(ROOT), f"VENV={tmp_path / 'venv'}", *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_another_python_is_refused_in_one_line_before_a_venv_is_made(tmp_path: Path) -> None:
    """``make run`` with Python 3.12 made .venv, downloaded torch into it and only then met pip's refusal of
    requires-python; the next ``make run``, with 3.11 installed, reused that .venv and failed again."""
    done = make(tmp_path, "install", f"PY={python_reporting('3.12.1', tmp_path / 'bin' / 'python3')}")
    assert done.returncode != 0 and "stand-in python" not in done.stderr, done.stderr
    assert "dispute-bot needs Python 3.11" in done.stderr and "Python 3.12.1" in done.stderr, done.stderr
    assert "make PY=/path/to/python3.11" in done.stderr and not (tmp_path / "venv").exists()
    none = make(tmp_path, "install", "PY=")
    assert none.returncode != 0 and "no python3.11 or python3 on PATH" in none.stderr, none.stderr


def test_a_venv_of_another_python_is_named_with_how_to_replace_it(tmp_path: Path) -> None:
    python_reporting("3.12.1", tmp_path / "venv" / "bin" / "python")
    done = make(tmp_path, "install", f"PY={sys.executable}")
    assert done.returncode != 0 and "stand-in python" not in done.stderr, done.stderr
    assert f"{tmp_path / 'venv'} holds Python 3.12.1, not Python 3.11" in done.stderr, done.stderr
    assert f"rm -rf {tmp_path / 'venv'}" in done.stderr


def test_python_3_11_passes_the_check(tmp_path: Path) -> None:
    done = make(tmp_path, "python-check", f"PY={python_reporting('3.11.7', tmp_path / 'bin' / 'python3')}")
    assert done.returncode == 0 and done.stderr == "", done.stderr


def _installed_venv(tmp_path: Path, script: str) -> Path:
    """A venv make takes as installed (3.11, its stamp newer than pyproject.toml) whose ``dispute-bot`` is
    ``script``."""
    python_reporting("3.11.7", tmp_path / "venv" / "bin" / "python")
    (tmp_path / "venv" / ".installed-stamp").touch()
    bot = tmp_path / "venv" / "bin" / "dispute-bot"
    bot.write_text(script, encoding="utf-8")
    bot.chmod(0o755)
    return bot


def test_a_venv_that_no_longer_starts_is_named_with_how_to_replace_it(tmp_path: Path) -> None:
    """A checkout moved after ``make run`` (the scripts name the old path): make said only
    "venv/bin/dispute-bot: No such file or directory", of a file that is there."""
    _installed_venv(tmp_path, f"#!{tmp_path / 'old-place' / 'bin' / 'python'}\n")
    done = make(tmp_path, "run", f"PY={sys.executable}")
    assert done.returncode != 0 and "No such file or directory" not in done.stderr, done.stderr
    assert f"its Python, {tmp_path / 'old-place' / 'bin' / 'python'}, is gone" in done.stderr, done.stderr
    assert f"rm -rf {tmp_path / 'venv'}" in done.stderr
    _installed_venv(tmp_path, "#!/bin/sh\necho 'ModuleNotFoundError: no module named quillby' >&2\nexit 1\n")
    broken = make(tmp_path, "run", f"PY={sys.executable}")
    assert broken.returncode != 0 and "it says: ModuleNotFoundError: no module named quillby" in broken.stderr


def test_a_venv_that_starts_runs_the_bot(tmp_path: Path) -> None:
    _installed_venv(tmp_path, "#!/bin/sh\necho \"started with $*\"\n")
    done = make(tmp_path, "run", f"PY={sys.executable}")
    assert done.returncode == 0 and "started with run" in done.stdout, done.stderr
