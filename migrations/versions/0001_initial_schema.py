"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 17:19:27.834410
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "advisor_accounts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=128), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("councils", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("council_id", sa.String(length=64), nullable=True),
        sa.Column("handoff_id", sa.String(length=64), nullable=True),
        sa.Column("conversation_id", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_log_handoff", ["handoff_id", "id"], unique=False)

    op.create_table(
        "conversations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("low_confidence_count", sa.Integer(), nullable=False),
        sa.Column("external_ref", sa.String(length=128), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversations_council_id"), ["council_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conversations_external_ref"), ["external_ref"], unique=False)

    op.create_table(
        "decision_records",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("redacted_input", sa.Text(), nullable=False),
        sa.Column("redactions", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("handoff_reason", sa.String(length=32), nullable=True),
        sa.Column("handoff_tier", sa.String(length=16), nullable=True),
        sa.Column("handoff_category", sa.String(length=32), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("rules_fired", sa.JSON(), nullable=False),
        sa.Column("composer", sa.String(length=32), nullable=True),
        sa.Column("model", sa.String(length=128), nullable=True),
        sa.Column("latency_ms", sa.Float(), nullable=False),
        sa.Column("step_ms", sa.JSON(), nullable=False),
        sa.Column("bot_enabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("decision_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decision_records_conversation_id"), ["conversation_id"], unique=False
        )
        batch_op.create_index(
            "ix_decision_records_council_created", ["council_id", "created_at"], unique=False
        )

    op.create_table(
        "shared_state",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("shared_state", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shared_state_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "vault_audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("reader_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("entries_read", sa.Integer(), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("vault_audit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vault_audit_conversation_id"), ["conversation_id"], unique=False
        )

    op.create_table(
        "vault_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("vault_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_vault_entries_conversation", ["conversation_id", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_vault_entries_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "vault_maps",
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.String(length=64), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id"),
    )
    with op.batch_alter_table("vault_maps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vault_maps_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "advisor_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["advisor_accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("advisor_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_advisor_sessions_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_advisor_sessions_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.String(length=64), nullable=False),
        sa.Column("message_seq", sa.Integer(), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id", "message_seq", name="uq_feedback_message"),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_conversation_id"), ["conversation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedback_council_id"), ["council_id"], unique=False)

    op.create_table(
        "handoffs",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=True),
        sa.Column("tier", sa.String(length=16), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("outcome_code", sa.String(length=32), nullable=True),
        sa.Column("packet", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handoffs_conversation_id"), ["conversation_id"], unique=False)
        batch_op.create_index(
            "ix_handoffs_queue", ["council_id", "status", "priority", "created_at"], unique=False
        )

    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("citations", sa.JSON(), nullable=True),
        sa.Column("rules_fired", sa.JSON(), nullable=True),
        sa.Column("author_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index("ix_messages_conversation_seq", ["conversation_id", "seq"], unique=True)

    op.create_table(
        "handoff_callbacks",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("handoff_id", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.String(length=64), nullable=False),
        sa.Column("why", sa.String(length=32), nullable=False),
        sa.Column("contact_preference", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("handoff_callbacks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_handoff_callbacks_conversation_id"), ["conversation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_handoff_callbacks_council_id"), ["council_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_handoff_callbacks_handoff_id"), ["handoff_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("handoff_callbacks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handoff_callbacks_handoff_id"))
        batch_op.drop_index(batch_op.f("ix_handoff_callbacks_council_id"))
        batch_op.drop_index(batch_op.f("ix_handoff_callbacks_conversation_id"))

    op.drop_table("handoff_callbacks")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_conversation_seq")

    op.drop_table("messages")
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.drop_index("ix_handoffs_queue")
        batch_op.drop_index(batch_op.f("ix_handoffs_conversation_id"))

    op.drop_table("handoffs")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_council_id"))
        batch_op.drop_index(batch_op.f("ix_feedback_conversation_id"))

    op.drop_table("feedback")
    with op.batch_alter_table("advisor_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_advisor_sessions_expires_at"))
        batch_op.drop_index(batch_op.f("ix_advisor_sessions_account_id"))

    op.drop_table("advisor_sessions")
    with op.batch_alter_table("vault_maps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vault_maps_expires_at"))

    op.drop_table("vault_maps")
    with op.batch_alter_table("vault_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vault_entries_expires_at"))
        batch_op.drop_index("ix_vault_entries_conversation")

    op.drop_table("vault_entries")
    with op.batch_alter_table("vault_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vault_audit_conversation_id"))

    op.drop_table("vault_audit")
    with op.batch_alter_table("shared_state", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shared_state_expires_at"))

    op.drop_table("shared_state")
    with op.batch_alter_table("decision_records", schema=None) as batch_op:
        batch_op.drop_index("ix_decision_records_council_created")
        batch_op.drop_index(batch_op.f("ix_decision_records_conversation_id"))

    op.drop_table("decision_records")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversations_external_ref"))
        batch_op.drop_index(batch_op.f("ix_conversations_council_id"))

    op.drop_table("conversations")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_handoff")
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
    op.drop_table("advisor_accounts")
