"""A stand-in OpenAI-compatible chat endpoint for checking the LLM wiring offline (no model needed).

It plays a model that answers by restating the first two sentences of passage [1] — and, to exercise the
grounding verifier, appends one sentence with an invented phone number and URL. Use it to check that
``frontdoor eval`` runs end to end with the LLM composer and reports the grounded-sentence rate:

    python benchmarks/quoting_llm_server.py --port 8765 &
    FRONTDOOR_LLM_PROVIDER=openai FRONTDOOR_LLM_BASE_URL=http://127.0.0.1:8765/v1 \\
        FRONTDOOR_LLM_MODEL=quoting-stand-in FRONTDOOR_LLM_API_KEY=unused frontdoor eval

Its figures measure the verifier, not a language model; run ``frontdoor eval`` against a council's
approved endpoint for real figures.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_PASSAGE_1 = re.compile(r"^\[1\] [^\n]*\n(?P<text>.+?)(?:\n\n\[2\] |\Z)", re.S | re.M)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _answer(user: str) -> dict[str, Any]:
    match = _PASSAGE_1.search(user)
    if not match:
        return {"completeness": "none", "passages": [], "answer": ""}
    sentences = [s.strip() for s in _SENTENCE.split(" ".join(match.group("text").split())) if s.strip()]
    quoted = " ".join(f"{s.rstrip('.')}. [1]" if not s.endswith((".", "!", "?")) else f"{s} [1]" for s in sentences[:2])
    invented = "You can also ring 0207 946 0999 or visit https://example.org/help for more. [1]"
    return {"completeness": "complete", "passages": [1], "answer": f"{quoted} {invented}"}


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        user = next((m.get("content", "") for m in reversed(body.get("messages", [])) if m.get("role") == "user"), "")
        content = json.dumps(_answer(str(user)))
        reply = {
            "id": "chatcmpl-stand-in",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "quoting-stand-in"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        return


def main() -> None:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    ThreadingHTTPServer(("127.0.0.1", args.port), _Handler).serve_forever()


if __name__ == "__main__":
    main()
