"""The SQL store (SQLAlchemy 2): SQLite under the data dir by default, PostgreSQL by URL.

A folder of its own because conversations, handoffs, the vault, advisor accounts and audit records all
share one database and one schema (migrated with Alembic), used by several packages.
"""
