"""Evidence records passed between the ingestion stages (reader -> cleaner -> extractors -> store).

They live in the domain model so that the store (which saves them) and ingestion (which makes
them) both depend on ``model`` rather than on each other; ``realpolitik.ingest.types`` re-exports
them under their old names.

Spans are character offsets ``[start, end)`` into the document's *cleaned* text; ``sent`` is the
0-based index of the sentence the item lies in.

Examples
--------
>>> m = Mention(sent=0, start=0, end=5, text="Tokyo", kind="actor", actor="JPN", via="capital")
>>> m.actor
'JPN'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Claim",
    "Event",
    "ExtractedDocument",
    "FigureItem",
    "LeverScore",
    "Mention",
    "RawDocument",
    "Sentence",
    "Stance",
]


@dataclass(frozen=True)
class RawDocument:
    """An article as read: text (plain, or HTML when ``format == 'html'``) and metadata."""

    text: str
    source: str
    format: str = "txt"
    title: str = ""
    date: str = ""
    url: str = ""
    outlet: str = ""
    author: str = ""
    # "manifest" when ``date`` came from a folder's manifest.json (realpolitik.ingest.dates)
    date_source: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned text."""

    idx: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A resolved mention of an actor or person, or an unknown titled person (``candidate``)."""

    sent: int
    start: int
    end: int
    text: str
    kind: str  # "actor" | "person" | "candidate"
    actor: str | None = None
    person: str | None = None
    via: str = "name"  # name | alias | capital | adjective | official | pronoun | title


@dataclass(frozen=True)
class Event:
    """A coded event, or an uncodable sentence (``uncodable=True``, ``reason`` says why)."""

    sent: int
    start: int
    end: int
    source: str | None
    target: str | None
    plover: str | None
    cameo: str | None
    goldstein: float | None
    mode: str  # actual | future | hypothetical | negated
    aspect: str = "event"  # event | state (a standing relation, e.g. "ally of")
    confidence: float = 0.0
    cue: str = ""
    uncodable: bool = False
    reason: str = ""


@dataclass(frozen=True)
class LeverScore:
    """A catalogue id with the score of its match."""

    id: str
    score: float


@dataclass(frozen=True)
class Claim:
    """A forecast or conditional claim, split into antecedent and consequent."""

    sent: int
    start: int
    end: int
    kind: str  # forecast | conditional | elaboration | hedge
    text: str
    marker: str
    antecedent: str = ""
    consequent: str = ""
    levers: tuple[LeverScore, ...] = ()
    outcome: str | None = None
    outcome_score: float = 0.0
    horizon: int | None = None
    actors: tuple[str, ...] = ()
    confidence: float = 0.0


@dataclass(frozen=True)
class FigureItem:
    """A stated amount, normalised: ``value`` in base units (fractions for percentages)."""

    sent: int
    start: int
    end: int
    text: str
    value: float
    unit: str  # USD | people | count | fraction | ratio | years | other currency codes
    noun: str = ""
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stance:
    """Tone of one document toward one actor, in [-1, 1], from ``n_items`` events and claims."""

    actor: str
    score: float
    n_items: int


@dataclass
class ExtractedDocument:
    """Everything extracted from one article, ready to store in one transaction."""

    raw: RawDocument
    text: str
    content_hash: str
    furniture: list[str] = field(default_factory=list)
    date: str = ""
    date_source: str = "unknown"
    author: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    figures: list[FigureItem] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
