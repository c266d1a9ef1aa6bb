"""Jinja2 templates for every fixed sentence the bot says (connecting phrases, handoffs, crisis replies)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

__all__ = ["ReplyTemplates"]


class ReplyTemplates:
    """Renders plain-text replies from ``bot/templates``. Output is text, never HTML."""

    def __init__(self, package: str = "bot", folder: str = "templates") -> None:
        self._env = Environment(
            loader=PackageLoader(package, folder),
            autoescape=False,  # plain text: channels render it as text, never as HTML
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )

    def render(self, name: str, **values: Any) -> str:
        """Render a template and tidy its whitespace."""
        text = self._env.get_template(name).render(**values)
        return "\n".join(line.rstrip() for line in text.strip().splitlines())
