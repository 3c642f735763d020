"""HTML extraction on the public benchmark: storytrace beats plain trafilatura on the same pages."""

from __future__ import annotations

from pathlib import Path

from storytrace.evaluate.extraction import evaluate, shingles

BENCHMARK = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction-benchmark"


def test_shingles_count_with_multiplicity():
    assert shingles("a b c d a b c d") == {("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1,
                                           ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1}


def test_storytrace_extraction_beats_plain_trafilatura():
    scores = evaluate(BENCHMARK)
    assert scores["storytrace"]["pages"] == 91
    assert scores["storytrace"]["f1"] > scores["trafilatura"]["f1"]
    assert scores["storytrace"]["f1"] >= 0.975
