"""Scripted residents and callers for the load test, and the HTTP calls that play them.

Each conversation is a short script; some must end with a person (a requested, safeguarding or
low-confidence handoff) so the test can check afterwards that no handoff was lost. A request that dies
with its worker is retried (as the widget and Twilio do) — the retry is counted, never hidden.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field

import httpx
from twilio.request_validator import RequestValidator

__all__ = ["PHONE_SCRIPTS", "WEB_SCRIPTS", "ConversationResult", "Script", "play"]

CARELINE = "+441632960000"  # Ashby Vale's careline in the sample councils file


@dataclass(frozen=True, slots=True)
class Script:
    """What a resident says, turn by turn, and whether it must end with a handoff."""

    channel: str
    turns: tuple[str, ...]
    expects_handoff: bool


WEB_SCRIPTS = (
    Script(
        "web",
        ("how do i apply for a blue badge", "how much does it cost", "can I speak to a real person please"),
        True,
    ),
    Script("web", ("what is a carers assessment", "my son hits me and takes my pension"), True),
    Script("web", ("what is reablement", "how long does reablement last"), False),
    Script("web", ("what is the care cap",), True),
)
PHONE_SCRIPTS = (
    Script("phone", ("how do I get a blue badge", "I'd like to talk to someone please"), True),
    Script("phone", ("what help is there for carers", "goodbye"), False),
)


@dataclass
class ConversationResult:
    """What one scripted conversation saw."""

    script: Script
    key: str
    """Web: the conversation id; phone: the CallSid."""
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    retries: int = 0
    handoff_ids: set[str] = field(default_factory=set)


async def _send(
    client: httpx.AsyncClient, result: ConversationResult, attempts: int, **request: object
) -> httpx.Response | None:
    started = time.perf_counter()
    for attempt in range(attempts):
        try:
            response = await client.request(**request)  # type: ignore[arg-type]
        except (
            httpx.TransportError
        ) as exc:  # the worker died mid-request: retry, as a browser or Twilio would
            if attempt == attempts - 1:
                result.errors.append(f"transport:{exc.__class__.__name__}")
                return None
            result.retries += 1
            await asyncio.sleep(0.2 * (attempt + 1))
            continue
        result.latencies.append(time.perf_counter() - started)
        if response.status_code >= 500 or response.status_code == 429:
            result.errors.append(f"http:{response.status_code}")
            return None
        return response
    return None


async def play(
    client: httpx.AsyncClient, base_url: str, script: Script, token: str, attempts: int = 4
) -> ConversationResult:
    """Run one script end to end."""
    if script.channel == "web":
        return await _play_web(client, base_url, script, attempts)
    return await _play_phone(client, base_url, script, token, attempts)


async def _play_web(
    client: httpx.AsyncClient, base_url: str, script: Script, attempts: int
) -> ConversationResult:
    result = ConversationResult(script, key="")
    for text in script.turns:
        body: dict[str, object] = {"message": text, "council": "ashby-vale", "channel": "web"}
        if result.key:
            body["conversation_id"] = result.key
        r = await _send(client, result, attempts, method="POST", url=f"{base_url}/api/v1/chat", json=body)
        if r is None:
            return result
        if r.status_code != 200:
            result.errors.append(f"http:{r.status_code}")
            return result
        data = r.json()
        result.key = data["conversation_id"]
        if data.get("handoff"):
            result.handoff_ids.add(data["handoff"]["id"])
    return result


async def _play_phone(
    client: httpx.AsyncClient, base_url: str, script: Script, token: str, attempts: int
) -> ConversationResult:
    call_sid = "CA" + uuid.uuid4().hex
    result = ConversationResult(script, key=call_sid)
    validator = RequestValidator(token)
    steps: list[tuple[str, dict[str, str]]] = [("/telephony/voice", {})] + [
        ("/telephony/voice/turn", {"SpeechResult": t}) for t in script.turns
    ]
    for path, extra in steps:
        form = {
            "CallSid": call_sid,
            "To": CARELINE,
            "From": "+447700900123",
            "AccountSid": "AC" + "0" * 32,
            **extra,
        }
        url = f"{base_url}{path}"
        headers = {
            "X-Twilio-Signature": validator.compute_signature(url, form),
            "I-Twilio-Idempotency-Token": uuid.uuid4().hex,
        }
        r = await _send(client, result, attempts, method="POST", url=url, data=form, headers=headers)
        if r is None:
            return result
        if r.status_code != 200 or "<Response" not in r.text:
            result.errors.append(f"http:{r.status_code}")
            return result
    return result
