"""A store's health: is the file sound, is every article in exactly one story, which
analyses failed — and the repair, which re-runs `pipeline.add` for what is out of place.

An add is one transaction, so a store written by this version stays whole after a crash;
this finds what older versions, a damaged disk or hand edits left behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from . import pipeline
from .model import AnalysisFailure
from .store import Store


@dataclass
class Findings:
    integrity: list[str]
    articles: int
    stories: int
    in_no_story: list[str] = field(default_factory=list)
    in_several_stories: dict[str, list[str]] = field(default_factory=dict)
    failed: list[AnalysisFailure] = field(default_factory=list)

    @property
    def repairable(self) -> bool:
        return bool(self.in_no_story or self.in_several_stories)

    @property
    def sound(self) -> bool:
        return self.integrity == ["ok"] and not self.repairable

    def to_dict(self) -> dict:
        return {**asdict(self), "sound": self.sound}

    def lines(self) -> list[str]:
        out = [f"file: {'sound' if self.integrity == ['ok'] else 'DAMAGED: ' + '; '.join(self.integrity[:5])}",
               f"{self.articles} articles in {self.stories} stories"]
        if self.in_no_story:
            out.append(f"{len(self.in_no_story)} articles in no story (run `storytrace check --repair`)")
        if self.in_several_stories:
            out.append(f"{len(self.in_several_stories)} articles in more than one story (run `storytrace check --repair`)")
        out += [f"analysis failed: {f}" for f in self.failed]
        if self.sound:
            out.append("the store is sound")
        return out


def check(store: Store) -> Findings:
    integrity = store.integrity()
    if integrity != ["ok"]:
        return Findings(integrity, 0, 0)
    return Findings(
        integrity=integrity,
        articles=store.article_count(),
        stories=store.story_count(),
        in_no_story=store.articles_in_no_story(),
        in_several_stories=store.articles_in_several_stories(),
        failed=store.failures(),
    )


def repair(store: Store, progress: pipeline.Progress = pipeline.no_progress,
           on_wait: Callable[[], None] = lambda: None) -> Findings:
    """Drop every story that shares an article with another (their articles then stand in
    no story), then place all articles in no story as an add does; one transaction."""
    with store.writing(on_wait):
        doubled = {s for stories in store.articles_in_several_stories().values() for s in stories}
        store.delete_stories(doubled)
        pipeline.add(store, [], progress=progress)
    return check(store)
