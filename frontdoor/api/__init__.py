"""The HTTP API (FastAPI routers). Routers only translate between HTTP and the conversation core."""
