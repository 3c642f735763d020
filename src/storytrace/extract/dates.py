"""Dates in an article, resolved against its publication date when they are relative.

spaCy picks the DATE spans; dateparser normalises only those spans (run on free text,
its `search_dates` invents dates: "50% of" becomes 2050). A relative date ("on
Wednesday", "last week") is resolved only when the article's publication date is
known; otherwise it stays relative with no value: never guessed.
"""

from __future__ import annotations

import re
from datetime import datetime

from dateparser.date import DateDataParser
from spacy.tokens import Doc

from ..model import Article, DateMention
from .docs import sentence_entities

RELATIVE = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"last|next|this|ago|earlier|later|recent|past|previous|coming)\b",
    re.IGNORECASE,
)
# Spans that name a span of time or an age, not a point in time; bare numbers that are no
# year ("0019 UTC" is a time).
DURATION = re.compile(r"\b(years?|months?|weeks?|days?|decades?|centur(y|ies)|hours?|minutes?)\s*(old|long)?$|^\d{1,3}$|^[03-9]\d{3}$|\banniversary\b",
                      re.IGNORECASE)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")


def published_base(article: Article) -> datetime | None:
    if not article.published:
        return None
    try:
        return datetime.fromisoformat(article.published[:19].replace("Z", "")).replace(tzinfo=None)
    except ValueError:
        return None


def normalise(span: str, base: datetime | None) -> tuple[str | None, bool]:
    """(ISO value or None, whether the span is relative) for one DATE span."""
    text = re.sub(r"^(on|in|since|by|until|from|at)\s+", "", span.strip(), flags=re.IGNORECASE)
    relative = bool(RELATIVE.search(text)) and not re.search(r"\b\d{4}\b", text)
    if relative and base is None:
        return None, True
    if DURATION.search(text) and not relative:
        return None, False
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None, relative
    has_year = bool(re.search(r"\b\d{4}\b", text))
    if not has_year and not relative and base is None:
        # "October" with no year and no publication date: the month is known, the year is not.
        return None, True
    period = data.period or "day"
    if period == "year":
        return f"{data.date_obj.year:04d}", relative
    if period == "month" or (period == "day" and text.lower() in MONTHS):
        return data.date_obj.strftime("%Y-%m"), relative
    if period == "week" and relative:
        return data.date_obj.strftime("%Y-%m-%d"), relative
    return data.date_obj.strftime("%Y-%m-%d"), relative


def find_dates(article: Article, sentences: list[tuple[str, Doc]] | None = None) -> list[DateMention]:
    """Every DATE span of the article with its value (ISO, or None when it cannot be known).
    `sentences`: the article's `docs.sentence_entities`, when already made."""
    base = published_base(article)
    out = []
    for sentence, doc in sentences if sentences is not None else sentence_entities(article):
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            value, relative = normalise(ent.text, base)
            if value is None and not relative:
                continue
            out.append(DateMention(ent.text, value, relative, sentence, article.id))
    return out
