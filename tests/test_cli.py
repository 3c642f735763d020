"""The command line end to end on the seeds: report files valid against the shared schema,
stable on re-runs, the store path, and clean one-line errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from storytrace.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SCHEMA = json.loads((SHARED / "design" / "report.schema.json").read_text())


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The real command in its own process: what a user sees, tracebacks included."""
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "storytrace", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def invoke(*args: str) -> subprocess.CompletedProcess:
    """The same command in this process, sharing its loaded models (faster)."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("out")
    result = invoke("brief", str(SEEDS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, result


def test_brief_writes_three_files_and_a_summary_table(seed_report):
    out, result = seed_report
    assert {p.name for p in out.iterdir()} >= {"report.json", "report.md", "report.html"}
    assert "5 articles, 1 story" in result.stdout  # a count's noun agrees with it
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "5 articles, 1 story." in md and "1 stories" not in md
    # sources name their line of reporting as a reader would, not "line 2" (read as a line number)
    assert re.search(r"independent source \d", md) and not re.search(r"\bline \d", md)


def test_report_json_is_valid_against_the_shared_schema(seed_report):
    report = json.loads((seed_report[0] / "report.json").read_text())
    jsonschema.validate(report, SCHEMA)
    assert len(report["articles"]) == 5
    assert {a["source"] for a in report["articles"]} == {p.name for p in SEEDS.glob("00*.txt")}
    seed_story = [s for s in report["stories"] if len(s["articles"]) == 5]
    assert len(seed_story) == 1, "the five seeds form exactly one story"


def test_every_input_line_is_in_title_text_or_removed(seed_report):
    report = json.loads((seed_report[0] / "report.json").read_text())
    for a in report["articles"]:
        raw = (SEEDS / a["source"]).read_text(encoding="utf-8")
        kept = set(a["text"].split("\n")) | {a["title"]} | {r["line"] for r in a["removed"]}
        for line in raw.splitlines():
            assert not line.strip() or line.strip() in {k.strip() for k in kept if k}, (a["source"], line)


def test_html_report_is_self_contained(seed_report):
    html = (seed_report[0] / "report.html").read_text()
    assert "<style>" in html and 'name="viewport"' in html
    for attr in ("src=", "<link", "@import", "<script"):
        assert attr not in html


def test_running_again_on_the_same_input_changes_nothing(seed_report, tmp_path):
    out, _ = seed_report
    again = invoke("brief", str(SEEDS), "--out", str(tmp_path))
    assert again.returncode == 0
    for name in ("report.json", "report.md", "report.html"):
        assert (tmp_path / name).read_text() == (out / name).read_text(), name


def test_store_add_then_brief_from_the_store(tmp_path):
    db = tmp_path / "st.db"
    first = invoke("--quiet", "add", str(SEEDS / "000_aa4e681703267ff9.txt"), str(SEEDS / "002_0750e0b6a9e59ec0.txt"),
                   "--db", str(db))
    assert first.returncode == 0, first.stderr
    second = invoke("add", str(SEEDS), "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert "3 new, 2 already" in second.stdout
    third = invoke("add", str(SEEDS), "--db", str(db))
    assert "0 new, 5 already" in third.stdout
    out = tmp_path / "out"
    result = invoke("brief", "--db", str(db), "--out", str(out))
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "report.json").read_text())
    jsonschema.validate(report, SCHEMA)
    assert len(report["articles"]) == 5
    assert [len(s["articles"]) for s in report["stories"]] == [5]


def test_bad_inputs_are_one_line_each_and_do_not_lose_good_work(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    good = tmp_path / "good.txt"
    good.write_text((SEEDS / "003_73464ca05c34d7d9.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("brief", str(tmp_path), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    problem_lines = [l for l in result.stderr.splitlines() if l.startswith("skipped")]
    assert len(problem_lines) == 3
    assert any("empty.txt: empty file" in l for l in problem_lines)
    assert any("missing.txt: no such file or folder" in l for l in problem_lines)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [a["source"] for a in report["articles"]] == ["good.txt"]


def test_nothing_readable_exits_non_zero_with_one_line(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("brief", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "no article could be read" in result.stderr


def test_json_logs_for_scripts(tmp_path):
    result = invoke("--json", "brief", str(SEEDS / "003_73464ca05c34d7d9.txt"), str(tmp_path / "nope.txt"),
                    "--out", str(tmp_path / "out"))
    events = [json.loads(l) for l in result.stderr.splitlines() if l.startswith("{")]
    kinds = {e["event"] for e in events}
    assert {"progress", "problem", "written"} <= kinds
    assert result.stdout == ""


def test_a_store_file_that_is_not_a_store_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite " * 200)
    result = run("add", str(SEEDS), "--db", str(bad), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "not a usable storytrace store" in result.stderr


def test_eval_attributions_names_what_is_missing(tmp_path):
    result = invoke("eval", "attributions")
    assert result.returncode == 2 and "needs the corpus's folder" in result.stderr
    result = invoke("eval", "attributions", str(tmp_path))  # a folder with nothing to score
    assert result.returncode == 2 and str(tmp_path) in result.stderr
