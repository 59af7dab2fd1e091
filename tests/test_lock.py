"""The lock (constraints.txt): pyproject.toml keeps version ranges, the app installs exact versions. Two machines
installing a week apart got different onnxruntime, numpy, scikit-learn, faiss and tokenizers releases, and the
answer figures differed by a question or two between them; a new release could break ``make run`` for a new
user with no change here. These check the lock itself and that every install path (``make install``, the image)
applies it; ``make lock`` rewrites it (that needs the network, so it is not run here)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from dockerfile_parse import DockerfileParser
from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def lock_name() -> str:
    """The lock's file name, as the Makefile names it (the one place it is written)."""
    found = re.search(r"^LOCK \?= (\S+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert found, "the Makefile names the lock: LOCK ?= <file>"
    return found.group(1)


def lock_lines() -> list[str]:
    lines = (ROOT / lock_name()).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def pins() -> dict[NormalizedName, Version]:
    pinned: dict[NormalizedName, Version] = {}
    for line in lock_lines():
        requirement = Requirement(line)
        [spec] = requirement.specifier
        pinned[canonicalize_name(requirement.name)] = Version(spec.version)
    return pinned


def declared() -> list[Requirement]:
    """Every requirement of pyproject.toml: the runtime ones and each extra's (dev)."""
    extras = [r for group in PYPROJECT["optional-dependencies"].values() for r in group]
    return [Requirement(r) for r in [*PYPROJECT["dependencies"], *extras]]


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    pinned = pins()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is not in {lock_name()}: run make lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{lock_name()} pins {requirement.name}=={pinned[name]}, outside pyproject.toml's {requirement}")


def test_the_lock_names_exact_releases_only() -> None:
    """Only ``name==version``: no range, URL, path, marker, the project itself or a name twice. No local label
    either: ==2.13.0 takes torch's 2.13.0+cpu wheel (Linux) and its plain 2.13.0 (macOS) alike."""
    names: list[NormalizedName] = []
    for line in lock_lines():
        requirement = Requirement(line)
        [spec] = requirement.specifier
        assert spec.operator == "==" and "*" not in spec.version, line
        assert requirement.url is None and requirement.marker is None and not requirement.extras, line
        assert Version(spec.version).local is None, line
        names.append(canonicalize_name(requirement.name))
    assert len(names) == len(set(names)), "a name pinned twice"
    assert canonicalize_name(PYPROJECT["name"]) not in names, "the project is installed from the checkout"
    text = (ROOT / lock_name()).read_text(encoding="utf-8")
    assert "/" not in text and "file:" not in text, "a machine's path in the lock"
    torch = next(r for r in declared() if r.name == "torch")
    assert f"torch{torch.specifier}" in lock_lines(), "the lock's torch is pyproject.toml's pin"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_install_applies_the_lock_and_reinstalls_when_it_changes(tmp_path: Path) -> None:
    """``make -n``: the commands a ``make install`` would run, none of them run. An installed venv (its stamp
    newer than pyproject.toml) is installed again when the lock is newer still, and then under the lock."""
    venv, lock = tmp_path / "venv", tmp_path / "lock.txt"
    venv.mkdir()
    (venv / ".installed-stamp").touch()
    lock.write_text("numpy==2.0.0\n", encoding="utf-8")

    def install_commands(lock_age: float) -> str:
        when = (venv / ".installed-stamp").stat().st_mtime + lock_age
        os.utime(lock, (when, when))
        done = subprocess.run(["make", "-n", "-C", str(ROOT), f"VENV={venv}", f"LOCK={lock}", "install"],
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "pip install" not in install_commands(-60), "an installed venv whose lock has not changed is kept"
    commands = install_commands(60)
    assert f"pip install --quiet -c {lock} -e '.[dev]'" in commands, commands
    assert f"pip install --quiet -c {lock} --upgrade pip" in commands, "pip itself at the lock's version"


def test_the_image_installs_under_the_lock() -> None:
    build = [item for item in DockerfileParser(str(ROOT / "Dockerfile")).structure
             if item["instruction"] in ("FROM", "COPY", "RUN")]
    build = build[:[i["instruction"] for i in build].index("FROM", 1)]
    runs = [i["value"] for i in build if i["instruction"] == "RUN"]
    project = next(i for i, v in enumerate(runs) if re.search(r"pip install (-c \S+ )?\.", v))
    assert f"pip install -c {lock_name()} . " in runs[project], runs[project]
    copies = [i for i in build if i["instruction"] == "COPY" and lock_name() in i["value"].split()[:-1]]
    assert copies and build.index(copies[0]) < [i["value"] for i in build].index(runs[project])
    # torch's own dependencies (sympy, networkx, ...) come with the project's, under the lock, not from
    # PyTorch's index at whatever version it has.
    torch_step = next(v for v in runs if "torch==" in v)
    assert "--no-deps" in torch_step, torch_step


def test_setuptools_is_pinned_since_torch_installs_it() -> None:
    """torch 2.13 requires setuptools (>=77), so ``make install`` installs it: left out of the lock, a new
    setuptools release still changed a fresh install."""
    assert canonicalize_name("setuptools") in pins()
