"""The cleaner on real text: every junk line of the seeds out (with a reason), every article line kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.clean import clean_article
from storytrace.ingest import read_paths
from storytrace.model import RawArticle

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"

# The junk in the seeds, read off the files by hand (link lists print each headline twice):
# the labelled truth for this test.
JUNK = {
    "002_0750e0b6a9e59ec0.txt": [
        "Also Read | Stampede at New Delhi Railway Station Kills 15, Injures 15",
        "Also Read | Job Security or a Payout? Why Thousands of U.S. Workers Walked Away",
        "Recent News",
    ],
    "004_4f627d9020626443.txt": [
        "May Be Interested In:Brett Gardner’s Son Dies During Trip: 9 Reasons Why People May Die in Their Sleep",
        "share Share facebook pinterest whatsapp x print",
        "Similar Content",
        "How to watch the Arizona Cardinals vs. Seattle Seahawks NFL game today: Livestream options, more",
        "How to watch the Arizona Cardinals vs. Seattle Seahawks NFL game today: Livestream options, more",
        "Kohli moves up to No.5 on ICC rankings, Ponting calls him 'best ODI player'",
        "Kohli moves up to No.5 on ICC rankings, Ponting calls him ‘best ODI player’",
        "How Democrats Can Fight Back",
        "How Democrats Can Fight Back",
        "Commodity Talk: Will Trump tariff on steel, aluminium trigger dumping into India? Naveen Mathur of Anand Rathi explains",
        "Commodity Talk: Will Trump tariff on steel, aluminium trigger dumping into India? Naveen Mathur of Anand Rathi explains",
        "Buzz Off! 6 Plants to Keep Bugs Away and Your Outdoor Space Bug-Free",
        "Buzz Off! 6 Plants to Keep Bugs Away and Your Outdoor Space Bug-Free",
        "Software bug at firm left NHS data 'vulnerable to hackers'",
        "Software bug at firm left NHS data ‘vulnerable to hackers’",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Disruptive News: The Stories Shaping the Future | © 2025 | Daily News",
    ],
}
HEADLINES = {
    "000_aa4e681703267ff9.txt": None,  # starts with the lede
    "001_108616ce6049eff6.txt": None,
    "002_0750e0b6a9e59ec0.txt": "Zelenskiy Declines U.S. Offer on Critical Minerals, Seeks Security Assurances",
    "003_73464ca05c34d7d9.txt": "Zelenskyy Demands Improved US Security Guarantee in Exchange for Natural Resources Deal",
    "004_4f627d9020626443.txt": "Zelenskyy tells aides to reject U.S. pitch for 50% of Ukraine’s rare earth minerals",
}


@pytest.fixture(scope="module")
def seeds():
    raws, _ = read_paths([SEEDS])
    return {r.source: (r, clean_article(r)) for r in raws}


@pytest.mark.parametrize("source", sorted(HEADLINES))
def test_seed_junk_out_article_lines_kept(seeds, source):
    raw, article = seeds[source]
    assert article.title == HEADLINES[source]
    removed = [r.line for r in article.removed]
    assert sorted(removed) == sorted(JUNK.get(source, []))
    assert all(r.reason for r in article.removed)
    kept = set(article.text.split("\n\n"))
    for line in raw.body.split("\n"):
        line = line.strip()
        if line and line not in JUNK.get(source, []) and line != HEADLINES[source]:
            assert line in kept, line


def test_subheadings_stay(seeds):
    text = seeds["000_aa4e681703267ff9.txt"][1].text
    for subheading in ("Zelensky’s Fiery Response", "The Details of the Rejected Deal", "The Future of Ukraine’s Security"):
        assert subheading in text.split("\n\n")


def test_junk_appended_to_a_real_article_is_removed_and_listed():
    body = (SHARED / "data" / "wikiref220" / "articles" / "ParisAttacks2015__10_.txt").read_bytes().decode("cp1252")
    lines = [l.strip() for l in body.splitlines()[1:] if l.strip()]
    junk = ["Read more: Ten things we know about the suspects", "Share this article", "Facebook Twitter Email Print",
            "Related Stories", "Markets rally as oil prices slide on supply worries",
            "Markets rally as oil prices slide on supply worries",
            "Ten best beaches to visit in Portugal this summer", "Celebrity chef opens new vegan bakery downtown",
            "Copyright 2015 Example Media Group. All rights reserved."]
    article = clean_article(RawArticle(source="x.txt", body="\n".join(lines + junk)))
    assert sorted(r.line for r in article.removed) == sorted(junk)
    assert article.text.split("\n\n") == lines


def test_a_repeated_line_far_apart_is_the_articles_own():
    body = "Eat every 2–3 hours.\nBreakfast comes first, with eggs and greens on the plate.\nEat every 2–3 hours."
    article = clean_article(RawArticle(source="x.txt", body=body))
    assert article.removed == [] and article.text.count("Eat every 2–3 hours.") == 2


def test_pitches_go_but_an_introduced_list_and_a_closing_note_stay():
    body = (SHARED / "data" / "wikiref220" / "articles" / "greek.elections.113.txt").read_bytes().decode("cp1252")
    lines = [l.strip() for l in body.splitlines()[1:] if l.strip()]
    own = ["The three parties that could form the next government are:", "New Democracy, led by Antonis Samaras",
           "Pasok, led by Evangelos Venizelos", "Democratic Left, led by Fotis Kouvelis",
           "Austerity opponents rally in central Athens", "(Reporting by Lefteris Papadimas; Editing by Mark Heinrich)"]
    junk = ["If you enjoyed this article, sign up for our Europe Today newsletter, delivered to your inbox every morning.",
            "Don't miss", "Tell us what you think:"]
    article = clean_article(RawArticle(source="x.txt", body="\n".join(lines + own + junk)))
    assert sorted(r.line for r in article.removed) == sorted(junk)
    assert {r.reason for r in article.removed} == {"subscription pitch", "widget label"}
    assert article.text.split("\n\n") == lines + own


def test_a_photo_label_goes_but_its_caption_stays():
    # As a scrape of a New York Times article leaves them between two paragraphs: the label
    # is page furniture, the caption is the paper's own words (and here carries a fact).
    body = (SHARED / "data" / "wikiref220" / "articles" / "greek.elections.117.txt").read_bytes().decode("cp1252")
    article = clean_article(RawArticle(source="x.txt", body=body))
    assert [(r.line, r.reason) for r in article.removed] == [("Photo", "media label")]
    assert "Antonis Samaras, the head of the New Democracy party, was sworn in as prime minister." in article.text


def test_an_article_in_an_unspaced_script_keeps_its_lines():
    """Chinese has no spaces between words and its own full stop: its paragraphs are prose,
    not short heading-like "site text" (issue 18 saw a whole Chinese article removed)."""
    body = "\n".join([  # spaced around figures and names, as Chinese news copy often is
        "据 路透社 2月14日 报道， 乌克兰总统 泽连斯基 周三 拒绝签署美国提出的矿产协议草案。",
        "美国财政部长 贝森特 在 基辅 与泽连斯基会面， 并递交了这份协议草案。",
        "据知情人士透露， 该草案要求乌克兰将其关键矿产 50% 的权益交给 美国。",
        "泽连斯基 表示， 协议必须与美国的安全保障挂钩， 否则乌克兰不会签字。",
        "分析人士认为",
        "双方 预计 将在 慕尼黑安全会议 期间继续谈判。",
    ])
    article = clean_article(RawArticle(source="zh.txt", body=body))
    assert article.removed == []
    assert article.text.count("\n\n") == 5


def test_a_quote_table_in_a_page_is_the_articles_data():
    """trafilatura writes a table as "| a | b |" rows: short, no full stop, words the prose
    does not use — they looked like a related-links list and were removed (a Fox Business
    page of the extraction benchmark with its Home Depot / Lowe's quote table)."""
    page = next((SHARED / "data" / "extraction-benchmark" / "html").glob("51374560*.html.gz"))
    raws, problems = read_paths([page])
    article = clean_article(raws[0])
    assert not problems and article.removed == []
    assert "| HD | THE HOME DEPOT INC. | 225.86 | -12.99 | -5.44% |" in article.text.split("\n\n")
