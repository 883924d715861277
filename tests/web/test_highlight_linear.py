"""The document page's segmenting runs in n log n and cuts as the quadratic form did.

:func:`highlight_segments`, :func:`anchor_segments` and :func:`sentence_blocks` used to scan
every span, anchor or cut for every segment, which took about a minute per view of a 1.2 MB
upload (15,000 sentences). The references below are those forms, kept here; hypothesis checks
the fast ones against them on random texts, spans (outside the text, empty, reversed, unknown
kinds, repeated), anchors and sentences.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.web.evidence import (
    HIGHLIGHT_KINDS,
    Block,
    Segment,
    anchor_segments,
    highlight_segments,
    sentence_blocks,
)


def _ref_highlight(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    n = len(text)
    order = {k: i for i, k in enumerate(HIGHLIGHT_KINDS)}
    bounds = {0, n}
    for s, e, _ in spans:
        s, e = max(0, min(n, s)), max(0, min(n, e))
        if e > s:
            bounds.update((s, e))
    out: list[Segment] = []
    for lo, hi in itertools.pairwise(sorted(bounds)):
        kinds = sorted(
            {k for s, e, k in spans if s <= lo and e >= hi and k in order}, key=order.__getitem__
        )
        seg = Segment(text[lo:hi], tuple(kinds))
        if out and out[-1].kinds == seg.kinds:
            out[-1] = Segment(out[-1].text + seg.text, seg.kinds)
        else:
            out.append(seg)
    return out


def _ref_anchor(segments: list[Segment], anchors: list[tuple[int, str]]) -> list[Segment]:
    want = dict(sorted(anchors, reverse=True))
    out: list[Segment] = []
    pos = 0
    for seg in segments:
        cuts = sorted(o for o in want if pos <= o < pos + len(seg.text))
        bounds = [pos, *[c for c in cuts if c > pos], pos + len(seg.text)]
        for lo, hi in itertools.pairwise(bounds):
            out.append(Segment(seg.text[lo - pos : hi - pos], seg.kinds, want.get(lo, "")))
        pos += len(seg.text)
    return out


def _ref_blocks(
    text: str, spans: list[tuple[int, int, str]], sentences: list[tuple[int, int, str]]
) -> list[Block]:
    n = len(text)
    sents = sorted((max(0, a), min(n, b), k) for a, b, k in sentences if b > a)
    cuts = sorted({x for a, b, _ in sents for x in (a, b)})
    blocks: list[tuple[str, list[Segment]]] = []
    pos, si = 0, 0
    for seg in _ref_highlight(text, spans):
        end = pos + len(seg.text)
        for lo, hi in itertools.pairwise([pos, *[c for c in cuts if pos < c < end], end]):
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


_KINDS = st.sampled_from([*HIGHLIGHT_KINDS, "other"])
_POS = st.integers(-3, 45)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="ab. \n", max_size=40),
    spans=st.lists(st.tuples(_POS, _POS, _KINDS), max_size=12),
    anchors=st.lists(st.tuples(_POS, st.sampled_from(["s1", "s2", "s10", "s3"])), max_size=8),
    sentences=st.lists(st.tuples(_POS, _POS, st.sampled_from(["s1", "s2", "s3"])), max_size=6),
)
def test_fast_segments_equal_the_quadratic_form(
    text: str, spans: Any, anchors: Any, sentences: Any
) -> None:
    segs = highlight_segments(text, spans)
    assert segs == _ref_highlight(text, spans)
    assert "".join(s.text for s in segs) == text
    assert anchor_segments(segs, anchors) == _ref_anchor(segs, anchors)
    assert sentence_blocks(text, spans, sentences) == _ref_blocks(text, spans, sentences)
