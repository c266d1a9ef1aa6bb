"""Subcommands of the ``frontdoor`` CLI, one per module."""
