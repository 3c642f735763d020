"""The story's people and organisations, looked up by a name as one article writes it.

Articles write the same person many ways ("Najib", "Mr Najib", "Najib Razak"), and a
surname alone may fit several; quotes and their speakers both need the one canonical
entity meant, so the lookup is kept in one place.
"""

from __future__ import annotations

import re

from ..model import Entity
from . import names


class People:
    """Resolves a name as written to the story's canonical entity name."""

    def __init__(self, entities: list[Entity]):
        self.by_key: dict[str, Entity] = {}
        for entity in entities:
            for form in [entity.name, *entity.aliases]:
                self.by_key.setdefault(names.normal_key(form), entity)
        self.persons = [e for e in entities if e.type == "PERSON"]
        self.orgs = [e for e in entities if e.type == "ORG"]
        # each person's written forms as name words, and those words' surname keys: looked up
        # for every name of every article, so worked out once
        self.forms = [[(full, [names.surname_key(w) for w in full])
                       for full in (names.name_words(form) for form in [person.name, *person.aliases]) if full]
                      for person in self.persons]

    def candidates(self, words: list[str]) -> list[Entity]:
        """PERSON entities a (title-stripped) name can mean, most mentioned first."""
        found = []
        keys = [names.surname_key(w) for w in words]
        for person, forms in zip(self.persons, self.forms):
            for full, full_keys in forms:
                if not names.similar_words(words[-1], full[-1]):
                    continue
                tail = keys[-len(full):] == full_keys
                if len(words) == 1 or len(full) == 1 or tail or names.first_names_compatible(words[0], full[0]):
                    found.append(person)
                    break
        return found

    def resolve(
        self, text: str, recent: list[str], sex: str | None = None, sexes: dict[str, str] | None = None, written: str = ""
    ) -> Entity | None:
        """The entity meant. An ambiguous surname goes to the one person of that name the
        article (`written`) has named in full, unless it writes the given name of the person
        the story's entities gave the surname to (the one most written of); else to that
        person, else to the person named most recently; among those of the `sex` an
        honorific gives ("Mr Obama" is not Michelle Obama)."""
        words = names.name_words(names.clean_surface(text))
        if not words:
            return None
        entity = self.by_key.get(names.normal_key(text)) or self.by_key.get(names.normal_key(" ".join(words)))
        if len(words) > 1 and entity is not None:
            return entity  # "Mohamed Abdeslam" is himself, not whoever else "Abdeslam" may mean
        candidates = self.candidates(words)
        if sex is not None and sexes and len(candidates) > 1:
            fitting = [c for c in candidates if sexes.get(c.name, sex) == sex]
            if fitting and len(fitting) < len(candidates):
                candidates = fitting
                entity = entity if entity in fitting else None  # "Obama", an alias of Michelle Obama
        # In an article that names only Michelle Obama, "Obama said" is her, however much
        # the story's other articles write of her husband; but "Barack Obama's wife
        # Michelle … Mrs Obama" still means her, the surname's owner.
        named_here = [c for c in candidates if c.name in recent]
        if len(candidates) > 1 and len(named_here) == 1 and not _given_name_written(entity, written):
            return named_here[0]
        if len(candidates) > 1 and entity is None:
            for name in reversed(recent):
                chosen = next((c for c in candidates if c.name == name), None)
                if chosen:
                    return chosen
        return entity or (candidates[0] if candidates else None)


def _given_name_written(entity: Entity | None, written: str) -> bool:
    """The article writes a name of `entity` other than its surname ("Barack" of Barack Obama)."""
    return entity is not None and any(re.search(rf"\b{re.escape(w)}\b", written) for w in names.name_words(entity.name)[:-1])
