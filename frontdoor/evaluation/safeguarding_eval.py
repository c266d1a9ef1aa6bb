"""Safeguarding evaluation: recall per category and tier, false positives on routine questions, confusion.

Definitions (the figures issue 4 asks for):

* **disclosure recall** (per category): a message labelled ``urgent`` or ``immediate`` counts as caught when
  the detector escalates it (``urgent`` or ``immediate``); ``immediate`` recall needs ``immediate`` exactly.
* **tier recall**: predicted tier equals the labelled tier.
* **false-positive rate**: routine questions (label ``none``) given any tier; ``escalated`` counts only
  ``urgent``/``immediate`` (those take an advisor's time; ``info`` just adds the safeguarding number).
* **tier accuracy**: predicted tier equals the label, over every message.
* Category and speaker agreement are reported over caught disclosures.

Every fourth message is holdout; the dev split is what patterns were tuned on. Failures are listed only
for the dev split (``show_failures``), so holdout stays unseen. Latency excludes the embedding call: the
message vectors are computed first, as the pipeline passes its precomputed query vector.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontdoor.errors import ConfigurationError
from guardrails.base import Category, DetectionLayer, SafeguardingDetector, SafeguardingResult, Speaker, Tier

__all__ = [
    "LabelledMessage",
    "SafeguardingEvalReport",
    "SplitScores",
    "default_dataset",
    "load_dataset",
    "main",
    "render_report",
    "run_safeguarding_eval",
    "score_split",
]

_TIERS = ("immediate", "urgent", "info", "none")
_LAYERS = tuple(layer.value for layer in DetectionLayer)
_ESCALATE = {Tier.URGENT, Tier.IMMEDIATE}


@dataclass(frozen=True, slots=True)
class LabelledMessage:
    """One labelled message (already redacted text) with its resident's earlier messages."""

    text: str
    tier: Tier | None
    category: Category | None
    speaker: Speaker
    channel: str
    holdout: bool
    history: tuple[str, ...] = ()
    batch: int = 0
    """The round it was written in (the learned layer's training copy keeps it; see cross-validation)."""


@dataclass(slots=True)
class SplitScores:
    """The figures for one split."""

    n: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    disclosures: Counter[str] = field(default_factory=Counter)
    routine: int = 0
    routine_flagged: int = 0
    routine_escalated: int = 0
    category_agree: int = 0
    speaker_agree: int = 0
    speaker_labelled: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    caught_by: Counter[str] = field(default_factory=Counter)
    """Caught disclosures by the layer that decided (``window`` = the learned layer on a long message's window)."""
    flagged_by: Counter[str] = field(default_factory=Counter)
    """Routine messages given any tier, by the layer that decided."""

    def tier_recall(self, tier: str) -> float | None:
        total = sum(v for (exp, _), v in self.confusion.items() if exp == tier)
        return self.confusion[(tier, tier)] / total if total else None

    @property
    def tier_accuracy(self) -> float:
        return sum(self.confusion[(t, t)] for t in _TIERS) / self.n if self.n else 0.0

    @property
    def disclosure_recall(self) -> float:
        total = sum(self.disclosures.values())
        return sum(self.caught.values()) / total if total else 0.0

    @property
    def false_positive_rate(self) -> float:
        return self.routine_flagged / self.routine if self.routine else 0.0


@dataclass(frozen=True, slots=True)
class SafeguardingEvalReport:
    """Scores for the dev, holdout and whole set."""

    splits: dict[str, SplitScores]


def default_dataset() -> Path:
    """The bundled labelled set."""
    return Path(str(resources.files("frontdoor.evaluation") / "data" / "safeguarding.yaml"))


def load_dataset(path: Path) -> list[LabelledMessage]:
    """Read and validate the labelled YAML."""
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
        return [
            LabelledMessage(
                text=str(r["text"]),
                tier=None if r["tier"] == "none" else Tier(r["tier"]),
                category=None if r["category"] == "none" else Category(r["category"]),
                speaker=Speaker(r.get("speaker", "unknown")),
                channel=str(r.get("channel", "web")),
                holdout=bool(r.get("holdout", False)),
                history=tuple(str(h) for h in r.get("history", ())),
                batch=int(r.get("batch", 0)),
            )
            for r in rows
        ]
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ConfigurationError(f"{path}: invalid safeguarding evaluation set: {exc}") from exc


def score_split(
    messages: Sequence[LabelledMessage],
    classify: Callable[[LabelledMessage], SafeguardingResult],
    *,
    keep_failures: bool,
) -> SplitScores:
    """Run ``classify`` over ``messages`` and tally the figures."""
    s = SplitScores()
    for m in messages:
        start = time.perf_counter()
        result = classify(m)
        s.latencies_ms.append((time.perf_counter() - start) * 1000)
        expected, got = (m.tier.value if m.tier else "none"), (result.tier.value if result.tier else "none")
        layer = result.layer.value if result.layer else "none"
        s.n += 1
        s.confusion[(expected, got)] += 1
        if m.tier is None:
            s.routine += 1
            s.routine_flagged += result.tier is not None
            s.routine_escalated += result.tier in _ESCALATE
            if result.tier is not None:
                s.flagged_by[layer] += 1
        elif m.tier in _ESCALATE and m.category is not None:
            s.disclosures[m.category.value] += 1
            caught = result.tier in _ESCALATE and (
                m.tier is not Tier.IMMEDIATE or result.tier is Tier.IMMEDIATE
            )
            s.caught[m.category.value] += caught
            if caught:
                s.caught_by[layer] += 1
                s.category_agree += result.category is m.category
                if m.speaker is not Speaker.UNKNOWN:
                    s.speaker_labelled += 1
                    s.speaker_agree += result.speaker is m.speaker
        if keep_failures and expected != got:
            s.failures.append(f"  expected {expected:<9} got {got:<9} {result.rules[:3]} | {m.text}")
    return s


def run_safeguarding_eval(
    detector: SafeguardingDetector,
    embed: Callable[[Sequence[str]], Any] | None = None,
    dataset: Path | None = None,
    *,
    show_failures: bool = False,
) -> SafeguardingEvalReport:
    """Score ``detector`` on the labelled set; ``embed`` precomputes vectors (as the pipeline does)."""
    messages = load_dataset(dataset or default_dataset())
    vectors = list(embed([m.text for m in messages])) if embed is not None else [None] * len(messages)
    by_text = {m.text: v for m, v in zip(messages, vectors, strict=True)}

    def classify(m: LabelledMessage) -> SafeguardingResult:
        vector = by_text[m.text]
        if vector is None:
            return detector.detect(m.text, m.history)
        return detector.detect(m.text, m.history, vector=vector)

    for m in messages[:3]:
        classify(m)  # warm-up
    dev = [m for m in messages if not m.holdout]
    hold = [m for m in messages if m.holdout]
    return SafeguardingEvalReport(
        {
            "dev": score_split(dev, classify, keep_failures=show_failures),
            "holdout": score_split(hold, classify, keep_failures=False),
            "all": score_split(messages, classify, keep_failures=False),
        }
    )


def _pct(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.3f}"


def render_report(report: SafeguardingEvalReport, splits: Sequence[str] = ("dev", "holdout", "all")) -> str:
    """Plain-text tables for each split that has messages (a holdout-only file has no dev split)."""
    lines: list[str] = []
    for name in splits:
        s = report.splits[name]
        if s.n == 0:
            continue
        lat = sorted(s.latencies_ms)
        p95 = lat[int(0.95 * (len(lat) - 1))] if lat else 0.0
        lines += [f"== {name}: {s.n} messages ==", "disclosure recall by category (caught / labelled):"]
        for cat in sorted(s.disclosures):
            lines.append(
                f"  {cat:<18} {s.caught[cat]:>3}/{s.disclosures[cat]:<3} "
                f"{_pct(s.caught[cat] / s.disclosures[cat])}"
            )
        lines.append(
            f"  {'ALL DISCLOSURES':<18} {sum(s.caught.values()):>3}/{sum(s.disclosures.values()):<3} "
            f"{_pct(s.disclosure_recall)}"
        )
        lines.append("recall by tier: " + "  ".join(f"{t} {_pct(s.tier_recall(t))}" for t in _TIERS))
        lines.append(
            f"routine false positives: {s.routine_flagged}/{s.routine} = {_pct(s.false_positive_rate)}"
            f"  (escalated to urgent/immediate: {s.routine_escalated})"
        )
        lines.append(f"tier accuracy: {_pct(s.tier_accuracy)}")
        lines.append(
            f"decided by layer ({' / '.join(_LAYERS)}): caught disclosures "
            + " / ".join(str(s.caught_by[k]) for k in _LAYERS)
            + ", routine flagged "
            + " / ".join(str(s.flagged_by[k]) for k in _LAYERS)
        )
        caught = sum(s.caught.values())
        lines.append(
            f"category agreement on caught disclosures: {_pct(s.category_agree / caught if caught else None)}"
            "  speaker agreement: "
            f"{_pct(s.speaker_agree / s.speaker_labelled if s.speaker_labelled else None)}"
        )
        lines.append(
            f"latency per message (no embedding): median {statistics.median(lat) if lat else 0:.2f} ms,"
            f" p95 {p95:.2f} ms"
        )
        lines.append("tier confusion (rows expected, columns predicted):")
        lines.append("  " + " " * 10 + "".join(f"{t:>10}" for t in _TIERS))
        for exp in _TIERS:
            lines.append(f"  {exp:<10}" + "".join(f"{s.confusion[(exp, got)]:>10}" for got in _TIERS))
        if s.failures:
            lines += ["dev failures:", *s.failures]
        lines.append("")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    """``frontdoor eval safeguarding [--set FILE] [--holdout] [--cross-validate]``: build the real detector and
    print figures (``--cross-validate``: the tuning set, leave-one-batch-out)."""
    from frontdoor.settings import Settings
    from guardrails.safeguarding_detector_provider import build_safeguarding_detector
    from knowledge_base.embedder_provider import build_embedder

    settings = Settings()
    embedder = build_embedder(settings)
    if getattr(args, "cross_validate", False):
        from frontdoor.evaluation.safeguarding_cross_validation import cross_validate_safeguarding

        name = "tuning set, leave-one-batch-out (the learned layer never saw the batch it scores)"
        scores = cross_validate_safeguarding(embedder, getattr(args, "set", None))
        print(render_report(SafeguardingEvalReport({name: scores}), (name,)))
        return 0
    detector = build_safeguarding_detector(embedder)
    show = bool(getattr(args, "show_failures", False))
    report = run_safeguarding_eval(detector, embedder.embed, getattr(args, "set", None), show_failures=show)
    splits = ("holdout",) if getattr(args, "holdout", False) else ("dev", "holdout", "all")
    print(render_report(report, splits))
    return 0
