"""Unnamed sources: "a senior Turkish official" as the article introduces it, and "the official" after.

News keeps many speakers unnamed and refers back to them by their noun alone; the speaker
is the description they were introduced with, so the introductions are collected once per
article, apart from the attribution that looks them up.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from . import names
from .speech import is_speech_verb

# Nouns for a written document that speaks, any of which may refer back to another ("a report" … "the document said").
DOCUMENTS = frozenset("report document study paper dossier memo memorandum filing statement letter analysis".split())
# Marks that end a description: what follows is an apposition or an aside.
BREAKS = frozenset({",", "—", "–", "(", ";", ":", '"', "“", "”"})
# Determiners that introduce someone not named ("a European official", "one witness").
INDEFINITE = frozenset({"a", "an", "one", "another"})


@dataclass
class Introduction:
    """An unnamed person (or thing) as the article introduces it: "a senior Turkish official"."""

    paragraph: int
    token: int
    head: str  # the noun's lemma
    description: str
    words: frozenset[str]
    person: bool  # a person noun or a nationality, not "a statement"
    plural: bool  # "two senior officials"
    sex: str | None  # what the noun says of it ("a young woman"), if anything


class Introductions:
    """The unnamed people and things of one article, in order, for "the official" to refer back to."""

    def __init__(self, docs: list[Doc], quoted: dict[int, set[int]]):
        self.docs = docs
        self.quoted = quoted  # tokens inside quotation marks, per paragraph
        self.introductions = self._introductions()

    def described_as(self, index: int, token: Token, words: list[Token]) -> str | None:
        """"the Turkish official": the description it was introduced with, the last
        "a senior Turkish official" before it; None for a phrase that refers back to nobody."""
        if words[0].lower_ != "the":
            return None
        said = {t.lower_ for t in words[1:-1]}
        before = [i for i in self.introductions if (i.paragraph, i.token) < (index, token.i)]
        same = [i for i in before if i.head == token.lemma_ and said <= i.words]
        if same:
            return same[-1].description
        if not said and token.lemma_.lower() in DOCUMENTS:  # "a report" then "the document said"
            papers = [i for i in before if i.head.lower() in DOCUMENTS]
            if papers:
                return papers[-1].description
        # "An unnamed Iranian … has spoken to the BBC" then "“…,” the friend said": another
        # person noun for the one unnamed person the article has introduced so far.
        persons = [i for i in before if i.person]
        if not said and token.lemma_.lower() in names.PERSON_NOUNS and len({i.description for i in persons}) == 1:
            last, sex = persons[-1], noun_sex(token)
            if last.plural == (token.tag_ == "NNS") and (sex is None or last.sex in (None, sex)):
                return last.description  # not "the girls" for "a father and family man"
        return None

    def _introductions(self) -> list[Introduction]:
        """Each unnamed person or thing the article introduces, speaking or not ("a European
        official said", "Reuters reports that a senior Turkish official twice notified
        France"), outside anyone's quote."""
        found = []
        for index, doc in enumerate(self.docs):
            quoted = self.quoted[id(doc)]
            for noun in doc:
                if not common_noun(noun) or noun.i in quoted:
                    continue
                if noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos"):
                    continue
                first = noun.left_edge  # the phrase's first word, asked before all its words are gathered
                if not first.is_punct and first.lower_ not in INDEFINITE and (first.lower_ != "the" or noun.dep_ != "nsubj"):
                    continue
                words = head_words(noun)
                # A described subject that speaks introduces someone too, with "the": "The
                # Australian authority running the operation said …", later "the authority said".
                described = (
                    words and words[0].lower_ == "the" and len(words) > 2 and noun.dep_ == "nsubj"
                    and is_speech_verb(noun.head) and not noun.ent_type_
                )
                if not words or not (words[0].lower_ in INDEFINITE or described):
                    continue
                words_said = frozenset(t.lower_ for t in words)
                if described and any(i.head == noun.lemma_ and words_said - {"the"} <= i.words for i in found):
                    continue  # "the Turkish official" after "a senior Turkish official": a reference
                text = description(noun, words, described)  # "The Australian authority running the operation"
                found.append(Introduction(index, noun.i, noun.lemma_, text, words_said, person_noun(noun), noun.tag_ == "NNS", noun_sex(noun)))
        return found


def description(token: Token, words: list[Token], described: bool = False) -> str:
    """An unnamed source's words and what describes it, as written: "relatives of passengers on
    board the plane", "a source close to the investigation", "a blogger who supported …";
    `described`: a subject introduced with "the" keeps a participle after it too ("The Australian
    authority running the operation"), which after "a" is more often the parse's misreading of
    the verb ("a U.S. official called …")."""
    while len(words) > 1 and words[0].pos_ in ("ADV", "CCONJ", "SCONJ"):
        words = words[1:]  # "earlier the crew from a Vietnamese jet": an adverb the parse hung on the noun
    first, doc = words[0], token.doc
    end = token.i + 1
    for child in token.rights:  # what stands after the noun and describes it, up to a comma
        if not _describes(child, described) or doc[end : child.left_edge.i].text.strip():
            break
        end = child.right_edge.i + 1
    end = next((t.i for t in doc[token.i : end] if t.text in BREAKS), end)  # not an apposition after it
    text = doc[first.i : end].text
    if first.pos_ in ("DET", "NUM", "PRON") or (first.is_sent_start and first.ent_type_ == "" and first.pos_ != "PROPN"):
        text = first.text.lower() + text[len(first.text) :]
    return text


def _describes(child: Token, described: bool) -> bool:
    """Whether a word after an unnamed source's noun starts what describes it."""
    if child.dep_ == "prep":  # "on board the plane", "outside the apartment", not "on Sunday"
        return not any(t.ent_type_ in ("DATE", "TIME") for t in child.children)
    if child.dep_ == "acl":
        return described and child.tag_ == "VBG" or child.lower_ in ("close", "familiar", "informed")
    if child.dep_ in ("cc", "conj"):  # "Fans and journalists who were inside the stadium"
        return child.dep_ == "conj" or any(c.dep_ == "conj" and c.i > child.i for c in child.head.children)
    if child.dep_ == "relcl":  # "a blogger who supported …", not "parties who argue that “…”"
        return not is_speech_verb(child) and not any(t.is_quote for t in child.subtree)
    # (an apposition with no comma before it is the parser's misreading: "on board | the plane")
    return child.dep_ in ("amod", "advmod", "appos")


def common_noun(token: Token) -> bool:
    """A noun that can stand for an unnamed person, nationalities included ("an unnamed Iranian")."""
    return token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.ent_type_ == "NORP"


def noun_sex(noun: Token) -> str | None:
    """The sex an unnamed person's own words give ("one young woman", "his brother", "the girls")."""
    if noun.pos_ != "NOUN":
        return None
    return names.sex_of(noun.lemma_) or next((s for t in noun.lefts if (s := names.sex_of(t.text))), None)


def head_words(noun: Token) -> list[Token]:
    """A noun phrase's words up to its head, without punctuation ("a senior Turkish official")."""
    return [t for t in noun.doc[noun.left_edge.i : noun.i + 1] if not t.is_punct]


def person_noun(noun: Token) -> bool:
    """A noun for an unnamed person ("an official", "an unnamed Iranian"), not for a thing."""
    return noun.ent_type_ == "NORP" or noun.lemma_.lower() in names.PERSON_NOUNS
