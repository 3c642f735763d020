"""Who the names in one article stand for: the story's person a mention means, a short
name completed to the full one the article gives, and each person's sex.

Attribution asks these questions of every subject, pronoun and role it follows; they are
about the article's naming, not about speech, so they live apart from `speakers`.
"""

from __future__ import annotations

from collections import Counter

from spacy.attrs import DEP, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from ..model import Entity
from . import names
from .docs import paragraph_text
from .given_names import is_given_name, sex_of_given_name
from .people import People
from .roles import RoleHolders
from .speech import is_speech_verb

PRONOUN_SEX = {"he": "m", "she": "f"}
# Entity labels that are never a person's name, however the name is used.
NON_PERSONS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"})
# Dependencies of a pronoun that is an object, which refers to someone other than the subject.
OBJECTS = frozenset({"dobj", "pobj", "dative", "iobj"})
# How many of the article's own he/she cues a given name's usual sex weighs.
GIVEN_NAME_VOTES = 2


class Mentions:
    """The people one article names: full names as written, who was named last, each one's sex."""

    def __init__(self, docs: list[Doc], people: People, quoted: dict[int, set[int]], roles: RoleHolders):
        self.docs = docs
        self.people = people
        self.quoted = quoted  # tokens inside quotation marks, per paragraph
        self.roles = roles
        self.recent: list[str] = []  # canonical persons named so far, in order
        # Full names as written, whether or not spaCy tagged them, for a later surname alone.
        self.full_names = [name for doc in docs for name in _compound_names(doc)]
        self.text = "\n".join(paragraph_text(doc) for doc in docs)
        # Each person's sex: given names' first, so that "Mrs. Obama" can be told from her
        # husband while the article's own cues are read, then the article's.
        self.sex: dict[str, str] = self._given_name_sexes()
        self.sex = self._sexes(self.sex)

    def resolve(self, text: str, sex: str | None = None) -> Entity | None:
        """The story's entity a name as written in this article means."""
        return self.people.resolve(text, self.recent, sex, self.sex, self.text)

    def remember(self, doc: Doc) -> None:
        """Note the people a paragraph names in full, for a later surname alone."""
        for ent in doc.ents:
            if len(names.name_words(names.clean_surface(ent.text))) > 1:
                entity = self.resolve(ent.text)
                if entity is not None and entity.type == "PERSON":
                    self.recent.append(entity.name)

    def person(self, text: str, sex: str | None = None) -> Entity | None:
        """The story's person a name as written means (of `sex`, where several share it)."""
        entity = self.resolve(text, sex)
        return entity if entity is not None and entity.type == "PERSON" else None

    def named(self, token: Token, sex: str | None = None) -> str | None:
        """The person a subject names: a (clipped) PERSON mention, or a full name spaCy missed;
        for a role, the name in apposition ("Malaysia Airlines Chairman Mohammed Nor Yusof").
        `sex` picks among people who share a surname ("Obama … for herself")."""
        token = titled(token) or token
        for child in token.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return self.named(child, sex)
            if child.dep_ == "appos" and token.pos_ == "NOUN" and child.pos_ == "PROPN" and child.is_title and not child.ent_type_:
                return self.complete(self.proper_name(child))  # "Another spectator, Fahmi,"
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                clipped = clip(ent, token)
                if sex is not None and honorific_sex(clipped) not in (None, sex):
                    return None  # "Mrs. Obama spent hours with Professor Bressler. “…,” he said"
                entity = self.person(clipped.text, sex)
                if entity is not None:
                    return self.complete(entity.name)
                completed = self.complete(names.clean_surface(clipped.text))
                known = self.people.by_key.get(names.normal_key(completed))
                # "Edelman", tagged a nationality (not "Ukraine", the end of an organisation's name)
                if " " in completed and " " not in clipped.text and (known is None or known.type == "PERSON"):
                    return completed
                # A full name after an owner ("The New Republic’s Jason Zengerle"), or one spaCy took
                # for a product or work that speaks ("Lars-Christer Olsson told"): products don't.
                misread = is_speech_verb(token.head) and ent.label_ not in NON_PERSONS
                full = (clipped.start > ent.start or misread) and len(clipped) > 1 and all(t.is_title or t.is_punct for t in clipped)
                return names.clean_surface(clipped.text) if full else None
        if token.pos_ == "PROPN" and token.is_title:
            name = self.proper_name(token)
            entity = self.person(name)
            return entity.name if entity is not None else name if len(name.split()) > 1 else None
        return None

    def proper_name(self, token: Token) -> str:
        """A name spaCy did not tag: its title-cased words, without the title or the owner."""
        doc = token.doc
        start = token.left_edge.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1  # a misparse that cut the name ("… Minister Xie | Hangsheng said")
        # (a capitalised word the tagger missed still belongs to the name: "Oh" of "Oh Ei Sun")
        words = [t for t in doc[start : token.i + 1] if t.pos_ == "PROPN" or t.dep_ == "compound" and t.is_title]
        if words and names.word_key(words[-1].text) in names.TITLE_WORDS:
            # "said Cmdr. | William Marks", "said Pentagon spokesman Navy Capt. | Jeff Davis":
            # the parser stopped at the title
            words = _name_after(token) or words
        owner = max((t.i for t in doc[start : token.i] if t.lower_ in ("’s", "'s")), default=-1)
        text = " ".join(t.text for t in words if t.i > owner)
        entity = self.resolve(text)
        if entity is not None:
            return entity.name
        if " " not in text:  # "Zengerle later adds": the full name it was introduced with
            text = next((n for n in reversed(self.full_names) if n.split()[-1] == text), text)
        return " ".join(names.split_title(names.clean_surface(text))[1])

    def complete(self, name: str) -> str:
        """A short name as the one fuller name the story gives it: "said Edelman" → Keith
        Edelman, "Mr Najib" → Najib Razak (named with a role), "Nour Mohammad" → Pouria
        Nour Mohammad, "the Journal" → Wall Street Journal (an organisation's last word)."""
        if not name[:1].isupper():
            return name
        words = name.split()
        known = self.people.by_key.get(names.normal_key(name))
        # An organisation's name completes to an organisation's ("the Transport Safety Bureau":
        # the Australian one), anyone else's to a person's.
        kind = self.people.orgs if known is not None and known.type == "ORG" else self.people.persons
        longer = {e.name for e in kind if e.name.split()[-len(words) :] == words and len(e.name.split()) > len(words)}
        if len(words) == 1:
            # The surname of anyone; a given name (or a surname written first) only of someone
            # named with a role ("PM Najib Razak", "Oh Ei Sun, a senior fellow").
            longer |= {h.name for h in self.roles.holders if " " in h.name and name in h.name.split()}
            longer |= {o.name for o in self.people.orgs if " " in o.name and o.name.split()[-1] == name}
            if not longer and is_given_name(name):  # "Michelle", "she says" → Michelle Obama
                longer = {e.name for e in self.people.persons if e.name.split()[0] == name and " " in e.name}
            if len(longer) > 1:
                longer = self._dominant(longer)
        return longer.pop() if len(longer) == 1 else name

    def _dominant(self, full_names: set[str]) -> set[str]:
        """Of several full names a short one may mean, the one the article writes at least
        twice as often as any other ("Michelle Obama", three times, beside "Michelle
        Robinson", once); none when no name stands out."""
        ranked = Counter({n: self.text.count(n) for n in full_names}).most_common(2)
        return {ranked[0][0]} if ranked[0][1] >= max(1, 2 * ranked[1][1]) else set()

    def _sexes(self, given: dict[str, str]) -> dict[str, str]:
        """Each named person's sex as the article itself gives it: honorifics and role
        nouns at the name ("Mr Najib", "his wife Michelle"), and he/she in sentences whose
        subject is that one person, with the usual sex of the given name as two votes. Used
        only to keep "she said" off a man and "he said" off a woman."""
        votes: dict[str, Counter] = {}
        for doc in self.docs:
            quoted = self.quoted[id(doc)]
            for sentence in doc.sents:
                persons = {}
                for ent in sentence.ents:
                    entity = self.person(ent.text, honorific_sex(ent)) if ent.label_ == "PERSON" else None
                    if entity is not None:
                        persons[entity.name] = ent
                if len(persons) != 1:
                    continue
                name, ent = next(iter(persons.items()))
                near = [doc[ent.start - 1]] if ent.start > 0 else []
                near += [t for t in ent.root.children if t.dep_ == "appos"] + ([ent.root.head] if ent.root.dep_ in ("appos", "compound") else [])
                cues = [names.sex_of(t.text) for t in near]
                if ent.root.dep_ in ("nsubj", "nsubjpass"):  # "Then she met Barack Obama" says nothing of him
                    # Not an object pronoun: "Barack loves her" says nothing of Barack.
                    cues += [
                        PRONOUN_SEX.get(t.lower_) or names.sex_of(t.text)
                        for t in sentence
                        if t.pos_ == "PRON" and t.i not in quoted and t.dep_ not in OBJECTS
                    ]
                votes.setdefault(name, Counter()).update(c for c in cues if c)
        for name, sex in given.items():  # the given names' usual sex, outvoted by the article
            votes.setdefault(name, Counter())[sex] += GIVEN_NAME_VOTES
        return {name: count.most_common(1)[0][0] for name, count in votes.items() if count}

    def _given_name_sexes(self) -> dict[str, str]:
        """The usual sex of each person's given name, where it is a clear one."""
        found = {}
        for person in self.people.persons:
            words = person.name.split()
            if len(words) > 1 and (sex := sex_of_given_name(words[0])):
                found[person.name] = sex
        return found


def titled(title: Token) -> Token | None:
    """The person a title joined to a second title stands for: "Australian Transport Minister
    and Deputy Prime Minister Warren Truss said" parses with "Minister" as the subject."""
    if title.pos_ != "PROPN" or title.ent_type_ or names.word_key(title.text) not in names.TITLE_WORDS:
        return None
    return next((c for c in title.conjuncts if c.ent_type_ == "PERSON"), None)


def _name_after(title: Token) -> list[Token]:
    """The title-cased proper nouns right after a title (past its abbreviation point)."""
    found: list[Token] = []
    for t in title.doc[title.i + 1 :]:
        if t.text == "." and not found:
            continue
        if not (t.pos_ == "PROPN" and t.is_title):
            break
        found.append(t)
    return found or [title]


def honorific_sex(name: Span) -> str | None:
    """The sex a "Mr", "Mrs" or "Ms" written before or at the start of a name gives."""
    title = name[0] if names.word_key(name[0].text) in names.TITLE_WORDS else name.doc[name.start - 1] if name.start else None
    return names.sex_of(title.text) if title is not None else None


def clip(ent: Span, token: Token) -> Span:
    """The part of a mention that holds `token`: "The New Republic’s Jason Zengerle" → the
    name after the owner, "Michelle Obama: Malia" → the name after the colon."""
    start, end = ent.start, ent.end
    for t in ent:
        if t.lower_ in ("’s", "'s", ":") and t.i < token.i:
            start = t.i + 1
        elif t.text == ":" and t.i > token.i:
            end = min(end, t.i)
    return ent.doc[start:end] if start < end else ent


def _compound_names(doc: Doc) -> list[str]:
    """"Given Surname" pairs: a proper noun heading the proper noun before it (spaCy's
    `compound`). Read from the parse's arrays: making a Token of every word is slow."""
    if len(doc) < 2:
        return []
    pos, dep = doc.to_array([POS, DEP]).T
    compound = doc.vocab.strings["compound"]
    return [f"{doc[i - 1].text} {doc[i].text}" for i in range(1, len(doc))
            if pos[i] == PROPN and dep[i] != compound and dep[i - 1] == compound and pos[i - 1] == PROPN]
