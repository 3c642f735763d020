"""The typed records that every pipeline stage takes and returns.

One module so that a stage can be read, tested and replaced alone: stages agree on
these shapes and on nothing else. Field names follow `report.schema.json` (the report
format outside tools read), so `to_dict` of a record is its JSON form.
"""

from __future__ import annotations

import functools
import hashlib
import types
import typing
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")

FORMAT_VERSION = "1.0"


@dataclass
class Removed:
    """One input line taken out of an article, and why (nothing is lost)."""

    line: str
    reason: str


@dataclass
class RawArticle:
    """An article as an input file holds it, before cleaning.

    `title` is set when the input names it (HTML <title>, a feed entry, a JSON field);
    for plain text it is None and `title_from_first_line` says the cleaner must decide
    whether the first line is a headline or already the lede.
    """

    source: str
    body: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title_from_first_line: bool = False
    path: str | None = None
    authors: list[str] = field(default_factory=list)

    def content_id(self) -> str:
        """Stable id from the content alone: the same article read twice is one article."""
        digest = hashlib.sha256(f"{self.title or ''}\n{self.body.strip()}".encode("utf-8"))
        return digest.hexdigest()[:16]


@dataclass
class Credit:
    """An outlet the article's text credits (see `credits`): its name, how the text credits
    it ("wire", "self", "own", "cited"), the words that do, and how many times."""

    name: str
    kind: str
    text: str
    count: int = 1


@dataclass
class Article:
    """A clean article: the body with the junk out, and the junk listed in `removed`."""

    id: str
    source: str
    title: str | None
    text: str
    removed: list[Removed] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    outlet_kind: str | None = None  # from the user's outlet table (`outlets`)
    outlet_owner: str | None = None

    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass
class InputProblem:
    """A file (or record in a file) that could not be read, as one line for the user."""

    source: str
    problem: str
    skipped: bool = False  # not an article at all (a dataset's README or labels): nothing is lost

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass
class AnalysisFailure:
    """An article whose analysis failed at one stage: left out of its story's analysis
    (it stays in the story), reported in one line and recorded in the store."""

    article: str
    source: str
    stage: str
    reason: str

    def __str__(self) -> str:
        return str(self.as_problem())

    def as_problem(self) -> InputProblem:
        return InputProblem(self.source, f"{self.stage} failed ({self.reason}); left out of its story's analysis")


@dataclass
class LineageEdge:
    """`article` reuses reporting of `derived_from`; `shared` is the share of its sentences."""

    article: str
    derived_from: str
    shared: float
    kind: str  # "verbatim" | "paraphrase" | "mixed"


@dataclass
class Entity:
    """A named person, organisation, place… of one story. `id` is worked out from the name and
    type, so a quote's speaker can point at it (`Quote.speaker_entity`) and records stored
    before ids existed get the same one when read."""

    name: str
    type: str  # PERSON | ORG | GPE | EVENT | ...
    aliases: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = "e" + hashlib.sha256(f"{self.type}|{self.name}".encode("utf-8")).hexdigest()[:11]


@dataclass
class Quote:
    text: str
    speaker: str | None
    article: str
    also_in: list[str] = field(default_factory=list)
    sentence: str | None = None  # the sentence (or paragraph) the quote stands in
    # the story's entity the speaker is (its id), None for an unnamed source ("a senior official")
    speaker_entity: str | None = None


@dataclass
class Quantity:
    """A normalised number in a sentence: money, percent, count."""

    kind: str  # "money" | "percent" | "count"
    value: float
    unit: str | None  # "USD", "%", None
    text: str  # the words as written ("half trillion")
    sentence: str
    article: str


@dataclass
class DateMention:
    text: str  # as written ("on Wednesday")
    value: str | None  # ISO date when it could be resolved, else None
    relative: bool
    sentence: str
    article: str


@dataclass
class Support:
    article: str
    sentence: str


@dataclass
class Fact:
    id: str
    statement: str
    support: list[Support]
    independent_sources: int
    status: str  # "corroborated" | "single-source" | "contested"
    conflicts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SummarySentence:
    sentence: str
    cites: list[str]


@dataclass
class TimelineEvent:
    date: str
    event: str
    articles: list[str]


@dataclass
class ArticleAnalysis:
    """What analysing one article alone gives, which no other article changes: its parsed
    paragraphs (spaCy `DocBin` bytes), its numbers and dates, and the vectors of its
    candidate fact sentences (float16 bytes, row by row). Kept so that a story can be
    analysed again, when articles join it, without parsing or embedding its old articles
    again. `version` names the code and models that made it: another version is redone."""

    article: str
    version: str
    parses: bytes
    quantities: list[Quantity]
    dates: list[DateMention]
    # filled in by the story's facts stage: its candidate sentences and their vectors
    sentences: list[str] = field(default_factory=list)
    vectors: bytes | None = None


@dataclass
class Story:
    id: str
    title: str
    articles: list[str]
    independent_groups: list[list[str]] = field(default_factory=list)
    lineage: list[LineageEdge] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    # articles by outlet kind and by owner, from the user's outlet table ({} without one)
    coverage: dict[str, dict[str, int]] = field(default_factory=dict)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)


@dataclass
class Report:
    articles: list[Article]
    stories: list[Story]
    problems: list[InputProblem] = field(default_factory=list)
    format_version: str = FORMAT_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record (and the records nested in it) from its `asdict` form.

    Unknown keys are ignored, so a report written by a newer version still loads.
    """
    hints = _type_hints(cls)
    kwargs = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _load(hints[f.name], data[f.name])
    return cls(**kwargs)


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    """A record class's field types (resolving them is slow, and a store load asks for them per record)."""
    return typing.get_type_hints(cls)


def _load(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin is list and isinstance(value, list):
        (item,) = typing.get_args(hint)
        return [_load(item, v) for v in value]
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return value if value is None or len(inner) != 1 else _load(inner[0], value)
    if is_dataclass(hint) and isinstance(value, dict):
        return from_dict(hint, value)
    return value
