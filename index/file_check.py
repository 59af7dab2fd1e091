"""Each file of a build as the build wrote it: its size and CRC-32, recorded in the manifest (``files``).

``index status`` read only the manifest, so a truncated ``faiss.index``, a deleted ``bm25`` folder or a
manifest naming files that were not there was reported as a healthy index (exit 0), and the loader said so
only from deep inside faiss, in a C++ message. With the sizes recorded, a damaged file is told by a ``stat``
each (cheap enough for every status); the checksums, which read every byte, are for ``index status --verify``
and for every load (``retrieval.loaded``), which reads those bytes next anyway: 0.4 ms for the seed index, about
1.5 s a GB, where sizes alone served a file with other bytes of the same size. CRC-32, not a cryptographic
hash: this catches truncation and bit rot, not tampering (nobody is defended against who can write the index
folder), at 10 ms for the 22 MB query encoder, which every build (an add included) records again.

Builds from before this module record nothing: only the files every build must hold are looked for, and the
status says the rest was "not verified".
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index import store

FILES = "files"  # the manifest's key: relative POSIX path -> {"bytes": int, "crc32": "8 hex digits"}
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Damage:
    """One file that is not as the build wrote it; ``problem`` reads after the file's name."""

    file: str
    problem: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "problem": self.problem}


def crc32(path: Path) -> str:
    value = 0
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            value = zlib.crc32(block, value)
    return f"{value:08x}"


def record(folder: Path) -> dict[str, dict[str, Any]]:
    """Every file of a finished build folder but the manifest, which is written after it and holds this."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() != store.MANIFEST)
    return {p.relative_to(folder).as_posix(): {"bytes": p.stat().st_size, "crc32": crc32(p)} for p in files}


def recorded(manifest: dict[str, Any]) -> bool:
    """Whether the build that wrote ``manifest`` recorded its files (releases before this one did not)."""
    return isinstance(manifest.get(FILES), dict)


def damaged(folder: Path, manifest: dict[str, Any], *, checksums: bool = False,
            wanted: Callable[[str], bool] = lambda name: True) -> list[Damage]:
    """The files of ``folder`` (those ``wanted``) that are not as the build recorded them: missing, of another
    size, or with ``checksums`` of other contents. For a build that recorded nothing, the required files that
    are missing."""
    if not recorded(manifest):
        missing = [name for name in _required(folder) if wanted(name) and not (folder / name).exists()]
        return [Damage(name, "is missing") for name in missing]
    found: list[Damage] = []
    gone: set[str] = set()  # a missing folder (``bm25``) is said once, not once for each file it held
    for name, expected in manifest[FILES].items():
        if not wanted(name):
            continue
        path = folder / name
        top = name.split("/", 1)[0]
        if top != name and not (folder / top).is_dir():
            if top not in gone:
                gone.add(top)
                found.append(Damage(top, "is missing"))
            continue
        try:
            size = path.stat().st_size if path.is_file() else None
        except OSError:
            size = None
        if size is None:
            found.append(Damage(name, "is missing"))
        elif size != expected.get("bytes"):
            found.append(Damage(name, f"is {size:,} bytes; the build wrote {expected.get('bytes'):,}"))
        elif checksums and crc32(path) != expected.get("crc32"):
            found.append(Damage(name, "is not what the build wrote (same size, other bytes: its checksum differs)"))
    return found


def _required(folder: Path) -> list[str]:
    """What an index without recorded files must hold: a figures file needs the vectors beside it."""
    names = [n for n in store.REQUIRED_FILES if n != store.MANIFEST]
    return [*names, store.FIGURE_VECTORS] if (folder / store.FIGURES).exists() else names
