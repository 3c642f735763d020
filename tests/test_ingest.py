"""Reading real inputs of every kind, and bad inputs: one clear problem line each, never a traceback."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storytrace.ingest import read_paths

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
WIKIREF = SHARED / "data" / "wikiref220" / "articles"


def test_seed_folder_gives_five_articles_and_skips_its_readme():
    articles, problems = read_paths([SEEDS])
    assert sorted(a.source for a in articles) == sorted(p.name for p in SEEDS.glob("00*.txt"))
    assert all(a.title_from_first_line for a in articles)
    assert [(p.source, p.skipped) for p in problems] == [("README.md", True)]


def test_windows_1252_crlf_text_is_decoded():
    path = next(p for p in sorted(WIKIREF.iterdir()) if b"\x92" in p.read_bytes() or b"\x93" in p.read_bytes())
    (article,), problems = read_paths([path])
    assert [p for p in problems if not p.skipped] == []
    assert "\r" not in article.body
    assert "\ufffd" not in article.body
    assert any(ch in article.body for ch in "’“”")


def test_utf16_with_bom_and_latin1(tmp_path):
    text = (SEEDS / "003_73464ca05c34d7d9.txt").read_text(encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "latin1.txt").write_bytes("Café owners in Zürich said prices rose by 5%.\nThe réunion was held on Friday.".encode("latin-1"))
    articles, problems = read_paths([tmp_path])
    assert [p for p in problems if not p.skipped] == []
    bodies = {a.source: a.body for a in articles}
    assert bodies["utf16.txt"].strip() == text.strip()
    assert "Café owners in Zürich" in bodies["latin1.txt"]


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n  ", "no text"),
        ("image.txt", bytes(range(256)) * 40, "binary"),
        ("broken.jsonl", b'{"title": "a", "text": "b"\n', "invalid JSON"),
        ("notext.json", b'[{"title": "only a title"}]', "no article text"),
        ("broken.rss", b"<rss><channel><item><title>x", "feed"),
        ("broken.html.gz", b"\x1f\x8b\x08\x00garbage", "gzip"),
        ("malformed.html", b"<html><body><div><p>Unclosed <b>tags <table><tr><td>", "no article text"),
        ("data.bin", b"\x00\x01\x02", "unknown file type"),
    ],
)
def test_bad_file_gives_one_problem_naming_it(tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text((SEEDS / "003_73464ca05c34d7d9.txt").read_text(encoding="utf-8"), encoding="utf-8")
    articles, problems = read_paths([tmp_path / name, good])
    assert [a.source for a in articles] == ["good.txt"]  # the good file's work is kept
    assert len(problems) == 1
    assert problems[0].source.startswith(name.split(".")[0])
    assert expected.lower() in problems[0].problem.lower()
    assert "\n" not in str(problems[0])


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.seek(50 * 1024 * 1024)
        f.write(b"x")
    articles, problems = read_paths([big])
    assert articles == [] and "too large" in problems[0].problem


def test_missing_path_empty_folder_and_unmatched_glob(tmp_path):
    (tmp_path / "empty").mkdir()
    articles, problems = read_paths([tmp_path / "nope.txt", tmp_path / "empty", str(tmp_path / "*.xyz")])
    assert articles == []
    assert [p.problem for p in problems] == [
        "no such file or folder", "folder holds no readable articles", "no file matches this pattern"]


def test_jsonl_with_news_please_fields_and_a_bad_line(tmp_path):
    seed = (SEEDS / "004_4f627d9020626443.txt").read_text(encoding="utf-8")
    lines = [
        json.dumps({"title": "Zelenskyy tells aides to reject U.S. pitch", "maintext": seed,
                    "url": "https://example.org/a", "date_publish": "2025-02-15 10:00:00", "source_domain": "nbcnews.com"}),
        "{not json",
        json.dumps({"title": "t", "text": "Some body text.", "published": "2025-02-14", "outlet": "X"}),
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles, problems = read_paths([tmp_path / "dump.jsonl"])
    assert [a.outlet for a in articles] == ["nbcnews.com", "X"]
    assert articles[0].published == "2025-02-15T10:00:00" and articles[1].published == "2025-02-14"
    assert articles[0].source == "https://example.org/a"
    assert [p.source for p in problems] == ["dump.jsonl:2"]


def test_rss_and_atom_feeds(tmp_path):
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire Desk</title>
    <item><title>Minerals talks stall</title><link>https://example.org/1</link>
    <pubDate>Sat, 15 Feb 2025 09:30:00 GMT</pubDate>
    <description>&lt;p&gt;Ukraine declined to sign the draft on Wednesday.&lt;/p&gt;&lt;p&gt;Talks go on in Munich.&lt;/p&gt;</description></item>
    <item><title>Empty</title><link>https://example.org/2</link></item>
    </channel></rss>"""
    atom = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
    <entry><title>Second report</title><link href="https://example.org/3"/><updated>2025-02-16T08:00:00Z</updated>
    <content type="html">&lt;p&gt;Officials met again.&lt;/p&gt;</content></entry></feed>"""
    (tmp_path / "wire.rss").write_text(rss)
    (tmp_path / "desk.xml").write_text(atom)
    articles, problems = read_paths([tmp_path])
    by_title = {a.title: a for a in articles}
    assert by_title["Minerals talks stall"].body == "Ukraine declined to sign the draft on Wednesday.\nTalks go on in Munich."
    assert by_title["Minerals talks stall"].outlet == "Wire Desk"
    assert by_title["Minerals talks stall"].published.startswith("2025-02-15T09:30")
    assert by_title["Second report"].url == "https://example.org/3"
    assert [p.source for p in problems] == ["https://example.org/2"]


def test_saved_html_gz_pages_are_read(tmp_path):
    page = next((SHARED / "data" / "extraction-benchmark" / "html").glob("*.html.gz"))
    articles, problems = read_paths([page])
    assert [p for p in problems if not p.skipped] == [] and len(articles) == 1
    assert len(articles[0].body) > 500 and articles[0].title
    plain = tmp_path / "page.html"
    plain.write_bytes(gzip.decompress(page.read_bytes()))
    assert read_paths([plain])[0][0].body == articles[0].body


def test_same_file_named_twice_is_read_once():
    seed = SEEDS / "000_aa4e681703267ff9.txt"
    articles, _ = read_paths([seed, SEEDS, str(SEEDS / "000_*.txt")])
    assert sum(a.source == seed.name for a in articles) == 1


def test_utf8_with_one_bad_byte_keeps_its_utf8_and_marks_only_that_byte(tmp_path):
    text = (SEEDS / "004_4f627d9020626443.txt").read_text(encoding="utf-8")  # curly quotes, dashes: UTF-8
    data = text.encode("utf-8")
    cut = data.index(b" ", len(data) // 2)
    (tmp_path / "bad.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])
    (raw,), problems = read_paths([tmp_path / "bad.txt"])
    assert raw.body.count("\ufffd") == 1
    assert raw.body.replace("\ufffd", "") == text.replace("\r\n", "\n")  # nothing else garbled


def test_text_is_nfc_normalised(tmp_path):
    from storytrace.pipeline import read_articles

    decomposed = "Cafe\u0301 owners in Zu\u0308rich said prices rose by 5% after the vote on Sunday."
    (tmp_path / "nfd.txt").write_text(decomposed + "\n\nThe re\u0301union was held on Friday.", encoding="utf-8")
    (article,), _ = read_articles([tmp_path])
    assert "Café" in article.text and "Zürich" in article.text and "\u0301" not in article.text


def test_a_dataset_folder_skips_its_source_and_labels_with_one_line_each():
    _, problems = read_paths([SHARED / "data" / "wikiref220"])
    skipped = sorted(p.source for p in problems if p.skipped)
    assert skipped == ["SOURCE.txt", "labels.json"]
    assert [p for p in problems if not p.skipped] == []


@pytest.mark.parametrize("name, published", [
    ("michelle.obama.101.txt", "2014-03-05"),  # "China National News Wednesday 5th March, 2014"
    ("tohoku.earthquake.tsunami.3.txt", "2011-03-12"),  # "0930 GMT, 12 March 2011"
    ("debt.crisis.greece.81.txt", "2011-06-30"),  # "30 June 2011 – The United Nations …"
    ("malaysia.airlines.flight.227.txt", None),  # "… since it disappeared on 8 March 2014.": what it tells, not when
    ("malaysia.airlines.flight.66.txt", None),
])
def test_plain_text_takes_its_date_from_a_date_line_or_dateline_only(name, published):
    articles, _ = read_paths([SHARED / "data" / "wikiref220" / "articles" / name])
    assert articles[0].published == published


def test_a_markdown_file_keeps_its_date_line_beside_its_headline(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("# Quake hits the coast\n\n0930 GMT, 12 March 2011\n\nA strong earthquake struck the coast on Friday, "
                    "officials said, and a tsunami warning was issued for the whole region.\n", encoding="utf-8")
    (article,), _ = read_paths([path])
    assert article.title == "Quake hits the coast" and not article.body.startswith("#")
    assert article.published == "2011-03-12"
