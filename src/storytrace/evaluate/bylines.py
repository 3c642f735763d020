"""Bylines of saved pages scored against hand-read labels (tests/data/bylines_labelled.json).

exact: share of pages whose authors are exactly the labelled ones (a page with no byline
must give none); precision and recall over author names, pooled over pages. storytrace's
authors and trafilatura's own author field (split at its "; ") are scored side by side
on the same pages.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import trafilatura

from ..ingest.decode import decode
from ..ingest.html import extract_html

LABELS = Path(__file__).resolve().parents[3] / "tests" / "data" / "bylines_labelled.json"


def name_key(name: str) -> str:
    """Case, punctuation and a leading "The" aside: "Sarah E Needleman" is "Sarah E. Needleman"."""
    key = " ".join(re.findall(r"[^\W_]+", name.lower()))
    return key.removeprefix("the ")


def storytrace_authors(html: str) -> list[str]:
    article = extract_html(html)
    return article.authors if article else []


def trafilatura_authors(html: str) -> list[str]:
    result = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True, include_comments=False)
    return [a for a in (result.author or "").split("; ") if a] if result is not None else []


SYSTEMS = {"storytrace": storytrace_authors, "trafilatura": trafilatura_authors}


def evaluate(data_dir: Path, labels: Path = LABELS) -> dict[str, dict[str, float]]:
    truth = json.loads(Path(labels).read_text(encoding="utf-8"))["pages"]
    pages = {key: decode(gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes())) for key in truth}
    results = {}
    for system, authors in SYSTEMS.items():
        exact = right = given = expected = 0
        for key, html in pages.items():
            found = {name_key(a) for a in authors(html)}
            labelled = {name_key(a) for a in truth[key]}
            exact += found == labelled
            right += len(found & labelled)
            given += len(found)
            expected += len(labelled)
        results[system] = {"pages": len(pages), "exact": exact / len(pages),
                           "precision": right / given if given else 0.0, "recall": right / expected if expected else 0.0}
    return results
