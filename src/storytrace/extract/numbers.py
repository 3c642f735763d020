"""Quantities in an article's sentences: money, percentages and counts, normalised.

Money and percentages are found by patterns: spaCy's small model misses forms news
uses daily ("$350bn", "half trillion"), and these forms are regular enough to spell
out. Counts come from spaCy's CARDINAL spans. Each value is normalised (500e9 USD, 50 %).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Article, Quantity
from .docs import sentence_entities

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "a dozen": 12, "half": 0.5, "a half": 0.5,
    "a quarter": 0.25, "quarter": 0.25, "a third": 1 / 3, "third": 1 / 3, "two-thirds": 2 / 3,
}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}
CURRENCIES = {"$": "USD", "us$": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD",
              "€": "EUR", "euros": "EUR", "euro": "EUR", "eur": "EUR",
              "£": "GBP", "pounds": "GBP", "pound": "GBP", "gbp": "GBP"}

NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
WORDS = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
SCALE = r"(?:thousand|million|billion|trillion|bn|mn|tn|[kmb])\b"
AMOUNT = rf"(?:(?P<num>{NUM})|(?P<word>{WORDS}))(?:\s*-?\s*(?P<scale>{SCALE}))?"
MONEY = [  # "$500 billion", "€2 million"; "500 billion dollars"
    re.compile(rf"(?P<pre>US\$|\$|€|£)\s?{AMOUNT}", re.IGNORECASE),
    re.compile(rf"(?<![\w$€£]){AMOUNT}\s+(?P<post>dollars|euros|pounds|USD|EUR|GBP)\b", re.IGNORECASE),
]
COUNT = re.compile(rf"(?<![\w.])(?:(?P<num>{NUM})|(?P<word>{WORDS}))(?:\s+(?P<scale>{SCALE}))?$", re.IGNORECASE)
PERCENT = re.compile(
    rf"(?<![\w.])(?:(?P<num>{NUM})|(?P<word>{WORDS}))\s*(?:%|per\s?cent\b|percent\b)"
    r"|\b(?P<share>half|a third|two-thirds|a quarter)\s+(?=(?:of|the)\b)",
    re.IGNORECASE,
)


def amount(match: re.Match) -> float | None:
    groups = match.groupdict()
    if groups.get("num"):
        value = float(groups["num"].replace(",", ""))
    elif groups.get("word"):
        value = WORD_NUMBERS[groups["word"].lower()]
    else:
        return None
    scale = (groups.get("scale") or "").lower()
    return value * SCALES.get(scale, 1)


def money_in(sentence: str, article_id: str) -> list[Quantity]:
    found = []
    for m in (m for pattern in MONEY for m in pattern.finditer(sentence)):
        value = amount(m)
        currency = CURRENCIES.get((m.groupdict().get("pre") or m.groupdict().get("post") or "").lower())
        if value is not None and currency:
            found.append(Quantity("money", value, currency, m.group(0).strip(), sentence, article_id))
    # "half trillion of Ukrainian resources": a scale word with no currency sign, in a money sentence.
    for m in re.finditer(r"\b(?P<word>half|a half)\s+(?P<scale>trillion|billion|million)\b", sentence, re.I):
        if not any(m.group(0) in q.text for q in found):
            found.append(Quantity("money", 0.5 * SCALES[m.group("scale").lower()], "USD" if "$" in sentence
                                  or "dollar" in sentence.lower() else None, m.group(0), sentence, article_id))
    return found


def percents_in(sentence: str, article_id: str) -> list[Quantity]:
    found = []
    for m in PERCENT.finditer(sentence):
        if m.group("share"):
            value = WORD_NUMBERS[m.group("share").lower()] * 100
        else:
            value = amount(m)
        if value is not None:
            found.append(Quantity("percent", round(value, 4), "%", m.group(0).strip(), sentence, article_id))
    return found


def counts_in(doc, sentence: str, article_id: str, taken: list[Quantity]) -> list[Quantity]:
    found = []
    for ent in doc.ents:
        if ent.label_ != "CARDINAL" or any(ent.text in q.text or q.text in ent.text for q in taken):
            continue
        # The number in the span: spaCy's CARDINAL spans carry qualifiers ("at least 128",
        # "more than 150", "about 50"), which say how exact the count is, not what it is.
        m = COUNT.search(ent.text)
        if m is None:
            continue
        value = amount(m)
        if value is not None and value >= 1:
            found.append(Quantity("count", value, None, ent.text, sentence, article_id))
    return found


def find_quantities(article: Article, sentences: list[tuple[str, Doc]] | None = None) -> list[Quantity]:
    """Every money amount, percentage and count in the article's sentences, in reading order.
    `sentences`: the article's `docs.sentence_entities`, when already made."""
    out: list[Quantity] = []
    for sentence, doc in sentences if sentences is not None else sentence_entities(article):
        taken = money_in(sentence, article.id) + percents_in(sentence, article.id)
        out.extend(taken + counts_in(doc, sentence, article.id, taken))
    return out
