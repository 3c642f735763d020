"""No input text crashes the pipeline, and no kill or second writer breaks the store.

- fuzzing (hypothesis) of the whole per-article path, read → clean → analyse, on texts
  mixing real seed sentences with name-like tokens, hyphens, symbols and emoji;
- kill -9 of a real `storytrace add` at random moments, then one re-run: every article in
  exactly one story;
- two `storytrace add` processes on one store at once: no article in two stories;
- storage errors as one line each.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storytrace import health, pipeline
from storytrace.model import RawArticle, Story
from storytrace.store import Store, StoreError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_SENTENCES = [s.strip() for p in sorted(SEEDS.glob("*.txt"))
                  for s in p.read_text(encoding="utf-8").replace("\n", " ").split(". ") if len(s.split()) > 3]
NAME_LIKE = ["Jay-Z.", "Mary-Ann-", "David-vs.", "-", "Goliath", "O'Brien", "Ms.", "Dr", "U.S.", "al-Assad",
             "Zelenskyy", "“", "”", "\"", "'", "—", "(Reuters)", "$500bn", "50%", "2-1", "…", "😀", "🇺🇦",
             "e.g.", "St.", "Jean-Claude", "Van", "de", "Mc-", "ALL-CAPS-", "x" * 60, "\u200b", "\t"]

pytestmark = pytest.mark.slow


def storytrace(*args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "storytrace", "--quiet", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, **kw)


# --- no text crashes the per-article path ---------------------------------------------

words = st.sampled_from(NAME_LIKE) | st.sampled_from(SEED_SENTENCES) | st.text(min_size=1, max_size=12)
paragraph = st.lists(words, min_size=1, max_size=12).map(" ".join)
article_text = st.lists(paragraph, min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(texts=st.lists(article_text, min_size=1, max_size=3))
def test_no_text_crashes_reading_cleaning_or_analysis(texts):
    articles, problems = [], []
    for i, text in enumerate(texts):
        raw = RawArticle(source=f"fuzz-{i}.txt", body=text, title_from_first_line=True)
        found, trouble = pipeline.clean_raws([raw])
        articles += found
        problems += trouble
    failures = []
    stories = pipeline.analyse(articles, failures=failures)
    assert failures == [], failures  # isolation exists for the unforeseen; none expected here
    assert sorted(a for s in stories for a in s.articles) == sorted(a.id for a in articles)
    assert all(p.source.startswith("fuzz-") for p in problems)


def test_names_cut_at_a_hyphen_and_texts_without_words_are_analysed(tmp_path):
    texts = {"hyphen.txt": "Rapper Jay-Z. performed in Brooklyn on Friday.\n\nMary-Ann- spoke to reporters.\n\n"
                           "It was a David-vs. - Goliath match, the coach said.",
             "dots.txt": "...", "emoji.txt": "😀 🇺🇦 😀"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = pipeline.brief([tmp_path])
    assert {a.source for a in report.articles} == set(texts)
    assert sorted(a for s in report.stories for a in s.articles) == sorted(a.id for a in report.articles)
    assert [p for p in report.problems if not p.skipped] == []


def test_a_paragraph_over_spacy_limit_is_analysed_in_bounded_pieces(tmp_path):
    sentence = "Officials in Kyiv said on Tuesday that the minerals deal was worth $500 billion. "
    (tmp_path / "long.txt").write_text("Minerals deal\n\n" + sentence * 14_000, encoding="utf-8")  # 1.1 M chars
    report = pipeline.brief([tmp_path / "long.txt"])
    assert [p for p in report.problems if not p.skipped] == []
    (story,) = report.stories
    assert any(q.value == 500e9 for q in story.quantities)


def test_an_article_whose_analysis_fails_is_reported_and_the_others_go_on(seed_articles, monkeypatch):
    from storytrace.extract import numbers

    broken = seed_articles[2].id
    real = numbers.find_quantities

    def failing(article, *rest):
        if article.id == broken:
            raise RuntimeError("a fault in the numbers stage")
        return real(article, *rest)

    monkeypatch.setattr(numbers, "find_quantities", failing)
    failures = []
    (story,) = pipeline.analyse(seed_articles, failures=failures)
    assert [(f.article, f.stage) for f in failures] == [(broken, "numbers")]
    assert "a fault in the numbers stage" in str(failures[0]) and failures[0].source in str(failures[0])
    assert broken in story.articles  # it stays in its story
    assert story.facts and all(s.article != broken for f in story.facts for s in f.support)


@pytest.fixture(scope="module")
def seed_articles():
    articles, problems = pipeline.read_articles([SEEDS])
    assert [p for p in problems if not p.skipped] == [] and len(articles) == 5
    return articles


# --- the store survives kills and second writers --------------------------------------

def placement(db: Path) -> tuple[int, dict[str, int]]:
    """Articles held, and how many stories hold each (read with plain SQL)."""
    with sqlite3.connect(db) as conn:
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        held = dict(conn.execute("SELECT a.id, count(sa.story_id) FROM articles a "
                                 "LEFT JOIN story_articles sa ON sa.article_id = a.id GROUP BY a.id"))
    return n, held


def test_kill_at_random_moments_then_one_rerun_leaves_every_article_in_one_story(tmp_path):
    rng = random.Random(7)
    db = tmp_path / "st.db"
    seeds = sorted(SEEDS.glob("*.txt"))
    trials = 4
    for trial in range(trials):
        batch = seeds[: 2 + trial % 4]
        proc = storytrace("add", *map(str, batch), "--db", str(db))
        time.sleep(rng.uniform(0.5, 9.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Store(db) as store:
            assert store.integrity() == ["ok"]
        n, held = placement(db)
        assert all(count == 1 for count in held.values()), f"trial {trial}: {held}"
    rerun = storytrace("add", *map(str, seeds), "--db", str(db))
    assert rerun.wait(timeout=600) == 0, rerun.stderr.read()
    n, held = placement(db)
    assert n == 5 and all(count == 1 for count in held.values()), held
    with Store(db) as store:
        assert health.check(store).sound


def test_interrupt_says_what_was_kept(tmp_path):
    db = tmp_path / "st.db"
    proc = subprocess.Popen([sys.executable, "-m", "storytrace", "--json", "add", str(SEEDS), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:  # interrupt once the analysis runs, the store's write lock held
        if '"stage": "lineage"' in line:
            break
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 130
    events = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert events[-1]["event"] == "error" and events[-1]["message"].startswith("interrupted: nothing of this run was stored")
    assert "Traceback" not in err
    assert placement(db)[0] == 0


def test_two_writers_at_once_never_put_an_article_in_two_stories(tmp_path):
    db = tmp_path / "st.db"
    seeds = sorted(SEEDS.glob("*.txt"))
    first = storytrace("add", *map(str, seeds[:4]), "--db", str(db))
    second = storytrace("add", *map(str, seeds[1:]), "--db", str(db))
    for proc in (first, second):
        assert proc.wait(timeout=600) == 0, proc.stderr.read()
    n, held = placement(db)
    assert n == 5 and all(count == 1 for count in held.values()), held
    with Store(db) as store:
        stories = store.stories()
    assert [len(s.articles) for s in stories] == [5], "the five seeds are one story"


def test_check_repair_places_articles_left_in_no_story_and_undoes_double_placement(tmp_path, seed_articles):
    db = tmp_path / "st.db"
    with Store(db) as store:
        store.add_articles(seed_articles)  # as an older version's crash left them: in no story
        store.save_stories([Story(id="a", title="A", articles=[seed_articles[0].id]),
                            Story(id="b", title="B", articles=[seed_articles[0].id, seed_articles[1].id])])
        found = health.check(store)
        assert not found.sound and len(found.in_no_story) == 3 and list(found.in_several_stories) == [seed_articles[0].id]
        fixed = health.repair(store)
        assert fixed.sound and fixed.articles == 5
        assert [len(s.articles) for s in store.stories()] == [5]


def test_an_add_with_nothing_new_places_articles_an_older_crash_left_in_no_story(tmp_path, seed_articles):
    with Store(tmp_path / "st.db") as store:
        store.add_articles(seed_articles)  # stored, never grouped: what a kill did to older versions
        added = pipeline.add(store, [SEEDS])
        assert added.new == [] and len(added.known) == 5 and added.repaired == 5
        assert health.check(store).sound and [len(s.articles) for s in store.stories()] == [5]


# --- storage errors are one line ------------------------------------------------------

def test_storage_errors_are_one_line_that_says_what_to_do(tmp_path, seed_articles):
    missing = tmp_path / "no-such-folder" / "st.db"
    with pytest.raises(StoreError, match="no folder .*no-such-folder; create it"):
        Store(missing)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    with pytest.raises(StoreError) as caught:
        Store(damaged)
    assert str(caught.value).startswith(str(damaged)) and "\n" not in str(caught.value)
    full = tmp_path / "full.db"
    with Store(full) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk fills up at once
        with pytest.raises(sqlite3.OperationalError) as caught:
            store.add_articles(seed_articles)
        from storytrace.store import explain

        assert "the disk is full; free some space" in str(explain(full, caught.value))
        assert store.article_count() == 0  # the transaction left nothing half-written


def test_cli_reports_a_missing_store_folder_in_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "storytrace", "add", str(SEEDS), "--db", str(tmp_path / "nope" / "st.db")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "no folder" in lines[0] and "Traceback" not in proc.stderr


def test_the_web_app_answers_a_damaged_store_with_one_line(tmp_path, seed_articles):
    from fastapi.testclient import TestClient

    from storytrace.web.app import create_app

    db = tmp_path / "st.db"
    with Store(db) as store:
        store.add_articles(seed_articles)
    app = create_app(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE stories")  # what a damaged or foreign file looks like to a query
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/api/stories")
        assert r.status_code == 503 and r.json()["detail"].startswith(str(db))
        page = client.get("/", headers={"accept": "text/html"})
        assert page.status_code == 503 and "The store cannot be used" in page.text


def test_a_store_on_a_read_only_file_system_is_one_line(tmp_path):
    """A real read-only mount (tmpfs, as root); skipped where mounting is not allowed."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a read-only file system here")
    try:
        with pytest.raises(StoreError, match="is on a read-only file system; use a writable --db"):
            Store(mount / "st.db")
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
