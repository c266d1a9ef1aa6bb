"""Generated filler documents so the benchmark index reaches a realistic size (≥ 10,000 chunks)."""

from __future__ import annotations

import random
from pathlib import Path

__all__ = ["write_filler"]

_TOPICS = [
    "transport",
    "housing support",
    "volunteering",
    "leisure passes",
    "community groups",
    "digital skills",
    "employment support",
    "befriending",
    "falls prevention",
    "dementia cafes",
    "hoarding support",
    "lunch clubs",
]
_WORDS = [
    "residents",
    "can",
    "ask",
    "about",
    "local",
    "services",
    "and",
    "community",
    "support",
    "available",
    "across",
    "the",
    "borough",
    "including",
    "groups",
    "clubs",
    "advice",
    "sessions",
    "drop",
    "in",
    "centres",
    "opening",
    "times",
    "eligibility",
    "referrals",
    "forms",
    "online",
    "visits",
    "appointments",
    "volunteers",
    "partners",
    "charities",
    "libraries",
    "health",
    "wellbeing",
    "activities",
    "costs",
    "travel",
]


def write_filler(folder: Path, chunks_wanted: int, *, seed: int = 7) -> int:
    """Write Markdown pages totalling about ``chunks_wanted`` chunks (one short section ≈ one chunk)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    sections_per_doc = 10
    docs = chunks_wanted // sections_per_doc + 1
    for d in range(docs):
        topic = rng.choice(_TOPICS)
        lines = [
            "---",
            f"id: filler-{d:05d}",
            f"title: {topic.title()} notice {d}",
            f"url: https://www.ashbyvale.gov.uk/filler/{d}",
            "last_reviewed: 2026-06-01",
            "---",
            f"# {topic.title()} {d}",
            "",
        ]
        for s in range(sections_per_doc):
            words = " ".join(rng.choice(_WORDS) for _ in range(60))
            lines += [f"## Section {s} about {rng.choice(_TOPICS)}", "", words.capitalize() + ".", ""]
        (folder / f"filler-{d:05d}.md").write_text("\n".join(lines), encoding="utf-8")
    return docs
