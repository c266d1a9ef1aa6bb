"""Server-sent events by polling the SQL store: works the same with one worker or many.

A stream stays open for at most ``wait`` seconds and then ends; browsers' ``EventSource`` reconnects by
itself, sending ``Last-Event-ID`` so nothing is missed. Short streams also pass through proxies that cut
idle connections, and let tests read a stream to its end.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import anyio
import anyio.to_thread
from fastapi.responses import StreamingResponse

__all__ = ["Poll", "SseEvent", "event_stream", "sse_response"]

RETRY_MS = 2000


@dataclass(frozen=True, slots=True)
class SseEvent:
    """One event: its type, JSON data and optional id (used to resume)."""

    event: str
    data: object
    id: str | None = None

    def encode(self) -> str:
        """The wire form."""
        head = f"id: {self.id}\n" if self.id is not None else ""
        data = json.dumps(self.data, default=str, separators=(",", ":"))
        return f"{head}event: {self.event}\ndata: {data}\n\n"


@dataclass(frozen=True, slots=True)
class Poll:
    """What one look at the store found: new events, and whether the stream is finished."""

    events: list[SseEvent]
    finished: bool = False


async def event_stream(poll: Callable[[], Poll], *, wait: float, interval: float) -> AsyncIterator[str]:
    """Call ``poll`` (in a worker thread) every ``interval`` seconds until finished or ``wait`` has passed."""
    yield f"retry: {RETRY_MS}\n\n"
    deadline = time.monotonic() + wait
    while True:
        found = await anyio.to_thread.run_sync(poll)
        for event in found.events:
            yield event.encode()
        if found.finished or time.monotonic() >= deadline:
            return
        yield ": keep-alive\n\n"
        await anyio.sleep(interval)


def sse_response(stream: AsyncIterator[str]) -> StreamingResponse:
    """A text/event-stream response that proxies must not buffer or cache."""
    return StreamingResponse(
        stream,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
