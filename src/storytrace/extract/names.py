"""Name matching: when two surface forms of a person's name are the same person.

Hand-written because no library covers news-name variants: outlets transliterate
differently (Zelensky / Zelenskyy / Zelenskiy), write titles into the name ("Treasury
Secretary Scott Bessent") and shorten to the surname after the first mention. rapidfuzz
does the string similarity; this module only decides what to compare.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

# Words that precede a name as a title or office, never as part of it. A general lexicon
# of offices and honorifics (not of people): "Treasury Secretary Scott Bessent" →
# "Scott Bessent", and the stripped words describe the person's role.
TITLE_WORDS = frozenset(
    """
    president vice prime minister secretary senator sen rep representative congressman
    congresswoman governor gov mayor chancellor king queen prince princess pope general
    gen col colonel lt lieutenant captain capt sgt sergeant dr doctor mr mrs ms miss sir
    dame lord lady judge justice ambassador commissioner chief deputy treasury defense
    defence foreign interior home state first former mp professor prof rev reverend
    sheikh ayatollah coach manager spokesman spokeswoman spokesperson director ceo
    chairman chairwoman chair speaker leader premier officer inspector superintendent
    commander admiral marshal attorney prosecutor minister detective chef pm cmdr cdr adm maj brig
    cpl pvt insp supt det amb atty hon treasurer comptroller auditor councillor councilman alderman
    principal dean provost bishop archbishop cardinal rabbi imam pastor
    datuk dato datin seri tun shri smt
    """.split()
)
# Modifiers that change nothing about who a role description points at.
ROLE_NOISE = frozenset({"the", "then", "current", "former", "incumbent"})
# Words that make a title a different office ("vice president" is not "the president").
SUBORDINATE = frozenset({"vice", "deputy", "assistant", "under"})
# Offices whose holder a text may call "the leader".
HEAD_OFFICES = frozenset({"president", "prime", "premier", "chancellor", "king", "queen"})
# Short forms of titles, so that "the Malaysian PM" matches "Prime Minister Najib Razak".
TITLE_FORMS = {"pm": ("prime", "minister"), "gov": ("governor",), "sen": ("senator",), "rep": ("representative",)}

# Words that give a person's sex where no pronoun does: honorifics and kinship or
# person nouns ("his brother, 34, said"; "One young woman wrote"). General lexicon.
MALE_WORDS = frozenset("mr sir lord king prince man boy father dad brother son husband uncle nephew grandfather he his him himself".split())
FEMALE_WORDS = frozenset(
    "mrs ms miss madam dame lady queen princess woman girl mother mom mum sister daughter wife aunt niece grandmother she her hers herself".split()
)

# Nouns for a person by nationality that spaCy does not reliably tag NORP ("The Scot
# added"): general lexicon, with the -man/-woman forms. Adjective forms used as nouns
# ("the Brazilian") come tagged NORP and need no entry.
DEMONYM_NOUNS = frozenset(
    """
    scot scotsman scotswoman spaniard frenchman frenchwoman dutchman dutchwoman englishman
    englishwoman irishman irishwoman welshman welshwoman briton brit swede dane finn pole
    croat serb turk czech slovak argentine kiwi aussie yank
    """.split()
)

# Nouns that name an unnamed person who may speak ("an official", "a witness"), as opposed
# to a thing that may "say" ("a statement", "one line of speculation"). General lexicon.
PERSON_NOUNS = frozenset(
    """
    official source spokesman spokeswoman spokesperson witness resident neighbour neighbor
    friend relative student worker employee officer diplomat analyst expert passenger
    survivor man woman boy girl person insider aide adviser advisor lawyer doctor nurse
    soldier fighter investigator executive member supporter fan journalist reporter
    activist teacher colleague classmate acquaintance bystander eyewitness victim
    researcher scientist engineer critic protester campaigner lawmaker legislator politician
    """.split()
)

# Last words that make a name an organisation's ("Manchester United", "Security Research Labs").
ORGANISATION_WORDS = frozenset(
    """
    united city fc afc club labs lab airlines airways bank group inc ltd llc plc corp corporation
    company holdings party league association university college institute agency ministry council
    committee commission fund foundation times post news journal herald tribune press network media
    """.split()
)

# Nouns for a person by occupation that are not titles ("said the striker"). General lexicon.
ROLE_NOUNS = frozenset(
    """
    striker midfielder defender goalkeeper keeper forward winger player skipper boss star
    actor actress singer musician author writer novelist veteran champion candidate
    politician lawmaker legislator businessman businesswoman billionaire founder owner
    pilot captain co-pilot driver chef economist scientist researcher professor fellow lecturer
    drummer guitarist bassist frontman militant gunman attacker suspect jihadist jihadi
    """.split()
)

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

_DATELINE = re.compile(r"^[A-Z][A-Z.]+(?:,? [A-Z][A-Z.]+)* [-–—]+ (?=[A-Z])")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_JUNK = " \t\"'“”‘’«»()[]{}.,;:!?-–—"


def clean_surface(text: str) -> str:
    """A mention as a name: no leading article, no possessive, no edge punctuation."""
    text = " ".join(text.split()).strip(_EDGE_JUNK.replace(".", ""))
    text = _DATELINE.sub("", text) or text  # "ROME - Bernie Sanders met …": the dateline is no part of the name
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    text = re.sub(r"\s*\([^()]*\)?$", "", text) or text  # "Authority (Amsa)": the acronym is an alias
    text = _POSSESSIVE.sub("", text)
    text = text.strip(_EDGE_JUNK.replace(".", ""))
    # A trailing period is punctuation unless the last word is an abbreviation (U.S.).
    if text.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", text):
        text = text[:-1]
    return text


# The name comparisons below run millions of times over a story's few thousand distinct
# words (speaker and entity resolution): pure functions of their strings, memoised.
@lru_cache(maxsize=1 << 16)
def word_key(token: str) -> str:
    """A word folded for comparison: lowercase letters only, no accents."""
    return re.sub(r"[^a-z]", "", strip_accents(token).casefold())


def strip_accents(text: str) -> str:
    if text.isascii():
        return text  # nothing to strip (NFKD leaves ASCII as it is)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def split_title(name: str) -> tuple[list[str], list[str]]:
    """(title words, name words): everything up to the last title word is the title."""
    words = name.split()
    cut = 0
    for i, w in enumerate(words[:-1]):
        if word_key(w) in TITLE_WORDS:
            cut = i + 1
    return words[:cut], words[cut:]


def name_words(name: str) -> list[str]:
    """The words of a person's name, without title and generational suffix."""
    words = split_title(name)[1]
    while len(words) > 1 and word_key(words[-1]) in SUFFIXES:
        words = words[:-1]
    return words


@lru_cache(maxsize=1 << 16)
def surname_key(word: str) -> str:
    """A surname folded over transliteration endings: -y, -yy, -iy, -ii, -i are one ending."""
    key = word_key(word)
    return re.sub(r"(?:iy|yy|ii|yi|ij|y|i)$", "i", key) if len(key) > 3 else key


@lru_cache(maxsize=1 << 18)
def similar_words(a: str, b: str) -> bool:
    """Two name words that are one name spelt two ways (exact for short words)."""
    ka, kb = surname_key(a), surname_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 5:
        return False
    return fuzz.ratio(ka, kb) >= 85


def first_names_compatible(a: str, b: str) -> bool:
    """Same first name, or one is the other's initial ("J." and "John")."""
    ka, kb = word_key(a), word_key(b)
    if not ka or not kb:
        return False
    if len(ka) == 1 or len(kb) == 1:
        return ka[0] == kb[0]
    return similar_words(a, b)


def same_person(a: str, b: str) -> bool:
    """Two full names (≥ 2 words each) of one person: same surname and first name."""
    wa, wb = name_words(a), name_words(b)
    if len(wa) < 2 or len(wb) < 2:
        return False
    return similar_words(wa[-1], wb[-1]) and first_names_compatible(wa[0], wb[0])


def normal_key(text: str) -> str:
    """Case-, accent- and punctuation-free form, for exact lookups ("U.S." = "US")."""
    return re.sub(r"[^a-z0-9 ]", "", strip_accents(clean_surface(text)).casefold()).strip()


def acronym(text: str) -> str:
    """Initials of the capitalised words: "European Union" → "eu"."""
    words = [w for w in clean_surface(text).split() if w[:1].isupper()]
    return "".join(w[0] for w in words).casefold() if len(words) > 1 else ""


def title_words(words: list[str]) -> list[str]:
    """Folded role words with short title forms spelt out ("PM" → "prime", "minister")."""
    out: list[str] = []
    for w in words:
        key = word_key(w)
        out.extend(TITLE_FORMS.get(key, (key,) if key else ()))
    return out


def sex_of(word: str) -> str | None:
    """"m" or "f" for a word that says a person's sex, else None."""
    key = word_key(word)
    return "m" if key in MALE_WORDS else "f" if key in FEMALE_WORDS else None


def is_head_office(role: frozenset[str] | set[str]) -> bool:
    """A role that leads a country or body: president, prime minister, premier, chancellor, monarch."""
    return bool(role & HEAD_OFFICES) and not role & SUBORDINATE


def role_matches(words: list[str], role: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
    """A description ("the Malaysian PM", folded by `title_words`) fits a role a person was
    named with: same head, no word the role lacks, and no vice- or deputy- it leaves out."""
    held = set(role)
    return bool(words) and words[-1] in held and set(words) <= held and not (held & SUBORDINATE) - set(words)
