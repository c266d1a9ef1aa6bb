"""The :class:`~telephony.base.SmsSender` adapter over the Twilio Messages API (``twilio.rest.Client``).

Twilio's types and exceptions stay in this module; a failure becomes :class:`SmsSendError`.
"""

from __future__ import annotations

from twilio.base.exceptions import TwilioException
from twilio.rest import Client

from frontdoor.settings import Settings
from telephony.base import SmsSendError

__all__ = ["TwilioSmsSender"]


class TwilioSmsSender:
    """Sends texts through one Twilio account. Building it makes no network call."""

    def __init__(self, client: Client) -> None:
        self._client = client

    @classmethod
    def from_settings(cls, settings: Settings) -> TwilioSmsSender | None:
        """A sender for the configured account, or None when the account SID or auth token is missing."""
        if not settings.twilio_account_sid or settings.twilio_auth_token is None:
            return None
        return cls(Client(settings.twilio_account_sid, settings.twilio_auth_token.get_secret_value()))

    def send(self, to: str, from_: str, body: str) -> None:
        """Send one message; raises :class:`SmsSendError` (never Twilio's exceptions)."""
        try:
            self._client.messages.create(to=to, from_=from_, body=body)
        except (TwilioException, OSError) as exc:
            raise SmsSendError(f"text message not sent: {exc.__class__.__name__}") from exc
