"""JSON and JSON Lines records: our own field names and those of news-please, among others."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import InputProblem, RawArticle
from .bylines import authors_of
from .dates import iso_date
from .decode import InputError, decode

# First name present wins. news-please: maintext, date_publish, source_domain.
FIELDS = {
    "title": ("title", "headline"),
    "text": ("text", "maintext", "body", "content", "articleBody", "article"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date_publish", "datePublished", "date", "pubdate", "published_at"),
    "outlet": ("outlet", "source_domain", "publisher", "site_name", "source"),
    "authors": ("authors", "author", "byline", "creator"),
}


def pick(record: dict[str, Any], key: str) -> Any:
    for name in FIELDS[key]:
        value = record.get(name)
        if isinstance(value, dict):  # {"publisher": {"name": ...}}
            value = value.get("name")
        if value not in (None, ""):
            return value
    return None


def to_article(record: Any, where: str, path: Path) -> RawArticle | InputProblem:
    if not isinstance(record, dict):
        return InputProblem(where, "record is not a JSON object")
    body = pick(record, "text")
    if not isinstance(body, str) or not body.strip():
        return InputProblem(where, "record has no article text (expected a 'text' or 'maintext' field)")
    url = pick(record, "url")
    title = pick(record, "title")
    outlet = pick(record, "outlet")
    return RawArticle(
        source=str(url) if url else where,
        body=body.replace("\r\n", "\n"),
        title=str(title).strip() if title else None,
        url=str(url) if url else None,
        outlet=str(outlet) if outlet else None,
        published=iso_date(pick(record, "published")),
        path=str(path),
        authors=authors_of(record_authors(record), site=(str(outlet) if outlet else None, str(url) if url else None)),
    )


def record_authors(record: dict[str, Any]) -> Any:
    """The first authors field present, as it is (a list of names or of {"name": ...} records)."""
    return next((record[k] for k in FIELDS["authors"] if record.get(k) not in (None, "", [])), None)


def read(path: Path, data: bytes) -> Iterator[RawArticle | InputProblem]:
    content = decode(data)
    stripped = content.lstrip()
    if not stripped:
        raise InputError("no records in file")
    if stripped.startswith("[") or path.suffix.lower() == ".json":
        try:
            doc = json.loads(content)
        except json.JSONDecodeError as exc:
            if not stripped.startswith("["):
                yield from read_lines(path, content)
                return
            raise InputError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        if isinstance(doc, dict):
            items = next((v for v in doc.values() if isinstance(v, list)), None)
            doc = items if items is not None and "text" not in doc and "maintext" not in doc else [doc]
        if not isinstance(doc, list):
            raise InputError("expected a JSON object, a list of objects, or JSON Lines")
        for i, record in enumerate(doc, 1):
            yield to_article(record, f"{path.name}#{i}", path)
        return
    yield from read_lines(path, content)


def read_lines(path: Path, content: str) -> Iterator[RawArticle | InputProblem]:
    for lineno, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(where, f"invalid JSON ({exc.msg})")
            continue
        yield to_article(record, where, path)
