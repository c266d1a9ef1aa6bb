"""Checks ``X-Twilio-Signature`` on every careline webhook, as a FastAPI dependency.

The signature is over the URL *Twilio* requested, so it is rebuilt from ``FRONTDOOR_PUBLIC_BASE_URL`` plus
the path and query we received — never from the Host header or scheme we see, which are the proxy's
behind a TLS-terminating load balancer. ``RequestValidator`` tries the URL with and without the default
port, as Twilio's own edge is inconsistent about it. No auth token configured means every request is
refused (fail closed).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import HTTPException, Request
from pydantic import SecretStr
from starlette.datastructures import FormData
from twilio.request_validator import (
    SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER,
    RequestValidator,
    get_signature_algorithm,
)

__all__ = ["TwilioSignatureCheck", "public_url"]

log = logging.getLogger(__name__)


def public_url(base_url: str, path: str, query: str) -> str:
    """The URL Twilio called: our public base, the path, and the query string if any."""
    return base_url.rstrip("/") + path + (f"?{query}" if query else "")


class _MultiParams:
    """Form fields in the shape RequestValidator reads repeated keys from (``getall``)."""

    def __init__(self, form: FormData) -> None:
        self._form = form

    def __iter__(self) -> Iterator[str]:
        return iter(self._form.keys())

    def getall(self, name: str) -> list[str]:
        return [v for v in self._form.getlist(name) if isinstance(v, str)]


@dataclass(frozen=True, slots=True)
class TwilioSignatureCheck:
    """Validates requests with the account auth token against the public URL."""

    auth_token: SecretStr | None
    public_base_url: str

    def is_valid(
        self, path: str, query: str, form: FormData, signature: str | None, settings_header: str | None = None
    ) -> bool:
        """Whether ``signature`` is Twilio's for this URL and these form fields."""
        if self.auth_token is None or not signature:
            return False
        validator = RequestValidator(self.auth_token.get_secret_value())
        url = public_url(self.public_base_url, path, query)
        return bool(
            validator.validate(url, _MultiParams(form), signature, get_signature_algorithm(settings_header))
        )

    async def verified_form(self, request: Request) -> FormData:
        """The request's form fields, or 403 (and no TwiML) if the signature is missing or wrong."""
        form = await request.form()
        signature = request.headers.get(SIGNATURE_HEADER)
        if not self.is_valid(
            request.url.path,
            request.url.query,
            form,
            signature,
            request.headers.get(SIGNATURE_SETTINGS_HEADER),
        ):
            log.warning(
                "telephony.signature_rejected",
                extra={
                    "path": request.url.path,
                    "signature_present": bool(signature),
                    "token_configured": self.auth_token is not None,
                },
            )
            raise HTTPException(status_code=403, detail="Forbidden")
        return form
