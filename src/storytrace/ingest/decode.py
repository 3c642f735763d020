"""Bytes to text: size limit, compression, binary detection, and encoding detection.

Inputs come as UTF-8, UTF-16 with a BOM, Windows-1252 (the wikiref220 set), latin-1...
BOMs are honoured, UTF-8 is tried strictly, then as UTF-8 with a stray bad byte, then
Windows-1252 for mostly-Latin text, then charset-normalizer guesses.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

MAX_BYTES = 20 * 1024 * 1024  # one input file; larger dumps should be split
BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]


class InputError(Exception):
    """A file is unusable; the message is the one line the user sees after the file name."""


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file")
    if size > limit:
        raise InputError(f"file too large ({size / 2**20:.2f} MB; the limit is {limit / 2**20:g} MB a file)")
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(limit + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"broken gzip file ({exc})") from None
        if len(data) > limit:
            raise InputError(f"file too large once decompressed (over {limit / 2**20:g} MB)")
        if not data.strip():
            raise InputError("empty file")
    return data


def decode(data: bytes) -> str:
    """Text of `data`, or InputError when it is binary or no encoding fits."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return normalise_newlines(data.decode(codec))
            except UnicodeDecodeError:
                raise InputError(f"invalid {codec} text despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text")
    try:
        return normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    mostly = mostly_utf8(data)
    if mostly is not None:
        return normalise_newlines(mostly)
    western = western_text(data)
    if western is not None:
        return normalise_newlines(western)
    guess = from_bytes(data[:200_000]).best()
    if guess is None:
        raise InputError("binary file, or text in an unknown encoding")
    text = data.decode(guess.encoding, errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise InputError("binary file, or text in an unknown encoding")
    return normalise_newlines(text)


def mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a stray bad byte or two (a page cut or mis-saved once): the bad bytes
    become replacement characters and the rest stays right, rather than the whole text being
    read in another encoding and garbled. Only when the text does hold valid UTF-8 beyond
    ASCII: one high byte in otherwise plain ASCII is more likely Windows-1252."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(3, len(text) // 2000):
        return None
    valid_multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return text if valid_multibyte >= 2 * bad else None


def western_text(data: bytes) -> str | None:
    """Windows-1252 text (what "latin-1" means on the web), when the bytes read as mostly-ASCII Latin.

    Statistical detectors guess wildly on short Latin texts (a line of French reads as
    Baltic cp1257), so the common Western case is settled first; other scripts, whose
    letters are mostly high bytes, go on to charset-normalizer.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    ascii_share = sum(ch.isascii() for ch in letters) / max(1, len(letters))
    return text if ascii_share >= 0.9 else None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
