"""Plain text and Markdown files: one article a file; the cleaner decides about the first line.

A date line or dateline at the top gives the date (`dates.opening_date`). What plain text
cannot say (outlet, authors, date, URL, a headline) can come from a sidecar
beside it, `NAME.txt.json`: {"outlet": ..., "authors": [...], "published": ..., "url": ..., "title": ...}.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..model import RawArticle
from .bylines import authors_of
from .dates import iso_date, opening_date
from .decode import InputError, decode


def read(path: Path, data: bytes) -> Iterator[RawArticle]:
    body = decode(data)
    if not body.strip():
        raise InputError("no text in file")
    article = RawArticle(source=path.name, body=body, title_from_first_line=True, path=str(path),
                         published=opening_date(body))
    if path.suffix.lower() == ".md":
        # A Markdown headline ("# Title") is the title by its own mark-up.
        first, _, rest = body.lstrip().partition("\n")
        if first.startswith("# "):
            article.body, article.title, article.title_from_first_line = rest, first[2:].strip(), False
    yield with_sidecar(article, sidecar_of(path))


def sidecar_of(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def with_sidecar(article: RawArticle, sidecar: Path) -> RawArticle:
    """The article with what its sidecar file says (a broken sidecar is an error naming it)."""
    if not sidecar.is_file():
        return article
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, json.JSONDecodeError) as exc:
        raise InputError(f"its sidecar {sidecar.name} is not readable JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise InputError(f"its sidecar {sidecar.name} is not a JSON object")
    if meta.get("title"):
        article.title, article.title_from_first_line = str(meta["title"]).strip(), False
    article.outlet = str(meta["outlet"]) if meta.get("outlet") else article.outlet
    article.url = str(meta["url"]) if meta.get("url") else article.url
    article.published = iso_date(meta.get("published")) or article.published
    article.authors = authors_of(meta.get("authors") or meta.get("author"), site=(article.outlet, article.url)) or article.authors
    return article
