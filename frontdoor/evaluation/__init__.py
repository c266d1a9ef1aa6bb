"""Evaluation commands over labelled sets that live in the repo."""
