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
from collections import Counter
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
    sing chant scream yell tout hail dismiss read denounce
    """.split()
)
# Nouns that carry words for whoever issued them ("read a Liverpool statement",
# "claims from Kevin Keegan that ..."): the speaker is their owner, not the noun.
STATEMENT_NOUNS = frozenset(
    "statement release message letter note post tweet email communique announcement claim remark comment".split()
)
# Passive speech verbs whose subject is still the speaker ("he was quoted as saying").
SPEAKER_PASSIVES = frozenset({"quote", "report", "hear"})
PRONOUN_SPEAKERS = frozenset({"he", "she"})
PRONOUN_SEX = {"he": "m", "she": "f"}

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


@dataclass
class _Holder:
    """A person the article names with a role ("Malaysian PM Najib Razak", "journalists Etienne Huver")."""

    paragraph: int
    token: int
    role: frozenset[str]
    name: str


class _ArticleQuotes:
    """The quotes of one article, paragraph by paragraph, remembering who was named."""

    def __init__(self, article_id: str, docs: list[Doc], people: _People):
        self.article_id = article_id
        self.docs = docs
        self.people = people
        self.recent: list[str] = []  # canonical persons named so far, in order
        self.holders = [h for i, doc in enumerate(docs) for h in self._holders(i, doc)]
        # Full names as written, whether or not spaCy tagged them, for a later surname alone.
        self.full_names = [
            f"{doc[h.i - 1].text} {h.text}"
            for doc in docs
            for h in doc
            if h.pos_ == "PROPN" and h.dep_ != "compound" and h.i > 0 and doc[h.i - 1].dep_ == "compound" and doc[h.i - 1].pos_ == "PROPN"
        ]
        self.sex = self._sexes()
        self.prefix: str | None = None  # "Michelle Obama:" opening an interview answer

    def run(self) -> list[_Found]:
        found: list[_Found] = []
        carried: str | None = None  # speaker for a paragraph opened by a quote
        for index, doc in enumerate(self.docs):
            self.prefix = self._answer_prefix(doc)
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
        named = self._name_line(doc)
        if named is not None:
            return named  # a speaker's name on a line of its own heads the quotes below it
        # A paragraph that opens with an unattributed quote goes on with the last speaker.
        return quotes[-1][0].speaker if quotes else None

    def _name_line(self, doc: Doc) -> str | None:
        """The person a paragraph consisting of nothing but a person's name names."""
        words = [t for t in doc if not t.is_punct and not t.is_space]
        if not 1 < len(words) <= 4 or not all(t.is_title for t in words):
            return None
        entity = self._person(doc.text.strip())
        return entity.name if entity is not None else None

    def _answer_prefix(self, doc: Doc) -> str | None:
        """Interview layout: "Michelle Obama: I'm really funny…" names who answers."""
        match = re.match(r"([A-Z][\w.’' -]{1,40}):\s", doc.text)
        if match is None or len(match.group(1).split()) > 4:
            return None
        entity = self.people.resolve(match.group(1), self.recent)
        return entity.name if entity is not None else names.clean_surface(match.group(1))

    def _attribute(self, index: int, span: Span, verbs: list[Token]) -> str | None:
        """The speaker given by the speech verb in the quote's own sentence(s)."""
        sentences = {s.start for t in span for s in [t.sent]}
        near = [v for v in verbs if v.sent.start in sentences]
        # "claims from Kevin Keegan that the league is “boring”": the noun stands for the verb.
        near += [a for a in span.root.ancestors if a.pos_ == "NOUN" and a.lemma_.lower() in STATEMENT_NOUNS]
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
            speaker = self._statement(index, verb) if verb.pos_ == "NOUN" else self._speaker(index, verb)
            if speaker is not None:
                return speaker
        return None

    def _speaker(self, index: int, verb: Token) -> str | None:
        if verb.lower_ == "according":
            target = next((c for t in verb.children if t.lower_ == "to" for c in t.children if c.dep_ == "pobj"), None)
            return self._phrase(index, target) if target is not None else None
        while True:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            auxiliaries = {c.dep_ for c in verb.children}
            passive = verb.tag_ == "VBN" and (
                "auxpass" in auxiliaries or subject is None and "aux" not in auxiliaries and verb.dep_ in ("acl", "ROOT")
            )
            if passive and verb.lemma_.lower() not in SPEAKER_PASSIVES:
                # "was described as …", "X - described as …", "was praised by Y": the speaker is the agent, if any.
                agent = next((c for a in verb.children if a.dep_ == "agent" for c in a.children if c.dep_ == "pobj"), None)
                return self._phrase(index, agent) if agent is not None else None
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return self._phrase(index, verb.head)  # "One source, speaking anonymously, ..."
            if subject is None and verb.dep_ == "ROOT" and verb.sent[0].is_quote:
                # "“…,” read a Liverpool statement": the parser takes the inverted subject for an object.
                subject = next((c for c in verb.rights if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
            if subject is not None:
                if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
                    subject = verb.head
                return self._phrase(index, subject)
            if verb.dep_ not in ("conj", "advcl", "xcomp", "ccomp", "pcomp") or verb.head is verb:
                return self._leading_person(verb)
            verb = verb.head

    def _statement(self, index: int, noun: Token) -> str | None:
        """Who issued a statement: its owner ("a Liverpool statement", "claims from X"),
        else the subject of the verb it is the object of ("X issued a statement saying")."""
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")):
                return self._phrase(index, child)
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
                if target is not None and (target.pos_ == "PROPN" or target.ent_type_):
                    return self._phrase(index, target)
        if noun.dep_ == "dobj":
            subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return self._phrase(index, subject)
        return None

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
        if token.lower_ in ("i", "we") and self.prefix is not None and token.sent.start_char >= 0:
            return self.prefix  # "Michelle Obama: I told him, “…”"
        if token.pos_ == "PRON":
            return None
        if token.pos_ == "NOUN" and token.lemma_.lower() in STATEMENT_NOUNS:
            owner = self._statement(index, token)
            if owner is not None:
                return owner
        doc = token.doc
        # The name is the subject itself, a word before it or an apposition to it
        # ("His spokesman, John Smith,"); not anything in a clause hanging off it.
        near = set(range(token.left_edge.i, token.i + 1))
        near.update(t.i for c in token.children if c.dep_ == "appos" for t in c.subtree)
        ents = [e for e in doc.ents if e.start <= token.i < e.end] or [
            e for e in doc.ents if e.start in near and e.label_ in ("PERSON", "ORG")
        ]
        ents = [_clip(e, token) for e in ents]
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
            return self._proper_name(token)
        holder = self._role_holder(index, token)
        if holder is not None:
            return holder
        first = words[0]
        if first.pos_ in ("DET", "NUM", "PRON") or (first.is_sent_start and first.ent_type_ == ""):
            text = first.text.lower() + text[len(first.text) :]
        # "relatives of the passengers": an of-phrase belongs to an unnamed speaker.
        of = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        return text + " " + doc[of.i : of.right_edge.i + 1].text if of is not None else text

    def _proper_name(self, token: Token) -> str:
        """A name spaCy did not tag: its title-cased words, without the title or the owner."""
        words = [t for t in token.doc[token.left_edge.i : token.i + 1] if t.pos_ == "PROPN"]
        owner = max((t.i for t in token.doc[token.left_edge.i : token.i] if t.lower_ in ("’s", "'s")), default=-1)
        text = " ".join(t.text for t in words if t.i > owner)
        entity = self.people.resolve(text, self.recent)
        if entity is not None:
            return entity.name
        if " " not in text:  # "Zengerle later adds": the full name it was introduced with
            text = next((n for n in reversed(self.full_names) if n.split()[-1] == text), text)
        return " ".join(names.split_title(names.clean_surface(text))[1])

    def _holders(self, index: int, doc: Doc) -> list[_Holder]:
        """People named with a role: a title before the name ("Malaysian PM Najib Razak")
        or a role noun in apposition ("journalists Etienne Huver", "Hamidi, the mayor")."""
        found = []
        for head in doc:
            if head.pos_ != "PROPN" or head.dep_ == "compound" or not head.is_title:
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
                found.append(_Holder(index, head.i, frozenset(names.title_words(role)), name))
        return found

    def _role_holder(self, index: int, token: Token) -> str | None:
        """"the Malaysian PM", "said the journalist": the person last named with that role."""
        if token.pos_ != "NOUN" or not any(c.lower_ == "the" for c in token.children):
            return None
        words = [t.text for t in token.lefts if t.dep_ in ("amod", "compound")] + [token.lemma_]
        words = [w for w in names.title_words(words) if w not in names.ROLE_NOISE]
        if not words:
            return None
        before = [h for h in self.holders if (h.paragraph, h.token) < (index, token.i)]
        return next((h.name for h in reversed(before) if names.role_matches(words, h.role)), None)

    def _sexes(self) -> dict[str, str]:
        """Each named person's sex as the article itself gives it: honorifics and role
        nouns at the name ("Mr Najib", "his wife Michelle"), and he/she in sentences about
        that one person. Used only to keep "she said" off a man and "he said" off a woman."""
        votes: dict[str, Counter] = {}
        for doc in self.docs:
            quoted = _quoted_tokens(doc)
            for sentence in doc.sents:
                persons = {}
                for ent in sentence.ents:
                    entity = self._person(ent.text) if ent.label_ == "PERSON" else None
                    if entity is not None:
                        persons[entity.name] = ent
                if len(persons) != 1:
                    continue
                name, ent = next(iter(persons.items()))
                near = [doc[ent.start - 1]] if ent.start > 0 else []
                near += [t for t in ent.root.children if t.dep_ == "appos"] + ([ent.root.head] if ent.root.dep_ in ("appos", "compound") else [])
                cues = [names.sex_of(t.text) for t in near]
                cues += [PRONOUN_SEX.get(t.lower_) or names.sex_of(t.text) for t in sentence if t.pos_ == "PRON" and t.i not in quoted]
                votes.setdefault(name, Counter()).update(c for c in cues if c)
        return {name: count.most_common(1)[0][0] for name, count in votes.items() if count}

    def _pronoun(self, index: int, pronoun: Token) -> str | None:
        """He/she: the person the text is about just before — the named subject of the
        nearest clause before the pronoun, or the one person a sentence mentions —
        skipping people the article says are of the other sex."""
        sex = PRONOUN_SEX[pronoun.lower_]
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
                name = self._named(subject)
                if name is not None and self.sex.get(name, sex) == sex:
                    return name
                if name is None and _is_speech_verb(subject.head) and _noun_sex(subject) == sex:
                    return self._phrase(index, subject)  # "His brother told AFP … he said"
            if sentence is own:
                continue
            mentioned = {e.name for e in map(self._person, (x.text for x in sentence.ents if x.start not in quoted)) if e}
            mentioned = {n for n in mentioned if self.sex.get(n, sex) == sex}
            if len(mentioned) == 1:
                return mentioned.pop()
        return next((n for n in reversed(self.recent) if self.sex.get(n, sex) == sex), None)

    def _named(self, token: Token) -> str | None:
        """The person a subject names: a (clipped) PERSON mention, or a full name spaCy missed."""
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                clipped = _clip(ent, token)
                entity = self._person(clipped.text)
                if entity is not None:
                    return entity.name
                full = clipped.start > ent.start and len(clipped) > 1 and all(t.is_title for t in clipped)
                return names.clean_surface(clipped.text) if full else None
        if token.pos_ == "PROPN" and token.is_title:
            name = self._proper_name(token)
            entity = self._person(name)
            return entity.name if entity is not None else name if len(name.split()) > 1 else None
        return None

    def _person(self, text: str) -> Entity | None:
        entity = self.people.resolve(text, self.recent)
        return entity if entity is not None and entity.type == "PERSON" else None


def _noun_sex(noun: Token) -> str | None:
    """The sex an unnamed subject's own words give ("one young woman", "his brother")."""
    if noun.pos_ != "NOUN":
        return None
    return names.sex_of(noun.text) or next((s for t in noun.lefts if (s := names.sex_of(t.text))), None)


def _clip(ent: Span, token: Token) -> Span:
    """The part of a mention that holds `token`: "The New Republic’s Jason Zengerle" → the
    name after the owner, "Michelle Obama: Malia" → the name after the colon."""
    start, end = ent.start, ent.end
    for t in ent:
        if t.lower_ in ("’s", "'s", ":") and t.i < token.i:
            start = t.i + 1
        elif t.text == ":" and t.i > token.i:
            end = min(end, t.i)
    return ent.doc[start:end] if start < end else ent


def _is_speech_verb(token: Token) -> bool:
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    if token.lemma_.lower() == "make":  # "made it clear that he would not “sell his country”"
        return any(c.lower_ == "clear" for c in token.children)
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
