"""Runs the steps of the conversation core over one :class:`~bot.context.TurnContext`.

A step is any callable taking the context. It reads and writes the context and may end the run with
``ctx.halt(Stop(...))``. Errors are caught once, here, and turned into a safe outcome: a failure in
redaction or a guardrail fails *closed* (nothing reaches a model; the person is offered a human).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.base import HandoffReason, Outcome, Priority
from bot.context import Stop, TurnContext
from frontdoor.errors import GuardrailError, RedactionError

__all__ = ["FAILED_CLOSED", "NamedStep", "Pipeline", "Step"]

log = logging.getLogger(__name__)

Step = Callable[[TurnContext], None]

FAILED_CLOSED = (
    "Sorry, I can't deal with that message safely right now, so I'm passing you to a person at the council. "
    "If you or someone else is in danger now, call 999."
)


@dataclass(frozen=True, slots=True)
class NamedStep:
    """A step with the name used for timings and metrics."""

    name: str
    run: Step


class Pipeline:
    """A plain, ordered list of named steps."""

    def __init__(self, steps: Sequence[NamedStep]) -> None:
        self.steps = tuple(steps)

    def run(self, ctx: TurnContext) -> TurnContext:
        """Run steps in order until one halts; translate failures into safe outcomes."""
        for step in self.steps:
            started = time.perf_counter()
            try:
                step.run(ctx)
            except RedactionError:
                log.error("pipeline.redaction_failed", extra={"step": step.name, "conversation": ctx.conversation_id})
                ctx.halt(_failed_closed(HandoffReason.REDACTION_FAILURE, f"failed_closed:{step.name}"))
            except GuardrailError:
                log.error("pipeline.guardrail_failed", extra={"step": step.name, "conversation": ctx.conversation_id})
                ctx.halt(_failed_closed(HandoffReason.ERROR, f"failed_closed:{step.name}"))
            except Exception as exc:
                log.error(
                    "pipeline.step_failed",
                    extra={"step": step.name, "error": exc.__class__.__name__, "conversation": ctx.conversation_id},
                )
                ctx.halt(_failed_closed(HandoffReason.ERROR, f"error:{step.name}"))
            finally:
                ctx.step_seconds[step.name] = time.perf_counter() - started
            if ctx.stopped:
                break
        return ctx


def _failed_closed(reason: HandoffReason, rule: str) -> Stop:
    return Stop(Outcome.HANDOFF, FAILED_CLOSED, reason=reason, priority=Priority.REQUESTED, rule=rule)
