"""``POST /api/v1/feedback``: a resident's "Was this helpful?" on one of the assistant's answers.

The answer is named by ``message_seq`` (its sequence number in the conversation) or by ``answer_index``
(0-based among the assistant's messages, which is what the widget counts). A comment is optional and is
redacted before it is stored; the resident's raw words are never kept or logged.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, status
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select

from frontdoor.api.deps import ServicesDep
from frontdoor.errors import NotFoundError
from storage.feedback_tables import FeedbackRow
from storage.models import ConversationRow, MessageRow

__all__ = ["FeedbackRequest", "FeedbackResponse", "router"]

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1", tags=["feedback"])


class FeedbackRequest(BaseModel):
    """One vote on one answer."""

    conversation_id: str = Field(min_length=1, max_length=64)
    message_seq: int | None = Field(default=None, ge=1, description="The answer's sequence number")
    answer_index: int | None = Field(default=None, ge=0, description="0-based among bot messages")
    helpful: bool
    comment: str | None = Field(default=None, max_length=1000, description="Optional; redacted when stored")

    @model_validator(mode="after")
    def _one_target(self) -> FeedbackRequest:
        if (self.message_seq is None) == (self.answer_index is None):
            raise ValueError("give exactly one of message_seq or answer_index")
        return self


class FeedbackResponse(BaseModel):
    """Confirmation: which answer the vote was recorded against."""

    status: str = "recorded"
    message_seq: int


@router.post("/feedback", response_model=FeedbackResponse, status_code=status.HTTP_201_CREATED)
def feedback(body: FeedbackRequest, services: ServicesDep) -> FeedbackResponse:
    """Record (or replace) the resident's verdict on one answer."""
    db = services.database
    with db.session() as s:
        conv = s.get(ConversationRow, body.conversation_id)
        if conv is None:
            raise NotFoundError("no such conversation")
        council_id = conv.council_id
        answers = select(MessageRow.seq).where(
            MessageRow.conversation_id == body.conversation_id, MessageRow.role == "bot"
        )
        if body.message_seq is not None:
            seq = s.scalar(answers.where(MessageRow.seq == body.message_seq))
        else:
            seq = s.scalar(answers.order_by(MessageRow.seq).offset(body.answer_index).limit(1))
        if seq is None:
            raise NotFoundError("no such answer in this conversation")
    comment = (body.comment or "").strip()
    # Redact outside the transaction (it is slow); a RedactionError fails closed: nothing is stored.
    redacted = services.redactor.redact(comment, council_id=council_id).text if comment else None
    with db.session() as s:
        row = s.scalar(select(FeedbackRow).where(
            FeedbackRow.conversation_id == body.conversation_id, FeedbackRow.message_seq == seq
        ))
        if row is None:
            s.add(FeedbackRow(conversation_id=body.conversation_id, council_id=council_id, message_seq=seq,
                              helpful=body.helpful, comment=redacted))
        else:
            row.helpful = body.helpful
            row.comment = redacted if comment else row.comment
    log.info("feedback.recorded", extra={"conversation": body.conversation_id, "seq": seq,
                                         "helpful": body.helpful, "has_comment": bool(comment)})
    return FeedbackResponse(message_seq=seq)
