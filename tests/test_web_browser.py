"""The web app end to end in Debian's headless Chromium (Playwright drives it; no browser download).

The real server on a free local port over an empty store: upload the five seed files
from the browser, follow to their story, read the page, open an article. Screenshots
of the story page (desktop and phone width) go to test-artifacts/.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from storytrace.pipeline import report_from_store
from storytrace.render import write_report
from storytrace.store import Store
from storytrace.web.app import create_app
from storytrace.web.uploads import MAX_REQUEST_BYTES

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser") / "st.db"


@pytest.fixture(scope="module")
def server(db):
    """uvicorn in a thread of this process (the analysis models load once for the session)."""
    app = create_app(db)
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the web server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make browser`, or "
                    "`apt-get install chromium`) to run the browser tests", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_upload_seeds_then_read_story_and_article(server, browser):
    assert len(SEEDS) == 5
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server}/upload")
    page.set_input_files("input[name=files]", [str(p) for p in SEEDS])
    with page.expect_navigation(timeout=600_000):  # the analysis runs before the answer comes
        page.click("button[type=submit]")
    assert re.search(r"/stories/[^/]+$", page.url), page.locator("body").inner_text()[:1000]

    title = page.locator("h1").inner_text()
    assert re.search(r"mineral|ukrain|zelensk", title, re.I), title
    assert page.locator("ol.sources > li").count() == 5
    svg = page.locator("#lineage svg.lineage-graph")
    assert svg.is_visible()
    assert svg.locator("a.node").count() == 5
    groups = svg.locator("rect.line").count()
    assert 1 <= groups <= 5
    assert f"{groups} independent" in page.locator("p.meta").first.inner_text()
    speakers = page.locator("#quotes .speaker h3").all_inner_texts()
    assert any(re.search(r"zelensk", s, re.I) for s in speakers), speakers
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "story-mobile.png"), full_page=True)
    # nothing spills past a phone's width but the lineage picture, which scrolls in its own box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    junky = page.locator("ol.sources > li", has_text="junk lines removed").first
    junky.locator("a").first.click()
    page.wait_for_url(re.compile(r"/articles/[^/]+$"))
    removed = page.locator("#removed table.removed-lines tr")
    assert removed.count() >= 2  # a header row and at least one removed line
    assert page.locator("#removed .reason").first.inner_text().strip()


def test_report_html_fits_a_phone(db, browser, tmp_path):
    """The self-contained report.html of the uploaded story, read at 390 px: nothing spills."""
    with Store(db) as st:
        report = report_from_store(st)
    assert report.stories, "the upload test fills the store first"
    html = write_report(report, tmp_path)["html"]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(html.as_uri())
    assert page.locator("table").count() >= 1  # the entities table, among others
    page.screenshot(path=str(ARTIFACTS / "report-mobile.png"), full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for table in page.locator("table").all():
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "a table is clipped at phone width"


def test_api_docs_render_offline(server, browser):
    """/docs draws the API's endpoints from scripts the app serves itself (no CDN)."""
    page = browser.new_page()
    elsewhere = []
    page.on("request", lambda r: None if r.url.startswith((server, "data:")) else elsewhere.append(r.url))
    page.goto(f"{server}/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles"} <= {p.replace("\u200b", "") for p in paths}
    assert elsewhere == []


def test_errors_are_pages_in_a_browser(server, browser):
    page = browser.new_page()
    response = page.goto(f"{server}/stories/no-such-story")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Not found"
    assert "no story with id" in page.locator("p.error").inner_text()
    assert page.locator("header.site a.brand").is_visible()  # the app's own page, not raw JSON

    response = page.goto(f"{server}/?since=not-a-date")
    assert response.status == 422 and page.locator("p.error").is_visible()

    huge = [{"name": "huge.txt", "mimeType": "text/plain", "buffer": b"word " * (MAX_REQUEST_BYTES // 5 + 1)}]
    page.goto(f"{server}/upload")
    page.set_input_files("input[name=files]", huge)
    page.click("button[type=submit]")  # the page's script refuses it before sending
    assert "the limit is 5.0 MB a file" in page.locator(".client-error").inner_text()
    # without the script, the server's refusal is a page too
    bare = browser.new_page(java_script_enabled=False)
    bare.goto(f"{server}/upload")
    bare.set_input_files("input[name=files]", huge)
    with bare.expect_navigation():
        bare.click("button[type=submit]")
    assert "limit is 20 MB a request" in bare.locator("p.error").inner_text()
    assert bare.locator("header.site a.brand").is_visible()
    # the API keeps JSON
    response = page.goto(f"{server}/api/stories/no-such-story")
    assert response.status == 404 and response.json() == {"detail": "no story with id 'no-such-story'"}
