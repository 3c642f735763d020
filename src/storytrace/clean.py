"""Clean text (minimal version; the cleaner's owner replaces it with the junk-line rules)."""

from __future__ import annotations

from .model import Article, RawArticle


def clean_article(raw: RawArticle) -> Article:
    lines = [l.strip() for l in raw.body.split("\n") if l.strip()]
    title = raw.title
    if raw.title_from_first_line and lines and len(lines[0]) < 150 and not lines[0].endswith("."):
        title, lines = lines[0], lines[1:]
    return Article(id=raw.content_id(), source=raw.source, title=title, text="\n\n".join(lines),
                   outlet=raw.outlet, url=raw.url, published=raw.published)


def clean_articles(raws: list[RawArticle]) -> list[Article]:
    return [clean_article(r) for r in raws]
