"""Stories: articles that report the same real-world event, kept apart from the rest.

Two articles are compared by two views that fail differently: the meaning of their
headline and lead (one MiniLM vector per article, `nlp.embed`) and the names and rare
words of their whole text (TF-IDF, scikit-learn). Articles published more than a month
apart are not one event, and two whose leads give different amounts of money, or
different years, lean apart: two TV-rights deals of one league, years apart, read alike
but are two events. Lineage edges are must-links: a copy is in its original's story.

Grouping is average-linkage agglomerative clustering (scikit-learn) with a distance
cut-off, so the number of stories comes from the data. It is incremental: articles of
`previous` stories stay where they are; a new article joins the most similar existing
story when it is similar enough, and only the rest are clustered among themselves.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from . import credits, lineage, nlp
from .extract.numbers import money_in
from .model import Article, LineageEdge, Story

EMBEDDING_WEIGHT = 0.7  # the rest is TF-IDF
# Mean similarity at which two groups are one story. Chosen on the event labels of the tuning
# topics (evaluate/labels/events_labelled.json): 0.35, chosen on wikiref's topics, put 42% of pairs
# of different events of one topic in one story; 0.40 puts 15% (with the penalty below), and
# keeps 84% of pairs of one event together (86% at 0.35). Higher, one event's reports split.
SAME_EVENT = 0.40
MAX_DAYS_APART = 30
LEAD_WORDS = 80
# Leads that name amounts of money none of which is within 15% of the other's ("£3bn", "£5.1bn"),
# or years and no year in common, are of two events: their similarity is scaled by this.
# Tuning topics: 20% of the pairs of different events have such a conflict, 3 of 56 pairs of one event.
CONFLICT_FACTOR = 0.6
SAME_AMOUNT = np.log(1 / 0.85)
LEAD_AMOUNTS = 4
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def lead(article: Article) -> str:
    """Headline and first words: what the article is about, before the details."""
    words = article.text.split()[:LEAD_WORDS]
    return f"{article.title or ''}. {' '.join(words)}".strip(". ")


def conflicting(articles: Sequence[Article]) -> np.ndarray:
    """Pairs whose leads give amounts of money, or years, and none in common (bool matrix)."""
    leads = [lead(a) for a in articles]
    n = len(articles)
    years = np.zeros((n, 200), dtype=np.float32)  # 1900–2099
    # its first few amounts: a lead listing more is a tally, and the comparison stays cheap
    amounts = [list(dict.fromkeys(q.value for q in money_in(text, "") if q.value > 0))[:LEAD_AMOUNTS] for text in leads]
    for i, text in enumerate(leads):
        years[i, [int(y) - 1900 for y in YEAR.findall(text)]] = 1.0
    dated = years.any(axis=1)
    out = np.outer(dated, dated) & ((years @ years.T) == 0)
    width = max((len(a) for a in amounts), default=0)
    if width:
        logs = np.full((n, width), np.nan)
        for i, values in enumerate(amounts):
            logs[i, :len(values)] = np.log(values)
        nearest = np.full((n, n), np.inf)
        for x in range(width):
            for y in range(width):
                gap = np.abs(logs[:, x, None] - logs[None, :, y])
                nearest = np.fmin(nearest, np.where(np.isnan(gap), np.inf, gap))
        priced = ~np.isnan(logs[:, 0])
        out |= np.outer(priced, priced) & (nearest > SAME_AMOUNT)
    np.fill_diagonal(out, False)
    return out


def _day(article: Article) -> date | None:
    try:
        return date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return None


def lead_vectors(articles: Sequence[Article], known: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """One vector per article for its headline and lead, kept by article id in `known` (the
    store keeps them): those there are not computed again, and new ones are added to it."""
    return nlp.embed_known([lead(a) for a in articles], {} if known is None else known, keys=[a.id for a in articles])


# A new article can join only a story holding an article whose headline and lead are near
# its own: a story's mean similarity reaches SAME_EVENT only through members at least this
# near (the lead vector is 70% of the similarity, and TF-IDF cosines of related articles stay
# well below 1). Each new article looks at its NEIGHBOURS nearest stored articles.
NEIGHBOUR_FLOOR = 0.25
NEIGHBOURS = 50


def neighbours(fresh: np.ndarray, stored_ids: Sequence[str], stored: np.ndarray, block: int = 256) -> set[str]:
    """Stored articles near any of the `fresh` lead vectors: the candidates whose stories
    new articles may join, found from vectors alone (no article text is read). Compared a
    block of new articles at a time, so memory stays bounded by the block, not the store."""
    found: set[str] = set()
    if not len(stored_ids) or not len(fresh):
        return found
    matrix = stored.astype(np.float32)
    k = min(NEIGHBOURS, len(stored_ids))
    for start in range(0, len(fresh), block):
        sims = fresh[start:start + block].astype(np.float32) @ matrix.T
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for row, columns in zip(sims, top):
            found.update(stored_ids[c] for c in columns if row[c] >= NEIGHBOUR_FLOOR)
    return found


def similarity(articles: Sequence[Article], known: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """Pairwise similarity in [0, 1]: embedding and TF-IDF cosines mixed, 0 when far apart in time."""
    n = len(articles)
    if n == 0:
        return np.zeros((0, 0))
    vectors = lead_vectors(articles, known)
    semantic = np.clip(vectors @ vectors.T, 0.0, 1.0)
    try:
        tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
            [f"{a.title or ''}\n{a.text}" for a in articles]
        )
        lexical = (tfidf @ tfidf.T).toarray()
    except ValueError:  # no article has a word outside the stop list ("...", emoji only)
        lexical = np.zeros((n, n))
    sim = EMBEDDING_WEIGHT * semantic + (1 - EMBEDDING_WEIGHT) * lexical
    sim[conflicting(articles)] *= CONFLICT_FACTOR
    days = np.array([d.toordinal() if (d := _day(a)) else np.nan for a in articles])
    sim[np.abs(days[:, None] - days[None, :]) > MAX_DAYS_APART] = 0.0  # NaN (no date) compares False
    np.fill_diagonal(sim, 1.0)
    return sim


def _mean(sim: np.ndarray, a: Sequence[int], b: Sequence[int]) -> float:
    return float(sim[np.ix_(a, b)].mean())


def _cluster(units: list[list[int]], sim: np.ndarray, days: Sequence[int | None]) -> list[list[int]]:
    """Average-linkage clustering of units (groups already known to belong together), each
    cluster then split where its dated articles lie months apart (`_apart_in_time`)."""
    if len(units) < 2:
        return [sum(units, [])] if units else []
    membership = np.zeros((len(units), sim.shape[0]))
    for u, members in enumerate(units):
        membership[u, members] = 1.0 / len(members)
    distance = np.clip(1.0 - membership @ sim @ membership.T, 0.0, None)  # 1 - mean similarity
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - SAME_EVENT
    ).fit_predict(distance)
    merged: dict[int, list[list[int]]] = {}
    for unit, label in zip(units, labels):
        merged.setdefault(int(label), []).append(unit)
    return [group for cluster in merged.values() for group in _apart_in_time(cluster, sim, days)]


def _apart_in_time(units: list[list[int]], sim: np.ndarray, days: Sequence[int | None]) -> list[list[int]]:
    """One cluster's units, split where its dated units lie more than MAX_DAYS_APART apart.

    An undated article is compatible in time with anything, so it can join two reports of
    one kind of event years apart into one cluster; it must not: the dated units are cut at
    every gap longer than MAX_DAYS_APART, and each undated unit joins the part it is most
    similar to."""
    dated = sorted((min(d), i) for i, u in enumerate(units) if (d := [days[k] for k in u if days[k] is not None]))
    if not dated or dated[-1][0] - dated[0][0] <= MAX_DAYS_APART:
        return [sum(units, [])]
    parts: list[list[int]] = [[]]
    last = dated[0][0]
    for day, i in dated:
        if day - last > MAX_DAYS_APART:
            parts.append([])
        parts[-1] += units[i]
        last = day
    placed = {i for _, i in dated}
    for i, unit in enumerate(units):
        if i not in placed:
            parts[int(np.argmax([_mean(sim, unit, part) for part in parts]))] += unit
    return parts


def story_id(article_ids: Sequence[str]) -> str:
    """Stable id: a hash of the story's first article id (sorted), the same on every run."""
    return "s" + hashlib.sha1(min(article_ids).encode("utf-8")).hexdigest()[:12]


def _title(members: list[int], articles: Sequence[Article], sim: np.ndarray) -> str:
    """The headline of the most central article, else its first sentence, trimmed."""
    central = max(members, key=lambda i: (float(sim[i, members].mean()), bool(articles[i].title)))
    article = articles[central]
    if article.title:
        return tidy_title(article.title)
    sentences = nlp.split_sentences(article.text)
    first = sentences[0] if sentences else article.text.strip()
    return tidy_title(first) if len(first) <= 120 else tidy_title(first[:117].rsplit(" ", 1)[0]) + "…"


def tidy_title(title: str) -> str:
    """A title without a quotation mark left over at either end: a headline or a sentence
    cut next to a straight quote ('… said "') would otherwise end in a stray mark."""
    title = title.strip()
    if title.count('"') % 2 and title.endswith('"'):
        title = title[:-1].rstrip()
    elif title.count('"') % 2 and title.startswith('"'):
        title = title[1:].lstrip()
    if title.count("“") > title.count("”") and title.endswith("“"):
        title = title[:-1].rstrip()
    if title.count("”") > title.count("“") and title.startswith("”"):
        title = title[1:].lstrip()
    return title


def group_stories(
    articles: list[Article], edges: list[LineageEdge], previous: Sequence[Story] = (),
    known_vectors: dict[str, np.ndarray] | None = None,
) -> list[Story]:
    """Stories over all `articles`; those of `previous` stories stay in them. `known_vectors`:
    lead vectors already computed (`lead_vectors`), filled in with the new ones."""
    index = {a.id: i for i, a in enumerate(articles)}
    reporting = {a.id: outlet for a in articles if (outlet := credits.reporting_outlet(a))}
    sim = similarity(articles, known_vectors)
    # must-links: articles joined by lineage are one unit
    linked = lineage.independent_groups([a.id for a in articles], edges)
    units = [[index[a] for a in group] for group in linked]

    kept: list[tuple[str, list[int]]] = []  # (previous id, members)
    placed: dict[int, int] = {}  # article index -> position in kept
    for story in previous:
        members = [index[a] for a in story.articles if a in index and index[a] not in placed]
        if members:
            for i in members:
                placed[i] = len(kept)
            kept.append((story.id, members))

    fresh: list[list[int]] = []
    joins: dict[int, list[int]] = {}
    for unit in units:
        new = [i for i in unit if i not in placed]
        if not new:
            continue
        known = sorted({placed[i] for i in unit if i in placed})
        if not known and kept:
            scores = [_mean(sim, new, members) for _, members in kept]
            best = int(np.argmax(scores))
            known = [best] if scores[best] >= SAME_EVENT else []
        if known:
            joins.setdefault(known[0], []).extend(new)
        else:
            fresh.append(new)

    groups = [(sid, members + joins.get(k, [])) for k, (sid, members) in enumerate(kept)]
    days = [d.toordinal() if (d := _day(a)) else None for a in articles]
    groups += [(None, members) for members in _cluster(fresh, sim, days)]
    stories = []
    for sid, members in groups:
        ids = sorted(articles[i].id for i in members)
        inside = set(ids)
        story_edges = [e for e in edges if e.article in inside and e.derived_from in inside]
        stories.append(
            Story(
                id=sid or story_id(ids),
                title=_title(sorted(members), articles, sim),
                articles=ids,
                lineage=story_edges,
                independent_groups=lineage.independent_groups(ids, story_edges, reporting),
            )
        )
    return sorted(stories, key=lambda s: (-len(s.articles), s.id))
