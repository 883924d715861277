"""Evidence behind the pages: relation -> sources -> sentences; documents with highlighted spans.

Two ways to find the sentence that supports a relation sourced to an article:

1. the evidence store (when the app has one): stored documents whose ``source`` names the
   article's file, and in them the sentences with mentions of both actors (events between
   them first);
2. otherwise the article file itself, read from the seeds folder (only the file the data set
   names, resolved inside that folder): sentences naming both actors by name or alias.

A source that is a data set (not an article) is shown with its metadata and the relation's
note. No path from a request reaches the file system: ids are looked up in the data set and
the store, and file names come from the data set only.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from realpolitik.model.dataset import Dataset
from realpolitik.model.types import Relation

if TYPE_CHECKING:
    from realpolitik.store.repository import Store

__all__ = [
    "CAPABILITY_INDICATORS",
    "HIGHLIGHT_KINDS",
    "Block",
    "Segment",
    "actor_names",
    "anchor_segments",
    "capability_evidence",
    "document_view",
    "highlight_segments",
    "relation_evidence",
    "safe_child",
    "sentence_blocks",
    "split_sentences",
]

HIGHLIGHT_KINDS: tuple[str, ...] = ("mention", "figure", "event", "claim")
"""Kinds of extraction highlighted in documents (CSS classes ``hl-<kind>``)."""

_SENT_RX = re.compile(r"[^.!?\n]+(?:[.!?]+[\"')\]]*|\n|$)")


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """A plain sentence splitter (fallback when no store is available): ``(start, end, text)``.

    Examples
    --------
    >>> [s[2] for s in split_sentences("One here. Two there!\\nThree")]
    ['One here.', 'Two there!', 'Three']
    """
    out = []
    for m in _SENT_RX.finditer(text):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        out.append((start, start + len(stripped), stripped))
    return out


def safe_child(folder: Path, name: str) -> Path | None:
    """``folder/name`` if it is a plain file inside ``folder`` (no traversal), else ``None``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("x")
    >>> safe_child(d, "a.txt") is not None, safe_child(d, "../etc/passwd"), safe_child(d, "/x")
    (True, None, None)
    """
    if not name or "/" in name or "\\" in name or name.startswith(".") or "\x00" in name:
        return None
    root = folder.resolve()
    p = (root / name).resolve()
    if p.parent != root or not p.is_file():
        return None
    return p


def actor_names(dataset: Dataset, code: str) -> list[str]:
    """Name, aliases and code of an actor (longest first), for plain-text matching."""
    try:
        a = dataset.actor(code)
    except Exception:
        return [code]
    names = {a.name, *a.aliases, a.code}
    return sorted((n for n in names if n), key=len, reverse=True)


_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "defence_treaty": ("treaty", "alliance", "ally", "allies", "defen"),
    "alliance": ("alliance", "ally", "allies", "bloc"),
    "security_partnership": ("security", "military", "defen", "intelligence", "cooperat"),
    "trade_agreement": ("trade", "RCEP", "FTA", "free trade", "agreement", "partnership"),
    "trade_value": ("trade", "billion", "export", "import"),
    "territorial_dispute": ("territor", "island", "dispute", "sovereign", "sea"),
    "sanctions": ("sanction",),
    "tariffs": ("tariff", "duties", "trade war"),
    "rivalry": ("rival", "competition", "threat", "contain"),
    "dialogue": ("meeting", "talks", "dialogue", "summit", "ministers"),
    "cooperation": ("cooperat", "together", "joint", "partner"),
    "support": ("support", "aid", "back"),
    "hostility": ("hostil", "threat", "tension", "provocat", "missile"),
}


def _kind_score(text: str, kind: str) -> int:
    low = text.lower()
    return sum(1 for w in _KIND_WORDS.get(kind, ()) if w.lower() in low)


def _mentions(text: str, names: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)


def _store_sentences(store: Store, file: str, a: str, b: str, limit: int) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from realpolitik.store.schema import DocumentRow, EventRow, MentionRow, SentenceRow

    stem = Path(file).stem
    out: list[dict[str, Any]] = []
    with store.session() as s:
        docs = s.scalars(
            select(DocumentRow).where(
                (DocumentRow.source == file)
                | DocumentRow.source.endswith("/" + file)
                | DocumentRow.source.contains(stem)
            )
        ).all()
        for d in docs:
            with_a = set(
                s.scalars(
                    select(MentionRow.sentence_id).where(
                        MentionRow.document_id == d.id, MentionRow.actor == a
                    )
                ).all()
            )
            with_b = set(
                s.scalars(
                    select(MentionRow.sentence_id).where(
                        MentionRow.document_id == d.id, MentionRow.actor == b
                    )
                ).all()
            )
            both = with_a & with_b
            if not both:
                continue
            ev = set(
                s.scalars(
                    select(EventRow.sentence_id).where(
                        EventRow.document_id == d.id,
                        ((EventRow.source_actor == a) & (EventRow.target_actor == b))
                        | ((EventRow.source_actor == b) & (EventRow.target_actor == a)),
                    )
                ).all()
            )
            rows = s.scalars(
                select(SentenceRow).where(SentenceRow.id.in_(both)).order_by(SentenceRow.idx)
            ).all()
            rows = sorted(rows, key=lambda r: (r.id not in ev, r.idx))
            for r in rows[:limit]:
                out.append(
                    {
                        "text": r.text,
                        "document_id": d.id,
                        "sentence_id": r.id,
                        "href": f"/documents/{d.id}#s{r.id}",
                        "start": r.start,
                        "end": r.end,
                        "event": r.id in ev,
                        "via": "evidence store",
                    }
                )
    return out[:limit]


def relation_evidence(
    dataset: Dataset,
    relation: Relation,
    *,
    store: Store | None = None,
    seeds_dir: Path | None = None,
    limit: int = 3,
) -> dict[str, Any]:
    """Everything the network page shows for one relation: type, sign, dates, sources and,
    for article sources, the supporting sentences, each with ``href``: the document page (or
    the seed article page) at the sentence's anchor. ``searched`` says where sentences were
    looked for (empty: neither a store nor the article file was available)."""
    sources = {s.id: s for s in dataset.sources}
    names_a = actor_names(dataset, relation.a)
    names_b = actor_names(dataset, relation.b)
    out_sources = []
    for sid in relation.source_ids:
        src = sources.get(sid)
        entry: dict[str, Any] = {
            "id": sid,
            "title": src.title if src else sid,
            "kind": src.kind if src else "unknown",
            "publisher": src.publisher if src else "",
            "date": src.date if src else "",
            "version": src.version if src else "",
            "url": src.url if src else "",
            "file": src.file if src else "",
            "perspective": src.perspective if src else "",
            "sentences": [],
            "searched": [],
        }
        if src is not None and src.kind == "article" and src.file:
            sents: list[dict[str, Any]] = []
            if store is not None:
                entry["searched"].append("evidence store")
                sents = _store_sentences(store, src.file, relation.a, relation.b, limit)
            path = safe_child(seeds_dir, src.file) if seeds_dir is not None else None
            if path is not None:
                entry["article_href"] = f"/seeds/{sid}"
            if not sents and path is not None:
                entry["searched"].append("article file")
                text = path.read_text(encoding="utf-8", errors="replace")
                found = [
                    (-_kind_score(sent, relation.kind), start, end, n, sent)
                    for n, (start, end, sent) in enumerate(split_sentences(text))
                    if len(sent.split()) >= 6
                    and _mentions(sent, names_a)
                    and _mentions(sent, names_b)
                ]
                for _, start, end, n, sent in sorted(found)[:limit]:
                    sents.append(
                        {
                            "text": sent,
                            "start": start,
                            "end": end,
                            "sentence": n,
                            "href": f"/seeds/{sid}#s{n}",
                            "via": "article file",
                        }
                    )
            entry["sentences"] = sents
        out_sources.append(entry)
    return {
        "id": relation.id,
        "a": relation.a,
        "b": relation.b,
        "kind": relation.kind,
        "sign": relation.sign,
        "weight": relation.weight,
        "start": relation.start,
        "end": relation.end,
        "directed": relation.directed,
        "provenance": relation.provenance,
        "note": relation.note,
        "sources": out_sources,
    }


@dataclass(frozen=True)
class Segment:
    """A run of document text with the set of extraction kinds covering it."""

    text: str
    kinds: tuple[str, ...]
    anchor: str = ""
    """Id of an anchor placed before the text (``s<sentence id>`` at a sentence start)."""

    @property
    def css(self) -> str:
        """CSS classes, e.g. ``"hl-mention hl-claim"``."""
        return " ".join(f"hl-{k}" for k in self.kinds)


def highlight_segments(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """Cut ``text`` into maximal runs covered by the same set of span kinds.

    Spans outside the text are clipped; kinds keep the order of :data:`HIGHLIGHT_KINDS`.
    The text itself is never interpreted: the template escapes every segment.

    Examples
    --------
    >>> [(s.text, s.kinds) for s in highlight_segments("abcdef", [(1, 3, "mention"),
    ...                                                            (2, 5, "claim")])]
    [('a', ()), ('b', ('mention',)), ('c', ('mention', 'claim')), ('de', ('claim',)), ('f', ())]
    """
    n = len(text)
    order = {k: i for i, k in enumerate(HIGHLIGHT_KINDS)}
    bounds = {0, n}
    opens: dict[int, list[str]] = {}
    shuts: dict[int, list[str]] = {}
    for s, e, k in spans:
        s, e = max(0, min(n, s)), max(0, min(n, e))
        if e > s:
            bounds.update((s, e))
            if k in order:  # a span covers the runs from its start to its end (a sweep)
                opens.setdefault(s, []).append(k)
                shuts.setdefault(e, []).append(k)
    active = dict.fromkeys(HIGHLIGHT_KINDS, 0)
    out: list[Segment] = []
    for lo, hi in itertools.pairwise(sorted(bounds)):
        for k in opens.get(lo, ()):
            active[k] += 1
        for k in shuts.get(lo, ()):
            active[k] -= 1
        seg = Segment(text[lo:hi], tuple(k for k in HIGHLIGHT_KINDS if active[k] > 0))
        if out and out[-1].kinds == seg.kinds:
            out[-1] = Segment(out[-1].text + seg.text, seg.kinds)
        else:
            out.append(seg)
    return out


def anchor_segments(segments: list[Segment], anchors: list[tuple[int, str]]) -> list[Segment]:
    """Split ``segments`` at the character offsets of ``anchors`` (``(offset, id)``) so that
    each anchor starts a segment carrying its id; the text and kinds are unchanged.

    Examples
    --------
    >>> segs = highlight_segments("One. Two.", [(5, 8, "mention")])
    >>> [(s.text, s.anchor) for s in anchor_segments(segs, [(0, "s1"), (5, "s2")])]
    [('One. ', 's1'), ('Two', 's2'), ('.', '')]
    """
    want = dict(sorted(anchors, reverse=True))  # on a shared offset the smallest id wins
    offsets = sorted(want)
    out: list[Segment] = []
    pos = 0
    for seg in segments:
        end = pos + len(seg.text)
        cuts = offsets[bisect_left(offsets, pos) : bisect_left(offsets, end)]
        bounds = [pos, *[c for c in cuts if c > pos], pos + len(seg.text)]
        for lo, hi in itertools.pairwise(bounds):
            out.append(Segment(seg.text[lo - pos : hi - pos], seg.kinds, want.get(lo, "")))
        pos += len(seg.text)
    return out


@dataclass(frozen=True)
class Block:
    """A sentence of a document (``anchor`` ``s<id>``) or the text between sentences
    (``anchor`` empty), as highlighted segments."""

    anchor: str
    segments: tuple[Segment, ...]


def sentence_blocks(
    text: str, spans: list[tuple[int, int, str]], sentences: list[tuple[int, int, str]]
) -> list[Block]:
    """Cut ``text`` into sentence blocks (``sentences``: ``(start, end, anchor)``), each made of
    the highlighted segments of ``spans``, so that a page can wrap every sentence in an element
    carrying its anchor (the sentence is highlighted when the address targets it).

    Examples
    --------
    >>> bs = sentence_blocks("One. Two.", [(5, 8, "mention")], [(0, 4, "s1"), (5, 9, "s2")])
    >>> [(b.anchor, [(g.text, g.kinds) for g in b.segments]) for b in bs]
    [('s1', [('One.', ())]), ('', [(' ', ())]), ('s2', [('Two', ('mention',)), ('.', ())])]
    """
    n = len(text)
    sents = sorted((max(0, a), min(n, b), k) for a, b, k in sentences if b > a)
    cuts = sorted({x for a, b, _ in sents for x in (a, b)})
    blocks: list[tuple[str, list[Segment]]] = []
    pos, si = 0, 0
    for seg in highlight_segments(text, spans):
        end = pos + len(seg.text)
        bounds = [pos, *cuts[bisect_right(cuts, pos) : bisect_left(cuts, end)], end]
        for lo, hi in itertools.pairwise(bounds):
            while si < len(sents) and sents[si][1] <= lo:
                si += 1
            anchor = sents[si][2] if si < len(sents) and sents[si][0] <= lo < sents[si][1] else ""
            piece = Segment(text[lo:hi], seg.kinds)
            if blocks and blocks[-1][0] == anchor:
                blocks[-1][1].append(piece)
            else:
                blocks.append((anchor, [piece]))
        pos = end
    return [Block(a, tuple(segs)) for a, segs in blocks]


def document_view(store: Store, doc_id: int) -> dict[str, Any] | None:
    """A stored document with its extractions and highlighted segments (``None`` if absent)."""
    from sqlalchemy import select

    from realpolitik.store.schema import (
        ClaimRow,
        DocumentRow,
        EventRow,
        FigureRow,
        MentionRow,
        SentenceRow,
    )

    with store.session() as s:
        d = s.get(DocumentRow, doc_id)
        if d is None:
            return None
        mentions = s.scalars(select(MentionRow).where(MentionRow.document_id == doc_id)).all()
        events = s.scalars(select(EventRow).where(EventRow.document_id == doc_id)).all()
        claims = s.scalars(select(ClaimRow).where(ClaimRow.document_id == doc_id)).all()
        figures = s.scalars(select(FigureRow).where(FigureRow.document_id == doc_id)).all()
        spans = [(m.start, m.end, "mention") for m in mentions]
        spans += [(f.start, f.end, "figure") for f in figures]
        spans += [(e.start, e.end, "event") for e in events if not e.uncodable]
        spans += [(c.start, c.end, "claim") for c in claims]
        sent_rows = s.execute(
            select(SentenceRow.start, SentenceRow.end, SentenceRow.id).where(
                SentenceRow.document_id == doc_id
            )
        ).all()
        segments = anchor_segments(
            highlight_segments(d.text, spans), [(int(a), f"s{i}") for a, _, i in sent_rows]
        )
        blocks = sentence_blocks(
            d.text, spans, [(int(a), int(b), f"s{i}") for a, b, i in sent_rows]
        )
        uncodable = sum(1 for e in events if e.uncodable)
        return {
            "id": d.id,
            "title": d.title or d.source,
            "source": d.source,
            "outlet": d.outlet,
            "author": d.author,
            "date": d.date,
            "url": d.url,
            "extractor_version": d.extractor_version,
            "text": d.text,
            "segments": segments,
            "blocks": blocks,
            "uncodable_events": uncodable,
            "mentions": [
                {"text": m.text, "kind": m.kind, "actor": m.actor, "person": m.person}
                for m in mentions
            ],
            "events": [
                {
                    "source": e.source_actor,
                    "target": e.target_actor,
                    "plover": e.plover,
                    "cameo": e.cameo,
                    "goldstein": e.goldstein,
                    "mode": e.mode,
                    "text": d.text[e.start : e.end],
                }
                for e in events
                if not e.uncodable
            ],
            "claims": [
                {
                    "kind": c.kind,
                    "text": c.text,
                    "outcome": c.outcome,
                    "levers": c.levers,
                    "confidence": c.confidence,
                }
                for c in claims
            ],
            "figures": [
                {"text": f.text, "value": f.value, "unit": f.unit, "actors": f.actors}
                for f in figures
            ],
        }


CAPABILITY_INDICATORS: tuple[str, ...] = ("gdp_nominal", "population", "milex", "cinc")
"""Capability inputs shown with their sources beside a capability share."""


def capability_evidence(dataset: Dataset, actor: str, year: int) -> list[dict[str, Any]]:
    """The data rows behind an actor's capability share: indicator, value, unit, year and the
    cited source (latest row at or before ``year`` of each of :data:`CAPABILITY_INDICATORS`)."""
    from realpolitik.model.types import INDICATORS

    sources = {s.id: s for s in dataset.sources}
    out = []
    for ind in CAPABILITY_INDICATORS:
        rows = [c for c in dataset.capabilities if c.actor == actor and c.indicator == ind]
        rows = [c for c in rows if c.year <= year] or rows
        if not rows:
            continue
        c = max(rows, key=lambda r: r.year)
        src = sources.get(c.source_id)
        out.append(
            {
                "indicator": ind,
                "value": c.value,
                "unit": INDICATORS.get(ind, ""),
                "year": c.year,
                "source_id": c.source_id,
                "source": src.title if src else c.source_id,
                "provenance": c.provenance,
            }
        )
    return out
