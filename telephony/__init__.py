"""The careline: Twilio voice webhooks over the same conversation core as chat (see telephony.routes)."""
