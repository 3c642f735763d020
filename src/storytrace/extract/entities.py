"""People, organisations, places and events of one story, one record per real thing.

spaCy finds the mentions; this module merges them across the story's articles, which
spaCy does not do: full names with spelling variants between outlets, surname-only
mentions, titles written into names, acronyms ("US" / "United States") and role
descriptions ("the Ukrainian president") that the story ties to a named person.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..model import Article, Entity
from . import names
from .docs import paragraph_text, parse_articles
from .given_names import sex_of_given_name

# Numbers, dates and amounts are the numbers stage's business.
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})


# Labels spaCy's small model gives a lone surname now and then ("said Edelman": NORP).
MISREAD_SURNAMES = frozenset({"NORP", "PRODUCT", "WORK_OF_ART"})

# Words before a name that make it a place: "in Kyiv", "near Donetsk", "a visit to Kyiv".
PLACE_PREPOSITIONS = frozenset({"in", "near", "across", "throughout", "outside", "inside"})
TRAVEL_WORDS = frozenset({"visit", "trip", "travel", "journey", "flight", "return", "go", "fly", "arrive", "come"})
# Lower-case words of persons' names ("Ursula von der Leyen", "Osama bin Laden").
NAME_PARTICLES = frozenset("de da das dos du del della der den van von ter bin bint ibn al el la le y st".split())
# "Barack Obama's wife Michelle": a given name in apposition to a spouse of a named person.
SPOUSES = {"wife": "f", "husband": "m"}


@dataclass
class _Mention:
    surface: str  # cleaned, titles kept
    label: str
    article: str
    order: int
    role: tuple[str, ...] = ()
    headline: bool = False  # found in a headline-case line
    spouse: tuple[str, str] | None = None  # (the named spouse's surname, this one's sex)


@dataclass
class _Cluster:
    label: str
    surfaces: Counter = field(default_factory=Counter)  # name form → mentions
    first_seen: dict[str, int] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    roles: set[tuple[str, ...]] = field(default_factory=set)
    descriptions: Counter = field(default_factory=Counter)  # "the Ukrainian president" → mentions

    def add(self, form: str, mention: _Mention) -> None:
        self.surfaces[form] += 1
        self.first_seen.setdefault(form, mention.order)
        self.articles.add(mention.article)
        if mention.role:
            self.roles.add(mention.role)

    @property
    def mentions(self) -> int:
        return sum(self.surfaces.values()) + sum(self.descriptions.values())

    @property
    def first(self) -> int:
        return min(self.first_seen.values())

    def canonical(self) -> str:
        """The most frequent multi-word form (ties: first seen), else the most frequent form."""
        forms = [f for f in self.surfaces if len(f.split()) > 1] or list(self.surfaces)
        return min(forms, key=lambda f: (-self.surfaces[f], self.first_seen[f]))


def find_entities(articles: list[Article], docs: dict[str, list[Doc]] | None = None) -> list[Entity]:
    """The named things of one story, merged across its articles, most mentioned first.

    `docs`: the articles' paragraphs already parsed (`parse_articles`), to parse them once
    for entities and quotes."""
    docs = docs if docs is not None else parse_articles(articles)
    parsed = [(a.id, docs[a.id]) for a in articles]
    mentions = _mentions(parsed)
    labels: dict[str, Counter] = {}  # normalised form → labels ("PayPal" and "Paypal" are one name)
    for m in mentions:
        labels.setdefault(names.normal_key(m.surface), Counter())[m.label] += 1
    people = _people(mentions, labels)
    others = _others([m for m in mentions if m.surface not in people.claimed], labels)
    _link_roles(people.clusters, parsed)
    clusters = people.clusters + others
    clusters.sort(key=lambda c: (-c.mentions, c.first))
    return [
        Entity(
            name=(name := c.canonical()),
            type=c.label,
            aliases=sorted((set(c.surfaces) | set(c.descriptions)) - {name}),
            articles=sorted(c.articles),
        )
        for c in clusters
    ]


def _mentions(parsed: list[tuple[str, list[Doc]]]) -> list[_Mention]:
    """Kept mentions in text order. A mention with an owner inside ("Zelensky’s Fiery
    Response", "The New Republic’s Jason Zengerle") is split: the owner is a named thing,
    and the rest is a person too when the story names that person alone elsewhere."""
    found: list[_Mention] = []
    owned: list[_Mention] = []
    for article_id, docs in parsed:
        for doc in docs:
            headline = None  # whether the paragraph is a headline: asked once, if a mention needs it
            for ent in doc.ents:
                owner = next((t.i for t in ent[:-1] if t.lower_ in ("’s", "'s")), None)
                parts = [Span(doc, ent.start, owner, label=ent.label_), ent[owner - ent.start + 1 :]] if owner else [ent]
                for n, part in enumerate(parts):
                    surface = names.clean_surface(part.text)
                    if ent.label_ not in KEPT_LABELS or not _looks_like_name(surface):
                        continue
                    if n == 1:
                        owned.append(_Mention(surface, "PERSON", article_id, len(found) + len(owned), _role(part)))
                        continue
                    label = "GPE" if _place_context(part) else ent.label_
                    if label == "PERSON" and any(c.isdigit() for c in surface):
                        label = "PRODUCT"  # "Galaxy S5", "Boeing 777"
                    elif label == "PERSON" and not _person_like(surface):
                        continue  # "Bataclan hall", common words spaCy took for a name
                    role = _role(part) if label == "PERSON" else ()
                    mention = _Mention(surface, label, article_id, len(found) + len(owned), role)
                    headline = _headline_case(doc) if headline is None else headline
                    mention.headline = headline
                    mention.spouse = _spouse(part) if label == "PERSON" else None
                    found.append(mention)
    alone = Counter(m.surface for m in found if m.label == "PERSON" and len(m.surface.split()) == 1)
    found += [m for m in owned if len(m.surface.split()) > 1 and alone[m.surface.split()[-1]] * 2 > 1]
    _trim_headline_words(found)
    _married_names(found)
    _places_stay_places(found)
    return sorted(found, key=lambda m: m.order)


def _spouse(ent: Span) -> tuple[str, str] | None:
    """(surname, sex) for a lone given name written as a named person's spouse
    ("President Barack Obama's wife Michelle" → ("Obama", "f"))."""
    head = ent.root.head
    if len(ent) != 1 or ent.root.dep_ != "appos" or head.lower_ not in SPOUSES:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss" and c.ent_type_ == "PERSON"), None)
    owner_name = names.name_words(names.clean_surface(owner.doc[owner.left_edge.i : owner.i + 1].text)) if owner is not None else []
    return (owner_name[-1], SPOUSES[head.lower_]) if len(owner_name) > 1 else None


def _married_names(mentions: list[_Mention]) -> None:
    """A spouse's given name is a full name with the spouse's surname where the story
    itself writes that surname with an honorific of this one's sex ("Barack Obama's wife
    Michelle" and "Mrs Obama": Michelle Obama); without the honorific, nothing is assumed."""
    honorifics = {
        (names.word_key(words[-1]), sex)
        for m in mentions
        if m.label == "PERSON"
        for title, words in [names.split_title(m.surface)]
        if title and len(words) == 1
        for sex in [names.sex_of(title[-1])]
        if sex
    }
    for m in mentions:
        if m.spouse is not None and (names.word_key(m.spouse[0]), m.spouse[1]) in honorifics:
            m.surface = f"{m.surface} {m.spouse[0]}"


def _places_stay_places(mentions: list[_Mention]) -> None:
    """A name written as a place once ("arrival in Kyiv") is that place where it stands for
    its government too ("Kyiv was trying"), unless it is part of a person's full name."""
    placed = {m.surface for m in mentions if m.label == "GPE"}
    in_names = {w for m in mentions if m.label == "PERSON" and " " in m.surface for w in m.surface.split()}
    for m in mentions:
        if m.label == "PERSON" and m.surface in placed and m.surface not in in_names:
            m.label, m.role = "GPE", ()


def _place_context(ent: Span) -> bool:
    """ "in Kyiv", "a visit to Kyiv": a place whatever spaCy's small model labels it."""
    doc = ent.doc
    if ent.start == 0 or ent.end < len(doc) and doc[ent.end].lower_ in ("’s", "'s"):
        return False
    before = doc[ent.start - 1]
    if before.lower_ in PLACE_PREPOSITIONS:
        return True
    return before.lower_ == "to" and ent.start > 1 and doc[ent.start - 2].lemma_.lower() in TRAVEL_WORDS


def _headline_case(doc: Doc) -> bool:
    """Mostly capitalised words and no closing full stop: a headline, not a lead paragraph
    that names many people and places ("Michelle Obama spoke in Chicago on Monday. …")."""
    if paragraph_text(doc).rstrip().endswith("."):
        return False
    words = [t.text for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) * 4 > 3 * len(words)


def _trim_headline_words(mentions: list[_Mention]) -> None:
    """ "Zelenskiy Declines" in a headline is the name plus a capitalised verb: when the story
    names the same thing without the last word, the mention is that name."""
    known = {m.surface: m.label for m in mentions if not m.headline}
    for m in mentions:
        head, _, _ = m.surface.rpartition(" ")
        if m.headline and m.surface not in known and head in known:
            m.surface, m.label = head, known[head]


def _organisation_like(surface: str) -> bool:
    """"Manchester United", "Security Research Labs": a name ending in a word that names an
    organisation, whatever label spaCy gave it (a general lexicon of such words)."""
    return " " in surface and names.word_key(surface.split()[-1]) in names.ORGANISATION_WORDS


def _looks_like_name(surface: str) -> bool:
    """Filters spaCy noise: lowercase phrases, stray characters, clause fragments."""
    words = [w for w in surface.split() if any(c.isalpha() for c in w)]
    if len(surface) < 2 or len(surface) > 60 or not words or any(c in surface for c in ",:;\n|"):
        return False
    capitalised = sum(any(c.isupper() or c.isdigit() for c in w) for w in words)  # ("al-Assad", "iPhone")
    return capitalised * 2 > len(words) and not all(names.word_key(w) in names.TITLE_WORDS for w in words)


def _person_like(surface: str) -> bool:
    """A person's name has no lower-case word but the particles of names ("Ursula von der
    Leyen", "Bashar al-Assad", "Valéry Giscard d'Estaing"), titles and roles written before it aside."""
    words = names.name_words(surface)
    return all(any(c.isupper() for c in w) or not w[:1].isalpha() or w.lower() in NAME_PARTICLES for w in words)


def _role(ent: Span) -> tuple[str, ...]:
    """The title a person is introduced with ("Ukrainian President" Volodymyr Zelensky)."""
    title = names.split_title(names.clean_surface(ent.text))[0]
    before = []
    i = ent.start - 1
    while i >= ent.root.left_edge.i and ent.doc[i].pos_ in ("PROPN", "ADJ", "NOUN") and ent.doc[i].dep_ != "poss":
        before.insert(0, ent.doc[i].text)
        i -= 1
    words = [names.normal_key(w) for w in before + title]
    words = [w for w in words if w]
    return tuple(words) if words and words[-1] in names.TITLE_WORDS else ()


@dataclass
class _People:
    clusters: list[_Cluster]
    claimed: set[str]  # surfaces that became people


def _people(mentions: list[_Mention], labels: dict[str, Counter]) -> _People:
    """Full names first (they say who is who), then surname-only mentions join them."""
    clusters: list[_Cluster] = []
    members: list[list[str]] = []  # full-name forms per cluster
    claimed: set[str] = set()

    def is_person(surface: str) -> bool:
        counts = labels[names.normal_key(surface)]
        return counts["PERSON"] * 2 > sum(counts.values()) and not _organisation_like(surface)

    for m in mentions:
        words = names.name_words(m.surface)
        if len(words) < 2 or not is_person(m.surface):
            continue
        form = " ".join(words)
        for cluster, forms in zip(clusters, members):
            if any(names.same_person(form, f) for f in forms):
                break
        else:
            cluster, forms = _Cluster("PERSON"), []
            clusters.append(cluster)
            members.append(forms)
        if form not in forms:
            forms.append(form)
        cluster.add(form, m)
        claimed.add(m.surface)

    full = len(clusters)
    # "Amsa", a PERSON to spaCy, is the "Australian Maritime Safety Authority" the story names.
    acronyms = {a for m in mentions if m.label == "ORG" for a in [names.acronym(m.surface)] if len(a) > 2}
    for m in mentions:
        words = names.name_words(m.surface)
        if len(words) != 1 or names.normal_key(m.surface) in acronyms:
            continue
        word = words[0]
        by_surname = [c for c, forms in zip(clusters[:full], members) if names.similar_words(word, forms[0].split()[-1])]
        if m.label in MISREAD_SURNAMES:
            # "said Edelman" tagged a nationality or a product: a person's surname only when
            # the story has someone of exactly that surname ("Chinese" is nobody's).
            by_surname = [c for c, forms in zip(clusters[:full], members) if names.word_key(forms[0].split()[-1]) == names.word_key(word)]
            if not by_surname:
                continue
        by_first = [c for c, forms in zip(clusters[:full], members) if names.word_key(forms[0].split()[0]) == names.word_key(word)]
        honorific = names.split_title(m.surface)[0]
        sex = names.sex_of(honorific[-1]) if honorific else None
        if sex is not None and by_surname:
            # "Mrs Obama" is not Barack Obama: a full name of the other sex is someone else.
            by_surname = [c for c, forms in zip(clusters[:full], members) if c in by_surname and sex_of_given_name(forms[0].split()[0]) in (None, sex)]
            if not by_surname:
                _own_cluster(clusters, full, m)
                claimed.add(m.surface)
                continue
        if len(by_surname) > 1 and m.role:
            # "President Obama" is the Obama named with that role, not the most mentioned one.
            by_surname = [c for c in by_surname if any(set(m.role) <= set(r) for r in c.roles)] or by_surname
        if by_surname:
            target = max(by_surname, key=lambda c: c.mentions)  # ambiguous: the most mentioned
        elif len(by_first) == 1 and is_person(m.surface):
            target = by_first[0]
        elif is_person(m.surface):
            target = next((c for c in clusters[full:] if any(names.similar_words(word, f) for f in c.surfaces)), None)
            if target is None:
                target = _Cluster("PERSON")
                clusters.append(target)
        else:
            continue
        target.add(word, m)
        claimed.add(m.surface)
    return _People(clusters, claimed)


def _own_cluster(clusters: list[_Cluster], full: int, mention: _Mention) -> None:
    """A surname with an honorific that fits none of the full names ("Mrs Obama" beside
    Barack Obama alone): a person of their own, named as written."""
    target = next((c for c in clusters[full:] if mention.surface in c.surfaces), None)
    if target is None:
        target = _Cluster("PERSON")
        clusters.append(target)
    target.add(mention.surface, mention)


def _others(mentions: list[_Mention], labels: dict[str, Counter]) -> list[_Cluster]:
    """Places, organisations...: one per normalised form, acronyms joined to their long form."""
    groups: dict[str, _Cluster] = {}
    for m in mentions:
        key = names.normal_key(m.surface)
        if not key:
            continue
        label = labels[key].most_common(1)[0][0]
        cluster = groups.setdefault(key, _Cluster("ORG" if label == "PERSON" and _organisation_like(m.surface) else label))
        cluster.add(m.surface, m)
    for key, cluster in list(groups.items()):
        long_form = names.acronym(cluster.canonical())
        short = groups.get(long_form)
        if short is not None and short is not cluster and short.label in (cluster.label, "PERSON"):
            _absorb(cluster, short)
            del groups[long_form]
    # "CDC" for the "Chinese Center for Disease Control and Prevention": an acronym of part of
    # the name, when it fits one organisation of the story alone.
    for key, short in list(groups.items()):
        if not (short.canonical().isupper() and 3 <= len(key) <= 6 and key.isalpha()):
            continue
        longer = [c for k, c in groups.items() if c.label == "ORG" and k != key and key in names.acronym(c.canonical())]
        if len(longer) == 1:
            _absorb(longer[0], short)
            del groups[key]
    return list(groups.values())


def _absorb(cluster: _Cluster, short: _Cluster) -> None:
    """Add an acronym's mentions to the organisation it stands for."""
    for form, count in short.surfaces.items():
        cluster.surfaces[form] += count
        cluster.first_seen[form] = min(cluster.first_seen.get(form, 1 << 30), short.first_seen[form])
    cluster.articles |= short.articles


def _link_roles(people: list[_Cluster], parsed: list[tuple[str, list[Doc]]]) -> None:
    """Role descriptions ("the Ukrainian president") join the one person with that title.

    A description matches a title when its head noun is the title's last word and its
    other words all occur in the title; it is linked only when exactly one person of
    the story holds a matching title.
    """
    for article_id, docs in parsed:
        for doc in docs:
            for chunk in doc.noun_chunks:
                if chunk[0].lower_ != "the":
                    continue
                words = [names.normal_key(t.text) for t in chunk if t.pos_ not in ("DET", "PUNCT")]
                words = [w for w in words if w and w not in names.ROLE_NOISE]
                if (
                    not words
                    or words[-1] not in names.TITLE_WORDS
                    or any(t.ent_type_ == "PERSON" for t in chunk)
                    or chunk.end < len(doc) and doc[chunk.end].pos_ == "PROPN"
                ):
                    continue
                holders = [p for p in people if any(r[-1] == words[-1] and names.role_matches(words, r) for r in p.roles)]
                if len(holders) == 1:
                    holders[0].descriptions["the " + chunk[1:].text] += 1
                    holders[0].articles.add(article_id)
