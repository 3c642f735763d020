"""Wire credits: where an article says its reporting came from, read from its own text.

Four kinds, from strongest to weakest:
- "wire": a dateline or credit line names the agency whose report it is ("KYIV (Reuters) -",
  "— AP" on a line of its own);
- "self": the text speaks as the outlet ("The Epoch Times reached out to the White House",
  "NBC News has learned");
- "own": people spoke to the outlet ("told NBC News", "confirmed to NBC News"): the article is
  that outlet's reporting, a rewrite of it, or another outlet quoting it once or twice;
- "cited": the text cites an outlet for something ("according to the Financial Times", "NBC
  News reported", "first reported by The Associated Press").

An outlet name is told from other organisations by a table of news words and agencies
written here: no package names news outlets, and the list is short and plain to read.
Lineage uses the result (`reporting_outlet`): articles whose reporting is the same outlet's
form one independent line, even when that outlet's own article is not in the pile.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Article, Credit

AGENCIES = {
    "Reuters": "Reuters", "AP": "The Associated Press", "Associated Press": "The Associated Press",
    "AFP": "Agence France-Presse", "Agence France-Presse": "Agence France-Presse",
    "Agence France-Press": "Agence France-Presse", "Bloomberg": "Bloomberg", "Xinhua": "Xinhua",
    "TASS": "TASS", "Interfax": "Interfax", "Ukrinform": "Ukrinform", "Kyodo": "Kyodo", "Yonhap": "Yonhap",
    "ANSA": "ANSA", "dpa": "dpa", "DPA": "dpa", "EFE": "EFE", "UPI": "UPI", "PA": "PA Media",
    "Press Association": "PA Media", "Bernama": "Bernama", "ANI": "ANI", "PTI": "PTI",
    "FT": "Financial Times", "Financial Times": "Financial Times", "BBC": "BBC", "CNN": "CNN",
    "NPR": "NPR", "MSNBC": "MSNBC", "CNBC": "CNBC", "Al Jazeera": "Al Jazeera", "Politico": "Politico",
    "Axios": "Axios", "Semafor": "Semafor", "ProPublica": "ProPublica",
}
NEWS_WORDS = {"Times", "Post", "News", "Journal", "Herald", "Tribune", "Telegraph", "Gazette", "Guardian",
              "Independent", "Observer", "Chronicle", "Mail", "Express", "Mirror", "Standard", "Economist",
              "Insider", "Magazine", "Radio", "Television", "TV", "Agency", "Wire", "Press", "Daily",
              "Weekly", "Bulletin", "Monitor", "Globe", "Examiner", "Inquirer", "Dispatch", "Broadcasting",
              "Reporter", "Register", "Courier", "Channel", "Network", "Media"}
# An outlet name as written: capitalised words, "of", "&"; "the" before it is not part of it.
NAME = r"(?:[Tt]he[ \t]+)?((?:[A-Z][\w&.'’-]*)(?:[ \t]+(?:[A-Z][\w&.'’-]*|of|&|de|du))*)"
DASH = r"\s*[-–—]+"
PATTERNS = [
    # "KYIV, Feb 14 (Reuters) -", "(AP) —" at the start of the text
    ("wire", re.compile(r"\A[^\n()]{0,60}?\((" + "|".join(map(re.escape, sorted(AGENCIES, key=len, reverse=True)))
                        + r")\)" + DASH)),
    # a credit line of its own: "— AP", "-AFP", "(Reuters)"
    ("wire", re.compile(r"^\s*(?:[-–—]+\s*|\()(" + "|".join(map(re.escape, sorted(AGENCIES, key=len, reverse=True)))
                        + r")\)?\s*$", re.M)),
    ("own", re.compile(r"\b(?:told|confirmed to|said to|speaking to|in an interview with|in a statement to)\s+" + NAME)),
    ("self", re.compile(NAME + r"\s+(?:reached out|has reached out|contacted|has learned|has obtained|has seen|"
                       r"could not independently verify|was unable to verify|has not verified)")),
    ("cited", re.compile(r"\b(?:according to|first reported by|as reported by|reported by|cited by|citing|"
                         r"a report (?:by|from|in))\s+" + NAME)),
    ("cited", re.compile(NAME + r"\s+(?:first\s+)?(?:reported|reports|revealed|broke the news)\b")),
]


def outlet_name(words: str) -> str | None:
    """The outlet a run of capitalised words names, or None when it names something else."""
    parts = [re.sub(r"(?:[’']s?|[.,;:])+$", "", w) for w in words.split()]
    for length in range(len(parts), 0, -1):  # "NBC News Zelenskyy …": the longest name that fits
        candidate = " ".join(parts[:length])
        if candidate in AGENCIES:
            return AGENCIES[candidate]
        if 1 < length <= 6 and parts[length - 1] in NEWS_WORDS:
            return candidate
    return None


def find_credits(article: Article) -> list[Credit]:
    """Every outlet the text credits, by kind, in reading order, with how often."""
    hits = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(article.text):
            name = outlet_name(m.group(1))
            if name:
                hits.append((m.start(), kind, name, m.group(0).strip()))
    found: dict[tuple[str, str], Credit] = {}
    for _, kind, name, words in sorted(hits):
        credit = found.setdefault((name, kind), Credit(name, kind, words, 0))
        credit.count += 1
    return list(found.values())


def outlet_named(article: Article) -> str | None:
    """How to name an article's outlet: its input's metadata, else whose reporting its text
    says it is."""
    return article.outlet or reporting_outlet(article)


def reporting_outlet(article: Article) -> str | None:
    """Whose reporting the article is, by its own text: the agency of its dateline or credit
    line; else the one outlet it speaks as; else the one outlet people spoke to at least
    twice, unless the article is known to be another outlet's. None when the text does not
    say (citing an outlet for a fact is not enough)."""
    by_kind: dict[str, Counter] = {k: Counter() for k in ("wire", "self", "own")}
    for c in article.credits:
        if c.kind in by_kind:
            by_kind[c.kind][c.name] += c.count
    if by_kind["wire"]:
        return by_kind["wire"].most_common(1)[0][0]
    spoken = by_kind["self"] or Counter({n: k for n, k in by_kind["own"].items() if k >= 2})
    if len(spoken) != 1:
        return None
    name = next(iter(spoken))
    if article.outlet and outlet_name(article.outlet) not in (None, name) and article.outlet != name:
        return None  # another outlet's article quoting this one
    return name
