"""The SQLite store: content-hash dedup, migrations, whole-article transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storytrace.model import Article, LineageEdge, Removed, Story
from storytrace.pipeline import read_articles
from storytrace.store import MIGRATIONS, Store, StoreError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    articles, problems = read_articles([SEEDS])
    assert [p for p in problems if not p.skipped] == []
    return articles


def test_adding_the_same_articles_twice_changes_nothing(tmp_path, seeds):
    db = tmp_path / "st.db"
    with Store(db) as store:
        assert len(store.add_articles(seeds)) == 5
        first = store.articles()
    with Store(db) as store:
        assert store.add_articles(seeds) == []
        assert store.articles() == first


def test_articles_round_trip_with_their_removed_lines(tmp_path, seeds):
    with Store(tmp_path / "st.db") as store:
        store.add_articles(seeds)
        for a in seeds:
            assert store.article(a.id) == a
    junky = next(a for a in seeds if a.removed)
    assert all(isinstance(r, Removed) for r in junky.removed)


def test_stories_round_trip_and_membership(tmp_path, seeds):
    story = Story(id="s1", title="Minerals deal", articles=[a.id for a in seeds[:2]],
                  independent_groups=[[seeds[0].id, seeds[1].id]],
                  lineage=[LineageEdge(seeds[1].id, seeds[0].id, 0.4, "paraphrase")])
    with Store(tmp_path / "st.db") as store:
        store.add_articles(seeds)
        store.save_stories([story])
        assert store.stories() == [story]
        assert store.story_of(seeds[1].id) == "s1"
        story.articles = [seeds[0].id]
        store.save_stories([story])
        assert store.story_of(seeds[1].id) is None
        store.delete_stories(["s1"])
        assert store.stories() == [] and store.story_of(seeds[0].id) is None


def test_schema_is_versioned_and_an_old_store_migrates(tmp_path):
    db = tmp_path / "old.db"
    sqlite3.connect(db).close()  # an empty file at schema 0
    with Store(db) as store:
        assert store.version == len(MIGRATIONS)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer storytrace"):
        Store(db)


def test_a_file_that_is_not_sqlite_is_refused_cleanly(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database " * 100)
    with pytest.raises(StoreError, match="not a usable storytrace store"):
        Store(bad)


def test_a_failed_batch_leaves_the_store_as_it_was(tmp_path, seeds):
    db = tmp_path / "st.db"
    with Store(db) as store:
        store.add_articles(seeds[:2])
    broken = Article(id=seeds[2].id, source="x", title=None, text=None, removed=[])  # NOT NULL text
    with Store(db) as store, pytest.raises(sqlite3.IntegrityError):
        store.add_articles([seeds[3], broken])
    with Store(db) as store:
        assert sorted(a.id for a in store.articles()) == sorted(a.id for a in seeds[:2])
