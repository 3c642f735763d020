"""Saved HTML pages: body and metadata by trafilatura (minimal version; the cleaner's owner extends it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import trafilatura

from ..model import RawArticle
from .dates import iso_date
from .decode import InputError, decode


def extract_html(html: str, source: str = "") -> RawArticle | None:
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, as_dict=True)
    if not doc or not (doc.get("text") or "").strip():
        return None
    return RawArticle(source=source, body=doc["text"], title=doc.get("title") or None, url=doc.get("url"),
                      outlet=doc.get("sitename") or None, published=iso_date(doc.get("date")))


def read(path: Path, data: bytes) -> Iterator[RawArticle]:
    article = extract_html(decode(data), path.name)
    if article is None:
        raise InputError("no article text found in page")
    article.path = str(path)
    yield article
