"""Plain text and Markdown files: one article a file; the cleaner decides about the first line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import RawArticle
from .decode import InputError, decode


def read(path: Path, data: bytes) -> Iterator[RawArticle]:
    body = decode(data)
    if not body.strip():
        raise InputError("no text in file")
    if path.suffix.lower() == ".md":
        # A Markdown headline ("# Title") is the title by its own mark-up.
        first, _, rest = body.lstrip().partition("\n")
        if first.startswith("# "):
            yield RawArticle(source=path.name, body=rest, title=first[2:].strip(), path=str(path))
            return
    yield RawArticle(source=path.name, body=body, title_from_first_line=True, path=str(path))
