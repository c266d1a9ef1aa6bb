"""Alembic migrations of the Front Door schema (run them with ``frontdoor db upgrade``)."""
