"""Authors as inputs give them: a string ("Jane Doe; John Roe", "By Jane Doe and John Roe"),
a list of strings, or a list of records ({"name": ...}), as trafilatura, news-please and
feedparser do. Names are not guessed from the article's text; what a byline field holds
besides names is tidied away: job lines ("AP Auto Writer"), the outlet the author writes
for ("Sandee LaMotte, CNN"), credentials ("MS, RDN"), site accounts ("Admin"), handles
("Kevin-R"), a date word glued on ("Carrie Arnold November"), and one name written twice
("Troy Smith; Troy L Smith"). A wire agency alone ("Associated Press") is the byline.

Hand-written because no library tidies bylines: trafilatura's own field is what comes in
(`storytrace eval metadata` scores both on labelled pages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..credits import AGENCIES, NEWS_WORDS
from .sites import begins_label, is_site, site_labels

ROLE = re.compile(r"\b(writers?|correspondents?|editors?|columnists?|reporters?|contributors?|staff|"
                  r"wire services?|desk|bureau|team|published|updated)\b", re.IGNORECASE)
ACCOUNT = re.compile(r"^(\w*admin\w*|administrator|editorial|webmaster|guest|anonymous|unknown|author)$", re.IGNORECASE)
CREDENTIALS = {"ms", "ma", "mba", "msc", "rd", "rdn", "ld", "phd", "md", "mph", "rn", "cpt", "cscs", "dr", "esq"}
HANDLE = re.compile(r"^@|^\S*(\d|_|-[A-Za-z]$)")  # "@jdoe", "jdoe_1", "Kevin-R": a login, not a name
MONTH = re.compile(r"\s+(january|february|march|april|may|june|july|august|september|october|november|december)$",
                   re.IGNORECASE)
AGENCY_TAIL = re.compile(r"\s+(?:the\s+)?(" + "|".join(map(re.escape, sorted(AGENCIES, key=len, reverse=True))) + r")$",
                         re.IGNORECASE)
AGENCY_KEYS = {a.lower() for a in AGENCIES}


def authors_of(value: Any, site: Iterable[str | None] = ()) -> list[str]:
    """The authors in a byline field; `site` is the publisher's name or URL, when known,
    so that the outlet's own name is not taken for an author."""
    labels = site_labels(site)
    parts = [tidy(p, labels) for p in raw_parts(value)]
    parts = [p for p in parts if p]
    people = [p for p in parts if not is_outlet(p, labels)]
    if not people:  # only outlets: a wire agency is the byline, the site's own name is no one
        people = [p for p in parts if p.lower().removeprefix("the ") in AGENCY_KEYS and not is_site(p, labels)]
    people = [p for p in people if not any(longer_form(p, q) for q in people if q != p)]
    return list(dict.fromkeys(people))


def raw_parts(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, (list, tuple)):
        return [p for v in value for p in raw_parts(v)]
    if not isinstance(value, str):
        return []
    text = re.sub(r"^\s*by\s+", "", value.strip(), flags=re.I)
    parts = re.split(r"\s*(?:;|\||,\s+and\s+|\s+and\s+|&)\s*|,\s*(?=[A-Z][a-z]+\s+[A-Z])|,\s*(?=[A-Z]{2,}\b)", text)
    return [p.strip(" ,.") for p in parts if p and p.strip(" ,.")]


def tidy(part: str, labels: set[str]) -> str | None:
    """The name in one byline part, or None when the part names no one."""
    part = MONTH.sub("", re.sub(r"^\s*by\s+", "", part, flags=re.I))
    if ROLE.search(part) or ACCOUNT.match(part) or part.lower().strip(".") in CREDENTIALS or HANDLE.search(part):
        return None
    words = part.split()
    tail = AGENCY_TAIL.search(part)
    if tail and len(part[:tail.start()].split()) >= 2:  # "JILL LAWLESS Associated Press"
        words = part[:tail.start()].split()
    for i in range(2, len(words)):  # "Finian Cunningham Sputnik International": the site's name glued on
        if begins_label(words[i].lower(), labels):
            words = words[:i]
            break
    part = " ".join(words)
    if len(words) >= 2 and part.isupper():  # "STEVE PEOPLES": a byline set in capitals
        part = " ".join(w.capitalize() for w in words)
    return part or None


def is_outlet(part: str, labels: set[str]) -> bool:
    words = part.split()
    return is_site(part, labels) or part.lower().removeprefix("the ") in AGENCY_KEYS or \
        (len(words) >= 2 and words[-1] in NEWS_WORDS)


def longer_form(short: str, long: str) -> bool:
    """"Troy Smith" is "Troy L Smith" written shorter: same first and last word, fewer between."""
    a, b = short.lower().split(), long.lower().split()
    return len(a) >= 2 and len(b) > len(a) and a[0] == b[0] and a[-1] == b[-1] and set(a) <= set(b)
