"""A file shipped in ``web_widget/static`` served as-is, gzipped when the browser accepts it."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from importlib import resources

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["StaticAsset"]


@dataclass(frozen=True, slots=True)
class StaticAsset:
    """The bytes of one static file, their gzip and a strong ETag."""

    body: bytes
    gzipped: bytes
    media_type: str
    etag: str

    @classmethod
    def load(cls, name: str, media_type: str) -> StaticAsset:
        """Read ``web_widget/static/<name>`` from the installed package."""
        body = (resources.files("web_widget") / "static" / name).read_bytes()
        digest = hashlib.sha256(body).hexdigest()[:16]
        return cls(body, gzip.compress(body, compresslevel=9, mtime=0), media_type, f'"{digest}"')

    def response(self, request: Request, max_age: int = 300) -> Response:
        """The file (or 304), gzip-encoded if accepted; cacheable briefly so fixes reach residents quickly."""
        headers = {
            "ETag": self.etag,
            "Cache-Control": f"public, max-age={max_age}",
            "Vary": "Accept-Encoding",
            "Cross-Origin-Resource-Policy": "cross-origin",
        }
        if request.headers.get("if-none-match") == self.etag:
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(self.gzipped, media_type=self.media_type, headers=headers)
        return Response(self.body, media_type=self.media_type, headers=headers)
