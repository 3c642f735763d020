"""RSS and Atom feed files (feedparser): each entry is an article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import feedparser
import lxml.html

from ..model import InputProblem, RawArticle
from .bylines import authors_of
from .dates import iso_date
from .decode import InputError


def entry_text(entry: feedparser.FeedParserDict) -> str:
    """The fullest text an entry carries (content:encoded, else summary), as plain lines."""
    candidates = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
    markup = max(candidates, key=len, default="")
    if not markup.strip():
        return ""
    if "<" not in markup:
        return markup.strip()
    root = lxml.html.fromstring(f"<div>{markup}</div>")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [el.text_content().strip() for el in root.iter("p", "li", "h1", "h2", "h3", "h4", "blockquote")]
    blocks = [b for b in blocks if b]
    return "\n".join(blocks) if blocks else root.text_content().strip()


def read(path: Path, data: bytes) -> Iterator[RawArticle | InputProblem]:
    feed = feedparser.parse(data)
    if not feed.entries:
        why = getattr(feed.get("bozo_exception"), "getMessage", lambda: None)() or feed.get("bozo_exception")
        raise InputError(f"broken or empty feed ({why})" if why else "feed has no entries")
    outlet = feed.feed.get("title") or None
    for i, entry in enumerate(feed.entries, 1):
        body = entry_text(entry)
        where = entry.get("link") or f"{path.name}#{i}"
        if not body:
            yield InputProblem(where, "feed entry has no text")
            continue
        yield RawArticle(
            source=where,
            body=body,
            title=(entry.get("title") or "").strip() or None,
            url=entry.get("link"),
            outlet=outlet,
            published=iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            path=str(path),
            authors=authors_of(entry.get("authors") or entry.get("author"), site=(outlet, entry.get("link"))),
        )
