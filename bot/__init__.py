"""The conversation core: a pipeline of steps over one context, with IO at the edges.

Channels (web API, careline, advisor console) build a :class:`bot.base.Turn`, call
:meth:`bot.conversation_service.ConversationService.handle` and translate the :class:`bot.base.Reply`.
"""
