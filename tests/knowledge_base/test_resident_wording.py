"""Resident wording reaches the council's terms; words no page uses lower the known share."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontdoor.errors import ConfigurationError
from knowledge_base.base import Chunk
from knowledge_base.bm25_index import Bm25Index
from knowledge_base.resident_wording import ResidentWording
from knowledge_base.text_analysis import content_tokens


@pytest.fixture(scope="module")
def wording() -> ResidentWording:
    return ResidentWording.load()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can we get a DFG", "can we get a DFG (Disabled Facilities Grant)"),
        ("who pays my PA", "who pays my PA (personal assistant)"),
        ("how much is a stair-lift", "how much is a stair-lift (stairlift)"),
        ("old peoples home fees", "old peoples home (care home) fees"),
        ("i look after my dad", "i look after (carer) my dad"),
        ("the day center program", "the day centre programme"),
        ("can u help", "can you help"),
        ("what does the OT do", "what does the OT (occupational therapist) do"),
        ("can she have a 15 min call for a wash", "can she have a 15 min call (home care visits) for a wash"),
    ],
)
def test_when_resident_wording_is_used_then_council_terms_are_added(
    wording: ResidentWording, text: str, expected: str
) -> None:
    assert wording.normalise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my pay went down",  # "pa" only as a whole word
        "the social worker came",  # no expansion of a phrase that is not in the list
        "a carer looks after the Disabled Facilities Grant dfg",  # council term already there: not added twice
        "the output is due",  # "ot" only as a whole word
        "can i call the team on monday",  # a phone call is not a home care call
    ],
)
def test_when_text_has_no_resident_phrase_then_only_spelling_changes(wording: ResidentWording, text: str) -> None:
    assert "(" not in wording.normalise(text)


def test_when_wording_file_is_invalid_then_error_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "wording.yaml"
    bad.write_text("expansions:\n  - council: x\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"wording\.yaml"):
        ResidentWording.load(bad)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("my mum can't cope with washing", ["cope", "wash"]),  # who it is about is not what it is about
        ("hes not coping and shes knackered", ["cope", "knacker"]),  # contractions typed without apostrophes
    ],
)
def test_when_question_names_family_or_contractions_then_they_carry_no_topic(
    question: str, expected: list[str]
) -> None:
    assert content_tokens(question) == expected


def _index() -> Bm25Index:
    texts = ["A carer's assessment looks at how caring affects you.", "Paying for care: the capital limit."]
    return Bm25Index(
        [Chunk(f"c:d{i}:0", f"d{i}", "c", "T", "https://x", "Section", t, 0, str(i)) for i, t in enumerate(texts)]
    )


@pytest.mark.parametrize(
    ("question", "low"),
    [
        ("carer assessment", False),
        ("carer assessment for a dentist", True),  # a word no page uses: probably not covered
        ("carer assessment, I have eighteen thousand pounds", False),  # an amount is a detail, not a topic
    ],
)
def test_when_question_uses_words_no_page_uses_then_known_share_is_low(question: str, low: bool) -> None:
    share = _index().known_share(content_tokens(question))
    assert (share < 0.7) is low
