"""Ingest: files, folders and globs in, `RawArticle` records and one-line problems out.

Each input kind has its own module (text, html, records, feeds); `read_paths` picks one
by the file's name and, where the name says nothing, by sniffing its first bytes. A bad
file becomes an `InputProblem` and never stops the others.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import InputProblem, RawArticle
from . import feeds, html, records, text
from .decode import InputError, read_bytes

KINDS = {
    ".txt": "text", ".md": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "records", ".jsonl": "records", ".ndjson": "records",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
READERS = {"text": text.read, "html": html.read, "records": records.read, "feed": feeds.read}


def kind_of(path: Path, head: bytes) -> str | None:
    """The reader for a file: by its extension (ignoring .gz), else by its first bytes."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    kind = KINDS.get(Path(name).suffix)
    if kind:
        return kind
    sniff = head.lstrip()[:512].lower()
    if sniff.startswith((b"<?xml", b"<rss", b"<feed")) or b"<rss" in sniff or b"<feed" in sniff:
        return "feed"
    if sniff.startswith((b"<!doctype html", b"<html")):
        return "html"
    if sniff.startswith((b"{", b"[")):
        return "records"
    return None


# A folder's own documentation and a dataset's labels are not articles (the seed folder has
# a README.md, wikiref220 a SOURCE.txt and labels.json): skipped with one line saying so.
DOCUMENTATION = ("readme", "license", "licence", "changelog", "contributing", "copying", "source.",
                 "labels.", "ground-truth.", "ground_truth.", "metadata.", "citation.")


def is_sidecar(path: Path) -> bool:
    """`NAME.txt.json` beside `NAME.txt`: the text file's metadata, read with it."""
    return path.name.endswith(".json") and path.with_name(path.name[: -len(".json")]).is_file()


def is_documentation(path: Path) -> bool:
    return path.name.lower().startswith(DOCUMENTATION)


def expand(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[InputProblem]]:
    """Files named by paths, folders (recursively, hidden entries skipped) and globs, in a stable order."""
    files: list[Path] = []
    problems: list[InputProblem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            readable = [f for f in found if (kind_of(f, b"") or f.suffix == "") and not is_sidecar(f)]
            chosen = [f for f in readable if not is_documentation(f)]
            problems += [InputProblem(f.name, "not an article (a dataset's documentation or labels)", skipped=True)
                         for f in readable if is_documentation(f)]
            if not chosen:
                problems.append(InputProblem(str(p), "folder holds no readable articles"))
            files.extend(chosen)
        elif p.is_file():
            files.append(p)
        elif any(ch in str(raw) for ch in "*?["):
            matched = sorted(Path(m) for m in glob.glob(str(raw), recursive=True) if Path(m).is_file())
            if not matched:
                problems.append(InputProblem(str(raw), "no file matches this pattern"))
            files.extend(matched)
        else:
            problems.append(InputProblem(str(raw), "no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def read_file(path: Path) -> Iterator[RawArticle | InputProblem]:
    """Every article in one file, or problems naming the file; never raises for bad input."""
    try:
        data = read_bytes(path)
        kind = kind_of(path, data[:1024])
        if kind is None:
            yield InputProblem(path.name, "unknown file type (expected .txt, .md, .html, .json, .jsonl, .rss, .xml)")
            return
        yield from READERS[kind](path, data)
    except InputError as exc:
        yield InputProblem(path.name, str(exc))
    except (OSError, ValueError, UnicodeError) as exc:
        yield InputProblem(path.name, f"could not be read ({exc.__class__.__name__}: {exc})")


def read_paths(paths: Iterable[str | os.PathLike]) -> tuple[list[RawArticle], list[InputProblem]]:
    """All articles under `paths`, and a problem line for each input that gave none."""
    files, problems = expand(paths)
    articles: list[RawArticle] = []
    for f in files:
        for item in read_file(f):
            (problems if isinstance(item, InputProblem) else articles).append(item)
    return articles, problems
