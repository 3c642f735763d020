"""The embedded store: one SQLite file, the only module that speaks SQL.

Articles are keyed by their content hash, so adding the same article twice changes
nothing. Each story is kept whole as JSON (its analysis is one record) with its
membership in a table of its own for lookups. The schema version lives in SQLite's
`user_version`; `MIGRATIONS[i]` takes a store from version i to i+1. Every write is one
transaction: a crash mid-run leaves the store as it was, or with whole articles only.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from .model import Article, Story, from_dict

DEFAULT_DB = "storytrace.db"

MIGRATIONS = [
    # 0 → 1: articles and stories.
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        removed TEXT NOT NULL,
        outlet TEXT,
        url TEXT,
        published TEXT,
        added_at TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        record TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id),
        PRIMARY KEY (story_id, article_id)
    );
    CREATE INDEX story_articles_by_article ON story_articles(article_id);
    """,
]


class StoreError(Exception):
    """The store file is unusable (not SQLite, newer schema, ...)."""


def default_db_path() -> Path:
    return Path(os.environ.get("STORYTRACE_DB", DEFAULT_DB))


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A storytrace store in one SQLite file (created and migrated on open)."""

    def __init__(self, path: str | os.PathLike = DEFAULT_DB):
        self.path = Path(path)
        try:
            self.conn = sqlite3.connect(self.path, check_same_thread=False)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable storytrace store ({exc})") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        version = self.version
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path}: made by a newer storytrace (schema {version}); upgrade storytrace")
        for target, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # executescript commits first; the migration and its version bump are one transaction.
            self.conn.executescript(f"BEGIN; {script}; PRAGMA user_version = {target}; COMMIT;")

    # articles

    def add_articles(self, articles: Iterable[Article]) -> list[Article]:
        """Store the articles not yet held; returns those that were new."""
        new = []
        with self.conn:
            for a in articles:
                cur = self.conn.execute(
                    "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                    (a.id, a.source, a.title, a.text, json.dumps([asdict(r) for r in a.removed]),
                     a.outlet, a.url, a.published, now()),
                )
                if cur.rowcount:
                    new.append(a)
        return new

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        sql = "SELECT id, source, title, text, removed, outlet, url, published FROM articles"
        if ids is not None:
            marks = ",".join("?" * len(ids))
            rows = self.conn.execute(f"{sql} WHERE id IN ({marks}) ORDER BY added_at, id", list(ids))
        else:
            rows = self.conn.execute(f"{sql} ORDER BY added_at, id")
        return [self._article(r) for r in rows]

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    @staticmethod
    def _article(row: tuple) -> Article:
        id_, source, title, text, removed, outlet, url, published = row
        return from_dict(Article, {
            "id": id_, "source": source, "title": title, "text": text,
            "removed": json.loads(removed), "outlet": outlet, "url": url, "published": published,
        })

    # stories

    def save_stories(self, stories: Iterable[Story]) -> None:
        """Write (or replace) whole stories, each with its membership, in one transaction."""
        with self.conn:
            for s in stories:
                self.conn.execute(
                    "INSERT OR REPLACE INTO stories VALUES (?,?,?,?)",
                    (s.id, s.title, json.dumps(asdict(s)), now()),
                )
                self.conn.execute("DELETE FROM story_articles WHERE story_id = ?", (s.id,))
                self.conn.executemany(
                    "INSERT INTO story_articles VALUES (?,?)", [(s.id, a) for a in s.articles]
                )

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        with self.conn:
            self.conn.executemany("DELETE FROM stories WHERE id = ?", [(i,) for i in story_ids])

    def stories(self) -> list[Story]:
        """All stories, the most recently updated first."""
        rows = self.conn.execute("SELECT record FROM stories ORDER BY updated_at DESC, id")
        return [from_dict(Story, json.loads(r[0])) for r in rows]

    def story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT record FROM stories WHERE id = ?", (story_id,)).fetchone()
        return from_dict(Story, json.loads(row[0])) if row else None

    def story_updated(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT id, updated_at FROM stories"))

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None
