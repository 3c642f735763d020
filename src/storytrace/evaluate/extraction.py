"""Article-body extraction scored with the Zyte/Scrapinghub benchmark's shingle metric.

Tokens are `\\w+` runs, lower-cased; shingles are 4-token n-grams counted with
multiplicity; true/false positives are summed over all pages (micro) before
precision, recall and F1. storytrace (trafilatura plus our cleaner, text and
metadata in one pass) and plain trafilatura at each of its settings (default, precise,
recall-seeking, fast) are scored and timed side by side in one run, on the same decoded pages.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from ..clean import clean_article
from ..ingest.decode import decode
from ..ingest.html import extract_html, trafilatura_document


def shingles(text: str, n: int = 4) -> Counter:
    tokens = re.findall(r"\w+", text.lower())
    return Counter(tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1)))


def storytrace_body(html: str) -> str:
    raw = extract_html(html)
    return clean_article(raw).text if raw else ""


def trafilatura_body(html: str, **setting: bool) -> str:
    return trafilatura.extract(html, **setting) or ""


def trafilatura_with_metadata(html: str) -> str:
    result = trafilatura_document(html)
    return (result.text if result is not None else "") or ""


SYSTEMS: dict[str, Callable[[str], str]] = {
    "storytrace": storytrace_body,
    "trafilatura": trafilatura_body,
    "trafilatura favor_precision": lambda html: trafilatura_body(html, favor_precision=True),
    "trafilatura favor_recall": lambda html: trafilatura_body(html, favor_recall=True),
    "trafilatura fast": lambda html: trafilatura_body(html, fast=True),
    # What storytrace asks trafilatura for (precise body and the page's metadata), without our cleaner.
    "trafilatura favor_precision+metadata": lambda html: trafilatura_with_metadata(html),
}


def evaluate(data_dir: Path) -> dict[str, dict[str, float]]:
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {key: decode(gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes())) for key in truth}
    results = {}
    for name, extract in SYSTEMS.items():
        extract(next(iter(pages.values())))  # warm-up: lazy imports and caches are not the system's speed
        started = time.perf_counter()
        bodies = {key: extract(html) for key, html in pages.items()}
        seconds = time.perf_counter() - started
        tp = fp = fn = 0
        for key, body in bodies.items():
            predicted, expected = shingles(body), shingles(truth[key]["articleBody"])
            common = sum((predicted & expected).values())
            tp += common
            fp += sum(predicted.values()) - common
            fn += sum(expected.values()) - common
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        results[name] = {"precision": precision, "recall": recall, "f1": f1, "pages": len(pages), "seconds": seconds}
    for row in results.values():  # time against plain trafilatura's, measured in the same run
        row["time_ratio"] = row["seconds"] / results["trafilatura"]["seconds"]
    return results
