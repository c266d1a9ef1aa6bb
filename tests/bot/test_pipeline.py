"""The pipeline runner, tested with tiny steps: ordering, halting, and failing closed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.base import HandoffReason, Outcome, Turn
from bot.context import Stop, TurnContext
from bot.pipeline import FAILED_CLOSED, NamedStep, Pipeline
from councils import CouncilRegistry
from frontdoor.errors import GuardrailError, RedactionError
from frontdoor.settings import default_councils_file


@pytest.fixture(scope="module")
def council():  # type: ignore[no-untyped-def]
    return CouncilRegistry.from_yaml(default_councils_file()).get("ashby-vale")


def _ctx(council) -> TurnContext:  # type: ignore[no-untyped-def]
    return TurnContext(Turn("hello", council.id), council, "c1", datetime(2026, 11, 25, 10, tzinfo=UTC))


def test_when_no_step_halts_then_all_run_in_order(council) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    pipeline = Pipeline([NamedStep(n, lambda ctx, n=n: seen.append(n)) for n in ("a", "b", "c")])
    ctx = pipeline.run(_ctx(council))
    assert seen == ["a", "b", "c"]
    assert not ctx.stopped
    assert set(ctx.step_seconds) == {"a", "b", "c"}


def test_when_a_step_halts_then_later_steps_do_not_run(council) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def halt(ctx: TurnContext) -> None:
        seen.append("halt")
        ctx.halt(Stop(Outcome.NO_ANSWER, "no", rule="r1"))

    ctx = Pipeline([NamedStep("h", halt), NamedStep("after", lambda ctx: seen.append("after"))]).run(_ctx(council))
    assert seen == ["halt"]
    assert ctx.stop is not None and ctx.stop.outcome is Outcome.NO_ANSWER
    assert ctx.rules_fired == ["r1"]


@pytest.mark.parametrize(
    ("error", "reason", "rule"),
    [
        (RedactionError("boom"), HandoffReason.REDACTION_FAILURE, "failed_closed:x"),
        (GuardrailError("boom"), HandoffReason.ERROR, "failed_closed:x"),
        (RuntimeError("boom"), HandoffReason.ERROR, "error:x"),
    ],
)
def test_when_a_step_raises_then_pipeline_fails_closed_with_a_person(council, error, reason, rule) -> None:  # type: ignore[no-untyped-def]
    after: list[str] = []

    def boom(ctx: TurnContext) -> None:
        raise error

    ctx = Pipeline([NamedStep("x", boom), NamedStep("model", lambda ctx: after.append("model"))]).run(_ctx(council))
    assert after == []
    assert ctx.stop is not None
    assert (ctx.stop.outcome, ctx.stop.reason, ctx.stop.text) == (Outcome.HANDOFF, reason, FAILED_CLOSED)
    assert rule in ctx.rules_fired
