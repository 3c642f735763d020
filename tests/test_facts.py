"""Facts on the real seed story, conflicts on real reporting, independent-source counting on rewrites."""

from __future__ import annotations

import json
from pathlib import Path

from storytrace.evaluate.facts import LABELS, score_story
from storytrace.extract.numbers import find_quantities
from storytrace.facts import align_facts, conflicts_in, independent_count, numbers_by_sentence
from storytrace.model import Article, Quantity, Story, Support

WIKIREF = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikiref220" / "articles"


def test_seed_story_has_corroborated_and_flagged_facts(seed_story, seed_report):
    statuses = {f.status for f in seed_story.facts}
    assert {"corroborated", "single-source"} <= statuses
    for f in seed_story.facts:
        cited = {s.article for s in f.support}
        assert 1 <= f.independent_sources <= len(cited)
        contest = any(not c["kind"].endswith(" detail") for c in f.conflicts)
        assert (f.status == "contested") == contest
        assert (f.status == "corroborated") == (f.independent_sources >= 2 and not contest)
        assert all(s.sentence.strip() for s in f.support)


def test_the_wednesday_kyiv_proposal_is_corroborated_across_outlets(seed_story):
    kyiv = [f for f in seed_story.facts
            if any("Kyiv" in s.sentence and "Wednesday" in s.sentence for s in f.support)]
    assert kyiv, "the proposal presented in Kyiv on Wednesday is a fact of the story"
    assert max(f.independent_sources for f in kyiv) >= 2


def test_what_the_50_percent_is_of_surfaces_as_a_conflict(seed_story):
    details = [c for f in seed_story.facts for c in f.conflicts if c["kind"] == "percent detail"]
    assert details, "sources describe the 50% as different things (revenue, ownership, stake)"
    texts = " ".join(v["text"] for c in details for v in c["values"]).lower()
    assert "50" in texts and len({v["text"] for c in details for v in c["values"]}) >= 2
    # the same 50% worded two ways is a discrepancy to check, not a contest: several sources state it
    fifty = [f for f in seed_story.facts if any(c["kind"] == "percent detail" for c in f.conflicts)]
    assert all(f.status != "contested" for f in fifty)
    assert any(f.status == "corroborated" and f.independent_sources >= 2 for f in fifty)


def test_rewrites_of_one_report_count_once():
    support = [Support(a, "The U.S. proposed a 50% stake in Ukraine’s minerals.") for a in ("x", "y", "z")]
    assert independent_count({"x", "y", "z"}, [["x", "y"], ["z"]]) == 2
    assert independent_count({"x", "y"}, [["x", "y"], ["z"]]) == 1
    assert independent_count({"x", "y", "z"}, []) == 3
    assert len(support) == 3


def test_two_amounts_in_one_sentence_are_no_conflict_but_disjoint_values_are():
    a = "Ukraine would give up $500 billion of resources, far above the $174.2 billion of aid."
    b = "Trump wants $500 billion of rare earth minerals."
    c = "Trump wants $300 billion of rare earth minerals."
    q = lambda v, t, s, art: Quantity("money", v, "USD", t, s, art)  # noqa: E731
    numbers = {("A", a): [q(5e11, "$500 billion", a, "A"), q(1.742e11, "$174.2 billion", a, "A")],
               ("B", b): [q(5e11, "$500 billion", b, "B")], ("C", c): [q(3e11, "$300 billion", c, "C")]}
    assert conflicts_in([Support("A", a), Support("B", b)], numbers) == []
    (conflict,) = conflicts_in([Support("B", b), Support("C", c)], numbers)
    assert conflict["kind"] == "money" and [v["value"] for v in conflict["values"]] == [3e11, 5e11]


def test_death_tolls_reported_at_different_times_conflict():
    """Real Paris reporting: each outlet's lede gives its own death toll (130, 128, 127)."""
    numbers = {}
    for name in ("ParisAttacks2015__1_.txt", "ParisAttacks2015__8_.txt", "ParisAttacks2015__10_.txt"):
        article = Article(id=name, source=name, title=None, text=(WIKIREF / name).read_text(encoding="cp1252"))
        story = Story(id="s", title="t", articles=[name], quantities=find_quantities(article))
        key, found = next(iter(numbers_by_sentence(story).items()))  # the first numbered sentence
        numbers[key] = found
    (conflict,) = conflicts_in([Support(article, sentence) for article, sentence in numbers], numbers)
    assert conflict["kind"] == "count"
    assert [v["value"] for v in conflict["values"]] == [127, 128, 130]


def test_a_tally_of_results_is_no_conflict_but_two_seat_counts_are():
    """Real Greek election reporting: one outlet lists every party's share, others give one party's."""
    sentences = {
        "A": "With almost all ballots counted, New Democracy has 29.7% of the vote (129 seats), "
             "Syriza 26.9% (71) and Pasok 12.3% (33).",
        "B": "The Syriza party, which had surged on a wave of anti-austerity sentiment, was in second place, "
             "with 27 percent of the vote and 72 seats.",
        "C": "The leftist Syriza party, which had become the standard bearer for the anti-bailout cause, "
             "gained almost 27 per cent and 71 seats.",
    }
    numbers = {}
    for name, text in sentences.items():
        article = Article(id=name, source=name, title=None, text=text)
        numbers.update(numbers_by_sentence(Story(id="s", title="t", articles=[name], quantities=find_quantities(article))))
    conflicts = conflicts_in([Support(article, sentence) for article, sentence in numbers], numbers)
    # The tally's 29.7%, 26.9% and 12.3% are three parties' shares, no rival to "27 percent".
    assert [(c["kind"], [v["value"] for v in c["values"]]) for c in conflicts] == [("count", [71, 72])]


def test_seed_facts_match_the_labelled_facts(seed_story, seed_report):
    """Support pairs (labelled fact, article) against evaluate/labels/facts_labelled.json."""
    (labels,) = [s for s in json.loads(LABELS.read_text(encoding="utf-8"))["stories"]
                 if s["name"] == "us-ukraine-minerals-2025"]
    names = {a.id: Path(a.source).name for a in seed_report.articles}
    counts = score_story(labels["facts"], seed_story.facts, names)
    # precision first (issue 16): the verifier gives up support it cannot confirm
    assert counts["correct"] / counts["judged"] >= 0.85
    assert counts["recovered"] / counts["labelled"] >= 0.55
    # every (statement, cited sentence) pair judged: at least half state one labelled claim
    # (a lower bound: the labels do not yet hold every claim two articles share)
    assert counts["pairs_right"] / counts["pairs"] >= 0.5


def test_an_interview_is_not_corroborated_by_another_interview(seed_story):
    """A known wrong pair of the seeds: Amanpour's interview cited to NBC's sentence about
    Kristen Welker's interview (same person interviewed, another interview)."""
    for fact in seed_story.facts:
        sentences = [s.sentence for s in fact.support]
        assert not (any("Amanpour" in t for t in sentences) and any("Welker" in t for t in sentences)), fact


def test_the_backlash_is_not_corroborated_by_a_sentence_about_the_visit(seed_story):
    """A known wrong pair of the seeds: only 000 says Bessent "faced an intense backlash"; 002's
    "The proposal was presented by … Bessent during his visit to Kyiv" states a part of it,
    not the claim, and must not be cited for it."""
    for fact in seed_story.facts:
        if "backlash" in fact.statement:
            assert [s.article for s in fact.support] == [fact.support[0].article], fact
            assert fact.status != "corroborated"


def test_a_statement_own_article_never_counts_twice(seed_story):
    for fact in seed_story.facts:
        articles = [s.article for s in fact.support]
        assert len(articles) == len(set(articles)), fact
        assert fact.support[0].sentence == fact.statement
    statements = [f.statement for f in seed_story.facts]
    assert len(statements) == len(set(statements))


def test_facts_of_an_empty_story():
    assert align_facts(Story(id="s", title="t", articles=[]), []) == []
