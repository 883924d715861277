"""The speed-ups of the ingestion path change no answer: each is checked against the slow form.

* :class:`CachedTokenizer` against spaCy's own tokenizer (tokens, whitespace, offsets);
* the array sentence starts against spaCy's ``sentencizer`` plus the line-break rule, written
  here token by token;
* the substring pre-checks before the claim, horizon, figure and furniture regexes against the
  same functions with every pre-check disabled (a pre-check must never hide a match);
* the parser's array tag -> POS map and cached lemmatizer against the model's own components.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.ingest import claims, clean, figures
from realpolitik.ingest.nlp import _sentence_starts, import_spacy
from realpolitik.ingest.tokenizer import CachedTokenizer

# words chosen to hit spaCy's special cases, affixes and infixes, the claim and figure
# vocabularies, and every kind of whitespace
_WORDS = [
    "Seoul", "Tokyo's", "U.S.", "don't", "won't", "a.m.", "(Beijing)", "\"Yes,\"", "e.g.",
    "will", "WOULD", "Could", "if", "Unless", "so", "long", "as", "once", "until", "the", "two",
    "may", "Might", "likely", "to", "due", "set", "by", "2030", "end", "of", "decade", "within",
    "next", "year", "$300", "billion", "12%", "per", "cent", "times", "3-fold", "anniversary",
    "15", "years", "ago", "million", "people", "USD", "yen", "EUR", "won", "deadline", "one",
    "week", "ultimatum", "Photo:", "REUTERS/", "copyright", "\u00a9", "cookie", "policy",
    "newsletter", "subscribe", "Reading", "time:", "min", "read", "author:", "is", "seen",
    "views", "expressed", "not", "necessarily", "reflect", "anti-Japan", "...", "!", "?", ".",
    ",", ";", "-", "--", "\u2014", "Ko", "Wen-je", "5.58", "1,200", "#", ":)",
]  # fmt: skip
_SPACES = [" ", " ", " ", "  ", "\n", " \n", "\n\n", "\t", "\u00a0", " \u2009 ", ""]


@st.composite
def _texts(draw: Any, max_words: int = 40) -> str:
    parts = draw(
        st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SPACES)), max_size=max_words)
    )
    lead = draw(st.sampled_from(["", " ", "\n", "  "]))
    return lead + "".join(w + s for w, s in parts)


@pytest.fixture(scope="module")
def blank() -> Any:
    nlp = import_spacy().blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _sig(doc: Any) -> list[tuple[str, str, int]]:
    return [(t.text, t.whitespace_, t.idx) for t in doc]


@pytest.fixture(scope="module")
def reference() -> Any:
    return import_spacy().blank("en").tokenizer


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(_texts(), min_size=1, max_size=4))
def test_cached_tokenizer_makes_spacys_docs(blank: Any, reference: Any, texts: list[str]) -> None:
    cached = CachedTokenizer(blank.tokenizer, max_chunks=25)  # small: the flush path runs too
    for text in texts + texts:  # the second round is served from the cache
        assert _sig(cached(text)) == _sig(reference(text))


def _reference_starts(blank: Any, text: str) -> list[bool]:
    """spaCy's sentencizer, then a sentence start after each token holding a newline."""
    doc = blank(text)
    starts = [bool(t.is_sent_start) for t in doc]
    for i, t in enumerate(doc):
        if "\n" in t.text_with_ws:
            j = i + 1
            while j < len(doc) and doc[j].is_space:
                j += 1
            if j < len(doc):
                starts[j] = True
    return starts


@settings(max_examples=200, deadline=None)
@given(text=_texts())
def test_array_sentence_starts_match_the_sentencizer(blank: Any, text: str) -> None:
    punct = [blank.vocab.strings.add(c) for c in blank.get_pipe("sentencizer").punct_chars]
    import numpy as np

    doc = _sentence_starts(blank.make_doc(text), np.array(punct, dtype="uint64"))
    assert [bool(t.is_sent_start) for t in doc] == _reference_starts(blank, text)


def _no_prechecks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every substring pre-check made to pass, so that the regexes alone decide."""
    for name in ("_ANTECEDENT_WORDS", "_FUTURE_WORDS", "_HEDGE_WORDS", "_HORIZON_WORDS"):
        monkeypatch.setattr(claims, name, ("",))
    monkeypatch.setattr(figures, "_NEEDS", dict.fromkeys(figures._NEEDS, ("",)))
    monkeypatch.setattr(figures, "_DEADLINE_WORDS", ("",))
    monkeypatch.setattr(clean, "_FURNITURE", [(p, n, ("",)) for p, n, _ in clean._FURNITURE])


@settings(max_examples=200, deadline=None)
@given(text=_texts(max_words=25))
def test_prechecks_never_hide_a_match(text: str) -> None:
    fast = (
        claims.detect_claim_kind(text),
        claims.horizon_year(text, 2025),
        figures.find_figures(text),
        [clean._is_furniture(line) for line in text.split("\n")],
    )
    with pytest.MonkeyPatch.context() as mp:
        _no_prechecks(mp)
        slow = (
            claims.detect_claim_kind(text),
            claims.horizon_year(text, 2025),
            figures.find_figures(text),
            [clean._is_furniture(line) for line in text.split("\n")],
        )
    assert fast == slow


def test_prechecks_can_fail() -> None:
    """The comparison above can tell: a pre-check missing a needed word hides the match."""
    text = "Seoul will answer by the end of the decade."
    assert claims.detect_claim_kind(text)[0] == "forecast"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(claims, "_FUTURE_WORDS", ("shall",))
        assert claims.detect_claim_kind(text)[0] is None


@pytest.fixture(scope="module")
def parser_pair() -> tuple[Any, Any]:
    from realpolitik.errors import MissingDependencyError
    from realpolitik.ingest.parse import MODEL_NAMES, load_parser

    try:
        fast = load_parser(lemmas=True)
    except MissingDependencyError:
        pytest.skip("no trained spaCy English pipeline installed (see requirements/parser.txt)")
    spacy = import_spacy()
    for name in MODEL_NAMES:
        try:
            return fast, spacy.load(name, exclude=["ner"])
        except OSError:
            continue
    pytest.skip("no trained spaCy English pipeline installed")


def test_parser_fast_components_match_the_model(parser_pair: tuple[Any, Any]) -> None:
    fast, stock = parser_pair
    sentences = [
        "The PRC on Tuesday demanded that the US cancel its plans to sell arms to Taiwan.",
        "Japan and Australia signed a defence treaty, and Seoul's envoy didn't object.",
        "If Washington withdraws its troops, Tokyo would be forced to rearm quickly.",
        "Rebels were seen attacking villages near the border, officials said.",
    ]
    for a, b in zip(fast.pipe(sentences), stock.pipe(sentences), strict=True):
        assert [(t.text, t.dep_, t.head.i, t.tag_) for t in a] == [
            (t.text, t.dep_, t.head.i, t.tag_) for t in b
        ]
        # the stock attribute ruler also sets word-specific POS exceptions (AUX for "be")
        # that the tag table leaves out; lemmas agree wherever the POS does
        for x, y in zip(a, b, strict=True):
            if x.pos_ == y.pos_:
                assert x.lemma_ == y.lemma_, (x.text, x.pos_)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_hint_finds_what_the_alternations_find(data: Any) -> None:
    """The set look-ups answer as the regexes ``\\b(?:form|...)\\b`` (IGNORECASE) would: a
    verb form, or a noun form with a light-verb form or ``between``/``among``."""
    import re

    from realpolitik.ingest.cameo_plover import default_lexicon

    hint = default_lexicon().hint()
    pools = [sorted(hint.verbs), sorted(hint.nouns - hint.verbs), sorted(hint.light)]
    pool = [w for p in pools for w in data.draw(st.lists(st.sampled_from(p), max_size=2))]
    pool += ["firm", "Sit", "in", "x", "between", "Among"]
    words = data.draw(st.lists(st.sampled_from(pool) | st.sampled_from(_WORDS), max_size=12))
    seps = data.draw(st.lists(st.sampled_from([" ", "-", ", ", "'", "_", "2", ""]), min_size=12))
    text = "".join(
        w.upper() if i % 3 == 0 else w
        for i, w in enumerate(x + y for x, y in zip(words, seps, strict=False))
    )

    def rx(forms: frozenset[str]) -> re.Pattern[str]:
        body = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
        return re.compile(rf"\b(?:{body})\b", re.I)

    verb, noun = rx(hint.verbs), rx(hint.nouns)
    frame = rx(hint.light | {"between", "among"})
    expected = bool(verb.search(text)) or bool(noun.search(text) and frame.search(text))
    assert (hint.search(text) is not None) == expected


def test_equal_catalogues_share_one_ignore_set() -> None:
    """``_concepts`` caches on (text, ignore): equal sets must be one object, or every cache
    hit of a second extractor compares thousands of names (measured: 46 us a call)."""
    a = claims.Catalogue.from_pairs({"l": "Seoul imposes tariffs"}, {}, ignore=["Seoul", "Tokyo"])
    b = claims.Catalogue.from_pairs({"m": "Tokyo lifts tariffs"}, {}, ignore=["Tokyo", "Seoul"])
    assert a.ignore is b.ignore
