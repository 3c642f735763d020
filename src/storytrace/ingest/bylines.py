"""Authors as inputs give them: a string ("Jane Doe; John Roe", "By Jane Doe and John Roe"),
a list of strings, or a list of records ({"name": ...}), as trafilatura, news-please and
feedparser do. Only tidied: names are not guessed from the article's text."""

from __future__ import annotations

import re
from typing import Any


def authors_of(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, (list, tuple)):
        return list(dict.fromkeys(a for v in value for a in authors_of(v)))
    if not isinstance(value, str):
        return []
    text = re.sub(r"^\s*by\s+", "", value.strip(), flags=re.I)
    parts = re.split(r"\s*(?:;|\||,\s+and\s+|\s+and\s+|&)\s*|,\s*(?=[A-Z][a-z]+\s+[A-Z])", text)
    return list(dict.fromkeys(p.strip(" ,.") for p in parts if p and p.strip(" ,.")))
