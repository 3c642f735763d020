"""The publisher a page or record comes from, as its own words name it: so that its name is
neither taken for an author ("Business Insider" in a byline) nor kept in a headline
("… | ZDNet", "… - SpaceNews.com")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

# Words a site's name carries beside its own ("The Beachbody Blog", "Fox News Online").
SITE_WORDS = {"the", "blog", "online", "site", "website", "official", "com", "news", "magazine", "daily", "media"}
SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def site_labels(site: Iterable[str | None]) -> set[str]:
    """The words a publisher is known by: its host's labels ("businessinsider", "cnn") and
    its name squashed ("sputnikint")."""
    labels = set()
    for value in site:
        if not value:
            continue
        host = urlsplit(value).hostname if "://" in value else None
        if host:
            pieces = host.lower().removeprefix("www.").split(".")
            labels.update(p for p in pieces[:-1] if len(p) >= 2)
            labels.add("".join(pieces[-2:]))  # "cleveland.com" as written in "Cleveland com"
        else:
            labels.add(squash(value))
    return labels


def squash(text: str) -> str:
    return "".join(re.findall(r"[^\W_]+", text.lower().lstrip("@")))


def begins_label(key: str, labels: set[str]) -> bool:
    """`key` (a folded word) is how one of the site's labels begins, and long enough to mean it."""
    return len(key) >= 4 and any(label.startswith(key) for label in labels)


def is_site(part: str, labels: set[str]) -> bool:
    """The publisher's own name: "Business Insider" on businessinsider.com, "CNN Business" on
    cnn.com, "NJ Advance Media" on nj.com, "Beachbody" on beachbodyondemand.com."""
    key, first = squash(part), part.split()[0].lower()
    return key in labels or (len(part.split()) >= 2 and first in labels) or \
        (len(part.split()) == 1 and begins_label(key, labels))


def without_site(title: str | None, labels: set[str]) -> str | None:
    """A page title without the site's name and what follows it at either end:
    "Best tech gadgets of 2019 | ZDNet", "LinkNaija | …: BREAKING NEWS: …"; a title
    whose pieces are all the headline's own ("Milan Design Week 2018 | …") stays whole."""
    if not title or not labels:
        return title
    separators = list(SEPARATOR.finditer(title))
    if not separators:
        return title
    first, last = separators[0], separators[-1]
    if names_site(title[last.end():], labels):
        return title[:last.start()]
    if names_site(title[:first.start()], labels):
        return title[first.end():]
    return title


def names_site(piece: str, labels: set[str]) -> bool:
    """A title piece that is the site's name ("ZDNet", "SpaceNews.com"), or a word of it with
    only generic words beside it ("The Beachbody Blog" on beachbodyondemand.com; not
    "comwrap auf der DMEXCO 2018" on comwrap.com, a headline's own words)."""
    if is_site(piece, labels):
        return True
    words = [squash(w) for w in piece.split()]
    own = [w for w in words if begins_label(w, labels)]
    return bool(own) and all(w in own or w in SITE_WORDS for w in words)
