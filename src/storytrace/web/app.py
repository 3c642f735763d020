"""The web app: pages and a JSON API over one store, a thin layer on `store`, `pipeline`
and `render.view` (the pages and the report show a story the same way).

Each request opens its own connection (SQLite in WAL mode lets readers run beside the
one writer); additions are serialised by `uploads.Adder` and run in FastAPI's threadpool.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from jinja2 import ChoiceLoader, PackageLoader
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..render import environment
from ..render.view import story_view
from ..store import Store, explain
from .browse import marked_paragraphs, story_rows
from .lineage_svg import lineage_svg
from .uploads import (MAX_FILE_BYTES, MAX_ITEMS, MAX_REQUEST_BYTES, Adder, BodyTooLarge, Upload,
                      check_count, check_size, pasted_upload, records_upload)

HERE = Path(__file__).parent
PAGE = 50  # stories a page of the story list shows


class ArticleIn(BaseModel):
    """One article sent as JSON to `POST /api/articles`."""

    title: str | None = None
    text: str = Field(pattern=r"\S", description="the article's text (required)")
    url: str | None = None
    published: str | None = Field(None, description="publication date, ISO 8601 preferred")
    outlet: str | None = None
    authors: list[str] | None = None


RECORDS = TypeAdapter(list[ArticleIn])
POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"type": "array", "maxItems": MAX_ITEMS, "items": ArticleIn.model_json_schema()}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "files": {"type": "array", "items": {"type": "string", "format": "binary"}, "maxItems": MAX_ITEMS}}}},
        },
    },
}


class BodyLimit:
    """ASGI middleware: refuse request bodies past `limit` bytes, declared or streamed.

    `respond(request, status, detail)` makes the refusal (an HTML page for a browser, JSON
    for an API client), as the app's exception handlers do."""

    def __init__(self, app, respond, limit: int = MAX_REQUEST_BYTES):
        self.app, self.respond, self.limit = app, respond, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.limit:
            response = self.respond(Request(scope), 413, request_limit_message(int(declared)))
            return await response(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(request_limit_message(seen))
            return message

        await self.app(scope, counted, send)


def request_limit_message(size: int) -> str:
    return f"request body of {size / 2**20:.1f} MB; the limit is {MAX_REQUEST_BYTES // 2**20} MB a request"


def open_store(request: Request) -> Iterator[Store]:
    """A connection of the request's own (see the module docstring)."""
    with Store(request.app.state.db_path) as store:
        yield store


StoreDep = Annotated[Store, Depends(open_store)]


def templates() -> Jinja2Templates:
    """The report's Jinja environment (its filters, its CSS) with the web templates in front."""
    env = environment()
    env.loader = ChoiceLoader([PackageLoader("storytrace", "web/templates"), env.loader])
    env.globals["limits"] = {"file_mb": MAX_FILE_BYTES // 2**20, "count": MAX_ITEMS,
                             "request_mb": MAX_REQUEST_BYTES // 2**20}
    return Jinja2Templates(env=env)


def validation_message(errors: list) -> str:
    def where(loc) -> str:
        parts = [p for p in loc if p not in ("body", "query", "path")]
        return " ".join(f"record {p + 1}" if isinstance(p, int) else f"'{p}'" for p in parts) or "input"

    return "; ".join(f"{where(e['loc'])}: {e['msg']}" for e in errors)


def create_app(db_path: Path) -> FastAPI:
    """The app over the store at `db_path` (created if missing)."""
    db_path = Path(db_path)
    Store(db_path).close()  # fail now, not on the first request, if the file is unusable
    adder = Adder(db_path)
    pages = templates()
    # FastAPIOffline serves Swagger UI's and ReDoc's scripts from its own package: /docs
    # works with no network (FastAPI's default /docs loads them from a CDN).
    app = FastAPIOffline(title="storytrace", summary="What is actually established about a news story.",
                         version="0.1.0")
    app.state.db_path = db_path

    def error_response(request: Request, status: int, detail: str, headers: dict | None = None) -> Response:
        """A page in the app's style for a person's browser; JSON for API clients (by path and Accept)."""
        if wants_html(request):
            return pages.TemplateResponse(request, "error.html.j2", {"status": status, "detail": detail},
                                          status_code=status)
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)

    app.add_middleware(BodyLimit, respond=error_response)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, exc.detail, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return await http_error(request, HTTPException(422, validation_message(exc.errors())))

    @app.exception_handler(sqlite3.Error)
    async def storage_error(request: Request, exc: sqlite3.Error) -> Response:
        return error_response(request, 503, str(explain(db_path, exc)))

    @app.exception_handler(BodyTooLarge)
    async def body_too_large(request: Request, exc: BodyTooLarge) -> Response:
        return await http_error(request, HTTPException(413, str(exc)))

    # pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, st: StoreDep, q: str | None = None,
                     since: date | None = None, until: date | None = None, page: Annotated[int, Query(ge=1)] = 1):
        rows, matching = story_rows(st, q, since, until, PAGE, (page - 1) * PAGE)
        return pages.TemplateResponse(request, "stories.html.j2", {
            "rows": rows, "q": q or "", "since": since, "until": until, "total": st.story_count(),
            "matching": matching, "page": page, "first": (page - 1) * PAGE + 1, "pages": -(-matching // PAGE)})

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str, st: StoreDep):
        story = st.story(story_id) or not_found("story", story_id)
        view = story_view(story, {a.id: a for a in st.articles(story.articles)})
        return pages.TemplateResponse(request, "story.html.j2", {"v": view, "svg": lineage_svg(view)})

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str, st: StoreDep):
        article = st.article(article_id) or not_found("article", article_id)
        story_id = st.story_of(article_id)
        story = st.story(story_id) if story_id else None
        view = story_view(story, {a.id: a for a in st.articles(story.articles)}) if story else None
        return pages.TemplateResponse(request, "article.html.j2", {
            "a": article, "v": view, "paragraphs": marked_paragraphs(article, story)})

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_page(request: Request):
        return pages.TemplateResponse(request, "upload.html.j2", {})

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload(request: Request, files: Annotated[list[UploadFile], File()] = [],
               text: Annotated[str, Form()] = "", title: Annotated[str, Form()] = ""):
        try:
            chosen = [f for f in files if f.filename]
            check_count(len(chosen) + bool(text.strip()))
            uploads = [read_upload(f) for f in chosen]
            if text.strip():
                uploads.append(pasted_upload(text, title))
            outcome = adder.add(uploads)
        except HTTPException as exc:
            return pages.TemplateResponse(request, "upload.html.j2", {"error": exc.detail, "title": title, "text": text},
                                          status_code=exc.status_code)
        if len(outcome.stories) == 1:
            return RedirectResponse(f"/stories/{outcome.stories[0]}", status_code=303)
        with Store(db_path) as st:
            titles = {s: st.story(s).title for s in outcome.stories}
        return pages.TemplateResponse(request, "upload.html.j2", {"outcome": outcome, "titles": titles})

    # API

    @app.get("/api/stories", tags=["stories"])
    def api_stories(response: Response, st: StoreDep,
                    q: Annotated[str | None, Query(description="words that must all appear")] = None,
                    since: Annotated[date | None, Query(description="an article published on or after")] = None,
                    until: Annotated[date | None, Query(description="an article published on or before")] = None,
                    limit: Annotated[int, Query(ge=1, le=1000, description="stories per page")] = 100,
                    offset: Annotated[int, Query(ge=0, description="stories to skip")] = 0) -> list[dict]:
        """The stories, newest activity first, with their counts; the header X-Total-Count says
        how many match in all."""
        rows, matching = story_rows(st, q, since, until, limit, offset)
        response.headers["X-Total-Count"] = str(matching)
        return [r.to_dict() for r in rows]

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str, st: StoreDep) -> dict:
        """One story as the report writes it (report.schema.json)."""
        return asdict(st.story(story_id) or not_found("story", story_id))

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str, st: StoreDep) -> dict:
        """One clean article, its removed lines, and the story it belongs to."""
        article = st.article(article_id) or not_found("article", article_id)
        return {**asdict(article), "story": st.story_of(article_id)}

    @app.post("/api/articles", tags=["articles"], status_code=201, openapi_extra=POST_BODY,
              responses={400: {"description": "a file no article could be read from"},
                         413: {"description": "too many or too large inputs"},
                         422: {"description": "malformed JSON or records"}})
    async def api_add(request: Request) -> dict:
        """Add articles (JSON records or uploaded files) and analyse them; says where they landed."""
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "multipart/form-data":
            form = await request.form(max_files=10 * MAX_ITEMS)
            files = [v for _, v in form.multi_items() if not isinstance(v, str)]
            check_count(len(files))
            uploads = [await run_in_threadpool(read_upload, f) for f in files]
        elif kind in ("application/json", ""):
            uploads = [records_upload(parse_records(await request.body()))]
        else:
            raise HTTPException(415, f"send application/json records or multipart/form-data files, not {kind}")
        outcome = await run_in_threadpool(adder.add, uploads)
        return outcome.to_dict()

    return app


def wants_html(request: Request) -> bool:
    """A person's browser asks for HTML; the API's paths always answer JSON."""
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def not_found(kind: str, ident: str):
    raise HTTPException(404, f"no {kind} with id {ident!r}")


def read_upload(f: UploadFile) -> Upload:
    check_size(f.filename or "upload", f.size or 0)
    return Upload(f.filename or "upload", f.file.read())


def parse_records(body: bytes) -> list[dict]:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(422, f"malformed JSON: {exc}") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise HTTPException(422, "expected a JSON list of article records")
    check_count(len(data))
    try:
        return [r.model_dump() for r in RECORDS.validate_python(data)]
    except ValidationError as exc:
        raise HTTPException(422, validation_message(exc.errors())) from None
