"""Careline fixtures: the session's real services with a Twilio auth token and a public URL, requests signed
the way Twilio signs them (``RequestValidator.compute_signature`` over the public URL and the form fields),
and a fake of the one networked edge, the Twilio Messages API (:class:`FakeSms`, an ``SmsSender``).

The public URL is ``https://careline.example.gov.uk`` while the TestClient talks to ``http://testserver``:
the same situation as behind a TLS-terminating proxy.
"""

from __future__ import annotations

import dataclasses
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import SecretStr
from twilio.request_validator import RequestValidator

from telephony.base import SmsSendError
from telephony.careline import SMS_SENDER_KEY, careline_for

AUTH_TOKEN = "test-twilio-auth-token-0123456789abcdef"
PUBLIC_BASE = "https://careline.example.gov.uk"
ASHBY_LINE = "+441632960000"
NORTHMOOR_LINE = "+441632961000"
CALLER = "+447700900123"
IN_HOURS = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)  # a Wednesday, 11:00 in London: both councils open


class FakeSms:
    """Records texts instead of sending them; can be told to fail like an unreachable Twilio."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []
        self.fail = False

    def send(self, to: str, from_: str, body: str) -> None:
        if self.fail:
            raise SmsSendError("text message not sent: ConnectionError")
        self.sent.append((to, from_, body))


def sign(path: str, params: dict[str, str], token: str = AUTH_TOKEN) -> str:
    """X-Twilio-Signature for a POST of ``params`` to ``PUBLIC_BASE + path``."""
    return RequestValidator(token).compute_signature(PUBLIC_BASE + path, params)


class Call:
    """One simulated call: posts signed Twilio webhooks and parses the TwiML."""

    def __init__(self, client: Any, to: str = ASHBY_LINE, caller: str = CALLER) -> None:
        self.client = client
        self.sid = "CA" + uuid.uuid4().hex
        self.to = to
        self.caller = caller

    def post(self, path: str, token: str | None = None, **fields: str) -> Any:
        params = {
            "CallSid": self.sid,
            "AccountSid": "AC" + "0" * 32,
            "To": self.to,
            "From": self.caller,
            **fields,
        }
        headers = {
            "X-Twilio-Signature": sign(path, params),
            "I-Twilio-Idempotency-Token": token or uuid.uuid4().hex,
        }
        return self.client.post(path, data=params, headers=headers)

    def twiml(self, path: str, token: str | None = None, **fields: str) -> ET.Element:
        response = self.post(path, token, **fields)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/xml")
        return ET.fromstring(response.content)

    def start(self) -> ET.Element:
        return self.twiml("/telephony/voice")

    def say(self, speech: str) -> ET.Element:
        return self.twiml("/telephony/voice/turn", SpeechResult=speech, Confidence="0.9")

    def press(self, digits: str) -> ET.Element:
        return self.twiml("/telephony/voice/turn", Digits=digits)

    def silence(self) -> ET.Element:
        return self.twiml("/telephony/voice/turn")


def spoken(root: ET.Element) -> list[str]:
    """Every <Say> text, in document order (including those inside <Gather>)."""
    return [say.text or "" for say in root.iter("Say")]


@pytest.fixture(scope="session")
def phone_services(services: Any) -> Any:
    """The session's services with Twilio settings, a fake SMS edge and a careline clock fixed in hours."""
    settings = services.settings.model_copy(
        update={"twilio_auth_token": SecretStr(AUTH_TOKEN), "public_base_url": PUBLIC_BASE}
    )
    phone = dataclasses.replace(services, settings=settings, extras={SMS_SENDER_KEY: FakeSms()})
    careline_for(phone, clock=lambda: IN_HOURS)
    return phone


@pytest.fixture(scope="session")
def phone_client(phone_services: Any) -> Iterator[Any]:
    """A TestClient over the real app with the careline."""
    from fastapi.testclient import TestClient

    from frontdoor.app import create_app

    with TestClient(create_app(services=phone_services)) as test_client:
        yield test_client


@pytest.fixture
def outbox(phone_services: Any) -> FakeSms:
    """The fake SMS edge, emptied and working."""
    fake: FakeSms = phone_services.extras[SMS_SENDER_KEY]
    fake.sent.clear()
    fake.fail = False
    return fake
