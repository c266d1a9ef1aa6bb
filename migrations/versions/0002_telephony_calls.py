"""careline tables: calls and replayed webhook replies (telephony/call_tables.py)

Revision ID: 0002_telephony
Revises: 0001
Create Date: 2026-11-25 17:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_telephony"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "telephony_calls",
        sa.Column("call_sid", sa.String(length=64), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.String(length=64), nullable=False),
        sa.Column("awaiting", sa.String(length=16), nullable=False),
        sa.Column("silent_turns", sa.Integer(), nullable=False),
        sa.Column("sms_links", sa.JSON(), nullable=True),
        sa.Column("caller_number_vaulted", sa.Integer(), nullable=False),
        sa.Column("handoff_id", sa.String(length=64), nullable=True),
        sa.Column("transfer_cause", sa.String(length=32), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("final_status", sa.String(length=32), nullable=True),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("call_sid"),
    )
    with op.batch_alter_table("telephony_calls", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_telephony_calls_conversation_id"), ["conversation_id"], unique=False
        )

    op.create_table(
        "telephony_webhook_replies",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("call_sid", sa.String(length=64), nullable=False),
        sa.Column("twiml", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("telephony_webhook_replies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_telephony_webhook_replies_call_sid"), ["call_sid"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_telephony_webhook_replies_created_at"), ["created_at"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("telephony_webhook_replies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_telephony_webhook_replies_created_at"))
        batch_op.drop_index(batch_op.f("ix_telephony_webhook_replies_call_sid"))
    op.drop_table("telephony_webhook_replies")
    with op.batch_alter_table("telephony_calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_telephony_calls_conversation_id"))
    op.drop_table("telephony_calls")
