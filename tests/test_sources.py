"""Know the sources: outlets, authors and wire credits from real inputs, and the user's outlet table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storytrace import credits, lineage, outlets
from storytrace.evaluate.metadata import evaluate as evaluate_metadata
from storytrace.ingest.bylines import authors_of
from storytrace.ingest.sites import site_labels, without_site
from storytrace.ingest import read_paths
from storytrace.pipeline import read_articles

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
WIKIREF = SHARED / "data" / "wikiref220" / "articles"


@pytest.fixture(scope="module")
def seeds():
    articles, _ = read_articles([SEEDS])
    return {a.source[:3]: a for a in articles}


def test_the_seeds_credits_name_the_outlets_they_are_or_rewrite(seeds):
    assert credits.reporting_outlet(seeds["004"]) == "NBC News"  # "confirmed to NBC News", "told NBC News"
    assert credits.reporting_outlet(seeds["003"]) == "Epoch Times"  # "The Epoch Times reached out"
    assert credits.reporting_outlet(seeds["001"]) == "Financial Times"  # a spun rewrite: "told The Financial Times", "told FT"
    assert credits.reporting_outlet(seeds["000"]) is None and credits.reporting_outlet(seeds["002"]) is None
    cited = {(c.name, c.kind) for c in seeds["004"].credits}
    assert ("The Associated Press", "cited") in cited  # "a quote first reported by The Associated Press"


def test_a_dateline_names_the_wire_and_citing_once_is_not_reporting():
    (cyprus,), _ = read_articles([WIKIREF / "cypriot.financial.crisis.39.txt"])
    assert [(c.name, c.kind) for c in cyprus.credits if c.kind == "wire"] == [("Reuters", "wire")]
    assert credits.reporting_outlet(cyprus) == "Reuters"
    (mh370,), _ = read_articles([WIKIREF / "malaysia.airlines.flight.9.txt"])
    assert [(c.name, c.kind, c.count) for c in mh370.credits] == [("Reuters", "own", 1)]  # "… told Reuters"
    assert credits.reporting_outlet(mh370) is None  # one official who spoke to Reuters: not Reuters' report


def test_articles_carrying_one_outlets_reporting_are_one_line_without_the_original():
    """Two real Paris reports that both carry AFP's interview ("confirmed to the AFP news
    service", "told the Agence France-Presse news service"); AFP's own report is not in the pile."""
    articles, _ = read_articles([WIKIREF / "ParisAttacks2015__29_.txt", WIKIREF / "ParisAttacks2015__31_.txt",
                                 WIKIREF / "ParisAttacks2015__1_.txt"])
    reporting = {a.id: r for a in articles if (r := credits.reporting_outlet(a))}
    ids = [a.id for a in articles]
    by_source = {a.source: a.id for a in articles}
    groups = lineage.independent_groups(ids, [], reporting)
    assert sorted(map(len, groups)) == [1, 2]
    assert sorted([by_source["ParisAttacks2015__29_.txt"], by_source["ParisAttacks2015__31_.txt"]]) in groups


def test_the_report_names_outlets_and_credits(tmp_path):
    from storytrace.pipeline import brief
    from storytrace.render import write_report

    report = brief([SEEDS])
    md = write_report(report, tmp_path)["md"].read_text(encoding="utf-8")
    assert "(NBC News)" in md and "reporting of NBC News" in md and "written as Epoch Times" in md
    assert "reporting of Financial Times" in md
    assert "Skipped, not articles: `README.md`" in md


def test_a_sidecar_and_the_outlet_option_give_plain_text_its_metadata(tmp_path):
    text = (SEEDS / "000_aa4e681703267ff9.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt.json").write_text(json.dumps({"outlet": "Daily Blog", "authors": "By Jane Doe and John Roe",
                                                      "published": "2025-02-14", "url": "https://blog.example/a"}))
    (tmp_path / "b.txt").write_text((SEEDS / "002_0750e0b6a9e59ec0.txt").read_text(encoding="utf-8"), encoding="utf-8")
    articles, problems = read_articles([tmp_path], outlet="Pasted")
    assert problems == []  # the sidecar is read with its text, not as a record file
    by_source = {a.source: a for a in articles}
    a = by_source["a.txt"]
    assert (a.outlet, a.authors, a.published[:10], a.url) == ("Daily Blog", ["Jane Doe", "John Roe"], "2025-02-14",
                                                              "https://blog.example/a")
    assert by_source["b.txt"].outlet == "Pasted"
    (tmp_path / "b.txt.json").write_text("{not json")
    _, problems = read_paths([tmp_path / "b.txt"])
    assert len(problems) == 1 and "sidecar b.txt.json" in problems[0].problem


def test_authors_from_records_and_pages(tmp_path):
    (tmp_path / "r.jsonl").write_text(
        json.dumps({"title": "T", "maintext": "Text of the article. " * 20, "authors": ["Ana Lopez", "Ben Kay"],
                    "source_domain": "example.com"}) + "\n", encoding="utf-8")
    (raw,), _ = read_paths([tmp_path / "r.jsonl"])
    assert raw.authors == ["Ana Lopez", "Ben Kay"]
    pages, _ = read_paths([SHARED / "data" / "extraction-benchmark" / "html"])
    assert sum(bool(p.authors) for p in pages) >= 60  # trafilatura's byline, in the same pass as the text


@pytest.mark.parametrize(("field", "site", "authors"), [
    # trafilatura's author field of benchmark pages, as it gives it, with the page's site
    ("Tom Krisher; Ap Auto Writer", "https://www.ctpost.com/news/x", ["Tom Krisher"]),
    ("STEVE PEOPLES; AP National Political Writer", "https://www.sfgate.com/x", ["Steve Peoples"]),
    ("Sandee LaMotte; CNN", "https://www.msn.com/en-us/x", ["Sandee LaMotte"]),
    ("Tanza Loudenback; Business Insider", "https://www.businessinsider.com/x", ["Tanza Loudenback"]),
    ("Amy Kuperinsky; NJ Advance Media", "https://www.nj.com/x", ["Amy Kuperinsky"]),
    ("Troy Smith; Troy L Smith; Cleveland com", "https://www.cleveland.com/x", ["Troy L Smith"]),
    ("Ilana Muhlstein; MS; RDN", "https://www.beachbodyondemand.com/x", ["Ilana Muhlstein"]),
    ("Carrie Arnold November", "https://www.quantamagazine.org/x", ["Carrie Arnold"]),
    ("DANICA KIRKA; JILL LAWLESS Associated Press", "https://hosted.ap.org/x", ["Danica Kirka", "Jill Lawless"]),
    ("David Jeans; Kevin-R", "https://therealdeal.com/x", ["David Jeans"]),
    ("Finian Cunningham Sputnik International", "https://sputniknews.com/x", ["Finian Cunningham"]),
    ("Admin", "https://www.inexhibit.com/x", []),
    ("Beachbody", "https://www.beachbodyondemand.com/x", []),
    ("JERUSALEM POST STAFF NOVEMBER", "https://www.jpost.com/x", []),
    ("Detroit News wire services Published", "https://www.detroitnews.com/x", []),
    # a wire agency as the whole byline is the byline; a name is never dropped for its surname
    ("The Associated Press", "https://www.ctvnews.ca/x", ["The Associated Press"]),
    ("PTI", "https://www.deccanherald.com/x", ["PTI"]),
    ("By Lia Eustachewich and Yaron Steinbuch", "https://nypost.com/x", ["Lia Eustachewich", "Yaron Steinbuch"]),
    ("Mike Wall", "https://www.space.com/x", ["Mike Wall"]),
])
def test_a_byline_field_gives_the_authors_and_nothing_else(field, site, authors):
    assert authors_of(field, site=(None, site)) == authors


def test_bylines_and_titles_beat_trafilaturas_own_fields_on_labelled_pages():
    scores = evaluate_metadata(SHARED / "data" / "extraction-benchmark")
    ours, theirs = scores["storytrace"], scores["trafilatura"]
    assert ours["author_exact"] > theirs["author_exact"] + 0.2 and ours["title_exact"] > theirs["title_exact"]
    assert ours["author_precision"] >= 0.95 and ours["author_recall"] >= theirs["author_recall"]


@pytest.mark.parametrize(("title", "site", "headline"), [
    ("Best tech gadgets of 2019 | ZDNet", "https://www.zdnet.com/x", "Best tech gadgets of 2019"),
    ("NASA adds five companies to commercial lunar lander program - SpaceNews.com", "https://spacenews.com/x",
     "NASA adds five companies to commercial lunar lander program"),
    ("How to Tackle Game Day Snack Temptations | The Beachbody Blog", "https://www.beachbodyondemand.com/x",
     "How to Tackle Game Day Snack Temptations"),
    ("Our BI Research Shows - A Mix of Native Ad Units Generate the Highest Engagement | my6sense",
     "https://my6sense.com/x", "Our BI Research Shows - A Mix of Native Ad Units Generate the Highest Engagement"),
    # a separator inside the headline itself stays
    ("Milan Design Week 2018 | Anastassiades' light installation for FLOS", "https://www.inexhibit.com/x",
     "Milan Design Week 2018 | Anastassiades' light installation for FLOS"),
])
def test_a_page_title_loses_the_sites_name(title, site, headline):
    assert without_site(title, site_labels([site])) == headline
