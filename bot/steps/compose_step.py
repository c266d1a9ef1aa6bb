"""Step: compose the answer from the retrieved passages."""

from __future__ import annotations

from bot.base import Composer, HandoffReason, Outcome, Priority
from bot.context import Stop, TurnContext
from bot.reply_templates import ReplyTemplates

__all__ = ["ComposeStep"]


class ComposeStep:
    """Runs the configured composer; no usable answer means the kind low-confidence handoff."""

    def __init__(self, composer: Composer, templates: ReplyTemplates) -> None:
        self._composer = composer
        self._templates = templates

    def __call__(self, ctx: TurnContext) -> None:
        """Fill ``ctx.composition`` or halt."""
        assert ctx.retrieval is not None
        composition = self._composer.compose(ctx.text, ctx.retrieval, ctx.council)
        if composition is None or not composition.citations:
            text = self._templates.render("low_confidence.j2", council=ctx.council, now=ctx.now)
            ctx.halt(
                Stop(Outcome.HANDOFF, text, HandoffReason.LOW_CONFIDENCE, Priority.LOW_CONFIDENCE, "composer:no_answer")
            )
            return
        ctx.composition = composition
