"""Bylines and headlines of saved pages scored against hand-read labels
(evaluate/labels/metadata_labelled.json).

author_exact: share of pages whose authors are exactly the labelled ones (a page with no
byline must give none); author_precision and author_recall over author names, pooled over
pages; title_exact: share of pages whose title is the labelled headline. storytrace's
fields and trafilatura's own (its author field split at "; ", its title) are scored side
by side on the same pages.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from ..ingest.decode import decode
from ..ingest.html import extract_html, trafilatura_document

LABELS = Path(__file__).resolve().parent / "labels" / "metadata_labelled.json"


def name_key(name: str) -> str:
    """Case, punctuation and a leading "The" aside: "Sarah E Needleman" is "Sarah E. Needleman";
    the kind of quotation mark does not count either (only words do)."""
    key = " ".join(re.findall(r"[^\W_]+", name.lower()))
    return key.removeprefix("the ")


def storytrace_metadata(html: str) -> tuple[list[str], str | None]:
    article = extract_html(html)
    return (article.authors, article.title) if article else ([], None)


def trafilatura_metadata(html: str) -> tuple[list[str], str | None]:
    result = trafilatura_document(html)
    if result is None:
        return [], None
    return [a for a in (result.author or "").split("; ") if a], result.title


SYSTEMS = {"storytrace": storytrace_metadata, "trafilatura": trafilatura_metadata}


def evaluate(data_dir: Path, labels: Path = LABELS) -> dict[str, dict[str, float]]:
    truth = json.loads(Path(labels).read_text(encoding="utf-8"))["pages"]
    pages = {key: decode(gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes())) for key in truth}
    results = {}
    for system, read in SYSTEMS.items():
        exact = right = given = expected = titles = 0
        for key, html in pages.items():
            authors, title = read(html)
            found = {name_key(a) for a in authors}
            labelled = {name_key(a) for a in truth[key]["authors"]}
            exact += found == labelled
            right += len(found & labelled)
            given += len(found)
            expected += len(labelled)
            titles += name_key(title or "") == name_key(truth[key]["title"])
        results[system] = {"pages": len(pages), "author_exact": exact / len(pages),
                           "author_precision": right / given if given else 0.0,
                           "author_recall": right / expected if expected else 0.0,
                           "title_exact": titles / len(pages)}
    return results
