"""Steps that decide whether the bot should answer at all."""

from __future__ import annotations

from bot.base import HandoffReason, Outcome, Priority
from bot.context import Stop, TurnContext
from bot.human_request import asks_for_person
from bot.reply_templates import ReplyTemplates
from bot.scope_rules import ScopeRules

__all__ = ["ConfidenceGateStep", "HumanRequestStep", "ScopeStep"]


class HumanRequestStep:
    """Asking for a person always works, at any point."""

    def __init__(self, templates: ReplyTemplates) -> None:
        self._templates = templates

    def __call__(self, ctx: TurnContext) -> None:
        """Hand off with reason ``requested`` when the message asks for a person."""
        if asks_for_person(ctx.text):
            text = self._templates.render("handoff_requested.j2", council=ctx.council, now=ctx.now)
            ctx.halt(Stop(Outcome.HANDOFF, text, HandoffReason.REQUESTED, Priority.REQUESTED, "intent:ask_for_person"))


class ScopeStep:
    """Topics never answered from council pages (e.g. medical advice), checked before retrieval."""

    def __init__(self, rules: ScopeRules) -> None:
        self._rules = rules

    def __call__(self, ctx: TurnContext) -> None:
        """Stop with ``no_answer`` and a redirect."""
        match = self._rules.match(ctx.text, ctx.council, always_only=True)
        if match:
            ctx.halt(Stop(Outcome.NO_ANSWER, match.reply, rule=f"scope:{match.topic}"))


class ConfidenceGateStep:
    """After retrieval: redirect out-of-scope topics, or offer a person below the threshold.

    An out-of-scope topic (bins, parking, ...) is redirected when confidence is low, and also when it is
    high but none of the retrieved passages mentions the words that matched: a confident match on, say,
    the Blue Badge page does not answer "how do I appeal a parking ticket" if that page never says
    "parking ticket". When a passage does use those words, the council's pages cover it and it is answered.
    """

    def __init__(self, rules: ScopeRules, templates: ReplyTemplates, threshold: float) -> None:
        self._rules = rules
        self._templates = templates
        self.threshold = threshold

    def __call__(self, ctx: TurnContext) -> None:
        """Stop unless retrieval is confident enough to answer."""
        confidence = ctx.retrieval.confidence if ctx.retrieval else 0.0
        confident = confidence >= self.threshold
        match = self._rules.match(ctx.text, ctx.council, always_only=False)
        if match and not (confident and _passages_mention(ctx, match.matched)):
            ctx.halt(Stop(Outcome.NO_ANSWER, match.reply, rule=f"scope:{match.topic}"))
            return
        if confident:
            return
        text = self._templates.render("low_confidence.j2", council=ctx.council, now=ctx.now)
        ctx.halt(
            Stop(
                Outcome.HANDOFF,
                text,
                HandoffReason.LOW_CONFIDENCE,
                Priority.LOW_CONFIDENCE,
                "confidence:below_threshold",
            )
        )


def _passages_mention(ctx: TurnContext, words: str) -> bool:
    """Whether any retrieved passage contains ``words`` (case- and spacing-insensitive)."""
    wanted = " ".join(words.lower().split())
    chunks = ctx.retrieval.chunks if ctx.retrieval else ()
    return bool(wanted) and any(wanted in " ".join(rc.chunk.text.lower().split()) for rc in chunks)
