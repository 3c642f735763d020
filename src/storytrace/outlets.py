"""A user's outlet table: how to name outlets and what kind and owner each is.

`--outlets outlets.csv` with a header row and the columns `match` (a domain such as
`reuters.com`, or a name as inputs write it, such as `Reuters` or `nbcnews`), `name` (how
to show it), `kind` (wire agency, newspaper, broadcaster, blog, aggregator… any word the
user chooses) and `owner`. storytrace ships no table and no ratings of its own.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .model import Article


class OutletTableError(Exception):
    """The table cannot be used; the message is one line naming the file and the problem."""


@dataclass(frozen=True)
class Outlet:
    match: str
    name: str
    kind: str = ""
    owner: str = ""


def load(path: str | Path) -> list[Outlet]:
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeError, csv.Error) as exc:
        raise OutletTableError(f"{path}: cannot be read as CSV ({exc})") from None
    if not rows or not {"match", "name"} <= set(rows[0]):
        raise OutletTableError(f"{path}: expected a header row with the columns match, name, kind, owner")
    table = []
    for n, row in enumerate(rows, 2):
        match, name = (row.get("match") or "").strip(), (row.get("name") or "").strip()
        if not match or not name:
            raise OutletTableError(f"{path}, line {n}: 'match' and 'name' must not be empty")
        table.append(Outlet(match.lower(), name, (row.get("kind") or "").strip(), (row.get("owner") or "").strip()))
    return table


def find(table: list[Outlet], article: Article) -> Outlet | None:
    """The row for an article: by its URL's domain (or a parent domain), else by the outlet
    name its input gives. Not by the outlet its text credits: a rewrite of the Financial
    Times is not the Financial Times."""
    host = (urlparse(article.url).hostname or "").lower() if article.url else ""
    for row in table:
        if host and (host == row.match or host.endswith("." + row.match)):
            return row
    name = (article.outlet or "").lower()
    return next((row for row in table if name and name in (row.match, row.name.lower())), None)


def apply(table: list[Outlet], articles: list[Article]) -> None:
    """Name each article's outlet as the table does and note its kind and owner."""
    for article in articles:
        row = find(table, article)
        if row is not None:
            article.outlet, article.outlet_kind, article.outlet_owner = row.name, row.kind or None, row.owner or None


def coverage(articles: list[Article]) -> dict[str, dict[str, int]]:
    """Articles by outlet kind and by owner ({} when no article has either)."""
    kinds = Counter(a.outlet_kind for a in articles if a.outlet_kind)
    owners = Counter(a.outlet_owner for a in articles if a.outlet_owner)
    return {k: dict(v.most_common()) for k, v in (("by_kind", kinds), ("by_owner", owners)) if v}
