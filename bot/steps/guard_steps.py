"""Input and output guardrail steps."""

from __future__ import annotations

import re
from typing import Protocol

from bot.base import HandoffReason, Outcome, Priority
from bot.context import Stop, TurnContext
from bot.reply_templates import ReplyTemplates
from guardrails.base import GuardrailResult
from guardrails.output_guard import ReplyOutputGuard

__all__ = ["InputGuard", "InputGuardStep", "OutputGuardStep"]


class InputGuard(Protocol):
    """Cleans and checks an incoming (redacted) message, e.g. prompt-injection detection."""

    def check(self, text: str) -> GuardrailResult:
        """The verdict and the cleaned text."""
        ...


class InputGuardStep:
    """Strips invisible characters and records injection attempts.

    An injection attempt does not change behaviour: the extractive composer follows no instructions, and
    the LLM composer only ever gets passages plus the redacted question. The attempt is recorded as a rule.
    """

    def __init__(self, guard: InputGuard) -> None:
        self._guard = guard

    def __call__(self, ctx: TurnContext) -> None:
        """Clean ``ctx.text`` and note the rules that fired."""
        result = self._guard.check(ctx.text)
        if result.text is not None:
            ctx.text = result.text
        ctx.rules_fired.extend(result.rules)


_PHONE_LIKE = re.compile(r"(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,10}\b")


class OutputGuardStep:
    """No reply may carry personal data or state a care decision.

    Allowed numbers are the council's published ones (council YAML) plus any number that appears in the
    passages the reply cites: those are the council's own curated words, quoted verbatim.
    """

    def __init__(self, templates: ReplyTemplates) -> None:
        self._templates = templates

    def __call__(self, ctx: TurnContext) -> None:
        """Replace an unsafe answer with an offer of a person."""
        if ctx.composition is None:
            return
        quoted = [m.group(0) for c in ctx.composition.citations for m in _PHONE_LIKE.finditer(c.quote)]
        result = ReplyOutputGuard.for_council(ctx.council, extra_numbers=quoted).check(ctx.composition.text)
        if result.allowed:
            return
        ctx.rules_fired.extend(result.rules)
        text = self._templates.render("low_confidence.j2", council=ctx.council, now=ctx.now)
        ctx.halt(
            Stop(Outcome.HANDOFF, text, HandoffReason.LOW_CONFIDENCE, Priority.LOW_CONFIDENCE, "output_guard:blocked")
        )
