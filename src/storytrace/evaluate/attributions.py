"""Quote speakers scored against an attribution corpus that others labelled: PolNeAR
(Newell, Margolin and Ruths, LREC 2018; 1,028 US political news articles of 7 outlets,
attributions in brat standoff: Source, Cue and Content spans).

Not part of `eval all`: the corpus is not ours to ship (its repository states no licence), so
the user gives the path of a copy (`storytrace eval attributions PolNeAR/data/dev`).
Every quoted stretch inside an attribution's Content is a labelled quote; its Source is
the span the annotator marked, as written. A source that is a name ("Mr. Obama", "Donna
Brazile, the interim chairwoman …") scores the speaker: right when the speaker's name
holds that surname. Pronoun and description sources ("he", "campaign aides") have no
name to match without coreference, which PolNeAR does not label: they count for "found"
only. PolNeAR labels each word once, so a quote nested in another is labelled with the
outer source ("As Breitbart News reported: “… “…,” Earnest said.”"): a few "wrong"
speakers are that.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..extract import docs, entities, names, quotes
from ..model import Article
from .quotes import _words, same_text

# Quoted stretches of a Content span: curly or straight double marks.
QUOTED = re.compile(r"[“\"]([^“”\"]{2,}?)[”\"]")
PRONOUNS = frozenset("he she they who i we it his her their you which that him them its our my we’ve we've".split())
ARTICLES = frozenset({"the", "a", "an"})
# A text-bound annotation's type and offsets ("Content 727 797;934 1017"); other lines are passed over.
BRAT_SPAN = re.compile(r"\S+ \d+ \d+(?:;\d+ \d+)*")
KINDS = ("named sources", "described sources", "pronoun sources")


def evaluate(data_dir: Path) -> dict[str, dict[str, float]]:
    """{"named sources" | "described sources" | "pronoun sources" | "all": figures} over the
    articles of `data_dir`: pairs `X.txt` and `X.ann` in one folder, or PolNeAR's
    compartment layout (`text/X.txt`, `attributions/X_<annotator>.ann`)."""
    counts: dict[str, Counter] = {kind: Counter() for kind in KINDS}
    pairs = _pairs(Path(data_dir))
    if not pairs:
        raise ValueError(f"{data_dir}: no article text with its attributions (X.txt beside X.ann, or text/ and attributions/)")
    for text_path, ann_path in pairs:
        text = text_path.read_text(encoding="utf-8", errors="replace")  # a stray byte costs one character, not the article
        labelled = labelled_quotes(text, ann_path.read_text(encoding="utf-8", errors="replace"))
        headline, _, body = text.partition("\n")
        article = Article(id=text_path.stem, source=text_path.name, title=headline.strip() or None, text=body.strip())
        parsed = docs.parse_articles([article])
        predicted = quotes.find_quotes([article], entities.find_entities([article], parsed), parsed)
        for words, source in labelled:
            kind, name = source_kind(source)
            match = next((q for q in predicted if same_text(q.text, words)), None)
            counts[kind].update(labelled=1, found=match is not None)
            if kind == "named sources" and match is not None and match.speaker:
                counts[kind]["right"] += same_source(match.speaker, name)
    scores = {kind: _scores(c, kind == "named sources") for kind, c in counts.items() if c["labelled"]}
    scores["all"] = _scores(sum(counts.values(), Counter()), False)
    return scores


def _scores(counts: Counter, with_speaker: bool) -> dict[str, float]:
    labelled = counts["labelled"]
    figures = {"found": counts["found"] / labelled if labelled else 0.0, "quotes": float(labelled)}
    if with_speaker:
        figures["speaker"] = counts["right"] / labelled if labelled else 0.0
    return figures


def _pairs(folder: Path) -> list[tuple[Path, Path]]:
    if (folder / "text").is_dir() and (folder / "attributions").is_dir():
        found = []
        for text in sorted((folder / "text").glob("*.txt")):
            # One annotator's file per article (several for the few that all annotators labelled).
            ann = next(iter(sorted((folder / "attributions").glob(f"{text.stem}_*.ann"))), None)
            if ann is not None:
                found.append((text, ann))
        return found
    return [(t, t.with_suffix(".ann")) for t in sorted(folder.glob("*.txt")) if t.with_suffix(".ann").exists()]


def labelled_quotes(text: str, ann: str) -> list[tuple[str, str | None]]:
    """(quoted words, source as written) for each quoted stretch of each attribution's
    Content, the headline's aside (labelled quotes here are the body's)."""
    spans: dict[str, tuple[list[tuple[int, int]], str]] = {}
    relations = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 3 and BRAT_SPAN.fullmatch(fields[1]):
            _, offsets = fields[1].split(" ", 1)
            spans[fields[0]] = ([(int(a), int(b)) for a, b in (r.split() for r in offsets.split(";"))], fields[2])
        elif line.startswith("E") and len(fields) >= 2:
            relations.append(dict(part.split(":", 1) for part in fields[1].split() if ":" in part))
    headline_end = len(text.partition("\n")[0])
    found = []
    for relation in relations:
        content, source = spans.get(relation.get("Content", "")), spans.get(relation.get("Source", ""))
        if content is None:
            continue
        for start, end in content[0]:
            if start >= headline_end:
                found += [(m.group(1).strip(), source[1] if source else None) for m in QUOTED.finditer(text[start:end])]
    return found


def same_source(speaker: str, name: str) -> bool:
    """The speaker found is the person the label names: same surname (spelt either way), and
    when the label gives a given name, a compatible one in the speaker's name too."""
    found, labelled = names.name_words(_words(speaker)), names.name_words(name)
    if not found or not labelled or not names.similar_words(found[-1], labelled[-1]):
        return False
    return len(labelled) == 1 or (len(found) > 1 and names.first_names_compatible(found[0], labelled[0]))


def source_kind(source: str | None) -> tuple[str, str]:
    """("named sources", the name without title) when a name heads the source ("Mr. Obama", "Representative
    Charles B. Rangel of New York", "Donna Brazile, the interim chairwoman …") or ends its
    first part after a description ("CIA spokesman Ryan Trapani", "Sen. Chuck Schumer
    (D-N.Y.)"); else a pronoun or a description ("The Clinton campaign": the name only
    qualifies its head)."""
    first = re.split(r"[,(—–]| who | of ", source or "")[0]
    words = first.split()
    if not words or words[0].casefold() in PRONOUNS:
        return "pronoun sources", ""
    i = 0
    while i < len(words) - 1 and (words[i].casefold() in ARTICLES or names.word_key(words[i]) in names.TITLE_WORDS):
        i += 1
    run = []
    while i < len(words) and words[i][:1].isupper():
        run.append(words[i])
        i += 1
    # A name after its description: the last words, capitalised, at least two of them.
    last = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        last.insert(0, word)
    name = run if run and i == len(words) else last if 2 <= len(last) < len(words) else None
    if name is None:
        return "described sources", ""
    owners = [k for k, word in enumerate(name[:-1]) if re.search(r"['’]s$", word)]
    name = name[owners[-1] + 1:] if owners else name  # "Breitbart’s Joel Pollak" is Joel Pollak
    return "named sources", re.sub(r"['’]s$", "", " ".join(names.name_words(" ".join(name))))  # no "Jr."
