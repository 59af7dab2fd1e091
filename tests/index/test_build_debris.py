"""Clearing debris removes only temporary build folders whose build is over (``index.build_folders``): a replica
that lost the build lock mid-build is still writing into its own, maybe from another machine."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from index import build_folders, store

OTHER_MACHINE = "0" * 12


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: the pid names no process now
    return child.pid


def _folder(index_dir: Path, name: str, age: float = 0.0) -> Path:
    folder = store.builds_dir(index_dir) / name
    folder.mkdir(parents=True)
    (folder / store.CHUNKS).write_text("half-written\n", encoding="utf-8")
    if age:
        then = time.time() - age
        os.utime(folder, (then, then))
    return folder


def test_a_folder_whose_process_is_gone_is_debris_and_a_running_ones_is_not(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    gone = _folder(index_dir, build_folders.folder_name(pid=dead_pid()))
    running = _folder(index_dir, build_folders.folder_name(pid=os.getpid()))
    store.clear_debris(index_dir)
    assert not gone.exists()
    assert running.exists() and (running / store.CHUNKS).exists()


def test_another_machines_folder_is_left_until_it_is_a_day_old(tmp_path: Path) -> None:
    """Its pid means nothing here (it may run there); only age tells it is over."""
    index_dir = tmp_path / "index"
    recent = _folder(index_dir, build_folders.folder_name(pid=dead_pid(), machine=OTHER_MACHINE,
                                                           now=time.time() - 3600), age=3600)
    old_age = build_folders.DEBRIS_AGE_SECONDS + 60
    old = _folder(index_dir, build_folders.folder_name(pid=os.getpid(), machine=OTHER_MACHINE,
                                                        now=time.time() - old_age), age=old_age)
    store.clear_debris(index_dir)
    assert recent.exists()
    assert not old.exists()


def test_a_folder_written_to_lately_is_not_old_whatever_its_name_says(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    name = build_folders.folder_name(machine=OTHER_MACHINE, now=time.time() - build_folders.DEBRIS_AGE_SECONDS * 2)
    still_writing = _folder(index_dir, name)  # modified just now
    store.clear_debris(index_dir)
    assert still_writing.exists()


def test_an_older_releases_folder_names_no_owner_and_goes_by_age_alone(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    fresh = _folder(index_dir, f".tmp-{dead_pid()}-0123abcd")
    old = _folder(index_dir, ".tmp-77-89abcdef", age=build_folders.DEBRIS_AGE_SECONDS + 60)
    store.clear_debris(index_dir)
    assert fresh.exists()
    assert not old.exists()


def test_a_second_build_folder_leaves_the_first_while_its_process_runs(tmp_path: Path) -> None:
    """The reviewer's case on one box: two builds of one running process (two replicas' threads, the first one's
    lock lost); the second's clearing left the first nothing to write into."""
    index_dir = tmp_path / "index"
    first = store.new_build_folder(index_dir)
    (first / store.CHUNKS).write_text("first build, half-written\n", encoding="utf-8")
    second = store.new_build_folder(index_dir)
    assert first.exists() and second.exists() and first != second
    assert not build_folders.is_debris(first)
    assert build_folders.is_debris(first, machine=OTHER_MACHINE) is False  # a fresh one of another machine neither
