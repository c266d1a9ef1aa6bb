"""Guardrails: safeguarding detection, prompt-injection detection, and output checks."""
