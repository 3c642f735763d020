"""The web app through FastAPI's TestClient: pages and API over a store, limits and errors.

Reading tests run on a store filled directly with the seed articles and a story record
built from their own sentences (no models needed); adding articles runs the real pipeline.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from storytrace.model import Article, Fact, LineageEdge, Quote, Removed, Story, Support
from storytrace.store import Store
from storytrace.web.app import create_app
from storytrace.web.uploads import MAX_FILE_BYTES, MAX_ITEMS, MAX_REQUEST_BYTES

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SCHEMA = json.loads((SHARED / "design" / "report.schema.json").read_text())
STORY_SCHEMA = SCHEMA["properties"]["stories"]["items"]


def seed_article(path: Path) -> Article:
    """A seed file as an article: its first line as title, its last line set apart as removed."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    title, body, last = lines[0], lines[1:-1], lines[-1]
    ident = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    return Article(id=ident, source=path.name, title=title, text="\n\n".join(body),
                   removed=[Removed(last, "last line (test fixture)")], published=f"2025-02-{12 + len(body) % 5:02d}")


def quoted_sentence(a: Article) -> tuple[str, str] | None:
    """The first paragraph holding a “quoted” passage, and the passage."""
    for para in a.paragraphs():
        m = re.search(r"“([^”]{12,})”", para)
        if m:
            return para, m.group(1)
    return None


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return [seed_article(p) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def story(seeds) -> Story:
    ids = [a.id for a in seeds]
    quotes = [Quote(q, "Volodymyr Zelensky", a.id, sentence=para)
              for a in seeds if (found := quoted_sentence(a)) for para, q in [found]]
    first = [a.paragraphs()[0] for a in seeds]
    return Story(
        id="seedstory", title="US minerals deal with Ukraine", articles=ids,
        independent_groups=[ids[:2], ids[2:3], ids[3:4], ids[4:]],
        lineage=[LineageEdge(ids[1], ids[0], 0.62, "paraphrase")],
        quotes=quotes,
        facts=[Fact("f1", first[0], [Support(ids[0], first[0]), Support(ids[2], first[2])], 2, "corroborated"),
               Fact("f2", first[3], [Support(ids[3], first[3])], 1, "single-source")],
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory, seeds, story):
    db = tmp_path_factory.mktemp("web") / "st.db"
    with Store(db) as st:
        st.add_articles(seeds)
        st.save_stories([story, Story(id="other", title="Unrelated story", articles=[])])
    with TestClient(create_app(db)) as c:
        yield c


def test_story_list_counts_and_search(client, story):
    rows = client.get("/api/stories").json()
    assert {r["id"] for r in rows} == {"seedstory", "other"}
    row = next(r for r in rows if r["id"] == "seedstory")
    assert (row["articles"], row["independent_sources"], row["single_source"], row["corroborated"]) == (5, 4, 1, 1)
    assert [r["id"] for r in client.get("/api/stories", params={"q": "bessent"}).json()] == ["seedstory"]
    # every word must match, as a word
    assert client.get("/api/stories", params={"q": "bessent zzzqx"}).json() == []
    assert client.get("/api/stories", params={"q": "bess"}).json() == []
    # paged: the header says how many match in all
    page = client.get("/api/stories", params={"limit": 1, "offset": 1})
    assert len(page.json()) == 1 and page.headers["x-total-count"] == "2"
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_date_filter_uses_article_published_dates(client, seeds):
    days = sorted(a.published for a in seeds)
    assert [r["id"] for r in client.get("/api/stories", params={"since": days[-1]}).json()] == ["seedstory"]
    assert client.get("/api/stories", params={"since": "2025-03-01"}).json() == []
    assert client.get("/api/stories", params={"until": "2025-02-01"}).json() == []
    bad = client.get("/api/stories", params={"since": "last week"})
    assert bad.status_code == 422 and "since" in bad.json()["detail"]


def test_story_json_follows_the_report_schema(client, story):
    data = client.get("/api/stories/seedstory").json()
    jsonschema.validate(data, STORY_SCHEMA)
    assert data == asdict(story)


def test_article_json_has_its_removed_lines_and_story(client, seeds):
    a = seeds[2]
    data = client.get(f"/api/articles/{a.id}").json()
    assert data["text"] == a.text and data["story"] == "seedstory"
    assert data["removed"] == [asdict(r) for r in a.removed]


def test_unknown_ids_are_404_in_json_and_html(client):
    r = client.get("/api/stories/nope")
    assert r.status_code == 404 and r.json() == {"detail": "no story with id 'nope'"}
    assert client.get("/api/articles/nope").status_code == 404
    page = client.get("/stories/nope", headers={"accept": "text/html"})
    assert page.status_code == 404 and "no story with id" in page.text and "<html" in page.text


def test_story_page_shows_brief_lineage_facts_quotes_sources(client, seeds, story):
    html = client.get("/stories/seedstory").text
    assert story.title in html
    assert html.count('class="source"') == 5
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert svg.count('class="node"') == 5 and svg.count('class="edge"') == 1
    assert "62% paraphrase" in svg and "independent source 4" in svg
    assert "Corroborated by independent sources (1)" in html and "Single source: check these first (1)" in html
    assert "Volodymyr Zelensky" in html and story.quotes[0].text in html


def test_article_page_marks_quotes_and_facts_and_lists_junk_apart(client, seeds, story):
    a = next(s for s in seeds if s.id == story.quotes[0].article)
    html = client.get(f"/articles/{a.id}").text
    text_part, removed_part = html.split('id="removed"')
    assert f'<mark class="quote"' in text_part or '<mark class="fact quote"' in text_part
    assert a.removed[0].line in removed_part and a.removed[0].reason in removed_part
    assert a.removed[0].line not in text_part
    first = client.get(f"/articles/{seeds[0].id}").text
    assert '<mark class="fact"' in first.split('id="removed"')[0]


def test_stories_page_search_form(client):
    html = client.get("/", params={"q": "Bessent"}).text
    assert "US minerals deal with Ukraine" in html and "Unrelated story" not in html
    assert "1 of 2 stories" in html
    # badges only for the statuses a story has: no red "0 contested" on every row
    assert "1 corroborated" in html and "1 single-source" in html and 'class="badge contested"' not in html
    assert "No story matches" in client.get("/", params={"q": "zzzqx"}).text


def test_openapi_lists_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/articles"} <= set(spec["paths"])
    body = spec["paths"]["/api/articles"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)


def test_malformed_and_invalid_records_are_422(client):
    r = client.post("/api/articles", content=b'[{"title": "x", "text": ', headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"].startswith("malformed JSON")
    r = client.post("/api/articles", json=[{"title": "no text here"}])
    assert r.status_code == 422 and "record 1" in r.json()["detail"] and "text" in r.json()["detail"]
    r = client.post("/api/articles", json={"records": "nope"})
    assert r.status_code == 422
    assert client.post("/api/articles", json=[]).status_code == 422


def test_limits_are_413_with_a_message(client):
    r = client.post("/api/articles", json=[{"text": "a"}] * (MAX_ITEMS + 1))
    assert r.status_code == 413 and str(MAX_ITEMS) in r.json()["detail"]
    big = b"x" * (MAX_FILE_BYTES + 1)
    r = client.post("/api/articles", files=[("files", ("big.txt", big, "text/plain"))])
    assert r.status_code == 413 and "big.txt" in r.json()["detail"]
    huge = b"x" * (MAX_REQUEST_BYTES + 1)
    r = client.post("/api/articles", content=huge, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "limit" in r.json()["detail"]


def test_streamed_body_past_the_limit_is_413(client):
    def chunks():
        for _ in range(MAX_REQUEST_BYTES // 2**20 + 2):
            yield b" " * 2**20

    r = client.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_a_file_without_articles_is_400_naming_it(client):
    r = client.post("/api/articles", files=[("files", ("empty.txt", b"   \n", "text/plain")),
                                            ("files", ("notes.bin", b"\x00\x01\x02", "application/octet-stream"))])
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert "empty.txt" in detail and "notes.bin" in detail


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """An app over an empty store, for adding articles through the real pipeline."""
    with TestClient(create_app(tmp_path_factory.mktemp("web") / "fresh.db")) as c:
        yield c


@pytest.mark.slow
def test_post_records_analyses_them_into_a_story(fresh, seeds):
    records = [{"title": a.title, "text": a.text, "published": a.published, "outlet": f"outlet {i}"}
               for i, a in enumerate(seeds[:3])]
    r = fresh.post("/api/articles", json=records)
    assert r.status_code == 201, r.text
    added = r.json()
    assert len(added["new"]) == 3 and added["known"] == [] and added["stories"]
    for ident in added["new"]:
        article = fresh.get(f"/api/articles/{ident}").json()
        assert article["story"] in added["stories"] and article["outlet"].startswith("outlet ")
    for sid in added["stories"]:
        jsonschema.validate(fresh.get(f"/api/stories/{sid}").json(), STORY_SCHEMA)
    again = fresh.post("/api/articles", json=records[:1]).json()
    assert again["new"] == [] and again["known"] == added["new"][:1]


@pytest.mark.slow
def test_upload_form_with_pasted_text_redirects_to_its_story(fresh, seeds):
    a = seeds[3]
    r = fresh.post("/upload", data={"title": a.title, "text": a.text}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = fresh.get(r.headers["location"])
    assert page.status_code == 200 and a.title in page.text
