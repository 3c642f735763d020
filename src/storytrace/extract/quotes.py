"""Direct quotations of a story, each reported once with its speaker.

A quote is found by its marks (`quotemarks`) and attributed by `speakers`; one with no
speech verb in its sentence takes the speaker of the quote beside it in the paragraph,
or of the paragraph before when that one ends in a colon ("Zelenskiy stated:") or left
its quote open, or is the words of the person its sentence (or, standing alone, the
sentence before it) is about; copies of one quote across outlets are merged into one record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz
from spacy.attrs import IS_ALPHA, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span

from .. import nlp
from ..model import Article, Entity, Quote
from . import names
from .docs import paragraph_text, parse_articles
from .given_names import tag_people
from .quotemarks import closed_first, has_marks, left_open, quoted_spans
from .people import People
from .speakers import Speakers
from .speech import is_speech_verb, speech_verbs

SHORT = 5  # words: a quote this short counts only when its own sentence gives it to someone
# Words a title leaves in lower case ("Gone with the Wind"); any other lower-case word is not a title's.
TITLE_LOWER = frozenset("a an the and or but nor of in on at to for by with from as into per via vs".split())
THIRD_PERSONS = frozenset({"he", "she", "it", "they"})
# Paragraphs at most that a quote runs on over without marks of their own (a speech); a
# longer stretch between a stray open mark and a lost opener is more likely the article's own.
RUN_ON = 30
# Adverbs by which a text passes on an account it does not give as the subject's own.
HEARSAY = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})


# A paragraph that is a dash and a name: the signature under a quote.
SIGNATURE = re.compile(r"\s*[-–—]+\s*([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3})\.?\s*$")


@dataclass
class _Found:
    text: str
    speaker: str | None
    article: str
    sentence: str
    also_in: list[str] = field(default_factory=list)


def find_quotes(articles: list[Article], entities: list[Entity], docs: dict[str, list[Doc]] | None = None) -> list[Quote]:
    """Every direct quotation of the story, once, with its speaker and the articles carrying
    it; `docs` as for `entities.find_entities`."""
    docs = docs if docs is not None else parse_articles(articles)
    people = People(entities)
    found = [q for a in articles for q in _ArticleQuotes(a.id, docs[a.id], people, a.title).run()]
    ids = {e.name: e.id for e in reversed(entities)}  # a speaker that is a story entity is written as its name (the most named wins)
    return [Quote(q.text, q.speaker, q.article, sorted(q.also_in), q.sentence, ids.get(q.speaker or ""))
            for q in _merge(found)]


class _ArticleQuotes:
    """The quotes of one article, paragraph by paragraph."""

    def __init__(self, article_id: str, docs: list[Doc], people: People, title: str | None = None):
        self.article_id = article_id
        self.docs = docs
        self.title = title or ""
        self.who = Speakers(docs, people)

    def run(self) -> list[_Found]:
        found: list[_Found] = []
        carried: str | None = None  # speaker for a paragraph opened by a quote
        bridged = False  # carried over one paragraph without quotes already
        opened, inside = _running_quotes([paragraph_text(doc) for doc in self.docs])
        for index, doc in enumerate(self.docs):
            self.who.prefix = self._answer_prefix(doc)
            # A signature below ("“…” / - Sanders.") names the speaker before the one carried over.
            signed = self._signature(self.docs[index + 1]) if index + 1 < len(self.docs) else None
            quotes = self._paragraph(index, doc, signed or carried, index in opened, index in inside)
            for found_quote, _ in quotes if signed else []:
                found_quote.speaker = found_quote.speaker or signed
            found.extend(q for q, _ in quotes)
            if quotes or _prose(doc) or self._name_line(doc) or paragraph_text(doc).rstrip().endswith("?"):  # a table row or a heading interrupts nobody
                before, carried = carried, self._carry(index, doc, quotes)
                # A witness's account goes on after one paragraph of scene that brings in no
                # one else ("… started filming." / "The men were huddling around …" / "“They tried …”").
                if carried is None and before is not None and not bridged and not quotes and _nobody(doc):
                    carried, bridged = before, True
                else:
                    bridged = False
            self.who.names.remember(doc)
        return found

    def _paragraph(self, index: int, doc: Doc, carried: str | None, opens: bool, continued: bool) -> list[tuple[_Found, Span]]:
        """The paragraph's quotes; `opens`: it opens a quote that runs on over the next
        paragraphs, `continued`: it is all one such quote's words."""
        marks = [(0, len(paragraph_text(doc).rstrip()))] if continued else quoted_spans(paragraph_text(doc), runs_on=opens)
        spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in marks]
        spans = [s for s in spans if s is not None and (not _title_like(s) or _said(s))]
        inside = {t.i for s in spans for t in s}
        verbs = speech_verbs(doc, skip=inside)
        # Each quote's speaker: from its own attribution first; the quotes before it, once
        # decided, lend theirs ("with “Hi, Daddy!” and “I love you, Daddy.”").
        known = [self.who.attribute(index, s, verbs) for s in spans]
        result = []
        for i, span in enumerate(spans):
            speaker = known[i]
            # (the opening of a speech printed whole is no phrase, however short: "My dear compatriots,")
            short = _words(span) <= SHORT and not (opens and i == len(spans) - 1)
            if speaker is None and short and not _standalone(span):
                # A short phrase in a sentence with no speech verb is the words of the one the
                # sentence is about ("Hollande deemed the shootings “an act of war.”"), if anyone.
                speaker = self.who.topic(index, span[0].sent, bodies=True)
                if speaker is None and i and known[i - 1] is not None and _joined(spans[i - 1], span):
                    speaker = known[i - 1]  # with “Hi, Daddy!” and “I love you, Daddy.”: the pair is one's
            elif speaker is None:
                speaker = _nearest(known, i)
                if speaker is None and span.start_char <= 1:
                    speaker = carried
                if speaker is None and not short:
                    # Standing alone, the words of the one the sentence before is about; inside a
                    # sentence ("he is convinced that …, because “it means …”"), of its own subject.
                    alone = _standalone(span)
                    if alone:
                        speaker = self.who.owned_after(index, span) or self._topic_before(index, doc, span)
                    elif not _hearsay(span[0].sent):
                        speaker = self.who.topic(index, span[0].sent)
                    if speaker is None and not alone:
                        speaker = self._reporter_before(index, doc, span)
            known[i] = speaker
            if speaker is None and short and not _governed(span, verbs):
                continue  # kept when a speech verb reports it, even with its speaker unknown ("It said … the “…”")
            if speaker is None and _pull_quote(span):
                continue
            result.append((_Found(span.text, speaker, self.article_id, _sentence(span)), span))
        return result

    def _topic_before(self, index: int, doc: Doc, span: Span) -> str | None:
        """A quote standing alone after a sentence about one person ("Mr O'Connor feared
        the worst. “I told my girlfriend …”") is that person's; at a paragraph's start,
        the person the last sentence of the paragraph before is about."""
        before = [s for s in doc.sents if s.end <= span.start and any(t.is_alpha for t in s)]
        if before:
            return self.who.topic(index, before[-1])
        if span.start_char <= 1 and index > 0:
            # The last sentence of the paragraph before, or one before it that says someone spoke
            # ("He said that he hoped … But history would suggest …" → "he").
            sentences = [s for s in self.docs[index - 1].sents if any(t.dep_ in ("nsubj", "nsubjpass") for t in s)]
            for sentence in reversed(sentences):  # (a fragment with no subject, "Remain sane.", is passed over)
                if sentence is sentences[-1] or is_speech_verb(sentence.root):
                    speaker = self.who.topic(index - 1, sentence)
                    if speaker is not None:
                        return speaker
        return None

    def _reporter_before(self, index: int, doc: Doc, span: Span) -> str | None:
        """Whoever the sentence just before reports, when that sentence is reported speech
        and the quote's own sentence goes on with it, naming no one ("Shin said that … .
        Apparently 30% of the phones were turned in “because people were spilling coffee …”")."""
        before = [s for s in doc.sents if s.end <= span[0].sent.start]
        if not before:
            return None
        if is_speech_verb(before[-1].root):
            return self.who.topic(index, before[-1])
        return self.who.according_to(before[-1])  # "According to an official, he was … Mr. Mostefaï reportedly … “…”"

    def _carry(self, index: int, doc: Doc, quotes: list[tuple[_Found, Span]]) -> str | None:
        """The speaker the next paragraph's opening quote inherits, if any."""
        if not quotes and paragraph_text(doc).rstrip().endswith("?"):
            return self._interviewee  # an interview: "What's your busiest time of day?" then the answer
        if paragraph_text(doc).rstrip().endswith(":"):
            verbs = speech_verbs(doc)
            if verbs:
                return self.who.speaker(index, verbs[-1])
            return self.who.subject_speaker(index, doc[-1].sent.root)
        named = self._name_line(doc)
        if named is not None:
            return named  # a speaker's name on a line of its own heads the quotes below it
        # A paragraph that opens with an unattributed quote goes on with the last speaker.
        return quotes[-1][0].speaker if quotes else None

    @cached_property
    def _interviewee(self) -> str | None:
        """Who answers an interview's questions: the one person the headline names ("How
        Michelle Obama Does It"), else the person the article names most often (and at least twice)."""
        headline = tag_people(nlp.spacy_model()(self.title[: nlp.MAX_PARSE_CHARS])) if self.title else None
        named = {names.clean_surface(e.text) for e in headline.ents if e.label_ == "PERSON"} if headline else set()
        if len(named) == 1:
            name = named.pop()
            entity = self.who.names.person(name)
            return entity.name if entity is not None else name
        counts: dict[str, int] = {}
        for doc in self.docs:
            for ent in doc.ents:
                entity = self.who.names.person(ent.text) if ent.label_ == "PERSON" else None
                if entity is not None:
                    counts[entity.name] = counts.get(entity.name, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _name_line(self, doc: Doc) -> str | None:
        """The person a paragraph consisting of nothing but a person's name names."""
        if sum(any(c.isalnum() for c in chunk) for chunk in paragraph_text(doc).split()) > 4:
            return None  # more than four words for certain: decided without making spaCy's tokens
        words = [t for t in doc if not t.is_punct and not t.is_space]
        if not 1 < len(words) <= 4 or not all(t.is_title for t in words):
            return None
        entity = self.who.names.person(paragraph_text(doc).strip())
        return entity.name if entity is not None else None

    def _signature(self, doc: Doc) -> str | None:
        """The name a paragraph of its own signs the quote above with ("- Sanders.",
        "— Winston Churchill"), as the story's person where it knows one."""
        match = SIGNATURE.match(paragraph_text(doc))
        if match is None:
            return None
        entity = self.who.names.person(match.group(1))
        return entity.name if entity is not None else self.who.names.complete(names.clean_surface(match.group(1)))

    def _answer_prefix(self, doc: Doc) -> str | None:
        """Interview layout: "Michelle Obama: I'm really funny…" names who answers."""
        match = re.match(r"([A-Z][\w.’' -]{1,40}):\s", paragraph_text(doc))
        if match is None or len(match.group(1).split()) > 4:
            return None
        entity = self.who.names.resolve(match.group(1))
        return entity.name if entity is not None else names.clean_surface(match.group(1))


def _running_quotes(texts: list[str]) -> tuple[set[int], set[int]]:
    """(paragraphs that open a quote running on, paragraphs wholly inside one): a quote
    left open, then paragraphs with no marks of their own, then one whose first mark closes
    it — a speech printed whole ("My dear compatriots, / As I speak, … / … long live France.").
    Only where the closing mark comes: an open mark with no close is a stray."""
    opened: set[int] = set()
    inside: set[int] = set()
    for i, text in enumerate(texts):
        if i in inside or not left_open(text):
            continue
        j = i + 1
        while j < len(texts) and not has_marks(texts[j]):
            j += 1
        if j < len(texts) and 1 < j - i <= RUN_ON and closed_first(texts[j]):
            opened.add(i)
            inside.update(range(i + 1, j))
    return opened, inside


def _hearsay(sentence: Span) -> bool:
    """A sentence that passes on someone's account ("Mr. Mostefaï reportedly entered Turkey
    … but “there is no record …”"): its subject is spoken of, not speaking."""
    return any(t.lower_ in HEARSAY and t.dep_ == "advmod" for t in sentence)


def _nobody(doc: Doc) -> bool:
    """A paragraph that names no person and has no he or she in it."""
    return not any(t.ent_type_ == "PERSON" or t.lower_ in ("he", "she", "him", "her") for t in doc)


def _prose(doc: Doc) -> bool:
    """A paragraph of running text: a sentence with a verb, not a table cell or a heading."""
    if not len(doc):
        return False
    pos, alpha = doc.to_array([POS, IS_ALPHA]).T  # read from arrays: making a Token of every word is slow
    return bool(np.isin(pos, (VERB, AUX)).any()) and int(alpha.sum()) > 6


def _words(span: Span) -> int:
    return sum(1 for t in span if not t.is_punct)


def _title_like(span: Span) -> bool:
    """A short capitalised phrase in quotes names something ("Victory Plan", "Gone with
    the Wind"), nobody said it; "This is not Iraq or Afghanistan," is a sentence."""
    words = [t.text for t in span if t.is_alpha]
    # American style puts a title's full stop inside the marks (“Larry King Live.”); a short
    # phrase with a stop is more often said (“Tough.”, “Hi, Daddy!”, “Mom-in-Chief.”).
    stopped = span.text.rstrip()[-1:] in ".?!"
    if not words or len(words) > 8 or stopped and (len(span.text.split()) < 3 or "," in span.text):
        return False
    return words[0][0].isupper() and all(w[0].isupper() for w in words if w.lower() not in TITLE_LOWER)


def _joined(first: Span, second: Span) -> bool:
    """Two quotes with only "and" or "or" between them."""
    between = paragraph_text(first.doc)[first.end_char : second.start_char]
    return between.strip(" \"“”‘’',").lower() in ("and", "or")


def _said(span: Span) -> bool:
    """A quote the speech verb right after it reports, its comma inside the marks: “Perhaps,” Mrs. Obama said."""
    head = span.root.head
    comma = paragraph_text(span.doc)[span.end_char : span.end_char + 1] == ","
    return comma and head.i >= span.end and is_speech_verb(head)


def _standalone(span: Span) -> bool:
    """The quote is a sentence of its own (`… the official said. “Tough.”`)."""
    sentence = span[0].sent
    rest = [t for t in sentence if not (span.start <= t.i < span.end) and not t.is_punct and not t.is_quote]
    return not rest


def _pull_quote(span: Span) -> bool:
    """A paragraph that is nothing but a quoted line with no closing punctuation, said by
    nobody: a pull quote or a heading set in quotes ("“A great display makes everything better”")."""
    text = paragraph_text(span.doc).strip()
    inner = span.text.rstrip(" \"”’'")
    return len(text) - len(span.text.strip()) <= 2 and inner[-1:].isalnum()


def _governed(span: Span, verbs: list) -> bool:
    """A speech verb of the quote's sentence, said by a third person ("it said", "they
    say"), has the quote in what it reports; not the writer's own "we call these “phones”"."""
    return any(
        v.sent.start == span[0].sent.start
        and v in span.root.ancestors
        and any(c.dep_ == "nsubj" and c.lower_ in THIRD_PERSONS for c in v.children)
        for v in verbs
    )


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
    return paragraph_text(doc)[start:end].strip()


def _normal(text: str) -> str:
    """Quote text compared across outlets: no brackets, punctuation or case."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _same_quote(a: str, b: str, one_article: bool) -> bool:
    """One quote, give or take an outlet's cut; within one article, not a phrase and a long
    quote that repeats it ("don't ask, don't tell" and “… laws like DOMA and ‘don’t ask, don’t tell’”)."""
    if fuzz.ratio(a, b, score_cutoff=90):
        return True
    shorter, longer = sorted((a.count(" ") + 1, b.count(" ") + 1))  # words: `_normal` leaves single spaces
    comparable = 2 * shorter >= longer or not one_article
    return shorter >= 6 and comparable and bool(fuzz.partial_ratio(a, b, score_cutoff=92))


def _merge(found: list[_Found]) -> list[_Found]:
    """One record per quote: later copies (other outlets, repeats) add their article to `also_in`."""
    merged: list[tuple[str, _Found]] = []
    for quote in found:
        key = _normal(quote.text)
        match = next((q for k, q in merged if _same_quote(k, key, q.article == quote.article)), None)
        if match is None:
            merged.append((key, quote))
            continue
        if quote.article != match.article and quote.article not in match.also_in:
            match.also_in.append(quote.article)
        if match.speaker is None:
            match.speaker = quote.speaker
    return [q for _, q in merged]
