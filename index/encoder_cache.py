"""ONNX exports of the embedding model, made once per model and shared by every build of an index.

``<INDEX_DIR>.encoders/<model>-<fingerprint>-v<export version>/<variant>/`` holds each export. The first
build that needs one exports both variants in one go (the only time torch is loaded to export); later
builds hard-link the query encoder into their folder and embed articles with the float32 export. An export
that failed is remembered (``failed.json``) so every build doesn't load torch to fail again; a full build
(``--full``) tries again and also re-checks each kept export's checksum, since a damaged file in a build
folder is the same file as the cached one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from index.disk_full import raise_if_full
from index.model_files import model_fingerprint, resolve_model_path
from index.onnx_encoder import EXPORT_VERSION, MODEL_FILE, QUERY_ENCODER_DIR, read_meta

log = logging.getLogger(__name__)

FAILED = "failed.json"


class ExportUnavailable(RuntimeError):
    """The model could not be exported (unsupported layout, or the export disagreed with torch)."""


def model_folder(model: str, root: Path, fingerprint: str | None = None) -> Path:
    """Where the exports of ``model`` (as its files are now) live under ``root``."""
    fingerprint = fingerprint or model_fingerprint(resolve_model_path(model))
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", model).strip("-.")[-60:] or "model"
    return root / f"{slug}-{fingerprint}-v{EXPORT_VERSION}"


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """Builds of one index are serialised already; this covers other callers (a bench, a second index
    sharing the folder) so two exports never write the same place."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _intact(folder: Path, verify: bool) -> bool:
    meta = read_meta(folder)
    if meta is None:
        return False
    if verify:  # an export without a checksum (made before they were kept) can't be checked: made again
        from index.onnx_export import file_digest

        return bool(meta.get("sha256")) and file_digest(folder / MODEL_FILE) == meta["sha256"]
    return True


def _adopt(previous: Path | None, model: str, fingerprint: str, folder: Path) -> bool:
    """Take the export a build of the same model files already holds (an index built before the cache
    existed, or an index folder copied without it) instead of exporting again."""
    if previous is None:
        return False
    source = previous / QUERY_ENCODER_DIR
    meta = read_meta(source)
    if not meta or meta.get("model") != model or meta.get("fingerprint") != fingerprint \
            or meta.get("variant") != folder.name:
        return False
    tmp = folder.parent / f".tmp-{uuid.uuid4().hex[:8]}"
    _link_or_copy(source, tmp)
    _replace_dir(tmp, folder)
    return True


def ensure_exports(model: str, root: Path, needed: tuple[str, ...] | None = None, *, verify: bool = False,
                   previous: Path | None = None) -> dict[str, Path]:
    """The folder of each variant's export (``VARIANTS``) once the ``needed`` ones (default: all) exist.

    A missing needed variant is taken from ``previous`` (a build folder) when it holds the same export, else
    every missing variant is exported from one torch load, so a later build never needs torch for the
    other. Raises ``ExportUnavailable`` when the model can't be exported; ``verify`` re-checks checksums
    and retries an export that failed before.
    """
    from index.onnx_export import VARIANTS

    fingerprint = model_fingerprint(resolve_model_path(model))
    base = model_folder(model, root, fingerprint)
    folders = {v: base / v for v in VARIANTS}
    wanted = needed or VARIANTS
    if not verify and all(_intact(folders[v], False) for v in wanted):
        return folders  # the usual case: no lock, no torch
    with _locked(root):
        if not verify:
            for v in wanted:
                if not _intact(folders[v], False):
                    base.mkdir(parents=True, exist_ok=True)
                    _adopt(previous, model, fingerprint, folders[v])
        if all(_intact(folders[v], verify) for v in wanted):
            return folders
        missing = [v for v, f in folders.items() if not _intact(f, verify)]
        failed = base / FAILED
        if failed.exists() and not verify:
            raise ExportUnavailable(failed.read_text(encoding="utf-8").strip())
        from index.onnx_export import export_model

        for stale in base.glob(".tmp-*"):  # left by a process killed mid-export
            shutil.rmtree(stale, ignore_errors=True)
        tmp = base / f".tmp-{uuid.uuid4().hex[:8]}"
        try:
            export_model(model, {v: tmp / v for v in missing})
        except Exception as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            # The disk's to fix, not the model's: not remembered as a failed export (its folder goes, when empty)
            raise_if_full(exc, tidy=lambda: _remove_if_empty(base))
            base.mkdir(parents=True, exist_ok=True)
            failed.write_text(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n", encoding="utf-8")
            raise ExportUnavailable(f"{type(exc).__name__}: {exc}") from exc
        for v in missing:
            _replace_dir(tmp / v, folders[v])
        shutil.rmtree(tmp, ignore_errors=True)
        failed.unlink(missing_ok=True)
        return folders


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()  # only when empty


def _replace_dir(src: Path, dst: Path) -> None:
    """Move a finished export into place; a kill at any point leaves either export whole (builds hold
    their own hard links, so removing the old folder never touches a served file)."""
    if dst.exists():
        old = dst.with_name(f".tmp-old-{uuid.uuid4().hex[:8]}")
        os.rename(dst, old)
        os.rename(src, dst)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(src, dst)


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for item in src.iterdir():
        if item.is_file():
            try:
                os.link(item, dst / item.name)  # builds share the file: no copy, no extra disk
            except OSError:
                shutil.copy2(item, dst / item.name)


def prepare_query_encoder(model: str, build_dir: Path, root: Path, variant: str, *, verify: bool = False,
                          previous: Path | None = None) -> str:
    """Link the ONNX query encoder into ``build_dir``; returns the manifest's ``query_encoder`` value.

    Raises only on a full disk (``index.disk_full``): another failed export logs a warning and the index is
    served with the torch encoder.
    """
    target = build_dir / QUERY_ENCODER_DIR
    try:
        folder = ensure_exports(model, root, (variant,), verify=verify, previous=previous)[variant]
        _link_or_copy(folder, target)
        return variant
    except Exception as exc:  # any failure here but a full disk must not fail the build
        shutil.rmtree(target, ignore_errors=True)
        raise_if_full(exc)  # the build's next write would fail anyway; its line says so, without this warning
        log.warning("ONNX query encoder not available (%s: %s); questions will use torch",
                    type(exc).__name__, exc)
        return "torch"
