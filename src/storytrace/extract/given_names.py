"""Given names: a person's name that spaCy's small model took for a place or a product.

spaCy tags "Air Chief Marshal Angus Houston said" with Houston a place (GPE), and so
the speaker is lost; a given name before a capitalised word is the strongest sign of a
person's name that no parse gives. The name table is nomquamgender's (MIT; counts of
people bearing each given name over some thirty national and institutional sources,
with the share of them women). It serves twice: to mark "Given Surname" as a PERSON,
and, where the article itself says nothing, to keep "she said" off Angus and "he said"
off Michelle (a prior only: the article's own he/she, Mr/Mrs always win).
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from unidecode import unidecode

from . import names

# A word counts as a given name when this many sources list it for this many people:
# common enough that "Angus" and "Barack" pass, while words that appear in the table only
# through odd records ("said", "the", "police") do not.
MIN_SOURCES = 14
MIN_PEOPLE = 300
# A given name says a sex only when at least this share of its bearers are of one sex;
# a word given to both sexes alike is a name only when very common ("Jean", "Kim"):
# "Victory", "Le" and "Di" are in the table but mostly are not names in news text.
DECISIVE = 0.9
COMMON = 100_000
# Labels spaCy gives a misread person's name; a name it calls an ORG, a place or a group
# from the given name on ("Paris Saint-Germain", "Victoria Station", "Christian
# Democrats") is left as it is.
MISREAD = frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "LANGUAGE"})


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    """Given name (ASCII, lower case) → share of its bearers who are women.

    The package's data file is read directly: importing its module pulls in pandas for
    functions storytrace does not use.
    """
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the nomquamgender package is not installed (pip install nomquamgender)")
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: row[2]
        for name, row in raw.items()
        if row[0] >= MIN_SOURCES and row[1] >= MIN_PEOPLE and (abs(row[2] - 0.5) >= DECISIVE - 0.5 or row[1] >= COMMON)
    }


def _key(word: str) -> str:
    return unidecode(word).casefold()


def is_given_name(word: str) -> bool:
    """A common given name, and not a title ("Marshal", "King")."""
    key = _key(word)
    return key in _table() and names.word_key(word) not in names.TITLE_WORDS


def sex_of_given_name(word: str) -> str | None:
    """"f" or "m" when nearly all bearers of this given name are of one sex, else None."""
    share = _table().get(_key(word))
    if share is None or names.word_key(word) in names.TITLE_WORDS:
        return None
    return "f" if share >= DECISIVE else "m" if share <= 1 - DECISIVE else None


def tag_people(doc: Doc) -> Doc:
    """Mark "Given Surname" runs of capitalised proper nouns as PERSON where spaCy tagged
    them as something else or only in part ("Angus [Houston: GPE]", "[Lars-Christer Olsson:
    PRODUCT]"); a run spaCy reads as an organisation or place from its first word stays."""
    found = []
    for run in _capitalised_runs(doc):
        start = next((t.i for t in run[:-1] if is_given_name(t.text) and not t.is_stop), None)
        if start is None or names.word_key(run[-1].text) in names.TITLE_WORDS:
            continue
        span = doc[start : run[-1].i + 1]
        if not all(t.is_title or t.text == "-" for t in span):
            continue
        if span[-1].text == "-":
            continue  # a run cut at a hyphen ("Mary-Ann- spoke", "Jay-Z."): no name ends in one
        if span[1].text == "-" and not is_given_name(span[2].text):
            continue  # "Mile-High City": a double given name has a name on both sides of the hyphen
        overlapping = [e for e in doc.ents if e.start < span.end and span.start < e.end]
        if any(e.label_ == "PERSON" and e.start <= span.start for e in overlapping):
            continue  # spaCy found the person already
        if any(e.start <= span.start and e.label_ not in MISREAD and e.label_ != "PERSON" for e in overlapping):
            if not _acts_as_person(span, overlapping):
                continue  # spaCy's organisation or place begins at (or before) the given name
        if any(e.start < span.start or e.end > span.end for e in overlapping):
            continue  # an entity reaching outside the run: leave spaCy's reading
        found.append(Span(doc, span.start, span.end, label="PERSON"))
    if found:
        kept = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in found)]
        doc.ents = filter_spans(kept + found)
    return doc


def _acts_as_person(span: Span, overlapping: list[Span]) -> bool:
    """An "organisation" that is exactly a given name and a surname and is written as a
    person is: the subject of a verb, or set beside a description ("Laurent Fabius, meeting
    …, said"; "Panagiotis Pierrakis, 48, an Athens taxi driver, said")."""
    if len(overlapping) != 1 or overlapping[0].label_ != "ORG" or (overlapping[0].start, overlapping[0].end) != (span.start, span.end):
        return False
    if len(span) > 3 or not is_given_name(span[0].text) or names.word_key(span[-1].text) in names.ORGANISATION_WORDS:
        return False  # "Fox News"
    head = span.root
    return head.dep_ == "appos" or head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ == "VERB" or any(c.dep_ == "appos" for c in head.children)


def _capitalised_runs(doc: Doc) -> list[list]:
    """Maximal runs of adjacent proper nouns (a hyphen may join two: "Lars-Christer")."""
    runs, current = [], []
    for token in doc:
        joined = current and token.text == "-" and not current[-1].whitespace_
        if token.pos_ == "PROPN" and token.is_alpha or joined or current and current[-1].text == "-" and token.is_alpha:
            current.append(token)
            continue
        if len(current) > 1:
            runs.append(current)
        current = []
    if len(current) > 1:
        runs.append(current)
    return runs
