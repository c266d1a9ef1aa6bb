"""The learned layer: regression + nearest-neighbour checks, its training file, its place in the detector."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from frontdoor.errors import GuardrailError
from guardrails.base import Category, SafeguardingDetector, Tier
from guardrails.exemplar_index import ExemplarIndex
from guardrails.learned_tier_classifier import LabelledSentence, LearnedTierClassifier
from guardrails.pattern_library import Exemplar, PatternLibrary
from guardrails.safeguarding_detector import LayeredSafeguardingDetector
from guardrails.training_set import default_routine_path, default_training_path, load_training_sentences

EVAL_DATA = Path(__file__).resolve().parents[2] / "frontdoor" / "evaluation" / "data"

# Four well-separated clusters in 4-d: routine, info, urgent (physical), immediate (suicide).
_AXES = {None: 0, Tier.INFO: 1, Tier.URGENT: 2, Tier.IMMEDIATE: 3}
_CATS = {None: None, Tier.INFO: Category.REPORTING, Tier.URGENT: Category.PHYSICAL, Tier.IMMEDIATE: Category.SUICIDE}


def _unit(v: list[float]) -> np.ndarray:
    a = np.asarray(v, dtype=np.float32)
    return a / np.linalg.norm(a)


def _toy() -> tuple[list[LabelledSentence], np.ndarray]:
    sentences, vectors = [], []
    for tier, axis in _AXES.items():
        for n in range(6):
            v = [0.05 * ((n + k) % 3) for k in range(4)]
            v[axis] = 1.0
            sentences.append(LabelledSentence(f"train:{axis}-{n}", f"s{axis}{n}", tier, _CATS[tier]))
            vectors.append(_unit(v))
    return sentences, np.vstack(vectors)


@pytest.mark.parametrize(
    ("query", "tier", "category"),
    [
        ([1.0, 0.1, 0.0, 0.0], None, None),
        ([0.1, 1.0, 0.0, 0.0], Tier.INFO, Category.REPORTING),
        ([0.0, 0.1, 1.0, 0.0], Tier.URGENT, Category.PHYSICAL),
        ([0.0, 0.0, 0.1, 1.0], Tier.IMMEDIATE, Category.SUICIDE),
    ],
)
def test_when_vector_is_near_a_cluster_then_its_tier_category_and_neighbour_ids_are_given(
    query: list[float], tier: Tier | None, category: Category | None
) -> None:
    clf = LearnedTierClassifier(*_toy())
    guess = clf.predict(_unit(query))
    assert (guess.tier, guess.category) == (tier, category)
    if tier is not None:
        assert guess.neighbours and all(n.startswith(f"train:{_AXES[tier]}-") for n in guess.neighbours)


def test_when_built_twice_then_probabilities_are_identical() -> None:
    query = _unit([0.3, 0.2, 0.5, 0.1])
    first = LearnedTierClassifier(*_toy()).probabilities(query)
    assert np.array_equal(first, LearnedTierClassifier(*_toy()).probabilities(query))
    assert first.sum() == pytest.approx(1.0)


def test_when_nearest_sentence_is_a_very_similar_routine_one_then_no_escalation() -> None:
    sentences, vectors = _toy()
    query = _unit([0.0, 0.1, 1.0, 0.0])
    assert LearnedTierClassifier(sentences, vectors).predict(query).tier is Tier.URGENT
    sentences.append(LabelledSentence("train:routine-twin", "twin", None, None))
    vectors = np.vstack([vectors, query])
    assert LearnedTierClassifier(sentences, vectors).predict(query).tier is None


def test_when_too_few_neighbours_are_disclosures_then_no_escalation() -> None:
    clf = LearnedTierClassifier(*_toy(), min_disclosure_neighbours=6)
    assert clf.predict(_unit([0.0, 0.1, 1.0, 0.0])).tier is None


def test_when_vectors_do_not_match_sentences_then_guardrail_error() -> None:
    sentences, vectors = _toy()
    with pytest.raises(GuardrailError):
        LearnedTierClassifier(sentences, vectors[:-1])


def test_when_training_file_is_invalid_then_guardrail_error_names_it(tmp_path: Path) -> None:
    bad = tmp_path / "training.yaml"
    bad.write_text("messages:\n- id: x\n  text: hi\n  tier: sometimes\n  category: none\n", encoding="utf-8")
    with pytest.raises(GuardrailError, match=r"training\.yaml"):
        load_training_sentences((), bad)


def test_when_training_file_is_loaded_then_ids_are_unique_and_exemplars_come_first() -> None:
    library = PatternLibrary.load()
    sentences = load_training_sentences(library.exemplars)
    ids = [s.rule_id for s in sentences]
    assert len(ids) == len(set(ids))
    assert ids[: len(library.exemplars)] == [e.rule_id for e in library.exemplars]
    assert sum(s.rule_id.startswith("train:") for s in sentences) >= 500


def test_when_training_file_is_compared_with_holdouts_then_no_holdout_message_is_in_it() -> None:
    training = {row["text"] for row in yaml.safe_load(default_training_path().read_text())["messages"]}
    names = ("safeguarding.yaml", *(f"safeguarding_holdout{n}.yaml" for n in (2, 3, 5, 6, 7, 8)))
    for name in names:
        rows = yaml.safe_load((EVAL_DATA / name).read_text(encoding="utf-8"))["messages"]
        holdout = {row["text"] for row in rows if row.get("holdout")}
        assert holdout and not holdout & training, name


def _texts(node: object) -> set[str]:
    """Every message or question text anywhere in a loaded YAML document, lower-cased."""
    if isinstance(node, dict):
        found = {str(v).lower() for k, v in node.items() if k in ("text", "question") and isinstance(v, str)}
        return found.union(*(_texts(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_texts(v) for v in node))
    return set()


def test_when_routine_file_is_compared_with_every_labelled_set_then_it_shares_no_message() -> None:
    routine = {row["text"].lower() for row in yaml.safe_load(default_routine_path().read_text())["messages"]}
    for path in sorted(EVAL_DATA.rglob("*.yaml")):
        if path.name in ("redaction.yaml", "councils.yaml"):
            continue
        labelled = _texts(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert labelled and not labelled & routine, path.name


def test_when_only_the_learned_layer_matches_then_it_and_nearest_training_ids_are_recorded(
    detector: LayeredSafeguardingDetector, pattern_detector: SafeguardingDetector
) -> None:
    message = "the night staff leave the old lady sitting in the dark until breakfast"
    assert pattern_detector.detect(message).tier is None
    result = detector.detect(message)
    assert result.tier is Tier.URGENT
    assert result.rules[0].startswith("learned:urgent:")
    assert any(rule.startswith("train:") for rule in result.rules[1:4])


@pytest.mark.parametrize("fragment", ["my dad keeps", "hello there", "ok thanks"])
def test_when_message_is_a_short_fragment_then_the_learned_layer_stays_silent(
    detector: SafeguardingDetector, fragment: str
) -> None:
    assert detector.detect(fragment).tier is None


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # Written fresh for this table; only the learned layer catches them. The neighbour vote this replaced
        # called the first financial and the second immediate danger.
        ("the home gave my nan the wrong tablets three times this month and nobody rang us", Category.ORGANISATIONAL),
        ("he reads all my messages and says he will take the kids if i leave", Category.DOMESTIC_ABUSE),
        ("my nephew has been using my nans pension to pay for his car", Category.FINANCIAL),
    ],
)
def test_when_the_learned_layer_escalates_then_its_category_model_names_the_kind_of_harm(
    detector: LayeredSafeguardingDetector, message: str, category: Category
) -> None:
    result = detector.detect(message)
    assert result.rules[0].startswith("learned:urgent:"), result.rules
    assert result.category is category


@pytest.mark.parametrize(
    ("message", "tier"),
    [
        ("my neighbour xyzzy plugh frob", Tier.URGENT),  # names someone: the learned layer's disclosure stands
        ("xyzzy plugh frob nitz", Tier.INFO),  # names nobody: a how-to-report question stays info
    ],
)
def test_when_a_how_to_report_exemplar_decides_then_the_learned_layer_still_looks_for_a_disclosure(
    message: str, tier: Tier
) -> None:
    reporting = Exemplar("exemplar:reporting:x", "who do I tell about a concern", Category.REPORTING, Tier.INFO)
    routine = Exemplar("exemplar:routine:x", "how do I book a blue badge appointment", None, None)
    index = ExemplarIndex((reporting, routine), np.vstack([_unit([0.0, 1.0, 0.0, 0.0]), _unit([1.0, 0.0, 0.0, 0.0])]))
    detector = LayeredSafeguardingDetector(
        PatternLibrary.load(), exemplar_index=index, learned=LearnedTierClassifier(*_toy())
    )
    result = detector.detect(message, vector=_unit([0.0, 0.6, 1.0, 0.0]))
    assert result.tier is tier, result.rules
    assert "exemplar:reporting:x" in result.rules
