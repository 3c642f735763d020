"""Facts and the brief on the real seed story, and independent-source counting on rewrites."""

from __future__ import annotations

from storytrace.facts import align_facts, conflicts_in, independent_count
from storytrace.model import Article, Quantity, Story, Support
from storytrace.summary import build_timeline, summarize


def test_seed_story_has_corroborated_and_flagged_facts(seed_story, seed_report):
    statuses = {f.status for f in seed_story.facts}
    assert {"corroborated", "single-source"} <= statuses
    for f in seed_story.facts:
        cited = {s.article for s in f.support}
        assert 1 <= f.independent_sources <= len(cited)
        assert (f.status == "corroborated") == (f.independent_sources >= 2 and not f.conflicts)
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


def test_summary_cites_every_sentence_and_never_states_one_source_as_established(seed_story):
    assert 5 <= len(seed_story.summary) <= 10
    by_statement = {f.statement: f for f in seed_story.facts}
    for line in seed_story.summary:
        assert line.cites, line.sentence
        assert set(line.cites) <= set(seed_story.articles)
        fact = by_statement.get(line.sentence)
        if fact is not None:  # stated plainly: must be corroborated
            assert fact.status == "corroborated"


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
    numbers = {a: [q(5e11, "$500 billion", a, "A"), q(1.742e11, "$174.2 billion", a, "A")],
               b: [q(5e11, "$500 billion", b, "B")], c: [q(3e11, "$300 billion", c, "C")]}
    assert conflicts_in([Support("A", a), Support("B", b)], numbers) == []
    (conflict,) = conflicts_in([Support("B", b), Support("C", c)], numbers)
    assert conflict["kind"] == "money" and [v["value"] for v in conflict["values"]] == [3e11, 5e11]


def test_timeline_orders_resolved_dates_and_leaves_unknown_ones_out():
    text = ("Bessent presented the draft in Kyiv on Wednesday. "
            "The document was dated February 7, 2025. Talks began last fall.")
    article = Article(id="a", source="a.txt", title=None, text=text, published="2025-02-15")
    from storytrace.extract.dates import find_dates

    story = Story(id="s", title="t", articles=["a"], dates=find_dates(article))
    timeline = build_timeline(story, [article])
    assert [e.date for e in timeline] == ["2025-02-07", "2025-02-12"]
    assert all(e.articles == ["a"] for e in timeline)


def test_facts_of_an_empty_story_and_summary_of_no_facts():
    story = Story(id="s", title="t", articles=[])
    assert align_facts(story, []) == []
    assert summarize(story, []) == []
