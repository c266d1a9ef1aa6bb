"""How many threads native maths libraries may use inside one call.

The service parallelises by request: every turn runs on its own worker thread. Per turn, numpy multiplies
small matrices (page outlines, safeguarding exemplars, the learned classifier) through OpenBLAS, which by
default starts one thread per core and leaves them spin-waiting after each call. Measured on the 2-core
machine over the 162 evaluation questions in sequence: 139 ms of CPU per turn with OpenBLAS's default
against 63 ms with one BLAS thread, at the same wall time (73 vs 63 ms) — the spinning bought nothing and,
under concurrent turns, took the second core from the other requests. So the composition root limits BLAS
to ``Settings.blas_threads`` (default 1). ONNX Runtime and spaCy are configured separately (one intra-op
thread each; see ``knowledge_base/onnx_embedder.py``), and torch's own thread pool is left alone.
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits

__all__ = ["limit_blas_threads"]


def limit_blas_threads(threads: int) -> None:
    """Cap every loaded BLAS library (process-wide, for the rest of the process) at ``threads`` per call."""
    threadpool_limits(limits=threads, user_api="blas")
