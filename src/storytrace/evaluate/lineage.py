"""Lineage detection scored on copies derived from real articles, with known answers.

Each original (wikiref220 articles of the five main topics, and the seeds) is copied
four ways, as outlets and content farms do: verbatim with junk lines added, trimmed,
sentences reordered, and reworded by word substitution (a small synonym table kept as
data below, the way article spinners work). Other originals of the same topic are the
hard negatives: same vocabulary and names, different prose. A pair is positive when
both articles come from the same original; an edge in either direction predicts it.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .. import lineage, nlp
from ..model import Article
from ..pipeline import read_articles

# Spinner-style substitutions: common reporting words and their stock replacements.
SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "people": "individuals",
    "government": "administration", "after": "following", "before": "prior to",
    "also": "additionally", "however": "nevertheless", "about": "approximately",
    "big": "large", "large": "sizeable", "small": "little", "many": "numerous",
    "show": "demonstrate", "showed": "demonstrated", "help": "assist", "need": "require",
    "use": "utilise", "used": "utilised", "start": "commence", "started": "commenced",
    "end": "conclude", "ended": "concluded", "buy": "purchase", "try": "attempt",
    "tried": "attempted", "new": "fresh", "old": "aged", "important": "crucial",
    "country": "nation", "official": "functionary", "officials": "functionaries",
    "because": "since", "but": "yet", "while": "whilst", "week": "seven days",
    "year": "twelve months", "asked": "questioned", "make": "create", "made": "created",
    "get": "obtain", "got": "obtained", "give": "provide", "gave": "provided",
    "meeting": "assembly", "search": "hunt", "attack": "assault", "attacks": "assaults",
    "police": "law enforcement", "plane": "aircraft", "phone": "handset", "team": "squad",
    "win": "victory", "match": "game", "players": "athletes", "would": "could",
    "should": "ought to", "more": "additional", "most": "majority of", "first": "initial",
    "last": "final", "think": "believe", "including": "together with", "around": "roughly",
    "with": "along with", "from": "coming from", "this": "that", "these": "those",
    "there": "right there", "was": "had been", "were": "had been", "has": "possesses",
    "have": "possess", "will": "is going to", "can": "is able to", "on": "upon",
    "into": "straight into", "over": "more than", "under": "beneath", "who": "which",
    "city": "metropolis", "day": "time", "time": "occasion", "found": "discovered",
    "family": "household", "president": "head of state", "minister": "secretary",
    "statement": "declaration", "report": "account", "reported": "documented",
}
DROPPED = {"the", "a", "an", "that"}  # spinners drop small words as often as they swap big ones
JUNK = [
    "Advertisement",
    "Share this article on Facebook Twitter Email",
    "Click here to subscribe to our daily newsletter for the latest updates",
    "Also Read | Top stories of the day you may have missed this morning",
    "Comments are closed for this article",
]
TOPICS = ("parisattacks2015", "premier-league", "malaysia-airlines-flight", "samsung-galaxy-s5", "michelle-obama")


def _with_sentences(article: Article, paragraphs: list[str], how: str) -> Article:
    return replace(
        article, id=f"{article.id}-{how}", text="\n\n".join(p for p in paragraphs if p.strip()),
        removed=[], published="2030-01-02",
    )


def with_junk(article: Article, rng: random.Random) -> Article:
    """A verbatim copy with site junk lines between its paragraphs."""
    out: list[str] = []
    for p in article.paragraphs():
        out.append(p)
        if rng.random() < 0.4:
            out.append(rng.choice(JUNK))
    return _with_sentences(article, out, "junk")


def trimmed(article: Article, rng: random.Random) -> Article:
    """The first half or so of the article, as a shorter re-post."""
    sentences = nlp.split_sentences(article.text)
    keep = max(4, int(len(sentences) * rng.uniform(0.4, 0.7)))
    return _with_sentences(article, sentences[:keep], "trimmed")


def reordered(article: Article, rng: random.Random) -> Article:
    """All sentences, shuffled (a copy re-arranged to look different)."""
    sentences = nlp.split_sentences(article.text)
    rng.shuffle(sentences)
    return _with_sentences(article, sentences, "reordered")


def reworded(article: Article, rng: random.Random) -> Article:
    """Every word the synonym table knows swapped, half the small words dropped (spinning)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.lower() in DROPPED and rng.random() < 0.5:
            return ""
        new = SYNONYMS.get(word.lower())
        if new is None:
            return word
        return new.capitalize() if word[0].isupper() else new

    out = [re.sub(r" {2,}", " ", re.sub(r"[A-Za-z]+", swap, p)) for p in article.paragraphs()]
    return _with_sentences(article, out, "reworded")


DERIVATIONS: dict[str, Callable[[Article, random.Random], Article]] = {
    "junk": with_junk, "trimmed": trimmed, "reordered": reordered, "reworded": reworded,
}


def derive(originals: list[Article], seed: int = 0) -> tuple[list[Article], dict[str, str]]:
    """Originals plus their derived copies, and for every article its original's id."""
    rng = random.Random(seed)
    articles, origin = [], {}
    for original in originals:
        original = replace(original, published="2030-01-01")
        articles.append(original)
        origin[original.id] = original.id
        for derivation in DERIVATIONS.values():
            copy = derivation(original, rng)
            articles.append(copy)
            origin[copy.id] = original.id
    return articles, origin


def score(articles: list[Article], origin: dict[str, str]) -> dict[str, float]:
    """Pair precision/recall of `find_lineage` on derived articles, and direction accuracy."""
    edges = lineage.find_lineage(articles)
    predicted = {frozenset((e.article, e.derived_from)) for e in edges}
    ids = [a.id for a in articles]
    truth = {frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1 :] if origin[a] == origin[b]}
    hit = len(predicted & truth)
    to_original = [e for e in edges if origin[e.article] == e.derived_from or origin[e.derived_from] == e.article]
    result = {
        "pairs": float(len(truth)),
        "precision": hit / len(predicted) if predicted else 1.0,
        "recall": hit / len(truth) if truth else 1.0,
        "direction": sum(e.derived_from == origin[e.article] for e in to_original) / max(len(to_original), 1),
    }
    for how in DERIVATIONS:
        wanted = {frozenset((i, origin[i])) for i in ids if i.endswith(f"-{how}")}
        result[f"recall_{how}"] = len(predicted & wanted) / max(len(wanted), 1)
    return result


def originals(data_dir: Path, per_topic: int = 6, seed: int = 0) -> list[Article]:
    """A few wikiref220 articles of each main topic, and the seed articles."""
    wikiref = data_dir / "wikiref220"
    labels = json.loads((wikiref / "labels.json").read_text())
    rng = random.Random(seed)
    chosen = []
    for topic in TOPICS:
        files = sorted(f for f, t in labels.items() if t == topic)
        chosen += rng.sample(files, per_topic)
    articles, _ = read_articles([wikiref / "articles" / f for f in chosen])
    seeds, _ = read_articles([data_dir.parent / "seeds"])
    return articles + seeds


def evaluate(data_dir: Path) -> dict[str, dict[str, float]]:
    articles, origin = derive(originals(Path(data_dir)))
    return {"derived-copies": score(articles, origin)}
