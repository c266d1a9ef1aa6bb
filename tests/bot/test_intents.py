"""Truth tables for asking for a person and for out-of-scope topics."""

from __future__ import annotations

import pytest

from bot.human_request import asks_for_person
from bot.scope_rules import ScopeRules
from councils import CouncilRegistry
from frontdoor.settings import default_councils_file


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can i speak to a real person please", True),
        ("person please", True),
        ("how do i report abuse of an elderly person", False),
        ("what happens if the carer is an agency person", False),
        ("i want to talk to someone", True),
        ("i need someone to talk to please", True),
        ("is there anybody to speak with about dad's care", True),
        ("my mum has nobody to talk to since dad died, is there a day centre", False),
        ("put me through to an advisor", True),
        ("human", True),
        ("operator", True),
        ("can someone call me back", True),
        ("talk to a social worker", True),
        ("um can i talk to somebody about my mum", True),
        ("how do i get a carers assessment", False),
        ("is there a person who can help with shopping at home", False),
        ("my dad needs someone to help him wash", False),
        ("what does a social worker do in a needs assessment", False),
    ],
)
def test_when_message_asks_for_person_then_detected(text: str, expected: bool) -> None:
    assert asks_for_person(text) is expected


@pytest.fixture(scope="module")
def rules() -> ScopeRules:
    return ScopeRules.load()


@pytest.fixture(scope="module")
def council():  # type: ignore[no-untyped-def]
    return CouncilRegistry.from_yaml(default_councils_file()).get("ashby-vale")


@pytest.mark.parametrize(
    ("text", "always_only", "topic"),
    [
        ("what dose of paracetamol can my mum take", True, "medical_advice"),
        ("could it be dementia, she keeps forgetting", True, "medical_advice"),
        ("when is my bin collected", True, None),
        ("when is my bin collected", False, "bins_and_waste"),
        ("how do i pay my council tax", True, "other_service_transactions"),
        ("how do i claim housing benefit ive just lost my job", True, "other_service_transactions"),
        ("is council tax taken off mums income in the financial assessment", True, None),
        ("what is council tax", False, "council_tax"),
        ("i got a parking ticket outside the hospital", False, "parking_and_roads"),
        ("how much is a blue badge", False, None),
        ("my mum has dementia, can she get a needs assessment", True, None),
        ("how do i get on the housing list for a council flat", False, "housing_and_benefits_admin"),
        ("what are the visiting times at the hospital mum is in", False, "nhs_services"),
        ("can i get an autism assessment as an adult", False, "nhs_services"),
        ("how do i book a gp appointment for dad", False, "nhs_services"),
        ("can the carer take mum to her doctors appointment", False, None),
        ("my gp surgery said to ring you about a care assessment", False, None),
        ("what happens when dad is discharged from hospital", False, None),
    ],
)
def test_when_message_is_out_of_scope_then_topic_matches(rules, council, text, always_only, topic) -> None:  # type: ignore[no-untyped-def]
    match = rules.match(text, council, always_only=always_only)
    assert (match.topic if match else None) == topic
    if match:
        assert "{" not in match.reply
