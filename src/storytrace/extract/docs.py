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


def paragraph_text(doc: Doc) -> str:
    """A parsed paragraph's text, worked out once: spaCy's `Doc.text` joins all its tokens
    again at every call, and quote attribution asks for it many times per paragraph."""
    text = doc.user_data.get("paragraph_text")
    if text is None:
        text = doc.user_data["paragraph_text"] = doc.text
    return text


def paragraphs(text: str) -> list[str]:
    """Non-empty lines: cleaned text keeps one paragraph per line or per blank-line block.

    A list mark glued to the first word ("-Andrew Sullivan, however, …") goes: spaCy
    reads "-Andrew" as one token and loses the name. A paragraph too long to parse in one
    go is cut into pieces (`nlp.pieces`).
    """
    return [piece for line in text.splitlines() if line.strip()
            for piece in nlp.pieces(_BULLET.sub("", line.strip()))]


# Numbers and dates read only the named entities of each sentence: one pass shared by both,
# without the tagger, parser and lemmatizer (the entities come out the same: checked on 2,838
# sentences of the seeds and wikiref220, 30% faster).
ENTITIES_ONLY = ("tagger", "parser", "attribute_ruler", "lemmatizer")


def sentence_entities(article: Article) -> list[tuple[str, Doc]]:
    """Each sentence of the article (`nlp.split_sentences`) with its named entities."""
    sentences = nlp.split_sentences(article.text)
    return list(zip(sentences, nlp.spacy_model().pipe(sentences, disable=ENTITIES_ONLY)))


def parse_articles(articles: list[Article]) -> dict[str, list[Doc]]:
    """article id → the parsed paragraphs of its text, in order."""
    docs: dict[str, list[Doc]] = {a.id: [] for a in articles}
    pairs = [(p, a.id) for a in articles for p in paragraphs(a.text)]
    for doc, article_id in nlp.spacy_model().pipe(pairs, as_tuples=True, batch_size=64):
        docs[article_id].append(tag_people(doc))
    return docs
