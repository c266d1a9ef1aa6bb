"""Pure renderers: where a transfer goes (truth table) and the core's Reply as exact TwiML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from bot.base import Citation, HandoffInfo, HandoffReason, Outcome, Priority, Reply
from councils import CouncilRegistry
from councils.council import HandoffMode
from frontdoor.settings import default_councils_file
from telephony.base import TransferCause
from telephony.phone_core import SECOND_CHANCE_RULE
from telephony.reply_renderer import is_immediate, render_reply, transfer_cause
from telephony.transfer_plan import plan_transfer
from telephony.twiml_renderer import TwimlRenderer, VoiceStyle

COUNCILS = CouncilRegistry.from_yaml(default_councils_file())
ASHBY = COUNCILS.get("ashby-vale")  # handoff_mode: dial
NORTHMOOR = COUNCILS.get("northmoor")  # handoff_mode: enqueue, queue northmoor-adult-care
RENDERER = TwimlRenderer(VoiceStyle("https://careline.example.gov.uk"))
VOICE = {"voice": "Polly.Amy", "language": "en-GB"}


@pytest.mark.parametrize(
    ("council", "cause", "in_hours", "mode", "target"),
    [
        (ASHBY, TransferCause.SAFEGUARDING, True, HandoffMode.DIAL, "+441632960200"),
        (ASHBY, TransferCause.SAFEGUARDING, False, HandoffMode.DIAL, "+441632960999"),
        (ASHBY, TransferCause.CRISIS, True, HandoffMode.DIAL, "+441632960200"),
        (NORTHMOOR, TransferCause.SAFEGUARDING, True, HandoffMode.DIAL, "+441632961200"),
        (NORTHMOOR, TransferCause.CRISIS, False, HandoffMode.DIAL, "+441632961999"),
        (ASHBY, TransferCause.PRESSED_ZERO, True, HandoffMode.DIAL, "+441632960100"),
        (ASHBY, TransferCause.PRESSED_ZERO, False, HandoffMode.DIAL, "+441632960999"),
        (NORTHMOOR, TransferCause.PRESSED_ZERO, True, HandoffMode.ENQUEUE, "northmoor-adult-care"),
        (NORTHMOOR, TransferCause.LOW_CONFIDENCE, False, HandoffMode.DIAL, "+441632961999"),
        (NORTHMOOR, TransferCause.QUIET, True, HandoffMode.ENQUEUE, "northmoor-adult-care"),
    ],
)
def test_when_call_transfers_then_target_follows_cause_council_and_hours(
    council, cause: TransferCause, in_hours: bool, mode: HandoffMode, target: str
) -> None:
    plan = plan_transfer(council, cause, in_hours=in_hours, task_attributes="{}")

    assert plan.mode is mode
    assert (plan.number if mode is HandoffMode.DIAL else plan.queue) == target


@pytest.mark.parametrize(
    ("cause", "immediate", "first_words"),
    [
        (
            TransferCause.CRISIS,
            True,
            "If you or someone else is in danger right now, hang up and call nine nine nine.",
        ),
        (TransferCause.SAFEGUARDING, False, "Thank you for telling me."),
        (TransferCause.LOW_CONFIDENCE, False, "I'm sorry, I couldn't find a clear answer to that."),
        (TransferCause.QUIET, False, None),
    ],
)
def test_when_transfer_is_planned_then_the_right_words_come_first(
    cause: TransferCause, immediate: bool, first_words: str | None
) -> None:
    plan = plan_transfer(ASHBY, cause, in_hours=True, immediate=immediate)

    assert (plan.lines[0] if plan.lines else None) == first_words


def test_when_answer_is_rendered_then_short_spoken_sentences_then_gather_then_redirect() -> None:
    citation = Citation(1, "bb", "Blue Badges", "https://www.ashbyvale.gov.uk/blue-badge", "Apply", "q")
    reply = Reply(
        "c1",
        Outcome.ANSWERED,
        "Apply online at https://www.ashbyvale.gov.uk/blue-badge [1]. It costs £10.",
        (citation,),
    )

    root = ET.fromstring(render_reply(reply, RENDERER, hints=("Blue Badges",), offer_sms=True))

    assert [child.tag for child in root] == ["Say", "Say", "Gather", "Redirect"]
    assert [s.text for s in root.findall("Say")] == [
        "Apply online at the council's page on Blue Badges.",
        "It costs ten pounds.",
    ]
    assert all(s.attrib == VOICE for s in root.iter("Say"))
    gather = root.find("Gather")
    assert gather is not None
    assert gather.attrib == {
        "action": "https://careline.example.gov.uk/telephony/voice/turn",
        "method": "POST",
        "input": "speech dtmf",
        "language": "en-GB",
        "timeout": "6",
        "numDigits": "1",
        "speechTimeout": "auto",
        "hints": "Blue Badges",
    }
    assert "Press 1 or say yes" in (gather.findtext("Say") or "")
    assert root.findtext("Redirect") == "https://careline.example.gov.uk/telephony/voice/turn"


def test_when_second_chance_then_caller_is_asked_to_rephrase() -> None:
    reply = Reply(
        "c1", Outcome.NO_ANSWER, "I'm sorry.", rules_fired=("confidence:below_threshold", SECOND_CHANCE_RULE)
    )

    root = ET.fromstring(render_reply(reply, RENDERER))

    assert root.findtext("Gather/Say") == "Could you say that another way? Or press 0 to speak to a person."


def test_when_enqueued_then_task_carries_handoff_attributes_and_priority() -> None:
    attributes = json.dumps(
        {"handoff_id": "h1", "reason": "requested", "packet": {"transcript": ["<PERSON_1>"]}}
    )
    plan = plan_transfer(
        NORTHMOOR, TransferCause.PRESSED_ZERO, in_hours=True, task_attributes=attributes, priority=20
    )

    root = ET.fromstring(RENDERER.transfer(plan))

    enqueue = root.find("Enqueue")
    assert enqueue is not None
    assert enqueue.text == "northmoor-adult-care"
    assert enqueue.attrib == {
        "action": "https://careline.example.gov.uk/telephony/voice/after-transfer",
        "method": "POST",
    }
    task = enqueue.find("Task")
    assert task is not None and task.attrib == {"priority": "20"}
    assert json.loads(task.text or "") == json.loads(attributes)


@pytest.mark.parametrize(
    ("handoff", "cause", "immediate"),
    [
        (
            HandoffInfo("h", HandoffReason.CRISIS, Priority.IMMEDIATE, "", "suicide", "immediate"),
            TransferCause.CRISIS,
            True,
        ),
        (
            HandoffInfo("h", HandoffReason.SAFEGUARDING, Priority.URGENT, "", "physical", "urgent"),
            TransferCause.SAFEGUARDING,
            False,
        ),
        (
            HandoffInfo("h", HandoffReason.LOW_CONFIDENCE, Priority.LOW_CONFIDENCE, ""),
            TransferCause.LOW_CONFIDENCE,
            False,
        ),
        (
            HandoffInfo("h", HandoffReason.REDACTION_FAILURE, Priority.REQUESTED, ""),
            TransferCause.ERROR,
            False,
        ),
        (None, TransferCause.REQUESTED, False),
    ],
)
def test_when_core_hands_off_then_cause_and_urgency_follow_its_reason(
    handoff: HandoffInfo | None, cause: TransferCause, immediate: bool
) -> None:
    reply = Reply("c1", Outcome.HANDOFF, "text", handoff=handoff)

    assert (transfer_cause(reply), is_immediate(reply)) == (cause, immediate)
