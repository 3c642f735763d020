"""The embedded store: one SQLite file, the only module that speaks SQL.

Articles are keyed by their content hash, so adding the same article twice changes
nothing. Each story is kept whole as JSON (its analysis is one record) with its
membership in a table of its own for lookups. The schema version lives in SQLite's
`user_version`; `MIGRATIONS[i]` takes a store from version i to i+1.

One writer at a time: `writing()` holds SQLite's write lock (BEGIN IMMEDIATE) over a
whole add — reading the stories, analysing, storing articles and stories — so a second
writer waits instead of grouping the same articles again, and a kill or Ctrl-C at any
moment rolls the add back whole. Readers (the web app) are never blocked (WAL).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .model import AnalysisFailure, Article, ArticleAnalysis, Story, from_dict

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
    # 1 → 2: articles whose analysis failed, with the stage and the reason.
    """
    CREATE TABLE failures (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        stage TEXT NOT NULL,
        reason TEXT NOT NULL,
        failed_at TEXT NOT NULL
    );
    """,
    # 2 → 3: who wrote an article and whom its text credits (JSON lists); its outlet's kind and owner.
    """
    ALTER TABLE articles ADD COLUMN authors TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE articles ADD COLUMN credits TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE articles ADD COLUMN outlet_kind TEXT;
    ALTER TABLE articles ADD COLUMN outlet_owner TEXT;
    """,
    # 3 → 4: the story list and search answer from indexes, not by reading every record:
    # each story's counts as columns, full-text search over articles (FTS5), dates indexed.
    """
    ALTER TABLE stories ADD COLUMN n_articles INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN independent INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN corroborated INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN single_source INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN contested INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN quotes INTEGER NOT NULL DEFAULT 0;
    UPDATE stories SET
        n_articles = json_array_length(record, '$.articles'),
        independent = CASE WHEN json_array_length(record, '$.independent_groups') > 0
                           THEN json_array_length(record, '$.independent_groups')
                           ELSE json_array_length(record, '$.articles') END,
        corroborated = (SELECT count(*) FROM json_each(stories.record, '$.facts')
                        WHERE json_extract(value, '$.status') = 'corroborated'),
        single_source = (SELECT count(*) FROM json_each(stories.record, '$.facts')
                         WHERE json_extract(value, '$.status') = 'single-source'),
        contested = (SELECT count(*) FROM json_each(stories.record, '$.facts')
                     WHERE json_extract(value, '$.status') = 'contested'),
        quotes = json_array_length(record, '$.quotes');
    CREATE INDEX stories_by_update ON stories(updated_at DESC, id);
    CREATE INDEX articles_by_published ON articles(published);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    """,
    # 4 → 5: each article's lead vector (float16), computed once, for story grouping.
    """
    CREATE TABLE lead_vectors (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        vector BLOB NOT NULL
    );
    """,
    # 5 → 6: each article's own analysis (parse, numbers, dates, sentence vectors), done once.
    """
    CREATE TABLE article_analyses (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        version TEXT NOT NULL,
        parses BLOB NOT NULL,
        quantities TEXT NOT NULL,
        dates TEXT NOT NULL,
        sentences TEXT NOT NULL,
        vectors BLOB
    );
    """,
]


class StoreError(Exception):
    """The store cannot be used or written (not SQLite, newer schema, disk full, ...)."""


def explain(path: Path, exc: sqlite3.Error) -> StoreError:
    """A storage error as one line that says what to do."""
    text = str(exc).lower()
    if "disk is full" in text or "disk full" in text:
        what = "the disk is full; free some space and run the command again"
    elif "readonly" in text or "read-only" in text:
        what = "the store cannot be written (a read-only file or file system); use a writable --db"
    elif "unable to open" in text and not path.parent.exists():
        what = f"no folder {path.parent}; create it or choose another --db"
    elif "unable to open" in text and os.statvfs(path.parent).f_flag & os.ST_RDONLY:
        what = f"{path.parent} is on a read-only file system; use a writable --db"
    elif "unable to open" in text:
        what = "the file cannot be opened (permissions, or a folder of that name?)"
    elif "not a database" in text:
        what = "not a usable storytrace store (the file is not SQLite); choose another --db"
    elif "malformed" in text or "corrupt" in text:
        what = f"the store file is damaged ({exc}); `storytrace check --db {path}` tells more; restore it from a copy"
    elif "locked" in text or "busy" in text:
        what = "another program holds the store's lock too long; try again when it is done"
    else:
        what = f"not a usable storytrace store ({exc})"
    return StoreError(f"{path}: {what}")


def statements(script: str) -> list[str]:
    """A migration's statements one by one (executescript would commit the open transaction
    first); a trigger's body holds semicolons of its own, so pieces join until complete."""
    out, buffer = [], ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                out.append(buffer)
            buffer = ""
    return out


def default_db_path() -> Path:
    return Path(os.environ.get("STORYTRACE_DB", DEFAULT_DB))


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A storytrace store in one SQLite file (created and migrated on open)."""

    def __init__(self, path: str | os.PathLike = DEFAULT_DB):
        self.path = Path(path)
        try:
            # Autocommit mode: transactions are opened explicitly (`transaction`, `writing`).
            # A long wait for locks: two processes may create one store at the same moment.
            self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=60)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.migrate()
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from None

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
            # the migration and its version bump are one transaction; a second process
            # migrating at the same moment waits (through the other's add, if it has begun
            # one), then finds the work done.
            self.conn.execute(f"PRAGMA busy_timeout = {3600 * 1000}")
            self.conn.execute("BEGIN IMMEDIATE")
            if self.version >= target:
                self.conn.execute("COMMIT")
                continue
            for statement in statements(script):
                self.conn.execute(statement)
            self.conn.execute(f"PRAGMA user_version = {target}")
            self.conn.execute("COMMIT")
        self.conn.execute("PRAGMA busy_timeout = 60000")

    def rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already (it does on a full disk)."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; inside `writing()` (or another transaction) it is part of that one."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        with self._committed():
            yield

    @contextmanager
    def writing(self, on_wait: Callable[[], None] = lambda: None, wait_s: float = 3600) -> Iterator[None]:
        """The store's one writer for the block: waits (calling `on_wait` once) while another
        process writes; everything the block writes is committed at its end or not at all."""
        if self.conn.in_transaction:  # already the writer (a repair runs an add)
            yield
            return
        self.conn.execute("PRAGMA busy_timeout = 200")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            on_wait()
            self.conn.execute(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
            self.conn.execute("BEGIN IMMEDIATE")
        with self._committed():
            yield

    @contextmanager
    def _committed(self) -> Iterator[None]:
        """Commit the open transaction after the block, or undo it if the block fails."""
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self.conn.execute("COMMIT")

    # articles

    def add_articles(self, articles: Iterable[Article]) -> list[Article]:
        """Store the articles not yet held; returns those that were new."""
        new = []
        with self.transaction():
            for a in articles:
                cur = self.conn.execute(
                    "INSERT INTO articles (id, source, title, text, removed, outlet, url, published, added_at, "
                    "authors, credits, outlet_kind, outlet_owner) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
                    "ON CONFLICT(id) DO NOTHING",
                    (a.id, a.source, a.title, a.text, json.dumps([asdict(r) for r in a.removed]),
                     a.outlet, a.url, a.published, now(), json.dumps(a.authors),
                     json.dumps([asdict(c) for c in a.credits]), a.outlet_kind, a.outlet_owner),
                )
                if cur.rowcount:
                    new.append(a)
        return new

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """All articles, or those of `ids` the store holds; in the order they were added."""
        sql = ("SELECT id, source, title, text, removed, outlet, url, published, authors, credits, outlet_kind, "
               "outlet_owner, added_at FROM articles")
        if ids is not None:
            rows = sorted(self._rows_with(f"{sql} WHERE id IN ({{marks}})", ids), key=lambda r: (r[-1], r[0]))
        else:
            rows = self.conn.execute(f"{sql} ORDER BY added_at, id")
        return [self._article(r[:-1]) for r in rows]

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    @staticmethod
    def _article(row: tuple) -> Article:
        id_, source, title, text, removed, outlet, url, published, authors, credits, kind, owner = row
        return from_dict(Article, {
            "id": id_, "source": source, "title": title, "text": text,
            "removed": json.loads(removed), "outlet": outlet, "url": url, "published": published,
            "authors": json.loads(authors), "credits": json.loads(credits), "outlet_kind": kind, "outlet_owner": owner,
        })

    # stories

    def save_stories(self, stories: Iterable[Story]) -> None:
        """Write (or replace) whole stories, each with its membership, in one transaction."""
        with self.transaction():
            for s in stories:
                status = Counter(f.status for f in s.facts)
                self.conn.execute(
                    "INSERT OR REPLACE INTO stories (id, title, record, updated_at, n_articles, independent, "
                    "corroborated, single_source, contested, quotes) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (s.id, s.title, json.dumps(asdict(s)), now(), len(s.articles),
                     len(s.independent_groups) or len(s.articles), status["corroborated"], status["single-source"],
                     status["contested"], len(s.quotes)),
                )
                self.conn.execute("DELETE FROM story_articles WHERE story_id = ?", (s.id,))
                self.conn.executemany(
                    "INSERT INTO story_articles VALUES (?,?)", [(s.id, a) for a in s.articles]
                )

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        with self.transaction():
            self.conn.executemany("DELETE FROM stories WHERE id = ?", [(i,) for i in story_ids])

    def stories(self) -> list[Story]:
        """All stories, the most recently updated first."""
        rows = self.conn.execute("SELECT record FROM stories ORDER BY updated_at DESC, id")
        return [from_dict(Story, json.loads(r[0])) for r in rows]

    def story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT record FROM stories WHERE id = ?", (story_id,)).fetchone()
        return from_dict(Story, json.loads(row[0])) if row else None

    def stories_holding(self, article_ids: Iterable[str]) -> list[Story]:
        """The stories that hold any of these articles."""
        story_ids = {r[0] for r in self._rows_with(
            "SELECT story_id FROM story_articles WHERE article_id IN ({marks})", article_ids)}
        rows = self._rows_with("SELECT record FROM stories WHERE id IN ({marks})", sorted(story_ids))
        return sorted((from_dict(Story, json.loads(r[0])) for r in rows), key=lambda s: s.id)

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def article_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def _rows_with(self, sql: str, ids: Iterable[str]) -> Iterator[tuple]:
        """The rows of `sql` ("… IN ({marks})") for all `ids`, asked 500 at a time (SQLite
        caps the parameters of one statement)."""
        ids = list(ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            yield from self.conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)

    def has_articles(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` the store holds."""
        return {r[0] for r in self._rows_with("SELECT id FROM articles WHERE id IN ({marks})", ids)}

    # failures and integrity

    def record_failures(self, failures: Iterable[AnalysisFailure]) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO failures VALUES (?,?,?,?)",
                [(f.article, f.stage, f.reason, now()) for f in failures],
            )

    def failures(self) -> list[AnalysisFailure]:
        rows = self.conn.execute(
            "SELECT f.article_id, a.source, f.stage, f.reason FROM failures f JOIN articles a ON a.id = f.article_id"
        )
        return [AnalysisFailure(*r) for r in rows]

    def articles_in_no_story(self) -> list[str]:
        """Articles no story holds (left by an add that a crash of an older version cut short)."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) ORDER BY added_at, id"
        )
        return [r[0] for r in rows]

    def articles_in_several_stories(self) -> dict[str, list[str]]:
        """article id → the stories holding it, for articles held by more than one."""
        rows = self.conn.execute(
            "SELECT article_id, group_concat(story_id) FROM story_articles GROUP BY article_id HAVING count(*) > 1"
        )
        return {a: sorted(s.split(",")) for a, s in rows}

    def integrity(self) -> list[str]:
        """SQLite's own check of the file: ["ok"] when it is sound."""
        try:
            return [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            return [str(exc)]

    # the story list: from indexes and summary columns, never by reading every record

    def story_list(self, words: Sequence[str] = (), since: str | None = None, until: str | None = None,
                   limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """A page of story rows, newest activity first, and how many match in all.

        A story matches when each word is a word of one of its articles (FTS5, diacritics
        and case aside), and, given dates, when one of its articles was published in
        [since, until] (ISO days, inclusive)."""
        matched: set[str] | None = None  # story ids that pass every filter so far (None: no filter yet)
        for word in words:
            phrase = '"' + word.replace('"', '""') + '"'
            ids = {r[0] for r in self.conn.execute(
                "SELECT sa.story_id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
                "JOIN story_articles sa ON sa.article_id = a.id WHERE articles_fts MATCH ?", (phrase,))}
            matched = ids if matched is None else matched & ids
        if since or until:
            ids = {r[0] for r in self.conn.execute(
                "SELECT sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id "
                "WHERE a.published >= ? AND a.published < ?", (since or "", (until or "9999") + "\uffff"))}
            matched = ids if matched is None else matched & ids
        columns = ("SELECT s.id, s.title, s.updated_at, s.n_articles, s.independent, s.corroborated, s.single_source, "
                   "s.contested, s.quotes FROM stories s")
        if matched is None:
            total = self.story_count()
            rows = self.conn.execute(f"{columns} ORDER BY s.updated_at DESC, s.id LIMIT ? OFFSET ?",
                                     (limit, offset)).fetchall()
        else:
            total = len(matched)
            rows = self.conn.execute(
                f"{columns} WHERE s.id IN (SELECT value FROM json_each(?)) ORDER BY s.updated_at DESC, s.id "
                f"LIMIT ? OFFSET ?", (json.dumps(sorted(matched)), limit, offset)).fetchall()
        keys = ("id", "title", "updated_at", "articles", "independent_sources", "corroborated", "single_source",
                "contested", "quotes")
        found = [dict(zip(keys, r)) for r in rows]
        if found:
            marks = ",".join("?" * len(found))
            spans = {sid: (lo, hi) for sid, lo, hi in self.conn.execute(
                f"SELECT sa.story_id, min(substr(a.published, 1, 10)), max(substr(a.published, 1, 10)) "
                f"FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                f"WHERE sa.story_id IN ({marks}) AND a.published IS NOT NULL GROUP BY sa.story_id",
                [r["id"] for r in found])}
            for r in found:
                r["first_published"], r["last_published"] = spans.get(r["id"], (None, None))
        return found, total

    def all_lead_vectors(self) -> tuple[list[str], np.ndarray]:
        """Every stored lead vector: (article ids, one float16 row each). 768 bytes an
        article (15 MB for 20,000): what a new article is compared with to find the stories
        it may join, without reading any article's text."""
        rows = self.conn.execute("SELECT article_id, vector FROM lead_vectors ORDER BY article_id").fetchall()
        matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16).reshape(len(rows), -1) \
            if rows else np.zeros((0, 384), dtype=np.float16)
        return [r[0] for r in rows], matrix

    def articles_without_lead_vector(self) -> list[str]:
        """Articles an older version stored without a lead vector."""
        rows = self.conn.execute("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM lead_vectors)")
        return [r[0] for r in rows]

    def save_lead_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        """Store lead vectors (float16) not yet held, for articles the store holds."""
        with self.transaction():
            self.conn.executemany(
                "INSERT OR IGNORE INTO lead_vectors SELECT ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
                [(a, np.asarray(v, dtype=np.float16).tobytes(), a) for a, v in vectors.items()])

    def article_analyses(self, ids: Iterable[str]) -> dict[str, ArticleAnalysis]:
        """The stored own analyses of these articles, those that have one (of any version)."""
        rows = self._rows_with("SELECT article_id, version, parses, quantities, dates, sentences, vectors "
                               "FROM article_analyses WHERE article_id IN ({marks})", ids)
        return {a: from_dict(ArticleAnalysis, {
            "article": a, "version": version, "parses": parses, "quantities": json.loads(quantities),
            "dates": json.loads(dates), "sentences": json.loads(sentences), "vectors": vectors})
            for a, version, parses, quantities, dates, sentences, vectors in rows}

    def save_article_analyses(self, analyses: Iterable[ArticleAnalysis]) -> None:
        """Store (or replace) articles' own analyses, for articles the store holds."""
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO article_analyses SELECT ?, ?, ?, ?, ?, ?, ? "
                "WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
                [(x.article, x.version, x.parses, json.dumps([asdict(q) for q in x.quantities]),
                  json.dumps([asdict(d) for d in x.dates]), json.dumps(x.sentences), x.vectors, x.article)
                 for x in analyses])

    def story_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
