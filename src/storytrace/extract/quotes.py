"""Direct quotations of a story and who said them, each reported once.

Attribution is written on spaCy's dependency parse (textacy's `direct_quotations` does the
same on the same parse but pulls in many dependencies and misses the news conventions
handled here): the speech verb nearest a quote gives the speaker through its subject;
a quote with no verb in its sentence takes the speaker of the quote beside it in the
paragraph, or of the paragraph before when that one ends in a colon ("Zelenskiy stated:")
or left its quote open; "he"/"she" is the person the preceding sentences are about;
an unnamed source is kept as written ("a senior Ukraine official").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from ..model import Article, Entity, Quote
from . import names
from .docs import parse_articles
from .quotemarks import quoted_spans

SPEECH_VERBS = frozenset(
    """
    say tell state add stress describe call respond reply confirm emphasise emphasize
    insist argue warn inform explain note write ask announce declare claim brand recall
    acknowledge admit conclude comment remark suggest urge quip joke tweet post vow pledge
    promise reiterate recount whisper shout cry exclaim deny predict caution observe
    label dub term refer praise criticise criticize accuse lament concede assert
    maintain continue complain express reveal testify report characterise characterize
    sing chant scream yell tout hail dismiss
    """.split()
)
PRONOUN_SPEAKERS = frozenset({"he", "she"})
SHORT = 5  # words: a quote this short counts only when its own sentence attributes it
CONTEXT_SENTENCES = 8  # how far back "he said" looks for the person meant


@dataclass
class _Found:
    text: str
    speaker: str | None
    article: str
    sentence: str
    also_in: list[str] = field(default_factory=list)


class _People:
    """Resolves a name as written to the story's canonical entity name."""

    def __init__(self, entities: list[Entity]):
        self.by_key: dict[str, Entity] = {}
        for entity in entities:
            for form in [entity.name, *entity.aliases]:
                self.by_key.setdefault(names.normal_key(form), entity)
        self.persons = [e for e in entities if e.type == "PERSON"]

    def candidates(self, words: list[str]) -> list[Entity]:
        """PERSON entities a (title-stripped) name can mean, most mentioned first."""
        found = []
        for person in self.persons:
            for form in [person.name, *person.aliases]:
                full = names.name_words(form)
                if not full or not names.similar_words(words[-1], full[-1]):
                    continue
                tail = [names.surname_key(w) for w in words[-len(full) :]] == [names.surname_key(w) for w in full]
                if len(words) == 1 or len(full) == 1 or tail or names.first_names_compatible(words[0], full[0]):
                    found.append(person)
                    break
        return found

    def resolve(self, text: str, recent: list[str]) -> Entity | None:
        """The entity meant; an ambiguous surname goes to the person named most recently."""
        words = names.name_words(names.clean_surface(text))
        if not words:
            return None
        candidates = self.candidates(words)
        if len(candidates) > 1:
            for name in reversed(recent):
                chosen = next((c for c in candidates if c.name == name), None)
                if chosen:
                    return chosen
        entity = self.by_key.get(names.normal_key(text)) or self.by_key.get(names.normal_key(" ".join(words)))
        return entity or (candidates[0] if candidates else None)


def find_quotes(articles: list[Article], entities: list[Entity]) -> list[Quote]:
    """Every direct quotation of the story, once, with its speaker and the articles carrying it."""
    docs = parse_articles(articles)
    people = _People(entities)
    found = [q for a in articles for q in _ArticleQuotes(a.id, docs[a.id], people).run()]
    return [Quote(q.text, q.speaker, q.article, sorted(q.also_in), q.sentence) for q in _merge(found)]


class _ArticleQuotes:
    """The quotes of one article, paragraph by paragraph, remembering who was named."""

    def __init__(self, article_id: str, docs: list[Doc], people: _People):
        self.article_id = article_id
        self.docs = docs
        self.people = people
        self.recent: list[str] = []  # canonical persons named so far, in order

    def run(self) -> list[_Found]:
        found: list[_Found] = []
        carried: str | None = None  # speaker for a paragraph opened by a quote
        for index, doc in enumerate(self.docs):
            quotes = self._paragraph(index, doc, carried)
            found.extend(q for q, _ in quotes)
            carried = self._carry(index, doc, quotes)
            self._remember(doc)
        return found

    def _remember(self, doc: Doc) -> None:
        for ent in doc.ents:
            if len(names.name_words(names.clean_surface(ent.text))) > 1:
                entity = self.people.resolve(ent.text, self.recent)
                if entity is not None and entity.type == "PERSON":
                    self.recent.append(entity.name)

    def _paragraph(self, index: int, doc: Doc, carried: str | None) -> list[tuple[_Found, Span]]:
        spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in quoted_spans(doc.text)]
        spans = [s for s in spans if s is not None and not _title_like(s)]
        inside = {t.i for s in spans for t in s}
        verbs = [t for t in doc if _is_speech_verb(t) and t.i not in inside]
        direct = [self._attribute(index, s, verbs) for s in spans]
        result = []
        for i, span in enumerate(spans):
            speaker = direct[i]
            if speaker is None:
                speaker = _nearest(direct, i)
                if speaker is None and span.start_char <= 1:
                    speaker = carried
                if _words(span) <= SHORT and not _standalone(span):
                    speaker = None  # a short phrase nobody is said to have said: scare quotes
            if speaker is None and _words(span) <= SHORT:
                continue
            result.append((_Found(span.text, speaker, self.article_id, _sentence(span)), span))
        return result

    def _carry(self, index: int, doc: Doc, quotes: list[tuple[_Found, Span]]) -> str | None:
        """The speaker the next paragraph's opening quote inherits, if any."""
        if doc.text.rstrip().endswith(":"):
            verbs = [t for t in doc if _is_speech_verb(t)]
            if verbs:
                return self._speaker(index, verbs[-1])
            return self._subject_speaker(index, doc[-1].sent.root)
        # A paragraph that opens with an unattributed quote goes on with the last speaker.
        return quotes[-1][0].speaker if quotes else None

    def _attribute(self, index: int, span: Span, verbs: list[Token]) -> str | None:
        """The speaker given by the speech verb in the quote's own sentence(s)."""
        sentences = {s.start for t in span for s in [t.sent]}
        near = [v for v in verbs if v.sent.start in sentences]
        if not near:
            before = span.doc.text[: span.start_char].rstrip(" “\"‘")
            if before.endswith(":") and span[0].sent.start < span.start:
                return self._subject_speaker(index, span[0].sent.root)  # "X, however, is blunt: “…”"
            return None

        def rank(verb: Token) -> tuple[bool, int]:
            governs = any(verb in t.ancestors for t in span)
            distance = min(abs(verb.i - span.start), abs(verb.i - (span.end - 1)))
            return (not governs, distance)

        for verb in sorted(near, key=rank):
            speaker = self._speaker(index, verb)
            if speaker is not None:
                return speaker
        return None

    def _speaker(self, index: int, verb: Token) -> str | None:
        if verb.lower_ == "according":
            target = next((c for t in verb.children if t.lower_ == "to" for c in t.children if c.dep_ == "pobj"), None)
            return self._phrase(index, target) if target is not None else None
        while True:
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return self._phrase(index, verb.head)  # "One source, speaking anonymously, ..."
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
                    subject = verb.head
                return self._phrase(index, subject)
            if verb.dep_ not in ("conj", "advcl", "xcomp", "ccomp", "pcomp") or verb.head is verb:
                return self._leading_person(verb)
            verb = verb.head

    def _leading_person(self, verb: Token) -> str | None:
        """A parse with no subject (a name misread as an adverb): the person the clause opens with."""
        for token in verb.doc[verb.sent.start : verb.i]:
            entity = self.people.by_key.get(names.normal_key(token.text)) if token.is_title else None
            if entity is not None and entity.type == "PERSON":
                return entity.name
        return None

    def _subject_speaker(self, index: int, root: Token) -> str | None:
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return self._phrase(index, subject) if subject is not None else None

    def _phrase(self, index: int, token: Token) -> str | None:
        """A subject as a speaker: a named entity, a resolved pronoun, or the noun phrase."""
        if token.lower_ in PRONOUN_SPEAKERS:
            return self._pronoun(index, token)
        if token.pos_ == "PRON":
            return None
        doc = token.doc
        # The name is the subject itself, a word before it or an apposition to it
        # ("His spokesman, John Smith,"); not anything in a clause hanging off it.
        near = set(range(token.left_edge.i, token.i + 1))
        near.update(t.i for c in token.children if c.dep_ == "appos" for t in c.subtree)
        ents = [e for e in doc.ents if e.start <= token.i < e.end] or [
            e for e in doc.ents if e.start in near and e.label_ in ("PERSON", "ORG")
        ]
        for ent in ents:
            entity = self.people.resolve(ent.text, self.recent)
            if entity is not None:
                return entity.name
        if ents:
            return names.clean_surface(ents[0].text)
        words = [t for t in doc[token.left_edge.i : token.i + 1] if not t.is_punct]
        if not words:
            return None
        text = " ".join(t.text for t in words)
        entity = self.people.by_key.get(names.normal_key(text))
        if entity is not None:
            return entity.name
        if token.pos_ == "PROPN":
            return names.clean_surface(text)
        first = words[0]
        if first.pos_ in ("DET", "NUM", "PRON") or (first.is_sent_start and first.ent_type_ == ""):
            text = first.text.lower() + text[len(first.text) :]
        return text

    def _pronoun(self, index: int, pronoun: Token) -> str | None:
        """He/she: the person the text is about just before — the named subject of the
        nearest clause before the pronoun, or the one person a sentence mentions."""
        own = pronoun.doc[pronoun.sent.start : pronoun.i]
        sentences = [s for s in self.docs[index].sents if s.end <= pronoun.sent.start]
        for doc in reversed(self.docs[:index]):
            if len(sentences) >= CONTEXT_SENTENCES:
                break
            sentences = list(doc.sents) + sentences
        for sentence in [own, *reversed(sentences[-CONTEXT_SENTENCES:])]:
            quoted = _quoted_tokens(sentence.doc)
            subjects = [t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and t.i not in quoted]
            for subject in sorted(subjects, key=lambda t: (t.head.dep_ != "ROOT", -t.i)):
                entity = self._person(subject.doc[subject.left_edge.i : subject.i + 1].text)
                if entity is not None:
                    return entity.name
            if sentence is own:
                continue
            mentioned = {e.name for e in map(self._person, (x.text for x in sentence.ents if x.start not in quoted)) if e}
            if len(mentioned) == 1:
                return mentioned.pop()
        return self.recent[-1] if self.recent else None

    def _person(self, text: str) -> Entity | None:
        entity = self.people.resolve(text, self.recent)
        return entity if entity is not None and entity.type == "PERSON" else None


def _is_speech_verb(token: Token) -> bool:
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    return token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS


def _quoted_tokens(doc: Doc) -> set[int]:
    spans = (doc.char_span(a, b, alignment_mode="expand") for a, b in quoted_spans(doc.text))
    return {t.i for s in spans if s is not None for t in s}


def _words(span: Span) -> int:
    return sum(1 for t in span if not t.is_punct)


def _title_like(span: Span) -> bool:
    """A short capitalised phrase in quotes names something ("Victory Plan"), nobody said it."""
    words = [t.text for t in span if t.is_alpha]
    if not words or len(words) > 6 or span.text.rstrip()[-1:] in ".?!":
        return False
    return words[0][0].isupper() and all(w[0].isupper() for w in words if len(w) > 3)


def _standalone(span: Span) -> bool:
    """The quote is a sentence of its own (`… the official said. “Tough.”`)."""
    sentence = span[0].sent
    rest = [t for t in sentence if not (span.start <= t.i < span.end) and not t.is_punct and not t.is_quote]
    return not rest


def _nearest(speakers: list[str | None], i: int) -> str | None:
    """The speaker of the closest attributed quote in the paragraph (the earlier on ties)."""
    for step in range(1, len(speakers)):
        for j in (i - step, i + step):
            if 0 <= j < len(speakers) and speakers[j] is not None:
                return speakers[j]
    return None


def _sentence(span: Span) -> str:
    doc = span.doc
    start = span[0].sent.start_char
    end = span[-1].sent.end_char
    return doc.text[start:end].strip()


def _normal(text: str) -> str:
    """Quote text compared across outlets: no brackets, punctuation or case."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _same_quote(a: str, b: str) -> bool:
    if fuzz.ratio(a, b) >= 90:
        return True
    return min(len(a.split()), len(b.split())) >= 6 and fuzz.partial_ratio(a, b) >= 92


def _merge(found: list[_Found]) -> list[_Found]:
    """One record per quote: later copies (other outlets, repeats) add their article to `also_in`."""
    merged: list[tuple[str, _Found]] = []
    for quote in found:
        key = _normal(quote.text)
        match = next((q for k, q in merged if _same_quote(k, key)), None)
        if match is None:
            merged.append((key, quote))
            continue
        if quote.article != match.article and quote.article not in match.also_in:
            match.also_in.append(quote.article)
        if match.speaker is None:
            match.speaker = quote.speaker
    return [q for _, q in merged]
