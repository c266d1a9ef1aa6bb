"""UK personal-data redaction on Presidio, fully offline, and the encrypted vault of originals."""
