"""The careline end to end: signed Twilio webhooks into the real app (real core, redaction, safeguarding,
retrieval, SQLite), asserting the exact TwiML."""

from __future__ import annotations

import json
import logging
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from sqlalchemy import select

from storage.decision_tables import DecisionRecordRow
from storage.models import HandoffRow
from telephony.call_tables import CallRow
from tests.telephony.conftest import ASHBY_LINE, CALLER, NORTHMOOR_LINE, PUBLIC_BASE, Call, spoken

TURN_URL = PUBLIC_BASE + "/telephony/voice/turn"
AFTER_TRANSFER_URL = PUBLIC_BASE + "/telephony/voice/after-transfer"
VOICE = {"voice": "Polly.Amy", "language": "en-GB"}


def call_row(services: Any, sid: str) -> CallRow:
    with services.database.session() as s:
        row = s.get(CallRow, sid)
        assert row is not None
        return row


def handoffs(services: Any, sid: str) -> list[HandoffRow]:
    conversation_id = call_row(services, sid).conversation_id
    with services.database.session() as s:
        return list(s.scalars(select(HandoffRow).where(HandoffRow.conversation_id == conversation_id)))


def vault_secrets(services: Any, sid: str) -> dict[str, str]:
    originals = services.vault.read_originals(call_row(services, sid).conversation_id, "test-advisor", "test")
    return {secret.kind: secret.value for secret in originals.secrets}


def dial_number(root: ET.Element) -> str | None:
    return root.findtext("Dial/Number")


def assert_dial(root: ET.Element, number: str) -> None:
    dial = root.find("Dial")
    assert dial is not None
    assert dial.attrib == {
        "action": AFTER_TRANSFER_URL,
        "method": "POST",
        "timeout": "30",
        "answerOnBridge": "true",
    }
    assert dial_number(root) == number
    assert root.find("Hangup") is None


def test_when_call_arrives_then_notice_is_said_before_an_en_gb_gather_with_kb_hints(
    phone_client: Any,
) -> None:
    root = Call(phone_client).start()

    tags = [child.tag for child in root]
    assert tags == ["Say"] * 5 + ["Gather", "Redirect"]
    assert "automated assistant" in spoken(root)[1]
    assert all(say.attrib == VOICE for say in root.iter("Say"))
    gather = root.find("Gather")
    assert gather is not None
    assert gather.attrib["input"] == "speech dtmf"
    assert gather.attrib["language"] == "en-GB"
    assert gather.attrib["action"] == TURN_URL
    assert "Blue Badge" in gather.attrib["hints"]
    assert gather.findtext("Say") == "How can I help you today?"
    assert root.findtext("Redirect") == TURN_URL


def test_when_caller_asks_a_kb_question_then_answer_is_spoken_without_urls_or_citations(
    phone_client: Any, phone_services: Any, outbox: Any
) -> None:
    call = Call(phone_client)
    call.start()

    root = call.say("How much savings can I have before I pay the full cost of care?")

    said = " ".join(spoken(root))
    assert "twenty three thousand, two hundred and fifty pounds" in said
    assert "http" not in said and "www." not in said and "[1]" not in said and "£" not in said
    assert [child.tag for child in root][-2:] == ["Gather", "Redirect"]
    assert "Press 1 or say yes" in (root.findtext("Gather/Say") or "")
    transcript = phone_services.conversation_store.get(call_row(phone_services, call.sid).conversation_id)
    assert transcript.channel == "phone"
    assert [m.role for m in transcript.messages] == ["resident", "bot"]
    with phone_services.database.session() as s:  # the chat core's observers saw the phone turn too
        channels = s.scalars(
            select(DecisionRecordRow.channel).where(DecisionRecordRow.conversation_id == transcript.id)
        ).all()
    assert channels == ["phone"]


def test_when_caller_agrees_to_a_text_then_links_go_from_the_careline_number(
    phone_client: Any, outbox: Any
) -> None:
    call = Call(phone_client)
    call.start()
    call.say("How do I apply for a Blue Badge?")

    root = call.press("1")

    assert len(outbox.sent) == 1
    to, from_, body = outbox.sent[0]
    assert (to, from_) == (CALLER, ASHBY_LINE)
    assert "https://www.ashbyvale.gov.uk/" in body
    assert spoken(root)[0] == "I've sent the text message."
    assert root.find("Gather") is not None


def test_when_caller_declines_or_says_nothing_about_text_then_nothing_is_sent(
    phone_client: Any, outbox: Any
) -> None:
    call = Call(phone_client)
    call.start()
    call.say("How do I apply for a Blue Badge?")

    root = call.say("no thanks")

    assert outbox.sent == []
    assert spoken(root)[0] == "OK, I won't send a text."


def test_when_text_cannot_be_sent_then_caller_is_told_and_call_goes_on(
    phone_client: Any, outbox: Any
) -> None:
    outbox.fail = True
    call = Call(phone_client)
    call.start()
    call.say("How do I apply for a Blue Badge?")

    root = call.say("yes please")

    assert spoken(root)[0] == "I'm sorry, I couldn't send the text message just now."
    assert [child.tag for child in root][-2:] == ["Gather", "Redirect"]


def test_when_caller_presses_0_then_dial_advisor_after_handoff_and_number_in_vault(
    phone_client: Any, phone_services: Any
) -> None:
    call = Call(phone_client)
    call.start()

    root = call.press("0")

    assert_dial(root, "+441632960100")
    assert spoken(root) == [
        "I'm putting you through to a person at Ashby Vale Council now. Please stay on the line."
    ]
    [handoff] = handoffs(phone_services, call.sid)
    assert (handoff.reason, handoff.channel) == ("requested", "phone")
    assert handoff.status in ("waiting", "callback")  # the store's own clock decides callback out of hours
    assert vault_secrets(phone_services, call.sid) == {"caller_number": CALLER}
    assert CALLER not in json.dumps(handoff.packet)


def test_when_enqueue_council_caller_presses_0_then_enqueued_with_redacted_packet(
    phone_client: Any, phone_services: Any
) -> None:
    call = Call(phone_client, to=NORTHMOOR_LINE)
    call.start()
    call.say("My name is Sarah Jones and I live at 4 Bridge Road. How do I get a carers assessment?")

    root = call.press("0")

    enqueue = root.find("Enqueue")
    assert enqueue is not None and enqueue.text == "northmoor-adult-care"
    task = json.loads(enqueue.findtext("Task") or "")
    [handoff] = handoffs(phone_services, call.sid)
    assert (
        task["handoff_id"] == handoff.id
        and task["reason"] == "requested"
        and task["council_id"] == "northmoor"
    )
    assert "Sarah Jones" not in json.dumps(task) and CALLER not in json.dumps(task)
    assert task["packet"]["transcript"]


def test_when_caller_discloses_abuse_then_immediate_transfer_to_safeguarding_and_handoff_first(
    phone_client: Any, phone_services: Any
) -> None:
    call = Call(phone_client)
    call.start()

    root = call.say("my son hits me and takes my pension money")

    assert_dial(root, "+441632960200")  # the safeguarding team: the fixed clock is in office hours
    assert any("nine nine nine" in line for line in spoken(root))
    [handoff] = handoffs(phone_services, call.sid)
    assert handoff.reason in ("safeguarding", "crisis") and handoff.priority >= 30
    assert call_row(phone_services, call.sid).handoff_id == handoff.id
    assert vault_secrets(phone_services, call.sid)["caller_number"] == CALLER


def test_when_a_question_is_flagged_only_by_the_learned_layer_then_the_caller_is_still_transferred(
    phone_client: Any, phone_services: Any
) -> None:
    # On the web this question is answered as well as handed over (tests/guardrails/test_answer_alongside.py);
    # a caller is transferred to the safeguarding team instead of hearing the answer.
    call = Call(phone_client)
    call.start()

    root = call.say("my dad cant swallow properly since his stroke do they do soft food")

    assert_dial(root, "+441632960200")
    [handoff] = handoffs(phone_services, call.sid)
    assert handoff.reason == "safeguarding" and handoff.priority == 30


def test_when_caller_is_in_danger_now_then_told_to_hang_up_and_call_999_before_transfer(
    phone_client: Any,
) -> None:
    call = Call(phone_client)
    call.start()

    root = call.say("I want to kill myself tonight")

    assert (
        spoken(root)[0] == "If you or someone else is in danger right now, hang up and call nine nine nine."
    )
    assert [child.tag for child in root] == ["Say", "Say", "Dial"]
    assert_dial(root, "+441632960200")


def test_when_caller_asks_for_a_person_then_transferred(phone_client: Any, phone_services: Any) -> None:
    call = Call(phone_client)
    call.start()

    root = call.say("can I speak to a person please")

    assert_dial(root, "+441632960100")
    assert [h.reason for h in handoffs(phone_services, call.sid)] == ["requested"]


def test_when_caller_stays_silent_then_reprompt_then_press_5_offer_then_transfer_never_hang_up(
    phone_client: Any, phone_services: Any
) -> None:
    call = Call(phone_client)
    call.start()

    first, second, third = call.silence(), call.silence(), call.silence()

    assert spoken(first) == [
        "Sorry, I didn't hear anything.",
        "Please tell me what you'd like to know, or press 0 to speak to a person.",
    ]
    assert [c.tag for c in first] == ["Say", "Gather", "Redirect"]
    assert (
        second.findtext("Gather/Say")
        == "If you can't talk right now, press 5. Or press 0 to speak to a person."
    )
    assert [c.tag for c in second] == ["Gather", "Redirect"]
    assert_dial(third, "+441632960100")
    assert all(root.find(".//Hangup") is None for root in (first, second, third))
    [handoff] = handoffs(phone_services, call.sid)
    assert handoff.priority == 30 and handoff.packet["rules_fired"] == ["phone:silence"]


def test_when_caller_presses_5_then_put_through_without_further_speech(
    phone_client: Any, phone_services: Any
) -> None:
    call = Call(phone_client)
    call.start()
    call.silence()
    call.silence()

    root = call.press("5")

    assert [child.tag for child in root] == ["Dial"]
    assert_dial(root, "+441632960100")
    [handoff] = handoffs(phone_services, call.sid)
    assert handoff.priority == 30 and handoff.packet["safe_to_contact"] is False


def test_when_low_confidence_once_then_rephrase_and_twice_then_transfer(
    phone_client: Any, phone_services: Any
) -> None:
    call = Call(phone_client)
    call.start()

    first = call.say("purple monkey dishwasher")
    assert first.findtext("Gather/Say") == "Could you say that another way? Or press 0 to speak to a person."
    assert handoffs(phone_services, call.sid) == []

    second = call.say("what time does the football start on saturday")

    assert_dial(second, "+441632960100")
    assert [h.reason for h in handoffs(phone_services, call.sid)] == ["low_confidence"]


def test_when_an_answer_comes_between_then_low_confidence_count_starts_again(phone_client: Any) -> None:
    call = Call(phone_client)
    call.start()
    call.say("purple monkey dishwasher")
    call.say("How do I apply for a Blue Badge?")

    root = call.say("what time does the football start on saturday")

    assert root.find("Dial") is None
    assert root.findtext("Gather/Say") == "Could you say that another way? Or press 0 to speak to a person."


def test_when_twilio_retries_a_webhook_then_same_twiml_and_it_counts_once(phone_client: Any) -> None:
    call = Call(phone_client)
    call.start()

    first = call.post("/telephony/voice/turn", token="retry-token-1")
    retry = call.post("/telephony/voice/turn", token="retry-token-1")
    after = call.silence()

    assert retry.content == first.content
    assert spoken(ET.fromstring(first.content))[0] == "Sorry, I didn't hear anything."
    assert "press 5" in (after.findtext("Gather/Say") or "")  # the second silence, not the third


def test_when_call_ends_then_status_and_duration_are_recorded(phone_client: Any, phone_services: Any) -> None:
    call = Call(phone_client)
    call.start()

    response = call.post("/telephony/status", CallStatus="completed", CallDuration="93")

    assert response.status_code == 200
    row = call_row(phone_services, call.sid)
    assert (row.final_status, row.duration_seconds) == ("completed", 93)
    assert row.ended_at is not None


def test_when_transfer_is_not_answered_then_caller_is_kept_on_the_line(phone_client: Any) -> None:
    call = Call(phone_client)
    call.start()
    call.press("0")

    root = call.twiml("/telephony/voice/after-transfer", DialCallStatus="no-answer")

    assert root.find(".//Hangup") is None
    assert "nine nine nine" in " ".join(spoken(root))
    assert [child.tag for child in root][-2:] == ["Gather", "Redirect"]


def test_when_caller_mentions_a_reference_then_it_is_typed_and_kept_in_the_vault(
    phone_client: Any, phone_services: Any
) -> None:
    call = Call(phone_client)
    call.start()

    prompt = call.say("I'm ringing about my case number")
    thanks = call.press("1234567")

    gather = prompt.find("Gather")
    assert gather is not None
    assert (gather.attrib["input"], gather.attrib["finishOnKey"]) == ("dtmf", "#")
    assert spoken(thanks)[0] == "Thank you. I've noted your reference number for the team."
    assert vault_secrets(phone_services, call.sid) == {"caller_reference": "1234567"}
    transcript = phone_services.conversation_store.get(call_row(phone_services, call.sid).conversation_id)
    assert "1234567" not in " ".join(m.text for m in transcript.messages)


def test_when_caller_says_goodbye_then_the_call_ends_politely(phone_client: Any) -> None:
    call = Call(phone_client)
    call.start()

    root = call.say("No, that's all, thanks.")

    assert spoken(root) == ["Thank you for calling Ashby Vale Council. Goodbye."]


def test_when_called_number_is_not_listed_then_first_council_answers(phone_client: Any) -> None:
    root = Call(phone_client, to="+441632969999").start()

    assert spoken(root)[0] == "Hello, you're through to Ashby Vale Council's adult social care line."


def test_when_northmoor_line_is_called_then_northmoor_answers(phone_client: Any) -> None:
    root = Call(phone_client, to=NORTHMOOR_LINE).start()

    assert spoken(root)[0] == "Hello, you're through to Northmoor Borough Council's adult social care line."


def test_when_caller_gives_personal_details_then_no_log_record_holds_them_or_their_number(
    phone_client: Any, outbox: Any, caplog: pytest.LogCaptureFixture
) -> None:
    outbox.fail = True
    call = Call(phone_client)
    with caplog.at_level(logging.DEBUG):
        call.start()
        call.say("My name is Sarah Jones, how do I apply for a Blue Badge?")
        call.press("1")
        call.press("0")

    logged = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "telephony.sms_failed" in logged and "telephony.transfer" in logged
    assert "Sarah" not in logged and "Jones" not in logged and CALLER not in logged
