"""Every careline route refuses requests Twilio did not sign (403, no TwiML); a failure on a call apologises
and transfers instead of going silent."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.datastructures import FormData

from frontdoor.app import create_app
from storage.conversation_store import ConversationStore
from storage.database import Database
from storage.handoff_store import HandoffStore
from telephony.careline import careline_for
from telephony.twilio_signature import TwilioSignatureCheck
from tests.telephony.conftest import ASHBY_LINE, AUTH_TOKEN, CALLER, IN_HOURS, Call, sign, spoken

ROUTES = ["/telephony/voice", "/telephony/voice/turn", "/telephony/voice/after-transfer", "/telephony/status"]
PARAMS = {"CallSid": "CA" + "1" * 32, "To": ASHBY_LINE, "From": CALLER, "SpeechResult": "hello"}


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "not-a-signature",
        sign("/telephony/voice", PARAMS, token="some-other-token"),
    ],
    ids=["missing", "empty", "garbage", "wrong-token"],
)
def test_when_signature_is_missing_or_wrong_then_403_and_no_twiml(
    phone_client: Any, path: str, signature: str | None
) -> None:
    headers = {} if signature is None else {"X-Twilio-Signature": signature}

    response = phone_client.post(path, data=PARAMS, headers=headers)

    assert response.status_code == 403
    assert "<Response" not in response.text


@pytest.mark.parametrize("path", ROUTES)
def test_when_signature_is_for_other_fields_then_403(phone_client: Any, path: str) -> None:
    headers = {"X-Twilio-Signature": sign(path, PARAMS)}

    response = phone_client.post(path, data={**PARAMS, "SpeechResult": "tampered"}, headers=headers)

    assert response.status_code == 403


def test_when_signed_for_the_internal_url_not_the_public_one_then_403(phone_client: Any) -> None:
    from twilio.request_validator import RequestValidator

    internal = RequestValidator(AUTH_TOKEN).compute_signature("http://testserver/telephony/voice", PARAMS)

    response = phone_client.post("/telephony/voice", data=PARAMS, headers={"X-Twilio-Signature": internal})

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("base", "path", "query", "signed_url", "valid"),
    [
        (
            "https://careline.example.gov.uk",
            "/telephony/voice",
            "",
            "https://careline.example.gov.uk/telephony/voice",
            True,
        ),
        (
            "https://careline.example.gov.uk/",
            "/telephony/voice",
            "a=1",
            "https://careline.example.gov.uk/telephony/voice?a=1",
            True,
        ),
        (
            "https://careline.example.gov.uk",
            "/telephony/voice",
            "",
            "https://careline.example.gov.uk:443/telephony/voice",
            True,
        ),
        (
            "https://careline.example.gov.uk",
            "/telephony/voice",
            "a=1",
            "https://careline.example.gov.uk/telephony/voice",
            False,
        ),
        (
            "https://careline.example.gov.uk",
            "/telephony/voice",
            "",
            "http://careline.example.gov.uk/telephony/voice",
            False,
        ),
    ],
)
def test_when_url_is_rebuilt_from_the_public_base_then_only_twilios_url_validates(
    base: str, path: str, query: str, signed_url: str, valid: bool
) -> None:
    from pydantic import SecretStr
    from twilio.request_validator import RequestValidator

    check = TwilioSignatureCheck(SecretStr(AUTH_TOKEN), base)
    signature = RequestValidator(AUTH_TOKEN).compute_signature(signed_url, PARAMS)

    assert check.is_valid(path, query, FormData(PARAMS), signature) is valid


def test_when_no_auth_token_is_configured_then_every_request_is_refused(phone_services: Any) -> None:
    settings = phone_services.settings.model_copy(update={"twilio_auth_token": None})
    unsigned = dataclasses.replace(phone_services, settings=settings, extras={})

    with TestClient(create_app(services=unsigned)) as client:
        response = client.post(
            "/telephony/voice", data=PARAMS, headers={"X-Twilio-Signature": sign("/telephony/voice", PARAMS)}
        )

    assert response.status_code == 403


@pytest.fixture
def broken_client(phone_services: Any, tmp_path: Path) -> Iterator[Any]:
    """The real app over a database with no tables: every store call fails as a dead database would."""
    dead = Database(f"sqlite:///{tmp_path / 'no-tables.db'}")
    broken = dataclasses.replace(
        phone_services,
        database=dead,
        conversation_store=ConversationStore(dead),
        handoffs=HandoffStore(dead),
        extras={},
    )
    careline_for(broken, clock=lambda: IN_HOURS)
    with TestClient(create_app(services=broken)) as client:
        yield client
    dead.dispose()


@pytest.mark.parametrize("path", ["/telephony/voice", "/telephony/voice/turn"])
def test_when_the_careline_fails_inside_then_it_apologises_and_transfers(
    broken_client: Any, path: str
) -> None:
    response = Call(broken_client).post(path, SpeechResult="How do I apply for a Blue Badge?")

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert spoken(root) == [
        "I'm sorry, something went wrong on our side.",
        "I'm putting you through to a person at Ashby Vale Council now. Please stay on the line.",
    ]
    assert root.findtext("Dial/Number") == "+441632960100"
    assert root.find(".//Hangup") is None
