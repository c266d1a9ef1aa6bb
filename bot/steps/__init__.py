"""The conversation core's steps: redact → guard input → safeguarding → retrieve → compose → guard output."""
