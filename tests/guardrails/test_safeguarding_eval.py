"""The evaluation's arithmetic on a tiny labelled file, with the real pattern detector."""

from __future__ import annotations

from pathlib import Path

from frontdoor.evaluation.safeguarding_eval import (
    default_dataset,
    load_dataset,
    render_report,
    run_safeguarding_eval,
)
from guardrails.base import Tier
from guardrails.safeguarding_detector import LayeredSafeguardingDetector

TINY = """
messages:
  - {text: "my son hits me", tier: urgent, category: physical, speaker: self, channel: web}
  - {text: "everyone would be happier if I just vanished", tier: immediate, category: suicide, speaker: self,
     channel: web, holdout: true}
  - {text: "what is financial abuse", tier: info, category: reporting, speaker: unknown, channel: web}
  - {text: "how do I apply for a blue badge", tier: none, category: none, speaker: unknown, channel: web}
  - {text: "hitting me when he is drunk", history: ["my dad keeps"], tier: urgent, category: physical,
     speaker: self, channel: phone}
"""


def test_when_scored_then_recall_false_positives_and_confusion_add_up(
    tmp_path: Path, pattern_detector: LayeredSafeguardingDetector
) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    report = run_safeguarding_eval(pattern_detector, None, path, show_failures=True)
    dev, hold, whole = report.splits["dev"], report.splits["holdout"], report.splits["all"]
    assert (dev.n, hold.n, whole.n) == (4, 1, 5)
    assert dev.disclosure_recall == 1.0  # both physical disclosures, one split over two messages
    assert hold.disclosure_recall == 0.0  # the pattern-only detector misses this paraphrase
    assert whole.confusion[("immediate", "none")] == 1
    assert whole.false_positive_rate == 0.0 and whole.routine == 1
    assert whole.tier_accuracy == 0.8
    assert hold.failures == []  # holdout failures are never listed
    assert "tier confusion" in render_report(report)
    # Which layer decided: the pattern-only detector catches both with patterns and flags no routine message.
    assert whole.caught_by == {"pattern": 2} and not whole.flagged_by
    assert "caught disclosures 2 / 0 / 0 / 0, routine flagged 0 / 0 / 0 / 0" in render_report(report)


def test_when_bundled_set_is_loaded_then_it_is_broad_and_a_quarter_is_holdout() -> None:
    messages = load_dataset(default_dataset())
    routine = [m for m in messages if m.tier is None]
    rounds = [m for m in messages if m.batch <= 5]  # every fourth message of rounds 1-5 is holdout
    holdout = [m for m in rounds if m.holdout]
    assert len(messages) >= 220 and len(routine) >= 80
    assert 0.2 <= len(holdout) / len(rounds) <= 0.3
    assert not any(m.holdout for m in messages if m.batch in (8, 11, 12))  # scored blind once, then tuned on
    assert {m.channel for m in messages} == {"web", "phone"}
    assert any(m.history for m in messages)
    assert {m.tier for m in messages} == {Tier.IMMEDIATE, Tier.URGENT, Tier.INFO, None}
