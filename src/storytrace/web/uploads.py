"""Adding articles from the web: input limits, uploads to a temp folder, then `pipeline.add`.

Uploads go through the same readers as files on disk (records as a JSON file, pasted
text as a .txt file), so the web and the command line read input one way. A request is
all or nothing: when any uploaded file yields no article, nothing is added and the
answer names the file and the problem.
"""

from __future__ import annotations

import json
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException

from .. import ingest, pipeline
from ..store import Store

MAX_FILE_BYTES = 5 * 2**20
MAX_ITEMS = 50
MAX_REQUEST_BYTES = 20 * 2**20


@dataclass
class Upload:
    """One thing to add: a file's name and its bytes."""

    name: str
    data: bytes


@dataclass
class Outcome:
    new: list[str]
    known: list[str]
    stories: list[str]  # the stories holding the uploaded articles, in upload order

    def to_dict(self) -> dict:
        return {"new": self.new, "known": self.known, "stories": self.stories}


class BodyTooLarge(Exception):
    """A request body past MAX_REQUEST_BYTES (raised while it streams in)."""


def too_large(what: str) -> HTTPException:
    return HTTPException(413, what)


def check_count(n: int) -> None:
    if n == 0:
        raise HTTPException(422, "nothing to add: send at least one file or record")
    if n > MAX_ITEMS:
        raise too_large(f"{n} files or records in one request; the limit is {MAX_ITEMS}")


def check_size(name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise too_large(f"{name}: {size / 2**20:.1f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB a file")


def safe_name(name: str | None, i: int) -> str:
    """The uploaded file's own name (no folders, no odd characters), so problems can name it."""
    base = re.sub(r"[^\w.\- ]+", "_", Path(name or "").name).strip(" .")
    return base or f"upload-{i}.txt"


def records_upload(records: list[dict]) -> Upload:
    check_count(len(records))
    data = json.dumps(records, ensure_ascii=False).encode("utf-8")
    check_size("records", len(data))
    return Upload("records.json", data)


def pasted_upload(text: str, title: str | None) -> Upload:
    """Pasted text: with a title, one JSON record; without, a .txt file (the cleaner finds the headline)."""
    if title and title.strip():
        return Upload("pasted.json", json.dumps([{"title": title.strip(), "text": text}]).encode("utf-8"))
    return Upload("pasted.txt", text.encode("utf-8"))


class Adder:
    """Runs `pipeline.add` for uploads, one at a time (analysis is slow and the store has one writer)."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.lock = threading.Lock()

    def add(self, uploads: list[Upload]) -> Outcome:
        check_count(len(uploads))
        with tempfile.TemporaryDirectory(prefix="storytrace-upload-") as tmp:
            paths = []
            for i, up in enumerate(uploads):
                check_size(up.name, len(up.data))
                path = Path(tmp) / str(i) / safe_name(up.name, i)
                path.parent.mkdir()
                path.write_bytes(up.data)
                paths.append(path)
            # Read first (cheap, no models) so a bad file rejects the request before anything is stored.
            _, problems = ingest.read_paths(paths)
            if problems:
                raise HTTPException(400, "; ".join(str(p) for p in problems))
            with self.lock, Store(self.db_path) as store:
                added = pipeline.add(store, paths)
                ids = [a.id for a in added.new + added.known]
                stories = list(dict.fromkeys(s for s in map(store.story_of, ids) if s))
        return Outcome([a.id for a in added.new], [a.id for a in added.known], stories)
