"""Who said a quotation: the speaker a speech verb, a statement or a pronoun points at.

Written on spaCy's dependency parse (textacy's `direct_quotations` does the same on the
same parse but pulls in many dependencies and misses the news conventions handled here):
the subject of the speech verb nearest a quote is its speaker; "a statement from X" and
"a text message sent by the airline" give their sender; "he"/"she" is the person the
preceding sentences are about; "the Malaysian PM" is the person named with that role;
"the airline" is the story's one organisation of that kind; an unnamed source is kept
as written ("a senior Ukraine official"). What counts as speech is in `speech`, the
people named with a role in `roles`, the unnamed sources introduced in `unnamed`, who
a name in the article means in `mentions`, and the story's names in `people`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import names
from .mentions import PRONOUN_SEX, Mentions, clip, honorific_sex, titled
from .people import People
from .roles import RoleHolders
from .speech import QUOTE_NOUNS, SPEAKER_PASSIVES, STATEMENT_NOUNS, is_speech_verb, quoted_tokens
from .unnamed import DOCUMENTS, INDEFINITE, Introductions, common_noun, description, head_words, noun_sex, person_noun

PRONOUN_SPEAKERS = frozenset({"he", "she"})
# Nouns by which a text refers back to an organisation it named ("the company said").
ORG_NOUNS = frozenset({"company", "firm", "group", "club", "party", "airline", "carrier", "agency", "ministry",
                       "department", "organisation", "organization", "bank", "government", "body", "authority"})
# Entity labels for amounts and times, never a speaker ("The 27-year-old said" is a DATE to spaCy).
MEASURES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
# Entity labels of those who can speak together ("France and America", "Malia and Sasha").
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Verbs of asking someone something, whose answer is that person's.
ASKING = frozenset({"ask", "question", "press"})
CONTEXT_SENTENCES = 8  # how far back "he said" looks for the person meant


class Speakers:
    """The speakers of one article's quotes, remembering who was named and how."""

    def __init__(self, docs: list[Doc], people: People):
        self.docs = docs
        self.people = people
        # Tokens inside quotation marks, per paragraph: someone's words, not the article's naming.
        self.quoted = {id(doc): quoted_tokens(doc) for doc in docs}
        self.roles = RoleHolders(docs, self.quoted, people)
        self.names = Mentions(docs, people, self.quoted, self.roles)
        self.prefix: str | None = None  # "Michelle Obama:" opening an interview answer
        self.introduced = Introductions(docs, self.quoted)
        self._finding_issuer = False

    def attribute(self, index: int, span: Span, verbs: list[Token]) -> str | None:
        """The speaker given by the speech verb in the quote's own sentence(s)."""
        sentences = {s.start for t in span for s in [t.sent]}
        doc = span.doc
        follows = doc.text[span.end_char : span.end_char + 3].lstrip("”\"’' ")
        if span.text.rstrip().endswith(",") or follows.startswith(","):
            # “…,” always goes on with its attribution, even where the parser starts a new
            # sentence inside it (“…,” Chinese Deputy Foreign Minister Xie | Hangsheng said).
            sentences.update(t.sent.start for t in doc[span.end : span.end + 8])
        elif span.text.rstrip("”\"’' ")[-1:] in "?!" and span.end < len(doc):
            # “… back?” Yik-Kiong Hue, an MH370 next-of-kin, said: the parser ended the sentence at "?".
            after = doc[min(span.end + 1, len(doc) - 1)].sent
            if after.start >= span.end - 1 and is_speech_verb(after.root):
                sentences.add(after.start)
        near = [v for v in verbs if v.sent.start in sentences]
        # "claims from Kevin Keegan that the league is “boring”": the noun stands for the verb.
        near += [a for a in span.root.ancestors if a.pos_ == "NOUN" and a.lemma_.lower() in STATEMENT_NOUNS]
        if not near:
            before = doc.text[: span.start_char].rstrip(" “\"‘")
            if before.endswith(":") and span[0].sent.start < span.start:
                # "X, however, is blunt: “…”": the clause the colon ends (not a root the parser put in the quote)
                colon = next((t for t in reversed(doc[span[0].sent.start : span.start]) if t.text == ":"), None)
                clause = colon.head if colon is not None and colon.head.pos_ in ("VERB", "AUX") else span[0].sent.root
                return self.subject_speaker(index, clause)
            return None

        def rank(verb: Token) -> tuple[bool, int]:
            governs = any(verb in t.ancestors for t in span)
            distance = min(abs(verb.i - span.start), abs(verb.i - (span.end - 1)))
            return (not governs, distance)

        # "has been described as a “tangled mess” as experts predicted …": said by nobody
        # named, and not by whoever speaks in another clause of the sentence.
        unattributed_passive = False
        for verb in sorted(near, key=rank):
            governs = not rank(verb)[0]
            if unattributed_passive and not governs:
                return None
            speaker = self._statement(index, verb) if verb.pos_ == "NOUN" else self.speaker(index, verb)
            if speaker is not None:
                return speaker
            unattributed_passive |= governs and any(c.dep_ == "auxpass" for c in verb.children)
        return None

    def speaker(self, index: int, verb: Token) -> str | None:
        if verb.lower_ == "according":
            target = next((c for t in verb.children if t.lower_ == "to" for c in t.children if c.dep_ == "pobj"), None)
            return self._phrase(index, target) if target is not None else None
        quoted = self.quoted[id(verb.doc)]
        while True:
            # Not a subject inside the quote: "“The pressure … ,” said Sullenberger" parses with two.
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in quoted]
            # Of two, the person ("in Berea, OH, …, Gov. John Kasich (R-OH), said": a misparse)
            subject = next((c for c in subjects if c.ent_type_ == "PERSON"), subjects[0] if subjects else None)
            if subject is not None and subject.pos_ == "ADP":
                # "Of Carson, Levine, who …, said": the parser made the preposition the subject.
                subject = next((c for c in subject.children if c.dep_ == "pobj"), None)
            auxiliaries = {c.dep_ for c in verb.children}
            passive = verb.tag_ == "VBN" and (
                "auxpass" in auxiliaries or subject is None and "aux" not in auxiliaries and verb.dep_ in ("acl", "ROOT")
            )
            if passive and verb.lemma_.lower() not in SPEAKER_PASSIVES:
                # "was described as …", "X - described as …", "was praised by Y": the speaker is the agent, if any.
                agent = next((c for a in verb.children if a.dep_ == "agent" for c in a.children if c.dep_ == "pobj"), None)
                return self._phrase(index, agent) if agent is not None else None
            statement = verb.head.lemma_.lower() in STATEMENT_NOUNS  # "claims that Mrs. Obama gave a speech about “…”"
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON") and (subject is None or statement):
                noun = verb.head  # "One source, speaking anonymously, ..."
                if noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON":
                    noun = noun.head  # "Wolfgang Schaeuble, Germany's finance minister, called …": a misparse hung the verb on the apposition
                return self._phrase(index, noun)
            if subject is None and verb.dep_ == "ROOT" and any(t.is_quote for t in verb.doc[verb.sent.start : verb.i]):
                # "“…,” read a Liverpool statement": the parser takes the inverted subject for an object.
                # (not an object that is someone's: "… as “terrible,” denounced her record")
                subject = next(
                    (c for c in verb.rights if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and not any(p.dep_ == "poss" and p.pos_ == "PRON" for p in c.children)),
                    None,
                )
            if subject is not None:
                if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
                    subject = _antecedent(verb.head)
                return self._phrase(index, subject)
            if verb.dep_ not in ("conj", "advcl", "xcomp", "ccomp", "pcomp", "acomp") or verb.head is verb:
                return self._leading_person(verb)
            if verb.dep_ == "conj":
                # "men and women sobbed … and one mother, collapsing to her knees, cried: “…”":
                # a noun the parser joined to the verb before is the subject of this one.
                nouns = [c for c in verb.head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.i < verb.i]
                if verb.head.pos_ in ("VERB", "AUX") and nouns:
                    return self._phrase(index, nouns[-1])
            verb = verb.head
            teller = verb.head if verb.dep_ == "ccomp" else verb.head.head if verb.dep_ == "acl" else None
            if teller is not None and not is_speech_verb(verb) and is_speech_verb(teller):
                # "X told Newsmax that Romney “had …,” adding, “…”", "Bennett denied the notion
                # that a shakeup is coming, explaining …": "adding" hangs on the words reported,
                # whose subject is not the speaker; the one who told or denied them is.
                verb = teller
            if verb.lower_ == "as" and verb.dep_ == "prep" and verb.head.pos_ == "VERB":
                verb = verb.head  # "AT&T was quoted by FierceWirelessTech as saying, “…”": past "as" to "quoted"

    def _statement(self, index: int, noun: Token, owned_only: bool = False) -> str | None:
        """Who issued a statement: its owner ("a Liverpool statement", "claims from X"),
        else (unless `owned_only`) the subject of the verb it is the object of ("X issued a
        statement saying") or the issuer of the statement "the statement" refers back to."""
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")):
                return self._phrase(index, child)
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
                if target is not None and (target.pos_ == "PROPN" or target.ent_type_ or target.lemma_.lower() in ORG_NOUNS):
                    return self._phrase(index, target)  # "a statement from Uefa", "… from the club"
            if child.dep_ == "prep" and child.lower_ in ("on", "in"):  # "a statement on Uefa's website"
                owner = next((o for c in child.children if c.dep_ == "pobj" for o in c.children if o.dep_ == "poss"), None)
                if owner is not None and owner.pos_ in ("PROPN", "NOUN"):
                    return self._phrase(index, owner)
            if child.dep_ == "acl":  # "a text message sent to families by the airline"
                agent = next((c for a in child.children if a.dep_ == "agent" for c in a.children if c.dep_ == "pobj"), None)
                if agent is not None:
                    return self._phrase(index, agent)
        if owned_only:
            return None
        if noun.dep_ == "dobj":
            subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return self._phrase(index, subject)
        if noun.dep_ == "pobj" and noun.head.lower_ == "in" and is_speech_verb(noun.head.head):
            return self.speaker(index, noun.head.head)  # "Belgium's federal prosecutor said in a statement"
        if any(c.lower_ == "the" for c in noun.children):
            return self._earlier_statement(index, noun)  # "The text messages read: …"
        return None

    def _earlier_statement(self, index: int, noun: Token) -> str | None:
        """Who issued the statement a definite "the message" refers back to."""
        earlier = [
            (i, t) for i, doc in enumerate(self.docs[: index + 1]) for t in doc
            if t.lemma_ == noun.lemma_ and (i, t.i) < (index, noun.i)
        ]
        for i, token in reversed(earlier):
            owner = self._statement(i, token)
            if owner is not None:
                return owner
        return None

    def _leading_person(self, verb: Token) -> str | None:
        """A parse with no subject (a name misread as an adverb): the person the clause opens with."""
        quoted = self.quoted[id(verb.doc)]
        for token in verb.doc[verb.sent.start : verb.i]:
            entity = self.people.by_key.get(names.normal_key(token.text)) if token.is_title and token.i not in quoted else None
            if entity is not None and entity.type == "PERSON":
                return entity.name
        return None

    def subject_speaker(self, index: int, root: Token) -> str | None:
        # (not a subject inside quotation marks: "… where they live: “Surge in robberies … alters …”")
        quoted = self.quoted[id(root.doc)]
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in quoted), None)
        return self._phrase(index, subject) if subject is not None else None

    def _phrase(self, index: int, token: Token) -> str | None:
        """A subject as a speaker: a named entity, a resolved pronoun, or the noun phrase."""
        name = self._subject_name(index, token)
        name = self.names.complete(name) if name else name
        # "France and America pledged to “intensify airstrikes”": together they speak.
        partners = [c for c in token.conjuncts if c.ent_type_ in NAMED and c.i > token.i] if token.ent_type_ in NAMED else []
        if name and partners:
            others = [self.names.complete(self._subject_name(index, c) or c.text) for c in partners]
            others = list(dict.fromkeys(o for o in others if o != name))
            name = ", ".join([name, *others[:-1]]) + " and " + others[-1] if others else name
        return name

    def _subject_name(self, index: int, token: Token) -> str | None:
        if token.lower_ in PRONOUN_SPEAKERS:
            return self._pronoun(index, token)
        if token.lower_ in ("i", "we") and self.prefix is not None and token.sent.start_char >= 0:
            return self.prefix  # "Michelle Obama: I told him, “…”"
        if token.lower_ in ("it", "they") and token.dep_ == "nsubj" and is_speech_verb(token.head):
            return self._it(index, token)
        if token.pos_ == "PRON":
            return None
        # "Cmdr. William Marks": a title, its abbreviation point, then a name (not "the captain.")
        abbreviated = token.i + 2 < len(token.doc) and token.nbor(1).text == "." and token.nbor(2).is_title
        if abbreviated and names.word_key(token.text) in names.TITLE_WORDS:
            return self.names.proper_name(token)  # "said Cmdr. William Marks", cut at the abbreviation's point
        holder = titled(token)
        if holder is not None:
            return self._subject_name(index, holder)
        if token.pos_ == "NOUN" and token.lemma_.lower() in STATEMENT_NOUNS:
            owner = self._statement(index, token)
            if owner is not None:
                return owner
        if _nationality(token):
            return self._pronoun(index, token)  # "The Scot added": the one the text is about
        doc = token.doc
        words = head_words(token)
        appositions = _appositions(token)
        named_beside = any(c.pos_ == "PROPN" for c in appositions)
        if token.pos_ == "NOUN" and words and words[0].lower_ in INDEFINITE and not named_beside:
            return self._unnamed(index, token, words)  # "one European Union official in Brussels said"
        # The name is the subject itself, a word before it or an apposition to it
        # ("His spokesman, John Smith,"; "Chelsea manager Mourinho"); not anything in a
        # clause hanging off it.
        appositive = {t.i for c in appositions for t in c.subtree}
        if token.pos_ == "PROPN" and not token.ent_type_ and appositive:
            name = self.names.proper_name(token)
            own = self.names.person(name)
            if own is not None:
                return own.name  # "Shevchenko, former European Footballer of the Year, added"
            described = any(c.pos_ == "NOUN" and (person_noun(c) or self._is_role(c)) for c in appositions)
            if described and " " in name:
                return self.names.complete(name)  # "Oh Ei Sun, a senior fellow at the S. Rajaratnam School …, said"
        # Not an owner: "Mr. Sisi's office said" is the office speaking, not Sisi.
        owner = {t.i for c in token.children if c.dep_ == "poss" and token.pos_ == "NOUN" for t in c.subtree}
        near = set(range(token.left_edge.i, token.i + 1)) - owner | appositive
        # A person's role names the person, not the body the role is in ("said the Wigan manager").
        role = token.pos_ == "NOUN" and (self._is_role(token) or person_noun(token))
        labels = ("PERSON",) if role else ("PERSON", "ORG")
        if role and doc[token.left_edge.i].lower_ == "the":
            near -= set(range(token.left_edge.i, token.i))  # "the Wigan manager" (Wigan a PERSON to spaCy) is no name
        ents = [e for e in doc.ents if e.start <= token.i < e.end and e.label_ not in MEASURES] or sorted(
            (e for e in doc.ents if e.start in near and e.label_ in labels),
            key=lambda e: (e.start not in appositive, e.label_ != "PERSON"),
        )
        if not ents:  # "Another man, Jamal, said": a name spaCy did not tag, in apposition
            named = next((c for c in appositions if c.pos_ == "PROPN" and c.is_title and c.i > token.i), None)
            if named is not None and token.pos_ == "NOUN":
                return self.names.complete(self.names.proper_name(named))
        ents = [_org_name(clip(e, token), e.label_) for e in ents]
        for ent in ents:
            entity = self.names.resolve(ent.text, honorific_sex(ent))
            if entity is not None:
                return entity.name
        if ents:
            return names.clean_surface(ents[0].text)
        if not words:
            return None
        text = " ".join(t.text for t in words)
        entity = self.people.by_key.get(names.normal_key(text))
        if entity is None and words == [token] and token.is_title and token.pos_ == "NOUN":
            entity = self.names.resolve(token.text)  # "Yates said", read as a plural noun
        if entity is not None:
            return entity.name
        # Nothing that would make it someone new ("the man who …", "the officer from …"); an
        # aside set off by commas is no such thing ("The militant, also known as …, said").
        bare = not any(
            c.dep_ in ("prep", "relcl", "appos") or c.dep_ == "acl" and doc[c.left_edge.i - 1].text != ","
            for c in token.children
        )
        aged = token.lower_ == "old" and token.i > 1 and token.nbor(-1).text == "-"  # "The 27-year-old said", an adjective to the parser
        if (token.pos_ == "NOUN" and self._is_role(token) or aged) and words and words[0].lower_ == "the" and bare:
            # "said the Ukraine captain": the one named with that role, else the person just written of
            described = self.roles.holder(index, token) or self.introduced.described_as(index, token, words)
            described = described or self._member_of(index, token) or self._pronoun(index, token)
            if described is not None:
                return described
        if token.pos_ == "PROPN" and not token.is_lower:  # (a lower-case "PROPN" is a mistagged noun: "Russia's foreign ministry")
            return self.names.proper_name(token)
        holder = (
            self.roles.holder(index, token)
            or self.introduced.described_as(index, token, words)
            or self._organisation(index, token)
        )
        if holder is not None:
            return holder
        return self._unnamed(index, token, words)

    def _member_of(self, index: int, role: Token) -> str | None:
        """"the Pasok leader": the person last written of together with Pasok ("Evangelos
        Venizelos, whose socialist Pasok party came third")."""
        bodies = {t.lower_ for t in role.lefts if t.pos_ == "PROPN" and t.ent_type_ != "PERSON"}
        if not bodies:
            return None
        for doc in reversed(self.docs[max(0, index - 1) : index + 1]):  # in this paragraph or the one before
            quoted = self.quoted[id(doc)]
            for ent in reversed([e for e in doc.ents if e.label_ == "PERSON" and e.start not in quoted]):
                if doc is role.doc and ent.start >= role.i:
                    continue
                if bodies & {t.lower_ for t in ent.root.subtree if t.i not in range(ent.start, ent.end)}:
                    entity = self.names.person(ent.text)
                    return entity.name if entity is not None else None
        return None

    def _is_role(self, token: Token) -> bool:
        """A noun for a person by role or age ("captain", "striker", "29-year-old"), not for
        a body or a document ("the club", "the statement"), nor one that may bring in someone
        new ("the student asks")."""
        lemma = token.lemma_.lower()
        if lemma in ORG_NOUNS or lemma in STATEMENT_NOUNS:
            return False
        return lemma in names.TITLE_WORDS or lemma in names.ROLE_NOUNS or lemma.endswith("-old")

    def _unnamed(self, index: int, token: Token, words: list[Token]) -> str:
        """An unnamed source as written, with what describes it; "the official" later in the
        article is the official last introduced ("a U.S. official with knowledge of …")."""
        found = self.introduced.described_as(index, token, words) or description(token, words)
        person = token.pos_ == "NOUN" and (person_noun(token) or self._is_role(token))
        return (self._named_as(found) if person else None) or found

    def _named_as(self, described: str) -> str | None:
        """The one person the article names with the very words of a definite description,
        before or after it ("China’s ambassador to Britain accused …" and "China’s ambassador
        to Britain Liu Xiaming has said"; "Liu Xiaming, China’s ambassador to Britain,")."""
        key = described.casefold().removeprefix("the ")
        if len(key.split()) < 2 or key.split()[0] in INDEFINITE:
            return None
        found = set()
        for doc in self.docs:
            for ent in doc.ents:
                if ent.label_ != "PERSON" or ent.start in self.quoted[id(doc)]:
                    continue
                before = doc.text[: ent.start_char].rstrip(" ,").casefold()
                after = doc.text[ent.end_char :].lstrip(" ,").casefold().removeprefix("the ") + " "
                ahead = before.endswith(key) and not before[-len(key) - 1 : -len(key)].isalpha()
                behind = doc.text[ent.end_char : ent.end_char + 1] == "," and after.startswith(key) and after[len(key)] in " ,.;:"
                if ahead or behind:
                    entity = self.names.person(ent.text)
                    found.add(entity.name if entity is not None else names.clean_surface(ent.text))
        return found.pop() if len(found) == 1 else None

    def _organisation(self, index: int, token: Token) -> str | None:
        """"the airline": the one organisation of the story whose name ends in that noun;
        "the company", "the club": the organisation that issued a statement in the last few
        paragraphs, else the one the article named last."""
        if token.pos_ != "NOUN" or not any(c.lower_ == "the" for c in token.children):
            return None
        head = names.word_key(token.lemma_).rstrip("s")
        matches = {o.name for o in self.people.orgs if names.word_key(o.name.split()[-1]).rstrip("s") == head}
        if len(matches) == 1:
            return matches.pop()
        if not matches and token.lemma_ not in ORG_NOUNS:
            return None
        named = [
            entity.name
            for i, doc in enumerate(self.docs[: index + 1])
            for ent in doc.ents
            if ent.label_ == "ORG" and (i, ent.start) < (index, token.i)
            for entity in [self.people.by_key.get(names.normal_key(ent.text))]
            if entity is not None and entity.type == "ORG"
        ]
        if matches:  # several: the one named last ("Malaysian Airlines flight MH370" … "the airline told families")
            return next((n for n in reversed(named) if n in matches), None)
        issuer = self._last_issuer(index, token)
        if issuer is not None:
            return issuer  # "AC Milan's website … said in a statement … The club swiftly released another"
        return named[-1] if named else None

    def _last_issuer(self, index: int, token: Token) -> str | None:
        """The organisation whose statement, website or message the text cited last, within
        the paragraph and the two before it. (Not while finding one: "a statement on the
        club's website" would send "the club" back here.)"""
        if self._finding_issuer:
            return None
        self._finding_issuer = True
        try:
            return self._issuer_before(index, token)
        finally:
            self._finding_issuer = False

    def _issuer_before(self, index: int, token: Token) -> str | None:
        for i in range(index, max(-1, index - 3), -1):
            for noun in reversed(self.docs[i]):
                if (i, noun.i) >= (index, token.i) or noun.pos_ != "NOUN" or noun.lemma_.lower() not in STATEMENT_NOUNS:
                    continue
                owner = self._statement(i, noun, owned_only=True)
                entity = self.people.by_key.get(names.normal_key(owner)) if owner else None
                if entity is not None and entity.type == "ORG":
                    return entity.name
        return None

    def _pronoun(self, index: int, pronoun: Token) -> str | None:
        """He/she: the person the text is about just before — the named subject of the
        nearest clause before the pronoun, or the one person a sentence mentions —
        skipping people the article says are of the other sex. Also for "the Scot added",
        a nationality standing for the person the text is about (of either sex)."""
        sex = PRONOUN_SEX.get(pronoun.lower_)

        def fits(name: str) -> bool:
            return sex is None or self.names.sex.get(name, sex) == sex
        own = pronoun.doc[pronoun.sent.start : pronoun.i]
        sentences = [s for s in self.docs[index].sents if s.end <= pronoun.sent.start]
        for doc in reversed(self.docs[:index]):
            if len(sentences) >= CONTEXT_SENTENCES:
                break
            sentences = list(doc.sents) + sentences
        # "Mostefai had gone to Algeria, he said": who is spoken of is not who speaks. (With
        # two clauses, "X did, too: “…,” she writes", the quote is what is reported, not X.)
        clauses = [c for c in pronoun.head.children if c.dep_ == "ccomp"]
        reported = {t.i for t in clauses[0].subtree} if len(clauses) == 1 else set()
        if any(t.text == ":" and t.i + 1 < len(t.doc) and t.nbor(1).is_quote for c in clauses[:1] for t in c.subtree):
            reported = set()  # the same, parsed as one clause: "James Lim lauded …: “…?” he asks"
        # The last sentence before that is not all quoted words: what a quote after it answers.
        told = next((s for s in reversed(sentences) if any(t.i not in self.quoted[id(s.doc)] and t.is_alpha for t in s)), None)
        for sentence in [own, *reversed(sentences[-CONTEXT_SENTENCES:])]:
            quoted = self.quoted[id(sentence.doc)]
            subjects = [t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and t.i not in quoted]
            if sentence is own:
                subjects = [t for t in subjects if t.i not in reported]
            source = self.according_to(sentence) if sentence is not own else None
            if source is not None and fits(source):
                return source  # "According to the friend, they stayed a week. “We went …,” he said"
            asked = self._asked(sentence, sex) if sentence is not own and sentence is told else None
            if asked is not None and fits(asked):
                return asked  # "Conroy asked Sanders whether … . “Sure it is …,” he said": the answer
            root_subject = next((c for c in sentence.root.children if c.dep_ == "nsubj"), None)
            if sentence is not own and root_subject is not None and root_subject.pos_ == "NOUN" and not root_subject.ent_type_:
                # "Watson's miss … left Roberto Martinez disconsolate. “…,” he said": a thing does
                # something to a person, who is then the one written of.
                for obj in (c for c in sentence.root.children if c.dep_ == "dobj" and c.ent_type_ == "PERSON"):
                    name = self.names.named(obj, sex)
                    if name is not None and fits(name):
                        return name
            for subject in sorted(subjects, key=lambda t: (t.head.dep_ != "ROOT", -t.i)):
                speaks = is_speech_verb(subject.head)
                main = subject.head.dep_ == "ROOT"
                if (speaks or main) and subject.lower_ == pronoun.lower_ and sentence is not own:
                    # "… he said. “…,” he added": the earlier "he" names the same speaker; so does
                    # the "she" a sentence before is about ("Instead, she took … Ms. Palin. “…,” she told").
                    return self._pronoun(self.docs.index(subject.doc), subject)
                name = self.names.named(subject, sex)
                if name is not None and fits(name):
                    return name
                introduced = main and person_noun(subject) and head_words(subject)[0].lower_ in INDEFINITE
                if name is None and (speaks or introduced) and sex is not None and noun_sex(subject) == sex:
                    return self._phrase(index, subject)  # "His brother told AFP … he said", "a woman was sobbing. “…,” she screamed"
                if name is None and speaks and noun_sex(subject) is None and common_noun(subject):
                    words = head_words(subject)
                    if words[0].lower_ in INDEFINITE and person_noun(subject):  # "An unnamed Iranian … has spoken to the BBC. “…,” he told"
                        return description(subject, words)
                    if _place_owned(subject) and (person_noun(subject) or self._is_role(subject)):
                        return description(subject, words)  # "Japan's trade minister said … what he described as “…”"
                    source = self.introduced.described_as(self.docs.index(subject.doc), subject, words)
                    if source is not None:
                        return source  # "“…,” said the official. “…,” he added"
            # In its own sentence, only someone named before it and outside what is reported
            # ("when I asked Bernie Sanders if …, he looked … and said, “…”").
            ents = [x for x in sentence.ents if x.start not in quoted and (sentence is not own or _spoken_to(x, reported))]
            mentioned = {self.names.complete(e.name) for e in map(self.names.person, (x.text for x in ents)) if e}
            # A one-word "person" mentioned in passing is more often a misread place ("the
            # damaged Fukushima No. 1 plant") than the speaker.
            mentioned = {n for n in mentioned if fits(n) and " " in n}
            if len(mentioned) == 1:
                return mentioned.pop()
        return next((n for n in reversed(self.names.recent) if fits(n)), None)

    def owned_after(self, index: int, span: Span) -> str | None:
        """A quote standing alone whose next sentence says whose it is: "“…” That quote
        from Alabama Securities Commissioner Thomas Krebs appeared on the front page …"."""
        after = next((s for s in span.doc.sents if s.start >= span.end), None)
        subject = next((t for t in after.root.children if t.dep_ in ("nsubj", "nsubjpass")), None) if after is not None else None
        if subject is None or subject.lemma_.lower() not in QUOTE_NOUNS:
            return None
        if not any(c.lower_ in ("that", "this", "those", "these", "the") for c in subject.children):
            return None  # "A quote from him …" is another one
        return self._statement(index, subject, owned_only=True)

    def _asked(self, sentence: Span, sex: str | None) -> str | None:
        """The person a sentence asks something ("X asked Sanders whether …"): the one whose
        answer a quote said by "he" or "she" right after it gives."""
        if sentence.root.lemma_.lower() not in ASKING:
            return None
        person = next((c for c in sentence.root.children if c.dep_ in ("dobj", "dative") and c.ent_type_ == "PERSON"), None)
        return self.names.named(person, sex) if person is not None else None

    def according_to(self, sentence: Span) -> str | None:
        """The person a sentence is attributed to ("According to the friend, …", "According
        to an official, …"): a named person or an unnamed source; not a document or an organisation."""
        for token in sentence:
            if token.lower_ != "according" or not is_speech_verb(token):
                continue
            target = next((c for t in token.children if t.lower_ == "to" for c in t.children if c.dep_ == "pobj"), None)
            if target is None:
                return None
            named = self.names.named(target)
            if named is not None:
                return named
            words = head_words(target)
            if not common_noun(target):
                return None
            found = self.introduced.described_as(self.docs.index(sentence.doc), target, words)
            if found is None and words and words[0].lower_ in INDEFINITE and person_noun(target):
                found = description(target, words)
            return found
        return None

    def _it(self, index: int, pronoun: Token) -> str | None:
        """"It said", "they said": the organisation that is the subject of the nearest
        sentence before, by name ("The Federal Aviation Administration ordered … It said …",
        "Big Machine have twice denied … they said") or by a noun for one ("The search
        authority plans …"); for "they", also a group ("Relatives of the victims …", "Malia and Sasha")."""
        plural = pronoun.lower_ == "they"
        sentences = [s for s in self.docs[index].sents if s.end <= pronoun.sent.start]
        if index > 0:
            sentences = list(self.docs[index - 1].sents) + sentences
        # ("But the researchers pointed to what they said are “additional concerns”": its own sentence's subject first)
        own = [pronoun.sent] if pronoun.sent.root.i < pronoun.i else []
        for sentence in [*own, *reversed(sentences[-CONTEXT_SENTENCES:])]:
            subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or subject.i in self.quoted[id(sentence.doc)] or subject.i >= pronoun.i and sentence in own:
                continue
            here = self.docs.index(sentence.doc)
            ent = next((e for e in sentence.ents if e.start <= subject.i < e.end), None)
            joined = any(c.dep_ == "conj" for c in subject.children) and (subject.ent_type_ in NAMED or _body(subject) or person_noun(subject))
            group = joined or subject.tag_ == "NNS" and _body(subject)
            # ("Big Machine have twice denied …": a name spaCy left untagged and no one's a person's)
            untagged = ent is None and subject.pos_ == "PROPN" and self.names.person(subject.text) is None
            if plural and (group or untagged):
                return self._phrase(here, subject)
            if ent is not None and ent.label_ == "ORG":
                entity = self.people.by_key.get(names.normal_key(_org_name(ent, "ORG").text))
                return entity.name if entity is not None else names.clean_surface(_org_name(ent, "ORG").text)
            if ent is None and subject.pos_ == "NOUN" and subject.lemma_.lower() in ORG_NOUNS | DOCUMENTS:
                # "The search authority plans to hire … “…,” it said."; "The report … said … it said, “…”"
                return self._phrase(here, subject)
            if ent is not None or subject.pos_ in ("PROPN", "PRON") and subject.lower_ != pronoun.lower_:
                return None  # the sentence before is about someone else
        return None

    def topic(self, index: int, sentence: Span, bodies: bool = False) -> str | None:
        """The person a sentence is about: the subject of its main clause, or of the last
        clause joined to it ("the family might get hooked …, and Brandts hopes …"), when that
        names a person, is he/she, or is an unnamed source who speaks ("The official said that …").
        `bodies`: also an organisation or group as the subject ("The Eagles of Death Metal were
        inspired by the “shared heroism” …", "authorities fear a “serious and imminent attack”")."""
        root = sentence.root
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
            # "She has made a deal with herself: Remain sane.", parsed with "Remain" for its root
            root = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.i < root.i), root)
        clauses = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
        for clause in reversed(clauses):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or subject.i in self.quoted[id(sentence.doc)]:
                continue
            if subject.lower_ in PRONOUN_SPEAKERS:
                return self._pronoun(index, subject)
            agent = next((p for a in clause.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
            by = self.names.named(agent) if subject.dep_ == "nsubjpass" and agent is not None else None
            if by is not None:
                return by  # "The situation was summed up by Mandy Gilman, a New Yorker …"
            name = self.names.named(subject)
            words = head_words(subject)
            if name is None and subject.pos_ == "NOUN" and is_speech_verb(clause):
                name = self.introduced.described_as(index, subject, words)
            if name is None and person_noun(subject) and words and words[0].lower_ in INDEFINITE:
                name = description(subject, words)  # "One senior European intelligence official offered a mea culpa: “…”"
            if name is None and bodies and _body(subject):
                name = self._phrase(index, subject)
            if name is not None:
                return name
        return None


def _spoken_to(ent: Span, reported: set[int]) -> bool:
    """A name in the pronoun's own sentence that it may stand for: the object of a verb
    someone else is the subject of ("when I asked Bernie Sanders if …, he said"), not one
    in a clause whose subject is the pronoun itself ("After meeting Hollande, he said"),
    nor a modifier ("After the Charlie Hebdo attacks, he …"), nor what is reported."""
    verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return (
        ent.start not in reported
        and ent.root.dep_ in ("dobj", "dative", "pobj")
        and verb is not None
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def _antecedent(noun: Token) -> Token:
    """What "who" stands for when the parser hung the clause on the nearest noun: "Marine Le
    Pen, the leader of the National Front party, who …" is Le Pen's, not the party's."""
    token = noun
    while token.ent_type_ != "PERSON" and token.dep_ in ("pobj", "prep", "appos") and token.head is not token:
        token = token.head
    return token if token.ent_type_ == "PERSON" else noun


def _appositions(noun: Token) -> list[Token]:
    """A noun's appositions, and a person's name the parse hung on the object of its
    preposition instead ("The drummer for Eagles of Death Metal, Julian Dorio, has said",
    "BBC director of sport Barbara Slater added", read as "director of [sport Barbara Slater]")."""
    found = [c for c in noun.children if c.dep_ == "appos"]
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if obj.ent_type_ != "PERSON":
                found += [c for c in obj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
            elif prep.lower_ == "of" and any(c.dep_ == "compound" and c.is_lower and c.pos_ == "NOUN" for c in obj.lefts):
                found.append(obj)
    return found


def _body(noun: Token) -> bool:
    """An organisation, or a group of people named by a plural noun ("authorities", "officials")."""
    if noun.ent_type_ in ("ORG", "NORP"):
        return True
    return noun.pos_ == "NOUN" and (noun.lemma_.lower() in ORG_NOUNS or noun.tag_ == "NNS" and person_noun(noun))


def _place_owned(noun: Token) -> bool:
    """"Japan's trade minister": an office named by the country or body it serves."""
    return any(c.dep_ == "poss" and c.ent_type_ in ("GPE", "ORG", "NORP") for c in noun.children)


def _nationality(token: Token) -> bool:
    """"the Scot", "the Brazilian": a person named by nationality alone."""
    if not any(c.lower_ == "the" for c in token.children) or any(c.dep_ in ("amod", "compound") for c in token.children):
        return False
    return names.word_key(token.text) in names.DEMONYM_NOUNS or token.ent_type_ == "NORP" and token.tag_ in ("NNP", "NN")


def _org_name(ent: Span, label: str) -> Span:
    """An organisation's full name where spaCy stopped at a preposition: "UN Office" →
    "UN Office for the Co-ordination of Humanitarian Affairs"."""
    if label != "ORG":
        return ent
    doc, end = ent.doc, ent.end
    while end < len(doc):
        t = doc[end]
        hyphened = end > 0 and doc[end - 1].text == "-" and not doc[end - 1].whitespace_
        if not (t.lower_ in ("for", "of", "the", "and", "-") or t.is_title or t.is_upper and t.is_alpha or hyphened):
            break
        end += 1
    while end > ent.end and doc[end - 1].lower_ in ("for", "of", "the", "and", "-"):
        end -= 1
    return doc[ent.start : end]
