"""Lineage: which articles reuse the reporting prose of which others.

Candidates come from a sentence-level MinHash LSH index over all articles (`minhash`),
so the work grows with the number of sentences, not with the number of article pairs;
a partial copy (a few paragraphs lifted into a longer piece) is found as readily as a
whole one. Each candidate pair is then aligned sentence by sentence:

- near-verbatim: rapidfuzz's normalised edit ratio (copies with light edits);
- paraphrase: machine "spinning" swaps words but keeps the sentence's order and shape,
  so a sentence whose edit ratio is middling and whose meaning (MiniLM sentence
  vectors, `nlp.embed`) is nearly the same counts as reused.

Two outlets quoting the same public statement have not copied each other, so sentences
that are mostly quotation are left out when deciding whether there is lineage: an edge
needs several shared sentences of reporting prose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from . import minhash, nlp
from .model import Article, LineageEdge

MIN_WORDS = 6  # shorter "sentences" are headers, bylines and captions
SENTENCE_LSH = minhash.LSHParams(bands=25, rows=4, shingle=2)  # word pairs, ~0.45 Jaccard
MAX_BUCKET = 50  # a sentence in more articles than this is boilerplate
VERBATIM_RATIO = 92.0  # edit ratio (0..100) of a near-verbatim (lightly edited) sentence
PARAPHRASE_RATIO = 50.0  # a spun sentence keeps at least this much of its shape...
PARAPHRASE_COSINE = 0.85  # ...and nearly all of its meaning
QUOTE_SHARE = 0.5  # a sentence mostly inside quotation marks is a quote
MIN_SHARED = 2  # shared prose sentences an edge needs...
MIN_SHARE = 0.2  # ...and the share of the derived article's prose they make up
OPEN_QUOTES = {"“": "”", '"': '"', "«": "»"}


@dataclass
class _Text:
    """An article's sentences as lineage sees them: long enough, with their quote flags."""

    article: Article
    sentences: list[str]
    is_quote: np.ndarray  # bool per sentence

    @property
    def prose(self) -> int:
        return int((~self.is_quote).sum())


def quote_share(sentence: str, closer: str | None = None) -> tuple[float, str | None]:
    """Share of a sentence's characters inside quotation marks, and the closing mark still awaited.

    `closer` is the closing mark of a quote opened in an earlier sentence of the paragraph.
    """
    quoted = 0
    for ch in sentence.replace("''", '"'):
        if closer is not None:
            if ch == closer:
                closer = None
            else:
                quoted += 1
        elif ch in OPEN_QUOTES:
            closer = OPEN_QUOTES[ch]
    return quoted / max(len(sentence), 1), closer


def _text(article: Article) -> _Text:
    sentences: list[str] = []
    flags: list[bool] = []
    for paragraph in nlp.sentences_of_blocks(article.paragraphs()):
        closer = None
        for sentence in paragraph:
            share, closer = quote_share(sentence, closer)
            if len(sentence.split()) >= MIN_WORDS:
                sentences.append(sentence)
                flags.append(share >= QUOTE_SHARE)
    return _Text(article, sentences, np.array(flags, dtype=bool))


def _candidates(texts: Sequence[_Text]) -> list[tuple[int, int]]:
    """Article index pairs sharing at least MIN_SHARED near-duplicate sentences (by LSH)."""
    owner = np.array([i for i, t in enumerate(texts) for _ in t.sentences], dtype=np.int64)
    flat = [s for t in texts for s in t.sentences]
    if not flat:
        return []
    pairs = minhash.candidate_pairs(minhash.band_keys(flat, SENTENCE_LSH), max_bucket=MAX_BUCKET)
    a, b = owner[pairs[:, 0]], owner[pairs[:, 1]]
    across = a != b
    # count distinct sentences of the first article that collide with the other article
    lo, hi = np.minimum(a, b)[across], np.maximum(a, b)[across]
    first_sentence = np.where(a < b, pairs[:, 0], pairs[:, 1])[across]
    n = len(texts)
    codes = np.unique((lo * n + hi) * len(flat) + first_sentence) // len(flat)
    pair_codes, counts = np.unique(codes, return_counts=True)
    keep = pair_codes[counts >= MIN_SHARED]
    return [(int(c // n), int(c % n)) for c in keep]


class _Vectors:
    """Sentence vectors, computed on first use and kept for the rest of one `find_lineage` call."""

    def __init__(self) -> None:
        self._cache: dict[str, np.ndarray] = {}

    def get(self, sentences: Sequence[str]) -> np.ndarray:
        missing = [s for s in dict.fromkeys(sentences) if s not in self._cache]
        if missing:
            self._cache.update(zip(missing, nlp.embed(missing)))
        return np.stack([self._cache[s] for s in sentences]) if sentences else np.zeros((0, 384))


@dataclass
class _Match:
    """How the sentences of one article are found in another: per sentence, 0 none, 1 verbatim, 2 paraphrase."""

    kind: np.ndarray

    def shared(self, text: _Text) -> tuple[int, float]:
        """Shared prose sentences, and their share of the article's prose."""
        prose = (self.kind > 0) & ~text.is_quote
        return int(prose.sum()), float(prose.sum()) / max(text.prose, 1)


def _match(ratios: np.ndarray, x: _Text, y: _Text, vectors: _Vectors | None) -> _Match:
    """For each sentence of x: is it in y near-verbatim, as a paraphrase, or not at all.

    Without `vectors`, every sentence shaped like its best partner counts as a
    paraphrase: an upper bound that spares the sentence model on hopeless pairs.
    """
    if not ratios.size:
        return _Match(np.zeros(len(x.sentences), dtype=int))
    partner = ratios.argmax(axis=1)
    best = ratios[np.arange(len(partner)), partner]
    kind = np.where(best >= VERBATIM_RATIO, 1, 0)
    (rows,) = np.nonzero((best >= PARAPHRASE_RATIO) & (best < VERBATIM_RATIO))
    if vectors is None:
        kind[rows] = 2
    elif len(rows):
        vx = vectors.get([x.sentences[i] for i in rows])
        vy = vectors.get([y.sentences[j] for j in partner[rows]])
        kind[rows[np.einsum("ij,ij->i", vx, vy) >= PARAPHRASE_COSINE]] = 2
    return _Match(kind)


def _kind(match: _Match) -> str:
    verbatim, paraphrase = int((match.kind == 1).sum()), int((match.kind == 2).sum())
    if paraphrase <= 0.2 * (verbatim + paraphrase):
        return "verbatim"
    if verbatim <= 0.2 * (verbatim + paraphrase):
        return "paraphrase"
    return "mixed"


def _direction(x: _Text, y: _Text, share_x: float, share_y: float) -> bool:
    """True when x derives from y: the later one by date, else the one more contained in the other."""
    px, py = x.article.published, y.article.published
    if px and py and px[:10] != py[:10]:
        return px > py
    if share_x != share_y:
        return share_x > share_y
    return (len(x.sentences), x.article.id) < (len(y.sentences), y.article.id)


def _edge(x: _Text, y: _Text, vectors: _Vectors) -> LineageEdge | None:
    processed_x = [utils.default_process(s) for s in x.sentences]
    processed_y = [utils.default_process(s) for s in y.sentences]
    ratios = process.cdist(processed_x, processed_y, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    for bound in (None, vectors):
        in_y, in_x = _match(ratios, x, y, bound), _match(ratios.T, y, x, bound)
        (count_x, share_x), (count_y, share_y) = in_y.shared(x), in_x.shared(y)
        if not any(c >= MIN_SHARED and s >= MIN_SHARE for c, s in ((count_x, share_x), (count_y, share_y))):
            return None
    if _direction(x, y, share_x, share_y):
        derived, original, match, count, share = x, y, in_y, count_x, share_x
    else:
        derived, original, match, count, share = y, x, in_x, count_y, share_y
    if count < MIN_SHARED or share < MIN_SHARE:
        return None
    all_shared = float((match.kind > 0).sum()) / max(len(derived.sentences), 1)
    return LineageEdge(
        article=derived.article.id,
        derived_from=original.article.id,
        shared=round(all_shared, 3),
        kind=_kind(match),
    )


def find_lineage(articles: list[Article], among: set[str] | None = None) -> list[LineageEdge]:
    """Edges derived → original between articles that share reporting prose, over all
    articles; with `among`, only edges touching one of those articles (the new ones of an
    add: an edge between two older articles is already known, and comes out the same)."""
    texts = [_text(a) for a in articles]
    vectors = _Vectors()
    pairs = [(i, j) for i, j in _candidates(texts)
             if among is None or texts[i].article.id in among or texts[j].article.id in among]
    edges = [e for i, j in pairs if (e := _edge(texts[i], texts[j], vectors))]
    return sorted(edges, key=lambda e: (e.article, e.derived_from))


def independent_groups(article_ids: list[str], edges: list[LineageEdge],
                       reporting: dict[str, str] | None = None) -> list[list[str]]:
    """Articles connected by lineage (in either direction) form one group, and so do articles
    whose text says they are one outlet's reporting (`reporting`: article → outlet, from
    `credits.reporting_outlet`), even when that outlet's own article is not among them."""
    parent = {a: a for a in article_ids}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for e in edges:
        if e.article in parent and e.derived_from in parent:
            parent[root(e.article)] = root(e.derived_from)
    first_of: dict[str, str] = {}  # outlet → the first article carrying its reporting
    for a, outlet in (reporting or {}).items():
        if a in parent:
            parent[root(a)] = root(first_of.setdefault(outlet, a))
    groups: dict[str, list[str]] = {}
    for a in article_ids:
        groups.setdefault(root(a), []).append(a)
    return sorted(sorted(g) for g in groups.values())
