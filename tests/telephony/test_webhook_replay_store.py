"""Retried Twilio webhooks: the first delivery claims its key; a retry gets the first delivery's TwiML."""

from __future__ import annotations

import time

from storage.database import Database
from telephony.webhook_replay_store import WebhookReplayStore, replay_key


def test_when_request_is_new_then_claim_says_do_the_work(database: Database) -> None:
    store = WebhookReplayStore(database)

    assert store.claim(replay_key("t1", "CA1", "/telephony/voice/turn"), "CA1") is None


def test_when_request_is_retried_after_it_was_answered_then_the_same_twiml(database: Database) -> None:
    store = WebhookReplayStore(database)
    key = replay_key("t2", "CA2", "/telephony/voice/turn")
    store.claim(key, "CA2")
    store.save(key, "<Response><Say>Hello</Say></Response>")

    assert store.claim(key, "CA2") == "<Response><Say>Hello</Say></Response>"


def test_when_retry_arrives_while_first_is_working_then_it_waits_then_does_the_work(
    database: Database,
) -> None:
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        time.sleep(seconds)

    store = WebhookReplayStore(database, wait_seconds=0.3, sleep=sleep)
    key = replay_key("t3", "CA3", "/telephony/voice/turn")
    store.claim(key, "CA3")

    assert store.claim(key, "CA3") is None
    assert slept  # it polled for the first delivery's answer before giving up


def test_when_same_token_comes_for_another_call_or_path_then_keys_differ() -> None:
    keys = {replay_key("t", "CA1", "/a"), replay_key("t", "CA2", "/a"), replay_key("t", "CA1", "/b")}

    assert len(keys) == 3
