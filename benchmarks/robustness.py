"""Robustness goals of the store and the per-article path (issue 22), measured end to end.

1. generated articles: `--articles N` texts that mix real sentences (the seeds and
   wikiref220) with name-like tokens, hyphens, symbols, emoji and runs of punctuation go
   through read → clean → analyse in batches; counted: crashes (an exception out of the
   pipeline) and isolated failures (an article left out of its story's analysis).
2. kills: `--kills K` runs of a real `storytrace add` killed with SIGKILL at a random
   moment, then one re-run; counted: articles in no story or in several.
3. concurrent writers: `--concurrent C` trials of two `storytrace add` processes started
   together on one store with overlapping inputs; counted: articles in several stories,
   duplicated stories.
4. a 20 MB file: the time `storytrace add` takes for a text file just under the 20 MB
   limit (analysed), and for one just over it (refused in one line).

    .venv/bin/python benchmarks/robustness.py --articles 1000 --kills 20 --concurrent 10
"""

from __future__ import annotations

import argparse
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storytrace import health, pipeline
from storytrace.model import RawArticle
from storytrace.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
ODD = ["Jay-Z.", "Mary-Ann-", "David-vs.", "-", "--", "O'Brien", "Ms.", "U.S.", "al-Assad", "“", "”", "\"", "'",
       "—", "(Reuters) -", "$500bn", "50%", "2-1", "…", "...", "😀", "🇺🇦", "St.", "Jean-Claude", "Mc-", "ALL-CAPS-",
       "x" * 80, "\u200b", "\t", "#", "@user", "http://example.com/a-b", "1,000,000", "½", "Ⅻ", "٣", "中文", "e.g."]


def sentences() -> list[str]:
    pool = []
    for path in SEEDS + sorted((SHARED / "data" / "wikiref220" / "articles").glob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        pool += [s.strip() for s in text.replace("\r", "").replace("\n", " ").split(". ") if len(s.split()) > 3]
    return pool


def generated(rng: random.Random, pool: list[str]) -> str:
    paragraphs = []
    for _ in range(rng.randint(1, 8)):
        words = []
        for _ in range(rng.randint(1, 6)):
            roll = rng.random()
            words.append(rng.choice(pool) if roll < 0.5 else rng.choice(ODD) if roll < 0.9 else
                         "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 10))))
        paragraphs.append(" ".join(words))
    return "\n\n".join(paragraphs)


def generated_articles(n: int, batch: int = 50) -> dict:
    rng, pool = random.Random(22), sentences()
    crashes, failures, stories, articles = [], 0, 0, 0
    start = time.perf_counter()
    for b in range(0, n, batch):
        raws = [RawArticle(source=f"gen-{i}.txt", body=generated(rng, pool), title_from_first_line=True)
                for i in range(b, min(n, b + batch))]
        try:
            found, _ = pipeline.clean_raws(raws)
            failed = []
            stories += len(pipeline.analyse(found, failures=failed))
            failures += len(failed)
            articles += len(found)
        except Exception as exc:  # what the goal counts: an exception out of the pipeline
            crashes.append(f"batch {b}: {type(exc).__name__}: {exc}")
        print(f"  generated {min(n, b + batch)}/{n}: {len(crashes)} crashes, {failures} isolated failures", flush=True)
    return {"texts": n, "articles analysed": articles, "stories": stories, "crashes": len(crashes),
            "isolated failures": failures, "seconds": round(time.perf_counter() - start, 1), "crash lines": crashes[:5]}


def add(db: Path, paths: list[Path], quiet: bool = True) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "storytrace", *(["--quiet"] if quiet else []), "add",
                             *map(str, paths), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def placement(db: Path) -> tuple[int, int, int]:
    """(articles, in no story, in several stories)"""
    with Store(db) as store:
        found = health.check(store)
    return found.articles, len(found.in_no_story), len(found.in_several_stories)


def kills(k: int, tmp: Path) -> dict:
    rng = random.Random(20)
    db = tmp / "kills.db"
    after_kill_bad = 0
    for trial in range(k):
        proc = add(db, rng.sample(SEEDS, rng.randint(1, len(SEEDS))))
        time.sleep(rng.uniform(0.3, 12.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if db.exists():
            _, none, several = placement(db)
            after_kill_bad += none + several
    rerun = add(db, SEEDS)
    code = rerun.wait()
    n, none, several = placement(db)
    return {"kills": k, "misplaced right after a kill (all trials)": after_kill_bad, "re-run exit": code,
            "articles": n, "in no story after re-run": none, "in several stories after re-run": several}


def concurrent(c: int, tmp: Path) -> dict:
    rng = random.Random(10)
    several_total, duplicated_total = 0, 0
    for trial in range(c):
        db = tmp / f"concurrent-{trial}.db"
        a, b = rng.sample(SEEDS, 3), rng.sample(SEEDS, 3)
        procs = [add(db, a), add(db, b)]
        codes = [p.wait() for p in procs]
        assert codes == [0, 0], [p.stderr.read() for p in procs]
        _, _, several = placement(db)
        with sqlite3.connect(db) as conn:
            members = [m for (m,) in conn.execute("SELECT group_concat(article_id) FROM "
                                                  "(SELECT * FROM story_articles ORDER BY article_id) GROUP BY story_id")]
        several_total += several
        duplicated_total += len(members) - len(set(members))
    return {"trials": c, "articles in several stories": several_total, "duplicated stories": duplicated_total}


def big_file(tmp: Path) -> dict:
    pool = sentences()
    rng = random.Random(5)
    out = {}
    for name, size in (("under", 20 * 2**20 - 50_000), ("over", 20 * 2**20 + 50_000)):
        path = tmp / f"{name}.txt"
        parts, total = [], 0
        while total < size:
            paragraph = ". ".join(rng.sample(pool, 4)) + "."
            parts.append(paragraph)
            total += len(paragraph) + 2
        path.write_bytes("\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", errors="ignore").encode("utf-8"))
        start = time.perf_counter()
        proc = add(tmp / f"big-{name}.db", [path], quiet=False)
        _, err = proc.communicate()
        out[name] = {"MB": round(path.stat().st_size / 2**20, 2), "exit": proc.returncode,
                     "seconds": round(time.perf_counter() - start, 1), "stderr": err.strip()[:200]}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--concurrent", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("20 MB files:", big_file(tmp), flush=True)
        print("kills:", kills(args.kills, tmp), flush=True)
        print("concurrent:", concurrent(args.concurrent, tmp), flush=True)
        print("generated:", generated_articles(args.articles), flush=True)


if __name__ == "__main__":
    main()
