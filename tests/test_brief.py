"""The brief on the real seed story: cited summary sentences, attributed single sources, timeline."""

from __future__ import annotations

from rapidfuzz import fuzz

from storytrace import credits
from storytrace.summary import NEAR_DUPLICATE, build_timeline, summarize
from storytrace.extract.dates import find_dates
from storytrace.model import Article, Story


def test_summary_cites_every_sentence_and_never_states_one_source_as_established(seed_story, seed_report):
    summary = summarize(seed_story, seed_report.articles)
    assert 5 <= len(summary) <= 10
    by_statement = {f.statement: f for f in seed_story.facts}
    for line in summary:
        assert line.cites, line.sentence
        assert set(line.cites) <= set(seed_story.articles)
        fact = by_statement.get(line.sentence)
        if fact is not None:  # stated plainly: must be corroborated
            assert fact.status == "corroborated"
        else:
            assert line.sentence.startswith(("According to", "Sources differ")), line.sentence
    assert sum(by_statement.get(line.sentence) is not None for line in summary) >= 3
    for i, a in enumerate(summary):
        assert all(fuzz.token_set_ratio(a.sentence, b.sentence) <= NEAR_DUPLICATE for b in summary[i + 1:])


def test_most_corroborated_facts_come_first(seed_story, seed_report):
    summary = summarize(seed_story, seed_report.articles)
    sources = [len(line.cites) for line in summary]
    assert sources[0] == max(sources) >= 3


def test_single_source_facts_are_attributed_to_their_outlet(seed_story, seed_report):
    single = [f for f in seed_story.facts if f.status == "single-source"]
    assert single
    only = Story(id="s", title="t", articles=seed_story.articles, facts=single)
    by_id = {a.id: a for a in seed_report.articles}
    for line in summarize(only, seed_report.articles):
        (cited,) = line.cites
        assert line.sentence.startswith("According to ") and " only, " in line.sentence
        article = by_id[cited]
        named = article.outlet or credits.reporting_outlet(article) or article.title or article.source
        assert named in line.sentence


def test_timeline_orders_resolved_dates_and_leaves_unresolved_ones_out():
    text = ("Bessent presented the draft in Kyiv on Wednesday. "
            "The document was dated February 7, 2025. Talks began last fall.")
    dated = Article(id="a", source="a.txt", title=None, text=text, published="2025-02-15")
    undated = Article(id="b", source="b.txt", title=None, text=text)
    story = Story(id="s", title="t", articles=["a", "b"], dates=find_dates(dated) + find_dates(undated))
    timeline = build_timeline(story, [dated, undated])
    assert [(e.date, e.articles) for e in timeline] == [("2025-02-07", ["a", "b"]), ("2025-02-12", ["a"])]
    assert "February 7, 2025" in timeline[0].event and "Kyiv" in timeline[1].event


def test_no_facts_no_summary():
    assert summarize(Story(id="s", title="t", articles=[]), []) == []
