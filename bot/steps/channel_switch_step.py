"""Per-channel switches: with a channel's bot off, every turn goes straight to a person.

Placed right after redaction, so the resident's message is still stored redacted and the handoff packet
carries it, but nothing is retrieved or composed.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.base import Channel, HandoffReason, Outcome, Priority
from bot.context import Stop, TurnContext
from bot.reply_templates import ReplyTemplates

__all__ = ["ChannelSwitchStep"]


class ChannelSwitchStep:
    """With the channel's bot off: hand off (reason ``requested``, rule ``channel_off:<channel>``)."""

    def __init__(self, enabled: Mapping[Channel, bool], templates: ReplyTemplates) -> None:
        self._enabled = dict(enabled)
        self._templates = templates

    @classmethod
    def from_flags(cls, *, chat: bool, phone: bool, templates: ReplyTemplates) -> ChannelSwitchStep:
        """Build from the settings' ``chat_bot_enabled`` / ``phone_bot_enabled``."""
        return cls({Channel.WEB: chat, Channel.PHONE: phone}, templates)

    def __call__(self, ctx: TurnContext) -> None:
        """Stop with a handoff when this channel's bot is switched off."""
        channel = ctx.turn.channel
        if self._enabled.get(channel, True):
            return
        text = self._templates.render("channel_off.j2", council=ctx.council, now=ctx.now, channel=channel.value)
        ctx.halt(
            Stop(
                Outcome.HANDOFF,
                text,
                HandoffReason.REQUESTED,
                Priority.REQUESTED,
                f"channel_off:{channel.value}",
            )
        )
