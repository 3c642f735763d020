"""Saved HTML pages: body and metadata by trafilatura; our cleaner then runs on its lines.

trafilatura runs with `favor_precision`: on the extraction benchmark its precise mode
loses little recall, and the cleaner after it removes what is left of the site's junk
(`storytrace eval extraction` scores both, beside plain trafilatura). It runs first without
its fallback extractors (readability, justext), which cost a third of its time and change
only pages where its own extraction comes out short; such pages get the full pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import trafilatura

from ..model import RawArticle
from .bylines import authors_of
from .dates import iso_date
from .decode import InputError, decode
from .sites import site_labels, without_site


# Below this many characters of body the fallback extractors may find more (trafilatura itself
# turns to justext under 250); on the benchmark half 3 of 91 pages, and the same F1 as the full
# pass on every page at 1.1x plain trafilatura's time instead of 1.4x (`storytrace eval extraction`).
FULL_PASS_BELOW = 500


def trafilatura_document(html: str):
    """trafilatura over a page, as storytrace asks for it: the body (precise, no comments) and
    the page's metadata; None when it finds nothing."""
    def extraction(fast: bool):
        return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True,
                                           fast=fast)
    result = extraction(fast=True)
    if result is None or len(result.text or "") < FULL_PASS_BELOW:
        result = extraction(fast=False)
    return result


def extract_html(html: str, source: str = "") -> RawArticle | None:
    result = trafilatura_document(html)
    doc = result.as_dict() if result is not None else None
    if not doc or not (doc.get("text") or "").strip():
        return None
    site = (doc.get("sitename"), doc.get("url"))
    return RawArticle(source=source, body=doc["text"], title=without_site(doc.get("title"), site_labels(site)) or None,
                      url=doc.get("url"), outlet=doc.get("sitename") or None, published=iso_date(doc.get("date")),
                      authors=authors_of(doc.get("author"), site=site))


MIN_WORDS = 15  # fewer words than a short news brief: what was found is page furniture


def read(path: Path, data: bytes) -> Iterator[RawArticle]:
    article = extract_html(decode(data), path.name)
    if article is None:
        raise InputError("no article text found in page")
    if len(article.body.split()) < MIN_WORDS:
        raise InputError(f"no article text found in page (only {len(article.body.split())} words)")
    article.path = str(path)
    yield article
