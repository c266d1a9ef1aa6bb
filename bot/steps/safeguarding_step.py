"""Step: safeguarding first. A disclosure stops the pipeline with a handoff and the crisis numbers.

One narrow case does not stop it: the **learned layer alone** flagged an ``urgent`` concern (no phrase
pattern and no curated exemplar fired, no danger-now category, no immediate guess capped down) in a message
that also asks for information ("my dad cant swallow properly since his stroke do they do soft food",
"the care home have applied for a dols for her, what is that"). The learned layer is the least certain of
the three and is biased to escalate (``guardrails/learned_tier_classifier.py``), so most of what it alone
flags in a question is an ordinary question; some of it is a real concern told as a question. Both get the
same handoff as before -- reason, priority and category unchanged, created before the reply is returned --
and a safeguarding reply first, with the same numbers and "call 999 if in danger", worded for what may be
an ordinary question (``crisis/urgent_alongside.j2``: "Some of what you wrote may mean someone needs help
or protection, so I have asked a person at the council to look at this conversation as well"). The
pipeline then goes on, and if retrieval is confident the reply adds the cited answer after "While you wait
for them, here is an answer to your question". If any later step would stop the turn instead (low
confidence, out of scope, a failure), the usual safeguarding reply and handoff are the outcome
(``TurnContext.pending``). AI suggests, people decide: a person still looks at every flagged message, and
the resident is not left without the answer they asked for. A phone caller is transferred as before.

Why (2026-12-07): of the 386 questions in the four answering sets (none of them disclosures by their
labels), the learned layer alone stopped 24, every one a handoff with no answer. Safeguarding figures are
unchanged by construction: the detector decides exactly as before.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.base import HandoffReason, Outcome, Priority
from bot.context import Stop, TurnContext
from bot.information_request import asks_for_information
from bot.reply_templates import ReplyTemplates
from councils import Council
from guardrails.base import Category, DetectionLayer, SafeguardingDetector, SafeguardingResult, Tier
from guardrails.crisis_reply import CrisisReply

__all__ = ["ANSWER_ALONGSIDE_RULE", "CrisisReplier", "SafeguardingStep", "may_also_answer"]

ANSWER_ALONGSIDE_RULE = "safeguarding:answer_alongside"


class CrisisReplier(Protocol):
    """Renders the crisis/safeguarding reply for a detection (council numbers, in or out of hours)."""

    def render(
        self, result: SafeguardingResult, council: Council, now: datetime, *, alongside: bool = False
    ) -> CrisisReply:
        """The reply for this detection (``alongside``: the words for a flag that is answered as well)."""
        ...


_SELF_HARM = {Category.SELF_HARM, Category.SUICIDE}
_DANGER_NOW = _SELF_HARM | {Category.IMMEDIATE_DANGER}
_LEARNED_ONLY = {DetectionLayer.LEARNED, DetectionLayer.WINDOW}


class SafeguardingStep:
    """Runs the detector over the message and the recent conversation (both redacted).

    ``templates`` None turns the answer-alongside case off: every urgent flag halts the turn.
    """

    def __init__(
        self, detector: SafeguardingDetector, replier: CrisisReplier, templates: ReplyTemplates | None = None
    ) -> None:
        self._detector = detector
        self._replier = replier
        self._templates = templates

    def __call__(self, ctx: TurnContext) -> None:
        """Halt on immediate/urgent (or defer, see the module docstring); on info, continue and add the
        safeguarding numbers to the answer."""
        result = self._detector.detect(ctx.text, ctx.history, vector=ctx.query_vector)
        ctx.safeguarding = result
        ctx.rules_fired.extend(result.rules)
        if result.tier is None:
            return
        crisis = self._replier.render(result, ctx.council, ctx.now)
        if result.tier is Tier.INFO:
            ctx.notes.append(crisis.text)
            return
        reason = (
            HandoffReason.CRISIS
            if (result.tier is Tier.IMMEDIATE or result.category in _SELF_HARM)
            else HandoffReason.SAFEGUARDING
        )
        priority = Priority.IMMEDIATE if result.tier is Tier.IMMEDIATE else Priority.URGENT
        stop = Stop(Outcome.HANDOFF, crisis.text, reason, priority)
        if self._templates is not None and may_also_answer(result, ctx.text):
            ctx.pending = stop
            gentle = self._replier.render(result, ctx.council, ctx.now, alongside=True)
            ctx.preface += [gentle.text, self._templates.render("answer_alongside.j2", council=ctx.council)]
            ctx.rules_fired.append(ANSWER_ALONGSIDE_RULE)
            return
        ctx.halt(stop)


def may_also_answer(result: SafeguardingResult, text: str) -> bool:
    """Whether this flag may be answered from the pages as well as handed to a person (module docstring):
    urgent, from the learned layer alone, not a danger-now category or a capped immediate guess, and the
    message asks for information."""
    return (
        result.tier is Tier.URGENT
        and result.layer in _LEARNED_ONLY
        and result.category not in _DANGER_NOW
        and not result.capped
        and asks_for_information(text)
    )
