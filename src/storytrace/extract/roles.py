"""People named with a role ("Malaysian PM Najib Razak"), for "the Malaysian PM" to refer back to.

News names a person once with a title or role and then uses the role alone as the
speaker; the roles are collected once per article, apart from the attribution that looks
them up (and that also completes a given name from them).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import DEP, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token

from . import names
from .people import People


@dataclass
class Holder:
    """A person the article names with a role ("Malaysian PM Najib Razak", "journalists Etienne Huver")."""

    paragraph: int
    token: int
    role: frozenset[str]
    name: str


class RoleHolders:
    """The people one article names with a role, in order, and who a role written alone means."""

    def __init__(self, docs: list[Doc], quoted: dict[int, set[int]], people: People):
        self.quoted = quoted  # tokens inside quotation marks, per paragraph
        self.people = people
        self.holders = [h for i, doc in enumerate(docs) for h in self._holders(i, doc)]

    def _holders(self, index: int, doc: Doc) -> list[Holder]:
        """People named with a role: a title before the name ("Malaysian PM Najib Razak")
        or a role noun in apposition ("journalists Etienne Huver", "Hamidi, the mayor"),
        as the article names them (not inside someone's quoted words)."""
        found = []
        quoted = self.quoted[id(doc)]
        pos, dep = doc.to_array([POS, DEP]).T if len(doc) else ((), ())
        compound = doc.vocab.strings["compound"]
        # only proper nouns heading their name are made into spaCy tokens (making one of every word is slow)
        for head in (doc[i] for i in range(len(doc)) if pos[i] == PROPN and dep[i] != compound):
            if not head.is_title or head.i in quoted:
                continue
            chain = [head]
            while chain[0].i > 0 and doc[chain[0].i - 1].dep_ in ("compound", "amod", "nmod") and doc[chain[0].i - 1].head.i > chain[0].i - 1:
                chain.insert(0, doc[chain[0].i - 1])
            cut = len(chain)
            while cut > 0 and chain[cut - 1].pos_ == "PROPN" and names.word_key(chain[cut - 1].text) not in names.TITLE_WORDS:
                cut -= 1
            role = [t.lemma_ for t in chain[:cut]]
            nouns = [head.head] if head.dep_ == "appos" else [c for c in head.children if c.dep_ == "appos"]
            for noun in nouns:
                if noun.pos_ == "NOUN":
                    role += [t.lemma_ for t in noun.lefts if t.dep_ in ("amod", "compound")] + [noun.lemma_]
            if role and cut < len(chain):
                name_text = " ".join(t.text for t in chain[cut:])
                entity = self.people.resolve(name_text, [])
                name = entity.name if entity is not None else name_text
                found.append(Holder(index, head.i, frozenset(names.title_words(role)), name))
        return found

    def holder(self, index: int, token: Token) -> str | None:
        """"the Malaysian PM", "said the journalist": the person last named with that role."""
        if token.pos_ != "NOUN" or not any(c.lower_ == "the" for c in token.children):
            return None
        words = [t.text for t in token.lefts if t.dep_ in ("amod", "compound")] + [token.lemma_]
        words = [w for w in names.title_words(words) if w not in names.ROLE_NOISE]
        if not words:
            return None
        before = [h for h in self.holders if (h.paragraph, h.token) < (index, token.i)]
        found = next((h.name for h in reversed(before) if names.role_matches(words, h.role)), None)
        if found is not None:
            return found
        if words[-1] == "leader":  # "the Malaysian leader": the one head of government named so
            heads = {h.name for h in before if names.is_head_office(h.role) and set(words[:-1]) <= h.role}
            if len(heads) == 1:
                return heads.pop()
        # A nationality the role was not named with ("the Malaysian prime minister" after
        # "Prime Minister Najib Razak") still fits when just one person held that office.
        places = {names.word_key(t.text) for t in token.lefts if t.ent_type_ in ("NORP", "GPE")}
        office = [w for w in words if w not in places]
        holders = {h.name for h in before if office != words and set(office) == h.role - names.ROLE_NOISE}
        return holders.pop() if len(holders) == 1 else None
