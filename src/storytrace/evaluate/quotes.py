"""Quote extraction scored against hand-labelled quotes of real articles.

found: share of labelled quotes the extractor reports (in the article or its `also_in`);
speaker: share of labelled quotes found with the right speaker; precision: share of
reported quotes (counted once per article carrying them) that are labelled quotes.
"all dev" and "all held-out" pool the splits of each kind.
Names match across spellings (a story's canonical "Volodymyr Zelenskiy" is the labelled
"Volodymyr Zelenskyy"); unnamed sources must match as written, case and a leading
"the" aside.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

from ..extract import docs, entities, names, quotes
from ..model import Quote

LABELS = Path(__file__).resolve().parent / "labels" / "quotes_labelled.json"


def evaluate(data_dir: Path, labels: Path = LABELS, held_out: bool = True) -> dict[str, dict[str, float]]:
    """{split: {"found", "speaker", "precision", "quotes"}} over the labelled articles, and
    the same for "all dev" and "all held-out". `held_out=False` leaves the held-out sets
    unread (the tests: held-out sets are measured by this command, never by a test).

    `data_dir` is the shared data folder (`../shared/data`, like the other evaluations);
    the labels name files relative to the folder above it (`seeds/...`, `data/...`).
    """
    from ..pipeline import read_articles

    spec = json.loads(Path(labels).read_text(encoding="utf-8"))
    scores = {}
    totals: dict[str, Counter] = {}  # "all dev", "all held-out": the splits of each kind pooled
    for split, groups in spec["splits"].items():
        if split.startswith("held-out") and not held_out:
            continue
        labelled = found = right = reported = correct = 0
        for group in groups:
            articles, _ = read_articles([Path(data_dir).parent / p for p in group])
            by_source = {a.source: a.id for a in articles}
            parsed = docs.parse_articles(articles)
            story = entities.find_entities(articles, parsed)
            predicted = quotes.find_quotes(articles, story, parsed)
            for path in group:
                article_id = by_source[Path(path).name]
                mine = [q for q in predicted if article_id == q.article or article_id in q.also_in]
                gold = spec["quotes"].get(path, [])
                labelled += len(gold)
                reported += len(mine)
                correct += sum(any(same_text(q.text, g["text"]) for g in gold) for q in mine)
                for g in gold:
                    match = next((q for q in mine if same_text(q.text, g["text"], article_id in q.also_in)), None)
                    found += match is not None
                    right += match is not None and same_speaker(match, g["speaker"])
        counts = Counter(labelled=labelled, found=found, right=right, reported=reported, correct=correct)
        scores[split] = _scores(counts)
        totals.setdefault("all held-out" if split.startswith("held-out") else "all dev", Counter()).update(counts)
    scores.update((kind, _scores(counts)) for kind, counts in sorted(totals.items()))
    return scores


def _scores(counts: Counter) -> dict[str, float]:
    labelled, reported = counts["labelled"], counts["reported"]
    return {
        "found": counts["found"] / labelled if labelled else 0.0,
        "speaker": counts["right"] / labelled if labelled else 0.0,
        "precision": counts["correct"] / reported if reported else 0.0,
        "quotes": float(labelled),
    }


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _unarticled(speaker: str) -> str:
    words = _words(speaker)
    return words[4:] if words.startswith("the ") else words


def same_text(predicted: str, gold: str, copy: bool = False) -> bool:
    """The same quotation, give or take punctuation, brackets and edge words.

    `copy`: the prediction was merged from another outlet, whose version of the
    quote may be longer (the extractor reports one version per quote).
    """
    a, b = _words(predicted), _words(gold)
    comparable = min(len(a), len(b)) >= 0.8 * max(len(a), len(b)) or copy and len(b.split()) >= 6
    return fuzz.ratio(a, b) >= 90 or (comparable and fuzz.partial_ratio(a, b) >= 95)


def same_speaker(quote: Quote, gold: str | None) -> bool:
    if quote.speaker is None or gold is None:
        return quote.speaker is gold
    if _unarticled(quote.speaker) == _unarticled(gold):
        return True  # "African-American" is "African American", "the US navy" is "US navy"
    p, g = _uninitialled(quote.speaker), _uninitialled(gold)
    if not p or not g or not (p[0][0].isupper() and g[0][0].isupper()):
        return False
    if [_expanded(w) for w in p] == [_expanded(w) for w in g]:
        return True  # "Pope Francis" is "Francis", "Tokyo Electric Power Co" the "… Company"
    if _acronym(p, g) or _acronym(g, p):
        return True  # "IAEA" is the "International Atomic Energy Authority"
    return len(p) == len(g) > 1 and names.same_person(" ".join(p), " ".join(g))


# Abbreviations in organisations' names, read as the word they stand for.
ABBREVIATIONS = {"co": "company", "corp": "corporation", "inc": "incorporated", "ltd": "limited", "intl": "international"}


def _uninitialled(name: str) -> list[str]:
    """A name's words, titles and middle initials aside ("Dolphus T. Shields" is "Dolphus Shields")."""
    words = names.name_words(name)
    return [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and len(names.word_key(w)) == 1)]


def _expanded(word: str) -> str:
    key = names.word_key(word)
    return ABBREVIATIONS.get(key, key)


def _acronym(short: list[str], long: list[str]) -> bool:
    """`short` is one capitalised word made of the initials of `long`'s capitalised words."""
    initials = "".join(w[0] for w in long if w[:1].isupper())
    return len(short) == 1 and len(long) > 1 and short[0].isupper() and len(short[0]) > 1 and short[0] == initials
