"""``frontdoor atrs --council ID``: draft an Algorithmic Transparency Recording Standard record."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "atrs", help="draft an ATRS record from config and measurements"
    )
    p.add_argument("--council", required=True, help="council id")
    p.add_argument("--days", type=int, default=90, help="measure the last N days of decision records")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown")
    p.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Gather the facts, draft, write."""
    from councils import CouncilRegistry
    from frontdoor.settings import Settings
    from frontdoor.transparency import AtrsDrafter, DecisionFigures, DecisionRecordStore, KnowledgeBaseFacts
    from knowledge_base.chroma_vector_store import ChromaVectorStore
    from storage.database import Database

    settings = Settings()
    council = CouncilRegistry.from_yaml(settings.councils_file).get(args.council)
    now = datetime.now(UTC)
    database = Database(settings.sqlalchemy_url)
    try:
        since = now - timedelta(days=args.days)
        figures = DecisionFigures.of(DecisionRecordStore(database).iter_records(council.id, since=since))
    finally:
        database.dispose()
    store = ChromaVectorStore(
        path=None if settings.chroma_url else settings.chroma_dir, url=settings.chroma_url
    )
    chunks = store.all_chunks(council.id)
    model = settings.embedding_model_path.name if settings.embedding_model_path else "all-MiniLM-L6-v2"
    kb = KnowledgeBaseFacts(
        documents=len({c.doc_id for c in chunks}), chunks=len(chunks), embedding_model=model
    )
    record = AtrsDrafter(settings).draft(council, figures, kb, now.date())
    text = json.dumps(record.to_dict(), indent=2) + "\n" if args.format == "json" else record.to_markdown()
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
