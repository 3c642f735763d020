"""The SQLite store: content-hash dedup, migrations, whole-article transactions."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from storytrace.model import Article, LineageEdge, Removed, Story
from storytrace.pipeline import read_articles
from storytrace.store import MIGRATIONS, Store, StoreError

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"


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


def test_an_older_store_is_migrated_and_its_stories_listed_and_searched_from_indexes(tmp_path, seeds):
    """A store written at schema 1 (before summary columns and full-text search) opens with
    its stories' counts filled in and its articles searchable."""
    from dataclasses import asdict

    from storytrace.model import Fact, Support
    from storytrace.store import statements

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    for statement in statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    ids = [a.id for a in seeds]
    story = Story(id="s1", title="Minerals", articles=ids, independent_groups=[ids[:2], ids[2:]],
                  facts=[Fact("f", "x", [Support(ids[0], "x")], 1, "single-source"),
                         Fact("g", "y", [Support(ids[0], "y"), Support(ids[2], "y")], 2, "corroborated")])
    for a in seeds:
        conn.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)",
                     (a.id, a.source, a.title, a.text, "[]", None, None, "2025-02-14", "2025-02-15T00:00:00"))
    conn.execute("INSERT INTO stories VALUES (?,?,?,?)", ("s1", "Minerals", json.dumps(asdict(story)), "2025-02-15"))
    conn.executemany("INSERT INTO story_articles VALUES (?,?)", [("s1", i) for i in ids])
    conn.close()
    with Store(db) as store:
        assert store.version == len(MIGRATIONS)
        (row,), total = store.story_list()
        assert total == 1 and (row["articles"], row["independent_sources"], row["corroborated"],
                               row["single_source"], row["contested"]) == (5, 2, 1, 1, 0)
        assert row["first_published"] == row["last_published"] == "2025-02-14"
        assert store.story_list(["bessent", "zelensky"])[1] == 1  # each word in some article, any case
        assert store.story_list(["bessent", "zzzqx"])[1] == 0
        assert store.story_list(["bess"])[1] == 0  # whole words, as before
        assert store.story_list(since="2025-02-14", until="2025-02-14")[1] == 1
        assert store.story_list(since="2025-02-15")[1] == 0


def test_the_story_list_pages(tmp_path, seeds):
    with Store(tmp_path / "st.db") as store:
        store.add_articles(seeds)
        store.save_stories([Story(id=f"s{i}", title=f"story {i}", articles=[a.id]) for i, a in enumerate(seeds)])
        first, total = store.story_list(limit=2)
        second, _ = store.story_list(limit=2, offset=2)
        rest, _ = store.story_list(limit=10, offset=4)
        assert total == 5 and len(first) == 2 and len(second) == 2 and len(rest) == 1
        assert len({r["id"] for r in first + second + rest}) == 5


def test_lead_vectors_are_computed_once_and_kept(tmp_path, seeds, monkeypatch):
    from storytrace import nlp, pipeline

    with Store(tmp_path / "st.db") as store:
        pipeline.add(store, [SEEDS / "000_aa4e681703267ff9.txt", SEEDS / "001_108616ce6049eff6.txt"])
        assert len(set(store.all_lead_vectors()[0]) & {a.id for a in seeds}) == 2
        embedded = []
        real = nlp.embed

        def counting(texts, *args, **kw):
            embedded.append(len(texts))
            return real(texts, *args, **kw)

        monkeypatch.setattr(nlp, "embed", counting)
        pipeline.add(store, [SEEDS / "002_0750e0b6a9e59ec0.txt"])
        assert embedded[0] == 1  # the story grouping embedded the new article's lead only
        assert len(set(store.all_lead_vectors()[0]) & {a.id for a in seeds}) == 3


def test_an_article_is_parsed_and_embedded_once_and_its_story_comes_out_the_same(tmp_path, monkeypatch):
    """Articles joining a story: the story is analysed again, but its old articles are neither
    parsed nor embedded again (their own analyses come from the store), and the story is
    what analysing all of them at once gives."""
    from storytrace import nlp, pipeline
    from storytrace.extract import docs

    files = [SEEDS / "000_aa4e681703267ff9.txt", SEEDS / "001_108616ce6049eff6.txt", SEEDS / "002_0750e0b6a9e59ec0.txt"]
    with Store(tmp_path / "st.db") as store:
        pipeline.add(store, files[:2])
        parsed, embedded = [], []
        real_parse, real_embed = docs.parse_articles, nlp.embed
        monkeypatch.setattr(docs, "parse_articles", lambda articles: parsed.extend(a.source for a in articles)
                            or real_parse(articles))
        monkeypatch.setattr(nlp, "embed", lambda texts, *a, **kw: embedded.extend(texts) or real_embed(texts, *a, **kw))
        pipeline.add(store, files[2:])
        (story,) = store.stories()
        new = store.article(next(i for i in story.articles if store.article(i).source == files[2].name))
    assert parsed == [files[2].name]
    assert embedded and all(text in new.text for text in embedded[1:])  # its own sentences only
    assert embedded[0].startswith(new.title)  # and first its headline and lead, for the story grouping
    monkeypatch.undo()
    (whole,) = pipeline.brief(files).stories
    assert [(f.statement, f.status, len(f.support)) for f in story.facts] == \
        [(f.statement, f.status, len(f.support)) for f in whole.facts]
    assert [(q.text, q.speaker) for q in story.quotes] == [(q.text, q.speaker) for q in whole.quotes]
    assert [e.name for e in story.entities] == [e.name for e in whole.entities]


def test_an_add_reads_only_the_stories_its_articles_may_join(tmp_path, monkeypatch):
    """Candidates come from lead vectors: adding a Greek election report to a store that
    also holds the minerals-deal story reads and re-analyses the election story it joins only."""
    from storytrace import pipeline

    greek = sorted((SHARED / "data" / "wikiref220" / "articles").glob("greek.elections.*.txt"))
    with Store(tmp_path / "st.db") as store:
        pipeline.add(store, [SEEDS / "000_aa4e681703267ff9.txt", SEEDS / "002_0750e0b6a9e59ec0.txt", *greek[:3]])
        minerals = store.story_of(next(a.id for a in store.articles() if a.source.startswith("000_")))
        held = {a.id for a in store.articles()}
        before = store.story_count()
        asked: list[str] = []
        real = Store.articles

        def reading(self, ids=None):
            ids = None if ids is None else list(ids)
            asked.extend(["<all>"] if ids is None else ids)
            return real(self, ids)

        monkeypatch.setattr(Store, "articles", reading)
        added = pipeline.add(store, [greek[3]])
        monkeypatch.undo()
        election = store.story_of(added.new[0].id)
        assert election != minerals and added.stored == before  # it joined an election story
        assert [s.id for s in added.stories] == [election]
        # the election stories it may join are read (both here: the result and the coalition talks), not the minerals one
        assert set(store.story(election).articles) - {added.new[0].id} <= set(asked) <= held - set(store.story(minerals).articles)
