"""``POST /api/v1/chat/stream`` on the real app: sentence deltas, then the same reply as ``/chat``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from frontdoor.api.chat_stream import split_for_stream


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("One. Two [1]. Three", ["One. ", "Two [1]. ", "Three"]),
        (
            "Here is what it says:\n\nIt costs £10. [1]\n\nCall us.",
            ["Here is what it says:\n\nIt costs £10. [1]\n\n", "Call us."],
        ),
        ("It costs £1.50 each", ["It costs £1.50 each"]),
        ("", []),
    ],
)
def test_when_reply_is_split_for_streaming_then_pieces_rebuild_it(text: str, pieces: list[str]) -> None:
    assert split_for_stream(text) == pieces
    assert "".join(pieces) == text


def _events(body: str) -> list[tuple[str, Any]]:
    out = []
    for block in body.split("\n\n"):
        lines = dict(
            line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":")
        )
        if "event" in lines:
            out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_when_question_is_streamed_then_deltas_then_done_with_citations(client: Any) -> None:
    response = client.post(
        "/api/v1/chat/stream", json={"message": "How much does a blue badge cost?", "council": "ashby-vale"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = _events(response.text)
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == "done" and set(kinds[:-1]) == {"delta"} and len(kinds) > 2
    done = events[-1][1]
    assert "".join(data["text"] for kind, data in events if kind == "delta") == done["reply"]
    assert done["outcome"] == "answered" and done["citations"]
    assert "£10" in done["reply"]


def test_when_message_is_empty_then_problem_not_stream(client: Any) -> None:
    response = client.post("/api/v1/chat/stream", json={"message": "   ", "council": "ashby-vale"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
