"""What counts as speech: the verbs and nouns that carry someone's words, and the words already quoted.

Finding quotes and attributing them both ask "is this a speech verb?" and "is this token
inside someone's quote?", so the answers live here, apart from either.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from .docs import paragraph_text
from .quotemarks import quoted_spans

SPEECH_VERBS = frozenset(
    """
    say tell state add stress describe call respond reply confirm emphasise emphasize
    insist argue warn inform explain note write ask announce declare claim brand recall
    acknowledge admit conclude comment remark suggest urge quip joke tweet post vow pledge
    promise reiterate recount whisper shout cry exclaim deny predict caution observe
    label dub term refer praise criticise criticize accuse lament concede assert
    maintain continue complain express reveal testify report characterise characterize
    sing chant scream yell tout hail dismiss read denounce speak remember
    talk mention boast muse plead demand proclaim slam blast mock condemn decry retort
    scoff chide rebuke applaud thank assure
    """.split()
)
# Nouns that carry words for whoever issued them ("read a Liverpool statement",
# "claims from Kevin Keegan that ..."): the speaker is their owner, not the noun.
STATEMENT_NOUNS = frozenset(
    "statement release message letter note post tweet email communique announcement claim remark comment "
    "pledge promise vow warning plea "
    "website site account page blog feed".split()
)
# Verbs that are speech with their particle ("“…?” Trump went on", "Romney fired back").
PHRASAL_SPEECH = frozenset(
    {("go", "on"), ("fire", "back"), ("shoot", "back"), ("hit", "back"), ("chime", "in"), ("cut", "in"), ("lash", "out")}
)
# Nouns that refer back to words just quoted ("That quote from X appeared …").
QUOTE_NOUNS = STATEMENT_NOUNS | {"quote", "quotation", "word", "line"}
# Verbs that are speech with one of these for their object ("delivered this speech", "issued a statement").
SPEECH_ACTS = frozenset({"deliver", "give", "make", "issue"})
SPEECHES = frozenset({"speech", "address", "remark", "statement", "testimony", "message"})
# Passive speech verbs whose subject is still the speaker ("he was quoted as saying").
SPEAKER_PASSIVES = frozenset({"quote", "report", "hear"})


def is_speech_verb(token: Token) -> bool:
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    if token.lemma_.lower() in SPEECH_ACTS and any(c.dep_ == "dobj" and c.lemma_.lower() in SPEECHES for c in token.children):
        return True  # "Hollande delivered this speech", "the club issued a statement"
    if token.lemma_.lower() == "make":  # "made it clear that he would not “sell his country”"
        return any(c.lower_ == "clear" for c in token.children)
    if token.lemma_.lower() == "put":  # "As eighth-grader India Allen, 13, put it: “…”"
        deps = {c.dep_ for c in token.children}  # not "put it on the table"
        return any(c.lower_ == "it" and c.dep_ == "dobj" for c in token.children) and not deps & {"prep", "prt", "dative"}
    if token.pos_ == "VERB" and any(c.dep_ == "prt" and (token.lemma_.lower(), c.lower_) in PHRASAL_SPEECH for c in token.children):
        return True
    return token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS


# The lemmas `is_speech_verb` asks about whatever their part of speech.
LEMMAS_ASKED_WHATEVER_THE_TAG = SPEECH_ACTS | {"put"}


def speech_verbs(doc: Doc, skip: set[int] = frozenset()) -> list[Token]:
    """The paragraph's speech verbs (`is_speech_verb`), but those at `skip`. Only the words
    `is_speech_verb` can accept (a verb, "according", the lemmas it asks about whatever the
    tag) are made into spaCy tokens and asked: making a Token of every word is slow."""
    if not len(doc):
        return []
    pos, lower, lemma = doc.to_array([POS, LOWER, LEMMA]).T
    strings = doc.vocab.strings
    asked = {h for h in set(lemma.tolist()) if strings[h].lower() in LEMMAS_ASKED_WHATEVER_THE_TAG}
    according = strings["according"]
    return [doc[i] for i in range(len(doc))
            if (pos[i] == VERB or lower[i] == according or lemma[i] in asked) and i not in skip and is_speech_verb(doc[i])]


def quoted_tokens(doc: Doc) -> set[int]:
    spans = (doc.char_span(a, b, alignment_mode="expand") for a, b in quoted_spans(paragraph_text(doc)))
    return {t.i for s in spans if s is not None for t in s}
