"""Atomic file writes: a temporary file beside the target, then one rename.

An interrupted run leaves the previous file intact; nothing half-written is ever
seen under the final name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

__all__ = [
    "atomic_path",
    "atomic_text_file",
    "atomic_write_bytes",
    "atomic_write_chunks",
    "atomic_write_text",
]

#: Write buffer of streamed text files (bytes).
_BUFFER = 1 << 20


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], *, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    Use it for writers that want a file name (GDAL drivers, matplotlib). On any
    exception the temporary file is removed and ``target`` is left untouched.

    Parameters
    ----------
    target : path-like
        The final file name.
    suffix : str
        Extension for the temporary file (some drivers choose by extension).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=suffix or ".tmp", dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # writers such as GDAL refuse to overwrite; let them create it
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically and return the path."""
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(target)


def atomic_write_text(target: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` as UTF-8 to ``target`` atomically and return the path.

    The text is encoded piece by piece, so a large page is never held twice.
    """
    step = _BUFFER
    return atomic_write_chunks(target, (text[k : k + step] for k in range(0, len(text), step)))


@contextlib.contextmanager
def atomic_text_file(target: str | os.PathLike[str]) -> Iterator[TextIO]:
    """Yield a UTF-8 text file to stream into; it replaces ``target`` once complete.

    Text is written as given (no newline translation), so a writer can produce a
    large file piece by piece without holding it in memory. On any exception the
    partial file is removed and ``target`` is left untouched.
    """
    with atomic_path(target) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="", buffering=_BUFFER) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


def atomic_write_chunks(target: str | os.PathLike[str], chunks: Iterable[str]) -> Path:
    """Write the concatenated ``chunks`` as UTF-8 to ``target`` atomically; return the path."""
    with atomic_text_file(target) as fh:
        fh.writelines(chunks)
    return Path(target)
