"""Step 1: strip personal data before anything else sees the message."""

from __future__ import annotations

from bot.context import TurnContext
from guardrails.invisible_characters import strip_invisible
from redaction.base import OriginalsVault, Redactor

__all__ = ["RedactStep"]


class RedactStep:
    """Redacts ``turn.text`` into ``ctx.text``; keeps originals only in the encrypted vault.

    Invisible characters (zero-width, Unicode tags) are stripped first: hidden between the digits of a
    phone number they would otherwise let personal data slip past the recognizers. A
    :class:`~frontdoor.errors.RedactionError` propagates to the pipeline runner, which fails closed.
    """

    def __init__(self, redactor: Redactor, vault: OriginalsVault | None = None) -> None:
        self._redactor = redactor
        self._vault = vault

    def __call__(self, ctx: TurnContext) -> None:
        """Redact, number placeholders per conversation, and vault the originals."""
        if self._vault is not None:
            ctx.placeholders = self._vault.placeholders(ctx.conversation_id)
        visible = strip_invisible(ctx.turn.text)
        if visible.tag_characters or visible.zero_width:
            ctx.rules_fired.append("input:invisible_characters_stripped")
        if visible.tag_characters:
            ctx.rules_fired.append("injection:hidden_tag_characters")
        result = self._redactor.redact(visible.text, council_id=ctx.council.id, placeholders=ctx.placeholders)
        ctx.redaction = result
        ctx.text = result.text
        if self._vault is not None and result.changed:
            self._vault.keep(ctx.conversation_id, ctx.council.id, result, ctx.placeholders)
