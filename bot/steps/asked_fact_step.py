"""Step: an answer must state the fact the question names (an email address, a phone number, a clock time,
a percentage), or it is not an answer."""

from __future__ import annotations

from bot.asked_fact import asked_facts, states_fact
from bot.base import HandoffReason, Outcome, Priority
from bot.context import Stop, TurnContext
from bot.reply_templates import ReplyTemplates

__all__ = ["AskedFactStep"]


class AskedFactStep:
    """After compose: hand over as low confidence when the quotes lack the kind of fact the question named.

    Only the quotes count, not the reply's fixed closing line (which always gives the front-door number).
    Rule recorded: ``asked_fact:<kind>`` for each kind missing. Why and what it measured: ``bot/asked_fact.py``.
    """

    def __init__(self, templates: ReplyTemplates) -> None:
        self._templates = templates

    def __call__(self, ctx: TurnContext) -> None:
        """Halt with the low-confidence handoff, or leave the composition as it is."""
        if ctx.composition is None:
            return
        quoted = " ".join(c.quote for c in ctx.composition.citations)
        missing = sorted(kind.value for kind in asked_facts(ctx.text) if not states_fact(kind, quoted))
        if not missing:
            return
        ctx.rules_fired.extend(f"asked_fact:{kind}" for kind in missing[1:])
        text = self._templates.render("low_confidence.j2", council=ctx.council, now=ctx.now)
        rule = f"asked_fact:{missing[0]}"
        ctx.halt(Stop(Outcome.HANDOFF, text, HandoffReason.LOW_CONFIDENCE, Priority.LOW_CONFIDENCE, rule))
