"""Fixtures for the LLM composer tests.

* ``openai_stub``: a real HTTP server on 127.0.0.1 speaking the OpenAI ``POST /v1/chat/completions``
  protocol. Tests script its replies (content, HTTP status, delay) and read every request body it got.
* ``ashby`` / ``retrieval_for``: the sample council and real chunks of its sample pages, as the
  retriever would hand them to a composer.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.extractive_composer import ExtractiveComposer
from bot.reply_templates import ReplyTemplates
from councils import Council, CouncilRegistry
from frontdoor.settings import default_councils_file
from knowledge_base.base import Chunk, RetrievalResult, RetrievedChunk
from knowledge_base.chunker import Chunker
from knowledge_base.loaders.markdown_loader import MarkdownLoader
from knowledge_base.loaders.source_file import SourceFile

SAMPLE_KB = Path(__file__).resolve().parents[2] / "frontdoor" / "sample" / "knowledge_base"


@dataclass(frozen=True, slots=True)
class StubReply:
    """What the stub server does for one request."""

    content: str = ""
    status: int = 200
    delay: float = 0.0


class OpenAIStub:
    """A tiny OpenAI-compatible chat-completions server (and Ollama ``/api/chat``) recording every body."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.raw_bodies: list[str] = []
        self.replies: deque[StubReply] = deque()
        self.default = StubReply(status=500, content="no reply scripted")
        self.responder: Callable[[dict[str, Any]], StubReply] | None = None
        """Computes a reply from the request body when nothing is scripted (a stand-in "model")."""
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
                stub.raw_bodies.append(body)
                stub.requests.append({"path": self.path, "json": json.loads(body)})
                if stub.replies:
                    reply = stub.replies.popleft()
                elif stub.responder is not None:
                    reply = stub.responder(stub.requests[-1]["json"])
                else:
                    reply = stub.default
                if reply.delay:
                    time.sleep(reply.delay)
                payload: dict[str, Any]
                if self.path == "/api/chat" and reply.status == 200:  # Ollama: one NDJSON line, done
                    payload = {
                        "model": stub.requests[-1]["json"].get("model", "stub"),
                        "created_at": "2026-01-01T00:00:00Z",
                        "message": {"role": "assistant", "content": reply.content},
                        "done": True,
                        "done_reason": "stop",
                        "prompt_eval_count": 1,
                        "eval_count": 1,
                    }
                elif reply.status != 200:
                    payload = {"error": {"message": reply.content, "type": "server_error"}}
                else:
                    payload = {
                        "id": "chatcmpl-stub",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": stub.requests[-1]["json"].get("model", "stub"),
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": reply.content},
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                data = json.dumps(payload).encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        """The ``/v1`` base URL to configure."""
        return f"{self.root_url}/v1"

    @property
    def root_url(self) -> str:
        """The server's root (Ollama's base URL)."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def script(self, *replies: StubReply | str) -> None:
        """Queue replies (a plain string is a 200 with that content)."""
        self.replies.extend(r if isinstance(r, StubReply) else StubReply(content=r) for r in replies)

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def openai_stub() -> Iterator[OpenAIStub]:
    """A fresh stub server per test."""
    stub = OpenAIStub()
    yield stub
    stub.close()


@pytest.fixture(scope="session")
def ashby() -> Council:
    """The sample council Ashby Vale."""
    return CouncilRegistry.from_yaml(default_councils_file()).get("ashby-vale")


@pytest.fixture(scope="session")
def sample_chunks() -> dict[str, list[Chunk]]:
    """Ashby Vale's sample pages, chunked, by document id."""
    chunker = Chunker()
    out: dict[str, list[Chunk]] = {}
    for path in sorted((SAMPLE_KB / "ashby-vale").glob("*.md")):
        source = SourceFile(path, "ashby-vale", path.name, "https://www.ashbyvale.gov.uk")
        document = MarkdownLoader().load(source)
        out[document.doc_id] = chunker.chunk(document)
    return out


@pytest.fixture(scope="session")
def retrieval_for(sample_chunks: dict[str, list[Chunk]]) -> Callable[..., RetrievalResult]:
    """``retrieval_for(("doc", "section words"), ...)``: those chunks, ranked in the order given."""

    def make(*wanted: tuple[str, str], query: str = "question") -> RetrievalResult:
        chosen = []
        for doc_id, section in wanted:
            matches = [
                c for c in sample_chunks[doc_id] if section.lower() in (c.section + " " + c.text).lower()
            ]
            assert matches, f"no chunk of {doc_id} mentions {section!r}"
            chosen.append(matches[0])
        ranked = tuple(RetrievedChunk(c, 1.0 - i * 0.05, 0.8 - i * 0.05) for i, c in enumerate(chosen))
        return RetrievalResult(query=query, chunks=ranked, confidence=0.9)

    return make


@pytest.fixture(scope="session")
def extractive() -> ExtractiveComposer:
    """The real fallback composer."""
    return ExtractiveComposer(ReplyTemplates())


@pytest.fixture(scope="session")
def redactor(settings_factory: Callable[..., Any]) -> Any:
    """The real Presidio redactor (spaCy by path, UK recognizers, the sample councils' keep-list)."""
    from redaction.analyzer_provider import build_redactor

    settings = settings_factory()
    return build_redactor(settings, list(CouncilRegistry.from_yaml(settings.councils_file)))
