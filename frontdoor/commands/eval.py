"""``frontdoor eval [answering|redaction|safeguarding]``: quality figures on the labelled sets in the repo."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("eval", help="evaluate answering, redaction or safeguarding")
    p.add_argument("suite", nargs="?", default="answering", choices=["answering", "redaction", "safeguarding"])
    p.add_argument("--set", type=Path, help="labelled YAML (default: the bundled set)")
    p.add_argument("--holdout", action="store_true", help="use the holdout set (never tuned on)")
    p.add_argument(
        "--councils-file",
        type=Path,
        help="answering: councils YAML holding the set's council (default: FRONTDOOR_COUNCILS_FILE or the sample)",
    )
    p.add_argument("--calibrate", action="store_true", help="refit the retrieval confidence model on this set")
    p.add_argument("--json", type=Path, help="also write per-case results (redacted questions only) here")
    p.add_argument(
        "--cross-validate",
        action="store_true",
        help="safeguarding: score the tuning set leave-one-batch-out (the learned layer never sees the batch)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Dispatch to the chosen suite."""
    from frontdoor.logging_setup import configure_logging

    configure_logging("WARNING")
    if args.suite == "redaction":
        from frontdoor.evaluation.redaction_eval import main as redaction_main

        return int(redaction_main(args) or 0)
    if args.suite == "safeguarding":
        from frontdoor.evaluation.safeguarding_eval import main as safeguarding_main

        return int(safeguarding_main(args) or 0)
    return _answering(args)


def _answering(args: argparse.Namespace) -> int:
    from frontdoor.container import build_services, sample_kb_dir
    from frontdoor.evaluation.answering_eval import evaluate_answering
    from frontdoor.evaluation.answering_set import AnsweringSet, default_set_path
    from frontdoor.settings import Settings

    path = args.set or default_set_path("answering_holdout.yaml" if args.holdout else "answering.yaml")
    labelled = AnsweringSet.load(path)
    with tempfile.TemporaryDirectory(prefix="frontdoor-eval-") as tmp:
        overrides: dict[str, Any] = {"councils_file": args.councils_file} if args.councils_file else {}
        settings = Settings(data_dir=Path(tmp), chroma_url=None, database_url=None, **overrides)
        services = build_services(settings)
        council = services.councils.get(labelled.council)
        folder = sample_kb_dir(settings, council.knowledge_base_dir)
        if folder is None:
            print(f"council {council.id} has no knowledge_base_dir to ingest", file=sys.stderr)
            return 2
        services.ingestor().ingest(folder, council.id, default_url=str(council.website))
        if args.calibrate:
            from frontdoor.evaluation.calibration import cross_validate, fit_confidence

            first = evaluate_answering(services, labelled, retrieval_only=True)
            model = fit_confidence(first.cases, labelled.source)
            saved = model.save()
            print(f"calibrated confidence model written to {saved}: {model.weights} bias {model.bias}")
            cv = cross_validate(first.cases)
            print(
                f"cross-validated gate ({cv.folds}-fold x {cv.repeats}, before scope rules): answered "
                f"{cv.answered_rate:.3f}, unanswerable not answered {cv.unanswerable_not_answered:.3f}"
            )
            services.close()
            services = build_services(settings)  # reloads the calibration just written
        report = evaluate_answering(services, labelled, progress=_progress)
        print(file=sys.stderr)
        print(report.table())
        if args.json:
            args.json.write_text(json.dumps([asdict(c) for c in report.cases], indent=1, default=str), encoding="utf-8")
        services.close()
    return 0


def _progress(done: int, total: int) -> None:
    print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)
