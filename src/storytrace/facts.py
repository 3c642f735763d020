"""Facts: what the story's articles assert, aligned across articles, with independent support.

Sentences of all the story's articles are embedded once (sentence vectors only within a
story), centred on the story's mean (what all of them share is the topic, not a claim)
and grouped by meaning; two sentences that name the same specifics (an amount, a
count, a date, a rarely named person or place) lean together, weighted by how rare
those specifics are in the story. Two sentences of one article are kept apart unless
they are near copies: an article states a fact once, and its other sentences are other
facts. A group's support counts *independent* sources: the story's independent groups
(lineage) among its articles, so five rewrites of one report count once. Sources that
state the same fact with different values (an amount, a percentage, a count, a date),
or the same value for different things ("50% of revenue" against "50% ownership of the
minerals"), make the fact contested.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .extract.quotemarks import quoted_spans
from .model import Article, DateMention, Entity, Fact, Quantity, Story, Support
from .nlp import embed_known, split_sentences

SAME_FACT = 0.32  # similarity (centred cosine + shared specifics) at which two sentences state one fact
SPECIFICS_WEIGHT = 0.15  # similarity added per shared specific, scaled by its rarity
SPECIFICS_CAP = 0.2  # shared specifics add at most this much
ALSO_STATES = 0.45  # ... at which a sentence given to another fact supports this one too
NEAR_COPY = 0.9  # cosine at which two sentences of one article are the same sentence again
# The verifier (tuned on the four dev stories of evaluate/labels/facts_labelled.json, pair by pair):
# a sentence of another article supports a statement when its meaning is close (plain MiniLM
# cosine) and it shares the statement's distinctive words (idf within the story), or when its
# meaning is very close. On dev it raised citation precision 0.36 → 0.64 keeping 74% of right pairs.
VERIFY_COSINE = 0.575
VERIFY_OVERLAP = 0.15
VERIFY_CLOSE = 0.70
# ... and it must carry at least this share of the statement's distinctive words: a sentence
# stating one part of a long statement ("Bessent presented the proposal in Kyiv" against "…
# Bessent faced an intense backlash after presenting an agreement that offered …") does not
# state its claim (dev: citation precision 0.646 -> 0.667, 9 fewer pairs, 5 of them wrong).
VERIFY_COVERAGE = 0.1
VERIFY_WITH_VALUE = 0.5  # ... or it states the same amount or date and its meaning is related (dev: +6 right, +1 wrong)
MIN_WORDS = 6
MAX_FACTS = 60
TALLY = 3  # values of one kind in one sentence that make it a list of several things, not one claim
MIN_COUNT = 10  # smaller counts ("two sources", "three people") are attribution, not facts
CHECKED_KINDS = ("money", "percent", "count")
STOPWORDS = frozenset("the a an of to in on for from and or by with at as including".split())
TERMINAL = (".", "!", "?", "”", '"', "’", "'", ")")


def candidate_sentences(articles: list[Article]) -> list[Support]:
    """Sentences that can carry a fact: finished sentences (no headings), long enough, not mostly a quotation."""
    out = []
    for a in articles:
        for sentence in split_sentences(a.text):
            words = sentence.split()
            if len(words) < MIN_WORDS or not sentence.endswith(TERMINAL) or sentence.endswith("?"):
                continue
            quoted = sum(len(sentence[start:end].split()) for start, end in quoted_spans(sentence, paragraph=False))
            if quoted > 0.6 * len(words):
                continue
            out.append(Support(a.id, sentence))
    return out


def checked(q: Quantity) -> bool:
    """Quantities that a fact can be checked on: money, percentages, counts that are not small."""
    return q.kind in CHECKED_KINDS and (q.kind != "count" or q.value >= MIN_COUNT)


def numbers_by_sentence(story: Story) -> dict[tuple[str, str], list[Quantity]]:
    found = defaultdict(list)
    for q in story.quantities:
        if checked(q):
            found[(q.article, q.sentence)].append(q)
    return found


def dates_by_sentence(story: Story) -> dict[tuple[str, str], list[DateMention]]:
    found = defaultdict(list)
    for d in story.dates:
        found[(d.article, d.sentence)].append(d)
    return found


def entity_patterns(entities: list[Entity]) -> list[tuple[str, frozenset[str] | None, re.Pattern]]:
    """Per entity: its name, the first words of its forms (a sentence without any of them
    cannot match, a cheap test before the pattern; None when a form starts with no word) and
    the pattern of its forms."""
    out = []
    for e in entities:
        forms = sorted({e.name, *e.aliases}, key=len, reverse=True)
        firsts = [re.match(r"\w+", f) for f in forms]
        starts = frozenset(m.group() for m in firsts if m) if all(firsts) else None
        out.append((e.name, starts, re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")))
    return out


def specifics(sentences: list[Support], story: Story) -> list[set[tuple]]:
    """What each sentence names that can be checked: values, dates, entities (as keys)."""
    numbers = numbers_by_sentence(story)
    dates = dates_by_sentence(story)
    patterns = entity_patterns(story.entities)
    out = []
    for s in sentences:
        keys: set[tuple] = {("number", q.kind, round(q.value, 6)) for q in numbers.get((s.article, s.sentence), [])}
        keys |= {("date", d.value or d.text.lower()) for d in dates.get((s.article, s.sentence), [])}
        words = set(re.findall(r"\w+", s.sentence))
        keys |= {("entity", name) for name, starts, pattern in patterns
                 if (starts is None or not starts.isdisjoint(words)) and pattern.search(s.sentence)}
        out.append(keys)
    return out


def shared_specifics(keys: list[set[tuple]]) -> np.ndarray:
    """Similarity bonus per sentence pair: shared specifics, each weighted by its rarity (idf)."""
    n = len(keys)
    df = Counter(k for ks in keys for k in ks)
    weight = {k: math.log(n / c) / math.log(n) if n > 1 else 0.0 for k, c in df.items()}
    bonus = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            shared = keys[i] & keys[j]
            if shared:
                bonus[i, j] = bonus[j, i] = min(SPECIFICS_CAP, SPECIFICS_WEIGHT * sum(weight[k] for k in shared))
    return bonus


def centred(vectors: np.ndarray) -> np.ndarray:
    """Sentence vectors less the story's mean, renormalised: every sentence of a story shares
    its topic, which makes any two look alike; what is left tells one claim from another."""
    if len(vectors) < 3:
        return vectors
    rest = vectors - vectors.mean(axis=0)
    return rest / np.maximum(np.linalg.norm(rest, axis=1, keepdims=True), 1e-9)


def combined_similarity(vectors: np.ndarray, bonus: np.ndarray, articles: list[str]) -> np.ndarray:
    """Cosine plus shared specifics; -1 between two sentences of one article unless near copies."""
    similarity = vectors @ vectors.T
    same_article = np.array([[a == b for b in articles] for a in articles])
    return np.where(same_article & (similarity < NEAR_COPY), -1.0, similarity + bonus)


def group_sentences(combined: np.ndarray) -> np.ndarray:
    """Cluster labels: average-linkage clusters on the combined similarity."""
    if len(combined) == 1:
        return np.zeros(1, dtype=int)
    distance = np.clip(1.0 - combined, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    clustering = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - SAME_FACT
    )
    return clustering.fit_predict(distance)


def also_stating(members: list[int], combined: np.ndarray, owners: list[str]) -> list[int]:
    """Sentences of the other articles that state this fact too, though clustered with another.

    A sentence often states two facts ("Bessent presented the draft in Kyiv on Wednesday,
    and Zelensky declined to sign it"); clustering gives it to one. Here it also supports
    each other fact it is as close to as a member would be: per article, its closest
    sentence when its average similarity to the fact's sentences reaches ALSO_STATES
    (stricter than SAME_FACT: the sentence is already another fact's).
    """
    cited = {owners[i] for i in members}
    closeness = combined[:, members].mean(axis=1)
    best: dict[str, int] = {}
    for i in np.argsort(-closeness):
        if closeness[i] < ALSO_STATES:
            break
        if owners[i] not in cited:
            best.setdefault(owners[i], int(i))
    return list(best.values())


def described(q: Quantity, case: bool = False) -> str:
    """The few words after a number: what it is a number of ("of revenue", "stake in
    Ukraine’s critical minerals"), not ending on a function word ("of rights to the")."""
    after = re.split(r"[,;:.(]", q.sentence.split(q.text, 1)[-1] + ".", maxsplit=1)[0]
    words = re.findall(r"[A-Za-z’']+", after)[:6]
    if words and words[0].lower() in ("and", "or", "but", "while"):
        return ""  # "27 per cent and 71 seats": the next item, nothing said of this number
    while words and words[-1].lower() in STOPWORDS:
        words.pop()
    text = " ".join(words)
    return text if case else text.lower()


def disagree(stated: dict[str, set]) -> bool:
    """Sources disagree when one gives only values the other does not: a sentence that
    names two amounts (asked for and received) disagrees with nobody that names one."""
    return any(not (stated[a] & stated[b]) for a in stated for b in stated if a < b)


def value_conflicts(kind: str, values: dict, text_of) -> list[dict]:
    stated: dict[str, set] = defaultdict(set)  # article → the values it gives
    for v, items in values.items():
        for item in items:
            stated[item.article].add(v)
    if len(values) < 2 or not disagree(stated):
        return []
    return [{"kind": kind, "values": [
        {"value": v, "text": text_of(items[0]), "articles": sorted({i.article for i in items})}
        for v, items in sorted(values.items())]}]


def detail_conflicts(kind: str, value: float, qs: list[Quantity]) -> list[dict]:
    """One value stated of different things by different articles ("50% of revenue", "50% stake")."""
    details: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}  # detail → how the first article to state it wrote it
    for q in qs:
        if detail := described(q):
            details[detail].add(q.article)
            shown.setdefault(detail, f"{q.text} {described(q, case=True)}")
    heads = {d.split()[0] for d in details}
    if len(details) < 2 or len(heads) < 2 or len({a for arts in details.values() for a in arts}) < 2:
        return []
    return [{"kind": f"{kind} detail", "values": [
        {"value": value, "text": shown[d], "articles": sorted(arts)} for d, arts in sorted(details.items())]}]


def conflicts_in(support: list[Support], numbers: dict[tuple[str, str], list[Quantity]],
                 dates: dict[tuple[str, str], list[DateMention]] | None = None) -> list[dict]:
    """Disagreements among the supporting sentences: different values of one kind, or one value for different things."""
    by_kind: dict[str, dict[float, list[Quantity]]] = defaultdict(lambda: defaultdict(list))
    for s in support:
        stated = numbers.get((s.article, s.sentence), [])
        kinds = Counter(q.kind for q in stated)
        for q in stated:
            if kinds[q.kind] < TALLY:  # a tally ("29.7%, Syriza 26.9% and Pasok 12.3%") lists many things
                by_kind[q.kind][round(q.value, 6)].append(q)
    conflicts = []
    for kind, values in by_kind.items():
        found = value_conflicts(kind, values, lambda q: q.text)
        if not found and kind != "count":
            found = [c for v, qs in values.items() for c in detail_conflicts(kind, v, qs)]
        conflicts += found
    resolved: dict[str, list[DateMention]] = defaultdict(list)
    for s in support:
        for d in (dates or {}).get((s.article, s.sentence), []):
            if d.value and not d.relative:
                resolved[d.value].append(d)
    return conflicts + value_conflicts("date", resolved, lambda d: d.text)


def content_words(sentence: str) -> set[str]:
    """A sentence's words that carry its claim: lower-cased, no stop words, plural s dropped."""
    words = set()
    for w in re.findall(r"[a-z0-9][a-z0-9’'\-]*", sentence.lower()):
        w = re.sub(r"[’']s$", "", w)
        if w in ENGLISH_STOP_WORDS or len(w) < 3:
            continue
        words.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return words


class Verifier:
    """Does a sentence state what a statement states? Its meaning must be close and it must
    share the statement's distinctive words (rare in the story: a shared subject, venue or
    name common to the whole story does not make two sentences one claim), or it must state
    the same amount or date with a related meaning."""

    def __init__(self, sentences: list[Support], raw: np.ndarray, keys: list[set[tuple]]):
        self.raw = raw
        # the checkable values each sentence states: amounts, counts, percentages, resolved dates
        self.values = [{k for k in ks if k[0] == "number" or k[0] == "date" and k[1][:1].isdigit()} for ks in keys]
        self.words = [content_words(s.sentence) for s in sentences]
        df = Counter(w for ws in self.words for w in ws)
        n = len(sentences)
        self.idf = {w: math.log((n + 1) / (c + 1)) for w, c in df.items()}

    def weight(self, words: set[str]) -> float:
        return sum(self.idf[w] for w in words)

    def states(self, statement: int, other: int) -> bool:
        cosine = float(self.raw[statement] @ self.raw[other])
        if cosine >= VERIFY_WITH_VALUE and self.values[statement] & self.values[other]:
            return True
        shared, own = self.weight(self.words[statement] & self.words[other]), self.weight(self.words[statement])
        if shared < VERIFY_COVERAGE * own:
            return False  # the same amount or date above needs no more; any other claim does
        if cosine >= VERIFY_CLOSE:
            return True
        # the overlap: shared distinctive words against the shorter sentence's
        return cosine >= VERIFY_COSINE and shared / max(1e-9, min(own, self.weight(self.words[other]))) >= VERIFY_OVERLAP

    def supports(self, statement: int, members: list[int], owners: list[str]) -> list[int]:
        """The statement first, then per other article its sentence that best states it, if any."""
        best: dict[str, int] = {}
        for i in sorted(members, key=lambda i: -float(self.raw[statement] @ self.raw[i])):
            if owners[i] != owners[statement] and owners[i] not in best and self.states(statement, i):
                best[owners[i]] = i
        return [statement, *best.values()]


def independent_count(articles: set[str], groups: list[list[str]]) -> int:
    if not groups:
        return len(articles)
    return sum(1 for g in groups if articles & set(g)) or len(articles)


def fact_id(statement: str) -> str:
    return hashlib.sha256(statement.encode("utf-8")).hexdigest()[:12]


def align_facts(story: Story, articles: list[Article], vectors: dict[str, np.ndarray] | None = None) -> list[Fact]:
    """The story's facts, most independently supported first. `vectors`: sentence vectors
    computed before (sentence → vector), filled in with the ones computed now.

    A fact that one article alone states is kept only when it names something checkable
    (a number or a date); any other sentence of one article is context, not a fact.
    """
    sentences = candidate_sentences(articles)
    if not sentences:
        return []
    numbers = numbers_by_sentence(story)
    dates = dates_by_sentence(story)
    keys = specifics(sentences, story)
    # Embedded article by article: a sentence's vector then depends on its own article
    # alone (a batch's make-up moves vectors by rounding), so a story analysed again when
    # articles join it, from vectors kept, comes out as analysing it whole would.
    known = {} if vectors is None else vectors
    for article in articles:
        embed_known([s.sentence for s in sentences if s.article == article.id], known)
    raw = np.stack([known[s.sentence] for s in sentences])
    vectors = centred(raw)
    owners = [s.article for s in sentences]
    combined = combined_similarity(vectors, shared_specifics(keys), owners)
    labels = group_sentences(combined)
    verifier = Verifier(sentences, raw, keys)
    facts, stated = [], set()
    for label in sorted(set(labels)):
        members = list(np.flatnonzero(labels == label))
        members += also_stating(members, combined, owners)
        if len({owners[i] for i in members}) < 2 and not any(
                (sentences[i].article, sentences[i].sentence) in numbers or (sentences[i].article, sentences[i].sentence) in dates
                for i in members):
            continue
        centre = vectors[members].mean(axis=0)
        first = members[int(np.argmax(vectors[members] @ centre))]
        statement = sentences[first].sentence
        if statement in stated:
            continue  # the same sentence (a copy's) already states a fact
        stated.add(statement)
        # Grouping proposes; the verifier decides which other articles state the claim.
        support = [sentences[i] for i in verifier.supports(first, members, owners)]
        cited = {s.article for s in support}
        conflicts = conflicts_in(support, numbers, dates)
        sources = independent_count(cited, story.independent_groups)
        # Contested: incompatible values. One value said of things worded differently ("50%
        # stake", "50 percent of rights") is a discrepancy to check, shown, not a contest.
        contest = any(not c["kind"].endswith(" detail") for c in conflicts)
        status = "contested" if contest else ("corroborated" if sources >= 2 else "single-source")
        facts.append(Fact(fact_id(statement), statement, support, sources, status, conflicts))
    facts.sort(key=lambda f: (-f.independent_sources, -len(f.support), f.statement))
    return facts[:MAX_FACTS]
