"""What the pages show, gathered from the store: story rows (searched, filtered) and marked text.

Presentation only: it reads stored records and `render.view`, and decides nothing about
the news itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Article, Story
from ..render.view import StoryView, story_view
from ..store import Store


@dataclass
class StoryRow:
    view: StoryView
    updated: str
    first_published: str | None
    last_published: str | None

    def to_dict(self) -> dict:
        s, c = self.view.story, self.view.counts
        return {
            "id": s.id, "title": s.title, "articles": len(s.articles),
            "independent_sources": c["independent_sources"], "contested": c["contested"],
            "single_source": c["single-source"], "corroborated": c["corroborated"],
            "quotes": len(s.quotes), "updated_at": self.updated,
            "first_published": self.first_published, "last_published": self.last_published,
        }


def published_day(a: Article) -> str | None:
    return a.published[:10] if a.published else None


def matches(words: list[str], story: Story, members: list[Article]) -> bool:
    """Every word of the search appears (as a word) in the story title or one of its articles."""
    haystack = "\n".join([story.title] + [f"{a.title or ''}\n{a.text}" for a in members])
    return all(re.search(rf"\b{re.escape(w)}\b", haystack, re.IGNORECASE) for w in words)


def in_range(members: list[Article], since: date | None, until: date | None) -> bool:
    """Some article of the story was published within [since, until] (inclusive)."""
    if since is None and until is None:
        return True
    lo, hi = (since.isoformat() if since else ""), (until.isoformat() if until else "9999")
    return any(d is not None and lo <= d <= hi for d in map(published_day, members))


def story_rows(store: Store, q: str | None = None, since: date | None = None,
               until: date | None = None) -> list[StoryRow]:
    """The store's stories, newest activity first, keeping those that match the search and dates."""
    by_id = {a.id: a for a in store.articles()}
    updated = store.story_updated()
    words = (q or "").split()
    rows = []
    for story in store.stories():
        members = [by_id[a] for a in story.articles if a in by_id]
        if not (matches(words, story, members) and in_range(members, since, until)):
            continue
        days = sorted(d for d in map(published_day, members) if d)
        rows.append(StoryRow(story_view(story, by_id), updated.get(story.id, ""),
                             days[0] if days else None, days[-1] if days else None))
    return rows


@dataclass
class Span:
    text: str
    kinds: tuple[str, ...] = ()  # "quote", "fact"
    note: str = ""


def marks(article: Article, story: Story | None) -> list[tuple[str, str, str]]:
    """(sentence, kind, note) for each quote and fact-support sentence the story found in the article."""
    if story is None:
        return []
    found = []
    for q in story.quotes:
        if q.article == article.id:
            found.append((q.sentence or q.text, "quote", f"quote: {q.speaker or 'unattributed'}"))
        elif article.id in q.also_in:
            found.append((q.text, "quote", f"quote: {q.speaker or 'unattributed'}"))
    for f in story.facts:
        for sup in f.support:
            if sup.article == article.id:
                found.append((sup.sentence, "fact", f"{f.status} fact: {f.statement}"))
    return [m for m in found if m[0].strip()]


def marked_paragraphs(article: Article, story: Story | None) -> list[list[Span]]:
    """The article's paragraphs cut into spans, each span marked with the kinds that cover it."""
    found = marks(article, story)
    result = []
    for para in article.paragraphs():
        cover: list[set[int]] = [set() for _ in para]
        for i, (sentence, _, _) in enumerate(found):
            start = para.find(sentence.strip())
            while start != -1:
                for k in range(start, start + len(sentence.strip())):
                    cover[k].add(i)
                start = para.find(sentence.strip(), start + 1)
        spans: list[Span] = []
        for ch, who in zip(para, cover):
            kinds = tuple(sorted({found[i][1] for i in who}))
            if spans and spans[-1].kinds == kinds:
                spans[-1].text += ch
            else:
                note = "; ".join(dict.fromkeys(found[i][2] for i in sorted(who)))
                spans.append(Span(ch, kinds, note))
        result.append(spans)
    return result
