"""Money, percentages and counts from real sentences, normalised."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.extract.numbers import find_quantities, money_in, percents_in
from storytrace.model import Article

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def values(found):
    return [(q.kind, q.value, q.unit) for q in found]


@pytest.mark.parametrize("sentence, expected", [
    ("Trump has stated that Washington should receive $500 billion worth of rare earth minerals.",
     [("money", 5e11, "USD")]),
    ("President Donald Trump suggested that the US owed half trillion of Ukrainian sources in exchange for its aid.",
     [("money", 5e11, None)]),
    ("an amount significantly higher than the actual aid, which totals around $174.2 billion according to reports.",
     [("money", 1.742e11, "USD")]),
    ("Ukraine had manipulated the U.S. into spending $350bn on a war that could not be won.",
     [("money", 3.5e11, "USD")]),
    ("The fund would start with €2 million and 300 million euros later.",
     [("money", 2e6, "EUR"), ("money", 3e8, "EUR")]),
])
def test_money(sentence, expected):
    assert values(money_in(sentence, "a")) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("a US attempt to acquire ownership of about 50 percent of rights to the rare minerals", [50.0]),
    ("proposed giving Washington a 50% stake in Ukraine’s critical minerals.", [50.0]),
    ("The U.S. would have received half the financial value of any future licenses.", [50.0]),
    ("at least half of Ukraine’s strategic resources", [50.0]),
    ("Turnout was 62.5 per cent, against two-thirds of voters in 2012.", [62.5, 66.6667]),
])
def test_percentages(sentence, expected):
    assert [q.value for q in percents_in(sentence, "a")] == expected


def test_vague_amounts_are_not_given_a_value():
    assert money_in("Ukraine has minerals worth several trillion dollars.", "a") == []


def test_seed_article_quantities_carry_their_sentence_and_article():
    text = (SEEDS / "000_aa4e681703267ff9.txt").read_text(encoding="utf-8")
    article = Article(id="seed0", source="000.txt", title=None, text=text)
    found = find_quantities(article)
    money = {q.value for q in found if q.kind == "money"}
    assert {5e11, 1.742e11, 3.5e11} <= money
    assert {q.value for q in found if q.kind == "percent"} == {50.0}
    assert all(q.article == "seed0" and q.text in q.sentence for q in found)
