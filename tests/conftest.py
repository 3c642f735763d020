"""Shared fixtures: the real data beside the checkout, and the seed story analysed once."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def seed_report():
    """The whole pipeline on the five seed articles (about 20 s on 2 cores): run once a session."""
    import storytrace

    return storytrace.brief([SEEDS])


@pytest.fixture(scope="session")
def seed_story(seed_report):
    (story,) = [s for s in seed_report.stories if len(s.articles) == 5]
    return story
