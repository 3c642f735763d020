"""Where the quotation marks of a paragraph open and close.

Hand-written: spaCy has no quote-span finder, and the pairing rules that news text needs
are small — straight and curly double quotes (and '' closing them in ASCII copy), stray
closing marks used as openers and opening marks used as closers, doubled marks, a paragraph's first mark a closing one (its opener lost
in the scrape, the quote runs from the paragraph's start), a quote left open at the end of a paragraph (the
convention for a quote that goes on in the next paragraph), and single quotes, curly or
straight, told apart from apostrophes.
"""

from __future__ import annotations

import re

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT = '"'
# Words at least between straight single marks for a quote: fewer is most often a term set
# off British-style ('pings', 'big four'), or apostrophes.
STRAIGHT_SINGLE_WORDS = 4
DOUBLE_OR_APOSTROPHE = re.compile("[“„«”»\"'’]")
OPEN_TAIL = 20  # characters: a quote left open at a paragraph's end, shorter than this, is a stray mark


def quoted_spans(text: str, paragraph: bool = True, runs_on: bool = False) -> list[tuple[int, int]]:
    """(start, end) character offsets of the words inside each pair of quotation marks.

    `paragraph`: the text is a whole paragraph, so a closing mark with no opener before it
    means the opener was lost; a sentence cut from a paragraph may simply begin inside a quote.
    `runs_on`: the quote left open at the end is known to go on in the next paragraphs, so it
    counts however short ("My dear compatriots,").
    """
    spans = _double(text, paragraph, 0 if runs_on else OPEN_TAIL)
    inside = [False] * len(text)
    for start, end in spans:
        for i in range(max(start - 1, 0), min(end + 1, len(text))):
            inside[i] = True
    spans += _single(text, inside)
    return sorted(s for s in (_trim(text, a, b) for a, b in spans) if s is not None)


def left_open(text: str) -> bool:
    """The paragraph ends inside a quote: its last opening mark is never closed."""
    return any(end == len(text) for _, end in _double(text, True, 0))


def closed_first(text: str) -> bool:
    """The paragraph's first quotation mark closes a quote opened before it."""
    return any(_lost_opener(text, i) for i, c in enumerate(text) if c in CLOSE_DOUBLE + STRAIGHT)


def has_marks(text: str) -> bool:
    return any(c in OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT for c in text)


def _double(text: str, paragraph: bool, tail: int) -> list[tuple[int, int]]:
    spans = []
    start: int | None = None
    for mark in DOUBLE_OR_APOSTROPHE.finditer(text):  # every rule below is about one of these marks
        i, c = mark.start(), mark.group()
        if c in "'’" and start is not None and text[i : i + 2] in ("''", "’’") and text[i - 1] not in "'’":
            spans.append((start, i))  # "…,'' he said", "…,’’ Will Moy … told": two apostrophes for a closing mark
            start = None
        elif c == STRAIGHT and text[i + 1 : i + 2] == STRAIGHT:
            continue  # a doubled mark ('said Tsipras. ""We will …') is one
        elif c in OPEN_DOUBLE and start is not None and _closes(text, i):
            spans.append((start, i))  # '… an everyday experience, “ said Gillmer': an opener typed for a closer
            start = None
        elif c in OPEN_DOUBLE or (c in CLOSE_DOUBLE and start is None and _opens(text, i)):
            start = i + 1  # a second opener restarts: the first was a stray mark
        elif start is None and paragraph and c in CLOSE_DOUBLE + STRAIGHT and _lost_opener(text, i):
            spans.append((0, i))  # "There is no justification …,” he said": the scrape lost the opening mark
        elif c in CLOSE_DOUBLE + STRAIGHT and start is not None:
            spans.append((start, i))
            start = None
        elif c == STRAIGHT:
            start = i + 1
    if start is not None and len(text) - start > tail:
        spans.append((start, len(text)))  # goes on in the next paragraph
    return spans


def _lost_opener(text: str, i: int) -> bool:
    """The paragraph's first mark closes a quote: curly, or straight after the quote's last
    punctuation and before the attribution ('… for such things," he said')."""
    if any(m in text[:i] for m in OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT):
        return False
    if text[i] in CLOSE_DOUBLE:
        return not _opens(text, i)
    after = text[i + 1] if i + 1 < len(text) else " "
    return text[i] == STRAIGHT and i > 0 and text[i - 1] in ",.?!" and after.isspace()


def _single(text: str, inside: list[bool]) -> list[tuple[int, int]]:
    """‘…’ and '…' quotes: ‘ (or ' after a space) opens before a word; ’ (or ') closes only
    where no letter follows (not "don’t", "DxOMark's"). A straight mark opens only before a
    letter (not "the '90s"), closes only the quote it opened, and quotes a few words at least."""
    spans = []
    start: int | None = None
    opener = ""
    if not any(c in text for c in "‘'’"):
        return spans
    for i, c in enumerate(text):
        if inside[i] or c in "'’" and any(m in text[max(i - 1, 0) : i + 2] for m in ("''", "’’")):
            start = None  # ('' and ’’ stand for a double mark, `_double`'s)
        elif c in "‘'" and _opens(text, i) and (c == "‘" or text[i + 1].isalpha()):
            start, opener = i + 1, c
        elif c in "’'" and start is not None and i > start and not text[i - 1].isspace() and (c == "’" or opener == "'"):
            follower = text[i + 1] if i + 1 < len(text) else " "
            if not follower.isalpha():
                if c == "’" or len(text[start:i].split()) >= STRAIGHT_SINGLE_WORDS:
                    spans.append((start, i))
                start = None
    return spans


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:") and (after.isalnum() or after in "[(.")


def _closes(text: str, i: int) -> bool:
    """A mark after a quote's last punctuation and before a space: where a quote ends."""
    before = text[max(i - 2, 0) : i].rstrip()
    after = text[i + 1] if i + 1 < len(text) else " "
    return before[-1:] in tuple(",.?!") and after.isspace()


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Without edge spaces and the comma that news style puts inside the closing mark."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return (start, end) if any(c.isalpha() for c in text[start:end]) else None
