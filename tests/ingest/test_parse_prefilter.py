"""The parse path's shortcuts give the events and parses of the slow form.

* the dictionary pre-filter (a sentence is parsed only when :meth:`Lexicon.hint` finds a
  dictionary word in it) against parsing every sentence that names two actors, on sentences
  written for this test;
* one BLAS thread during the parse (:mod:`realpolitik.ingest.blas`) against the default
  threads: the same parse, and the process's limits restored afterwards;
* the lemmatizer's word index as sets against the stock model's lists.

Skips without the trained pipeline (a failure under ``CI=true``).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pytest

from realpolitik.errors import MissingDependencyError
from realpolitik.ingest.blas import one_blas_thread
from realpolitik.ingest.types import RawDocument

# written for this test: two actors with an event verb, two actors with none, one actor
_ARTICLE = (
    "Vietnam accused China of blocking its fishing boats near the reef.\n"
    "Officials in Hanoi and Beijing spent the afternoon indoors.\n"
    "India later praised Japan for the cheap loan.\n"
    "Canada and Mexico have many rivers.\n"
    "Brazil expelled two diplomats of Argentina after the row.\n"
    "Norway stayed silent.\n"
    "Germany and France, with Italy, discussed tariffs in Rome.\n"
)


@pytest.fixture(scope="module")
def extractor() -> Any:
    from realpolitik.ingest.pipeline import default_extractor

    try:
        return default_extractor()
    except MissingDependencyError:
        pytest.skip("no trained spaCy English pipeline installed (see requirements/parser.txt)")


class _Everything:
    """A hint that lets every sentence through to the parser."""

    def search(self, text: str) -> str:
        return "any"


def _events(ex: Any) -> list[dict[str, Any]]:
    return [asdict(e) for e in ex.extract(RawDocument(text=_ARTICLE, source="t")).events]


def test_prefilter_gives_the_events_of_parsing_every_sentence(
    extractor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    hint = extractor.hint
    analysis = extractor.pipeline.analyse(_ARTICLE)
    actors: dict[int, set[str]] = {}
    for m in analysis.mentions:
        if m.actor:
            actors.setdefault(m.sent, set()).add(m.actor)
    two = [s for s in analysis.sentences if len(actors.get(s.idx, ())) >= 2]
    skipped = [s for s in two if hint.search(s.text) is None]
    assert skipped, "the article must have a two-actor sentence the pre-filter skips"
    assert len(skipped) < len(two), "and one it parses"
    fast = _events(extractor)
    assert any(not e["uncodable"] and e["source"] and e["target"] for e in fast)
    monkeypatch.setattr(extractor, "hint", _Everything())
    assert _events(extractor) == fast


def _parse_signature(docs: Any) -> list[list[tuple[str, str, int, str, str]]]:
    return [[(t.text, t.dep_, t.head.i, t.tag_, t.lemma_) for t in d] for d in docs]


def test_one_blas_thread_same_parse_and_limits_restored(extractor: Any) -> None:
    from threadpoolctl import threadpool_info

    nlp = extractor.event_nlp
    texts = [
        "Tokyo will not send envoys to the talks unless Seoul lifts its curbs first.",
        "Australia and New Zealand jointly condemned the missile launch on Friday.",
        "The minister, who visited Manila in May, said Jakarta had agreed to the plan.",
    ]
    before = [(i["filepath"], i["num_threads"]) for i in threadpool_info()]
    outside = _parse_signature(nlp.pipe(texts))
    with one_blas_thread():
        with one_blas_thread():  # nested: the inner exit keeps the limit
            pass
        blas = [i for i in threadpool_info() if i["user_api"] == "blas"]
        assert blas and all(i["num_threads"] == 1 for i in blas)
        inside = _parse_signature(nlp.pipe(texts))
    assert inside == outside
    assert [(i["filepath"], i["num_threads"]) for i in threadpool_info()] == before


def test_lemma_index_sets_give_the_stock_lemmas(extractor: Any) -> None:
    from realpolitik.ingest.nlp import import_spacy
    from realpolitik.ingest.parse import MODEL_NAMES

    spacy = import_spacy()
    stock = None
    for name in MODEL_NAMES:
        try:
            stock = spacy.load(name, exclude=["ner"]).get_pipe("lemmatizer")
            break
        except OSError:
            continue
    assert stock is not None
    assert isinstance(next(iter(stock.lookups.get_table("lemma_index").values())), list)
    texts = [
        "The envoys were meeting rivals and signing deals while the ships carried lorries.",
        "Sanctions hurt exporters; bigger fines and tighter quotas worried the happiest firms.",
        "She studied the treaties, paid the tariffs and fled the flooded cities.",
    ]
    n = 0
    for doc in extractor.event_nlp.pipe(texts):
        for tok in doc:
            assert tok.lemma_ == stock.rule_lemmatize(tok)[0], (tok.text, tok.pos_)
            n += 1
    assert n > 30


def test_an_undoubled_verb_form_has_the_stem_with_e(extractor: Any) -> None:
    """English doubles a one-vowel, one-consonant stem's last letter before -ed/-ing; spaCy's
    rule lemmatizer ignores that where both stems are verbs (stock: "staged" -> *stag*)."""
    text = "Rebels staged raids and hoped to win, while troops stopped them and hopped fences."
    (doc,) = extractor.event_nlp.pipe([text])
    lemmas = {t.text: t.lemma_ for t in doc if t.pos_ == "VERB"}
    assert lemmas == {
        "staged": "stage",
        "hoped": "hope",
        "win": "win",
        "stopped": "stop",
        "hopped": "hop",
    }


def test_singular_nouns_and_base_verbs_ending_in_s_keep_it(extractor: Any) -> None:
    """The rule lemmatizer leaves a word in its base form alone only when it knows the
    morphology (``Number=Sing``); the tag table that replaces the attribute ruler sets it, so
    "address" stays *address* (not *addres*), as in the stock pipeline."""
    from realpolitik.ingest.nlp import import_spacy
    from realpolitik.ingest.parse import MODEL_NAMES

    spacy = import_spacy()
    stock = None
    for name in MODEL_NAMES:
        try:
            stock = spacy.load(name, exclude=["ner"])
            break
        except OSError:
            continue
    assert stock is not None
    text = (
        "The envoy gave an address on the crisis; the press called its analysis progress, "
        "and they discuss access to the gas process as ministers pass new rules."
    )
    (ours,) = extractor.event_nlp.pipe([text])
    mine = {t.text: t.lemma_ for t in ours}
    assert {w: mine[w] for w in ("address", "crisis", "press", "analysis", "discuss")} == {
        "address": "address",
        "crisis": "crisis",
        "press": "press",
        "analysis": "analysis",
        "discuss": "discuss",
    }
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in stock(text)]


def test_the_default_path_never_falls_back_to_the_rules_events(extractor: Any) -> None:
    """A sentence the parse codes nothing in has no event, though the ``--fast`` cue list
    matches it ("opposed"); it is marked uncodable instead. Standing relations stay."""
    from realpolitik.ingest.pipeline import NOTHING_PARSED, default_extractor

    text = "Canada seems opposed to Norway's fishing plan."
    fast = default_extractor(parser=False).extract(RawDocument(text=text, source="t")).events
    assert [(e.source, e.target) for e in fast if not e.uncodable] == [("CAN", "NOR")]
    events = extractor.extract(RawDocument(text=text, source="t")).events
    assert [e for e in events if not e.uncodable] == []
    assert [e.reason for e in events] == [NOTHING_PARSED]
    text = "Canada, an ally of Norway, praised the fishing plan."
    events = extractor.extract(RawDocument(text=text, source="t")).events
    assert any(e.aspect == "state" and {e.source, e.target} == {"CAN", "NOR"} for e in events)
