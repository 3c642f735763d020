"""spaCy parses of a batch of articles, paragraph by paragraph.

A paragraph is parsed alone so that no sentence (and no quotation) spans two paragraphs,
and so that quote attribution can look at "the previous paragraph" (a quote introduced
by `He said:` on the line before). One `nlp.pipe` call per batch keeps spaCy fast.
Persons' names spaCy misread are marked as such (`given_names`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .. import nlp
from ..model import Article
from .given_names import tag_people

_BULLET = re.compile(r"^[-–•*](?=[A-Z])")


def paragraphs(text: str) -> list[str]:
    """Non-empty lines: cleaned text keeps one paragraph per line or per blank-line block.

    A list mark glued to the first word ("-Andrew Sullivan, however, …") goes: spaCy
    reads "-Andrew" as one token and loses the name. A paragraph too long to parse in one
    go is cut into pieces (`nlp.pieces`).
    """
    return [piece for line in text.splitlines() if line.strip()
            for piece in nlp.pieces(_BULLET.sub("", line.strip()))]


def parse_articles(articles: list[Article]) -> dict[str, list[Doc]]:
    """article id → the parsed paragraphs of its text, in order."""
    docs: dict[str, list[Doc]] = {a.id: [] for a in articles}
    pairs = [(p, a.id) for a in articles for p in paragraphs(a.text)]
    for doc, article_id in nlp.spacy_model().pipe(pairs, as_tuples=True, batch_size=64):
        docs[article_id].append(tag_people(doc))
    return docs
