"""Clean text: scraper junk out of an article's lines, each removed line listed with why.

Nothing is lost: every non-blank input line ends up in the title, in the text, or in
`removed`. The signals are general, kept as data where they are words: widget phrases
("Also Read |", "Similar Content", "Leave a Reply"), share bars made of network names,
copyright footers, duplicated lines, and runs of short headline-like lines whose words
the article does not use (related-link lists). A short line that the article's own
vocabulary explains, followed by prose, is a subheading and stays.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Article, RawArticle, Removed

# A line that starts with one of these is a teaser or a widget, whatever follows.
TEASER = re.compile(
    r"^(also read|read also|read more|see more|see also|more from|must read|recommended( for you)?|don'?t miss|watch|listen|"
    r"may be interested in|you may (also )?like|you might (also )?like|related( articles| stories| news| content)?)"
    r"\s*[:|\-–—>»]", re.IGNORECASE)
# A whole line that is only a widget's label.
WIDGET_LABEL = re.compile(
    r"^(similar content|recent (news|posts|stories)|related( articles| stories| news| content| posts)?|"
    r"more (news|stories)|latest( news)?|trending( now)?|popular( posts)?|most (read|popular)|top stories|"
    r"leave a (reply|comment)|comments?|post a comment|advertisement|sponsored( content)?|share( this( article)?)?|"
    r"follow us|subscribe|sign up for our newsletter|([\w']+ ){0,3}newsletters?|tags?|read next|up next|don'?t miss|"
    r"something to consider|tell us what you think)\W*$", re.IGNORECASE)
# A media player's or photo's label alone on a line; the caption after it is the article's own.
MEDIA_LABEL = re.compile(r"^(photos?|image|video|slideshow|gallery)\W*$", re.IGNORECASE)
# Subscription and membership pitches, wherever they stand in the line.
PROMO = re.compile(
    r"if you (enjoyed|liked|value) (this|our) (article|story|journalism|reporting)|"
    r"subscribe to [\w.’']+( \w+){0,3} newsletters?|sign up (for|to) (our|the)( \w+){0,3} newsletters?|"
    r"(delivered|straight|right) (to|in|into) your inbox|support (our|independent|quality) journalism|"
    r"become a (member|subscriber|supporter)\b", re.IGNORECASE)
COMMENT_FORM = re.compile(
    r"your email address will not be published|required fields are marked|save my name, email|"
    r"notify me of (new|follow-up) (posts|comments)|you must be logged in to post", re.IGNORECASE)
FOOTER = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved", re.IGNORECASE)
SOCIAL = {"share", "facebook", "twitter", "x", "pinterest", "whatsapp", "print", "email", "e-mail", "linkedin",
          "reddit", "telegram", "tumblr", "messenger", "copy", "link", "mail", "tweet", "flipboard"}
STOPWORDS = {"the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "but", "is", "are", "was", "were", "be",
             "with", "at", "by", "from", "as", "that", "this", "it", "its", "his", "her", "their", "how", "why",
             "what", "who", "when", "can", "will", "more", "your", "you", "s", "up", "out", "about", "after", "over"}
DATED_ENTRY = re.compile(r"^(\d|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d|"
                         r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)", re.IGNORECASE)
SHORT_WORDS = 14  # a line this short with no closing punctuation reads like a heading
LINK_WORDS = 28  # a related-link headline can be longer, but never ends like a sentence


# Scripts written without spaces between words (Chinese, Japanese, Korean syllables counted
# alike): each character counts as a word, or a whole paragraph would be "one word".
UNSPACED = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]"
UNSPACED_CHAR = re.compile(UNSPACED)
# Full stops of many scripts, not only the ASCII one.
STOP = r"[.。．।۔።]"
END = r"[.!?。．！？।۔።]"


def word_count(line: str) -> int:
    """Words as a reader counts them: spaced words, and each character of unspaced scripts."""
    spaced = line.split()
    if not UNSPACED_CHAR.search(line):  # most lines: no need to look into each word
        return len(spaced)
    return len(spaced) + sum(max(0, len(UNSPACED_CHAR.findall(w)) - 1) for w in spaced)


def words(line: str) -> list[str]:
    text = line.lower().replace("’", "'")
    return [w for w in re.findall(UNSPACED + r"|[^\W_]+", text)
            if w not in STOPWORDS and (len(w) > 1 or re.match(UNSPACED, w))]


def is_short(line: str) -> bool:
    return word_count(line) <= SHORT_WORDS and not re.search(END + r"['\"”’)」』]?$", line)


def is_linkish(line: str) -> bool:
    return word_count(line) <= LINK_WORDS and not re.search(STOP + r"['\"”’)」』]?$", line)


def headline_sized(line: str) -> bool:
    """Link headlines have four words or more; bullet items and spec rows are lists of the article's own."""
    # Table rows (tab-separated, or "| a | b |" as trafilatura writes tables) and lines ending
    # in a figure: the article's data.
    if "\t" in line or line.startswith("|") or re.search(r"\d[\d,.%]*$", line):
        return False
    if DATED_ENTRY.match(line):  # schedules and timelines: "June 14 -- Arena, City", "Tue – Sat 4PM"
        return False
    return word_count(line) >= 4 and not line.startswith(("-", "•", "*", "–"))


def overlap(line: str, vocabulary: set[str]) -> float:
    """Share of the line's content words that the rest of the article uses."""
    own = words(line)
    return sum(w in vocabulary for w in own) / len(own) if own else 0.0


def is_headline(first: str, rest: list[str]) -> bool:
    """Whether a plain-text file's first line is its headline rather than already the lede.

    A lede is a full sentence ending with a period; a headline has no final period, or is
    too short to be a lede ("Michelle Obama a 'feminist nightmare'? Please.").
    """
    n = word_count(first)
    if not rest or n < 2:
        return False
    if re.search(STOP + r"['\"”’)」』]?$", first):
        return n <= 8
    return n <= 30


def junk_reason(line: str) -> str | None:
    """A reason when a line is junk by its own words, whatever the article."""
    if TEASER.match(line):
        return "teaser for another article"
    if WIDGET_LABEL.match(line):
        return "widget label"
    if MEDIA_LABEL.match(line):
        return "media label"
    if COMMENT_FORM.search(line):
        return "comment form"
    if PROMO.search(line) and len(line.split()) <= 60:
        return "subscription pitch"
    tokens = re.findall(r"[a-z\-]+", line.lower())
    if tokens and len(tokens) <= 12 and sum(t in SOCIAL for t in tokens) >= max(2, 0.6 * len(tokens)):
        return "share bar"
    if FOOTER.search(line) and len(line.split()) <= 25:
        return "copyright footer"
    return None


def clean_lines(lines: list[str]) -> tuple[list[str], list[Removed]]:
    """Split body lines into kept lines and removed ones, by the signals above."""
    reasons: dict[int, str] = {}
    previous = None
    for i, line in enumerate(lines):
        # Link lists print each headline twice in a row; an article may repeat a line elsewhere.
        key = re.sub(r"\W+", " ", line.lower().replace("’", "'")).strip()
        if key == previous:
            reasons[i] = "duplicate line"
        previous = key
        reasons.setdefault(i, junk_reason(line) or "")
    prose = [l for i, l in enumerate(lines) if not reasons[i] and not is_short(l)]
    vocabulary = {w for l in prose for w in words(l)}
    # Short lines that follow a widget label, or stand in a run of unrelated short lines: link lists.
    i = 0
    while i < len(lines):
        if reasons[i] and reasons[i] != "widget label":
            i += 1
            continue
        j = i + (1 if reasons[i] else 0)
        run = []
        while j < len(lines) and is_linkish(lines[j]) and (not reasons[j] or reasons[j] == "duplicate line"):
            run.append(j)
            j += 1
        if not reasons[i] and i > 0 and lines[i - 1].endswith(":") and not reasons[i - 1]:
            i = max(j, i + 1)  # a list that the line before introduces ("...three laws:") is the article's own
            continue
        unrelated = [k for k in run if headline_sized(lines[k]) and overlap(lines[k], vocabulary) < 0.34]
        after_label = bool(reasons[i]) and run
        if run and (after_label or (len(unrelated) >= 3 and len(unrelated) >= 0.7 * len(run))):
            for k in run:
                if reasons[k] != "duplicate line" and k in unrelated or (after_label and headline_sized(lines[k])):
                    reasons[k] = "related-links list"
            i = j
        else:
            i += 1
    # Short lines at the very end that the article does not explain: site furniture.
    for k in range(len(lines) - 1, -1, -1):
        if reasons[k]:
            continue
        # "[Source, p. 41]", "(Reporting by ...)": a bracketed note is the article's own.
        note = re.fullmatch(r"[\[(].*[\])]", lines[k])
        if not note and is_short(lines[k]) and headline_sized(lines[k]) and overlap(lines[k], vocabulary) < 0.5:
            reasons[k] = "trailing site text"
            continue
        break
    kept = [l for i, l in enumerate(lines) if not reasons[i]]
    removed = [Removed(l, reasons[i]) for i, l in enumerate(lines) if reasons[i]]
    return kept, removed


def clean_article(raw: RawArticle) -> Article:
    # NFC: one spelling of each accented letter, whatever the input used ("é" as one
    # character or as "e" + accent), so that names and sentences compare equal.
    lines = [l.strip() for l in unicodedata.normalize("NFC", raw.body).split("\n") if l.strip()]
    title = unicodedata.normalize("NFC", raw.title) if raw.title else raw.title
    if raw.title_from_first_line and lines and is_headline(lines[0], lines[1:]):
        title, lines = lines[0], lines[1:]
    kept, removed = clean_lines(lines)
    if title:
        # A dek that repeats the headline word for word is the headline again.
        title_key = re.sub(r"\W+", " ", title.lower()).strip()
        for line in list(kept):
            if re.sub(r"\W+", " ", line.lower()).strip() == title_key:
                kept.remove(line)
                removed.append(Removed(line, "duplicate of the headline"))
    return Article(id=raw.content_id(), source=raw.source, title=title, text="\n\n".join(kept),
                   removed=removed, outlet=raw.outlet, url=raw.url, published=raw.published,
                   authors=list(raw.authors))

