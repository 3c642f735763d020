"""Dates: spans picked by spaCy, resolved against the publication date, never guessed."""

from __future__ import annotations

from datetime import datetime

import pytest

from storytrace.extract.dates import find_dates, normalise
from storytrace.model import Article

PUBLISHED = datetime(2025, 2, 15)  # a Saturday

SENTENCES = (
    "Treasury Secretary Scott Bessent offered Zelenskyy the deal during a visit to Kyiv on Wednesday. "
    "The document was addressed “Draft since February 7, 2025”. "
    "It matches a plan he presented to Trump at a meeting last fall. "
    "The U.S. would have received 50% of Ukraine’s revenue."
)


@pytest.mark.parametrize("span, expected", [
    ("on Wednesday", ("2025-02-12", True)),
    ("Friday", ("2025-02-14", True)),
    ("February 7, 2025", ("2025-02-07", False)),
    ("October", ("2024-10", False)),
    ("2024", ("2024", False)),
    ("three years", (None, False)),
    ("0019", (None, False)),  # "0019 UTC": a time, no year
])
def test_spans_resolve_against_the_publication_date(span, expected):
    assert normalise(span, PUBLISHED) == expected


@pytest.mark.parametrize("span", ["on Wednesday", "last week", "Friday", "October"])
def test_without_a_publication_date_relative_dates_stay_relative(span):
    assert normalise(span, None) == (None, True)


def test_article_dates_with_and_without_publication_date():
    dated = Article(id="a", source="a.txt", title=None, text=SENTENCES, published="2025-02-15")
    undated = Article(id="b", source="b.txt", title=None, text=SENTENCES)
    with_date = {m.text: m.value for m in find_dates(dated)}
    without = {m.text: (m.value, m.relative) for m in find_dates(undated)}
    assert with_date["Wednesday"] == "2025-02-12"
    assert with_date["February 7, 2025"] == "2025-02-07"
    assert without["Wednesday"] == (None, True)
    assert without["February 7, 2025"] == ("2025-02-07", False)
    # "50% of" is no date (dateparser's search_dates on free text would make it 2050).
    assert not any("50" in m.text for m in find_dates(dated))
