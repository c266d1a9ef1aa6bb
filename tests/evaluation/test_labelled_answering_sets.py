"""Every labelled answering set is sound: its council validates, its expected pages exist as the real loaders
read them, and each fact a good answer must contain is in one of those pages (so a figure cannot be lost to
a typo in the labels). Covers the blind unseen council (pages and questions written by someone else)."""

from __future__ import annotations

from pathlib import Path

import pytest

from councils.council_registry import CouncilRegistry
from frontdoor.evaluation.answering_set import AnsweringSet, default_set_path
from frontdoor.settings import default_councils_file
from knowledge_base.loaders.loader_registry import LoaderRegistry

DATA = default_set_path().parent
SETS = [
    (DATA / "answering.yaml", default_councils_file()),
    (DATA / "answering_holdout.yaml", default_councils_file()),
    (DATA / "answering_holdout2.yaml", default_councils_file()),
    (DATA / "unseen_council" / "answering.yaml", DATA / "unseen_council" / "councils.yaml"),
]


def _documents(councils_file: Path, council_id: str) -> dict[str, str]:
    council = CouncilRegistry.from_yaml(councils_file).get(council_id)
    assert council.knowledge_base_dir
    folder = councils_file.parent / council.knowledge_base_dir
    registry = LoaderRegistry()
    documents = (registry.load(s) for s in registry.source_files(folder, council_id, str(council.website)))
    return {doc.doc_id: f"{doc.title}\n{doc.text}".lower() for doc in documents}


@pytest.mark.parametrize(("set_path", "councils_file"), SETS, ids=lambda p: p.parent.name + "/" + p.name)
def test_when_a_set_is_loaded_then_every_expected_page_exists_and_holds_the_fact(
    set_path: Path, councils_file: Path
) -> None:
    labelled = AnsweringSet.load(set_path)
    texts = _documents(councils_file, labelled.council)
    assert labelled.answerable and labelled.unanswerable
    for case in labelled.answerable:
        missing = [d for d in case.expected_docs if d not in texts]
        assert not missing, (case.id, missing)
        assert any(case.fact.lower() in texts[d] for d in case.expected_docs), (case.id, case.fact)
