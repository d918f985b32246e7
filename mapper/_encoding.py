"""Turn the bytes of an input file into text, or say clearly why that is impossible.

Order of attempts: a byte-order mark (UTF-8, UTF-16, UTF-32); BOM-less UTF-16 (text
whose every other byte is zero); strict UTF-8; then ``charset-normalizer`` for legacy
code pages (cp1256 Arabic, cp1252 / Latin-1, ...). Files that look like a known binary
format, or that no encoding turns into plausible text, raise :class:`InputError` with
a reason that says what to do.
"""

from __future__ import annotations

import codecs
import os
import re

from mapper.errors import InputError

__all__ = ["decode_bytes", "read_limited", "sniff_binary"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP / Office document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
    (b"SQLite format 3", "SQLite database"),
)

# C0 controls other than tab, newline, vertical tab, form feed, carriage return, escape.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_SAMPLE = 1 << 16


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or None when it may be text.

    Examples
    --------
    >>> sniff_binary(b"%PDF-1.4 ...")
    'PDF'
    >>> sniff_binary(b"plain words") is None
    True
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            # "MZ" / "BZh" also begin ordinary words: require a NUL soon after.
            if magic in (b"MZ", b"BZh") and b"\x00" not in data[:512]:
                continue
            return name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Return ``utf-16-le``/``-be`` when ``data`` looks like BOM-less UTF-16 text."""
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even = even.count(0) / len(even)
    zero_odd = odd.count(0) / max(len(odd), 1)
    if zero_odd > 0.3 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.3 and zero_odd < 0.05:
        return "utf-16-be"
    return None


def _decode_prefix(data: bytes, encoding: str, *, final: bool) -> str:
    """Decode strictly; when ``final`` is false an incomplete trailing sequence is dropped."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    return decoder.decode(data, final=final)


def _plausible(text: str) -> bool:
    """Whether decoded ``text`` looks like human-readable text rather than noise."""
    if not text:
        return True
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample))
    if controls > max(2, len(sample) // 200):
        return False
    private = sum(1 for ch in sample if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
    return private <= max(2, len(sample) // 100)


def decode_bytes(data: bytes, *, path: str | None = None, truncated: bool = False) -> str:
    r"""Decode the bytes of a text file, detecting its encoding.

    Parameters
    ----------
    data : bytes
        The file's content (or its first bytes, see ``truncated``).
    path : str, optional
        The file name, for error messages.
    truncated : bool
        ``data`` is a prefix of a longer file: an incomplete multi-byte character at
        its end is dropped instead of being an error.

    Returns
    -------
    str
        The text, without a byte-order mark.

    Raises
    ------
    InputError
        The data is a binary format or no encoding yields plausible text.

    Examples
    --------
    >>> decode_bytes("caf\u00e9".encode("utf-8"))
    'café'
    >>> decode_bytes(codecs.BOM_UTF16_LE + "Kirkuk".encode("utf-16-le"))
    'Kirkuk'
    >>> decode_bytes(b"")
    ''
    """
    final = not truncated
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = _decode_prefix(data[len(bom) :], encoding, final=final)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"file starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} (byte {exc.start + len(bom)}): re-save it as UTF-8",
                    path=path,
                ) from None
            return text
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(
            f"binary file ({kind}), not text: convert it to .txt or remove it", path=path
        )
    if b"\x00" in data[:_SAMPLE]:
        encoding16 = _utf16_without_bom(data)
        if encoding16 is not None:
            try:
                text = _decode_prefix(data, encoding16, final=final)
            except UnicodeDecodeError:
                text = ""
            if text and _plausible(text):
                return text
        raise InputError("binary file (not text): convert it to .txt or remove it", path=path)
    try:
        text = _decode_prefix(data, "utf-8", final=final)
    except UnicodeDecodeError:
        text = _detect_legacy(data, path=path, final=final)
    if not _plausible(text):
        raise InputError("binary file (not text): convert it to .txt or remove it", path=path)
    return text


_HIGH_RUN = re.compile(rb"[\xa0-\xff]{3,}")
_HIGH = re.compile(rb"[\xa0-\xff]")
_LATIN_PAGES = frozenset(
    {"cp1252", "latin_1", "iso8859_15", "cp1250", "cp1254", "cp1257", "cp1258", "iso8859_2"}
)


def _mostly_arabic(text: str) -> bool:
    """Whether nearly all non-ASCII letters of ``text`` are Arabic-script letters."""
    letters = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
    return bool(letters) and arabic >= 0.85 * len(letters)


def _detect_legacy(data: bytes, *, path: str | None, final: bool) -> str:
    """Decode non-UTF-8 bytes as the most plausible legacy code page.

    Western text in cp1252 has isolated high bytes (an accent inside an ASCII word,
    curly quotes); Arabic text in cp1256 has whole words of high bytes. Runs decide
    between the two, which ``charset-normalizer`` alone gets wrong on short texts; it is
    asked only for other scripts (Cyrillic, Greek, Hebrew...).
    """
    sample = data[: 1 << 20]
    high = len(_HIGH.findall(sample))
    in_runs = sum(len(m) for m in _HIGH_RUN.findall(sample))
    candidates: list[str] = []
    if high and in_runs >= 0.5 * high:
        if _mostly_arabic(sample.decode("cp1256", errors="replace")):
            candidates.append("cp1256")
        else:
            from charset_normalizer import from_bytes

            best = from_bytes(sample).best()
            if best is not None and best.encoding not in _LATIN_PAGES:
                candidates.append(best.encoding)
            candidates.append("cp1256")
    candidates += ["cp1252", "latin_1"]
    for encoding in candidates:
        try:
            return _decode_prefix(data, encoding, final=final)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(  # pragma: no cover - latin_1 decodes every byte
        "unknown text encoding: re-save the file as UTF-8", path=path
    )


def read_limited(path: str | os.PathLike[str], *, limit: int) -> tuple[bytes, bool]:
    """Read at most ``limit`` bytes of ``path``; also say whether the file was longer."""
    with open(path, "rb") as handle:
        data = handle.read(limit)
        longer = bool(handle.read(1))
    return data, longer
