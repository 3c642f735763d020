"""Facts: what the story's articles assert, aligned across articles, with independent support.

Sentences of all the story's articles are embedded once (sentence vectors only within a
story) and grouped by meaning; two sentences that state the same number lean together.
A group's support counts *independent* sources: the story's independent groups (lineage)
among its articles, so five rewrites of one report count once. Sources that state the
same fact with different values (an amount, a percentage, a date, a count), or the same
value for different things ("50% of revenue" against "50% ownership of the minerals"),
make the fact contested.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from .extract.quotemarks import quoted_spans
from .model import Article, Fact, Quantity, Story, Support
from .nlp import embed, split_sentences

SAME_FACT = 0.62  # cosine similarity at which two sentences state the same fact
SAME_FACT_WITH_NUMBER = 0.50  # ... when they also state the same number
MIN_WORDS = 6
MAX_FACTS = 60


def candidate_sentences(articles: list[Article]) -> list[Support]:
    """Sentences that can carry a fact: long enough, and not mostly a quotation."""
    out = []
    for a in articles:
        for sentence in split_sentences(a.text):
            words = sentence.split()
            if len(words) < MIN_WORDS or sentence.endswith(("?", ":")):
                continue
            quoted = sum(len(sentence[start:end].split()) for start, end in quoted_spans(sentence))
            if quoted > 0.6 * len(words):
                continue
            out.append(Support(a.id, sentence))
    return out


def numbers_by_sentence(story: Story) -> dict[str, list[Quantity]]:
    found = defaultdict(list)
    for q in story.quantities:
        found[q.sentence].append(q)
    return found


def group_sentences(vectors: np.ndarray, shared_number: np.ndarray) -> np.ndarray:
    """Cluster labels: average-linkage clusters on a distance that a shared number shortens."""
    if len(vectors) == 1:
        return np.zeros(1, dtype=int)
    similarity = vectors @ vectors.T
    bonus = (SAME_FACT - SAME_FACT_WITH_NUMBER) * shared_number
    distance = np.clip(1.0 - (similarity + bonus), 0.0, 2.0)
    clustering = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - SAME_FACT
    )
    return clustering.fit_predict(distance)


def value_key(q: Quantity) -> tuple[str, float]:
    return q.kind, round(q.value, 6)


def described(q: Quantity) -> str:
    """The few words after a number: what it is a number of ("of revenue", "stake in ...")."""
    after = q.sentence.split(q.text, 1)[-1]
    words = re.findall(r"[A-Za-z’']+", after)[:4]
    return " ".join(words).lower()


def conflicts_in(support: list[Support], numbers: dict[str, list[Quantity]]) -> list[dict]:
    """Disagreements among the supporting sentences: different values of one kind, or one value for different things."""
    by_kind: dict[str, dict[float, list[Quantity]]] = defaultdict(lambda: defaultdict(list))
    for s in support:
        for q in numbers.get(s.sentence, []):
            if q.article == s.article and q.kind in ("money", "percent"):
                by_kind[q.kind][round(q.value, 6)].append(q)
    conflicts = []
    for kind, values in by_kind.items():
        stated: dict[str, set[float]] = defaultdict(set)  # article → the values it gives
        for v, qs in values.items():
            for q in qs:
                stated[q.article].add(v)
        # Sources disagree when one gives only values the other does not: a sentence that
        # names two amounts (asked for and received) disagrees with nobody.
        if any(not (stated[a] & stated[b]) for a in stated for b in stated if a < b):
            conflicts.append({"kind": kind, "values": [
                {"value": v, "text": qs[0].text, "articles": sorted({q.article for q in qs})}
                for v, qs in sorted(values.items())]})
            continue
        for v, qs in values.items():
            details = defaultdict(set)
            for q in qs:
                details[described(q)].add(q.article)
            heads = {d.split()[0] if d else "" for d in details}
            if len(details) > 1 and len(heads) > 1 and len({a for arts in details.values() for a in arts}) > 1:
                conflicts.append({"kind": f"{kind} detail", "values": [
                    {"value": v, "text": f"{next(q.text for q in qs if described(q) == d)} {d}".strip(),
                     "articles": sorted(arts)} for d, arts in sorted(details.items())]})
    return conflicts


def independent_count(articles: set[str], groups: list[list[str]]) -> int:
    if not groups:
        return len(articles)
    return sum(1 for g in groups if articles & set(g)) or len(articles)


def fact_id(statement: str) -> str:
    return hashlib.sha256(statement.encode("utf-8")).hexdigest()[:12]


def align_facts(story: Story, articles: list[Article]) -> list[Fact]:
    """The story's facts, most independently supported first."""
    sentences = candidate_sentences(articles)
    if not sentences:
        return []
    numbers = numbers_by_sentence(story)
    vectors = embed([s.sentence for s in sentences])
    keys = [{value_key(q) for q in numbers.get(s.sentence, []) if q.kind in ("money", "percent")} for s in sentences]
    shared = np.array([[1.0 if a & b else 0.0 for b in keys] for a in keys])
    labels = group_sentences(vectors, shared)
    facts = []
    for label in sorted(set(labels)):
        members = [i for i in np.flatnonzero(labels == label)]
        support = [sentences[i] for i in members]
        cited = {s.article for s in support}
        if len(cited) < 2 and not numbers.get(support[0].sentence):
            continue  # one article's unnumbered sentence: context, not a checkable fact
        centre = vectors[members].mean(axis=0)
        statement = sentences[members[int(np.argmax(vectors[members] @ centre))]].sentence
        conflicts = conflicts_in(support, numbers)
        sources = independent_count(cited, story.independent_groups)
        status = "contested" if conflicts else ("corroborated" if sources >= 2 else "single-source")
        facts.append(Fact(fact_id(statement), statement, support, sources, status, conflicts))
    facts.sort(key=lambda f: (-f.independent_sources, -len(f.support), f.statement))
    return facts[:MAX_FACTS]
