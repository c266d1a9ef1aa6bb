"""Every fixed sentence the careline says, in one place (plain text; the renderer adds voice and language).

Where the careline asks for the keypad: 0 (a person) and 5 (can't talk) at any prompt; 1 to agree to a
text message; and a council reference, case or client number, which speech recognition gets wrong, is
typed and ended with the hash key when the caller mentions one.
"""

from __future__ import annotations

from councils.council import Council

__all__ = [
    "ANYTHING_ELSE",
    "CANT_TALK_OFFER",
    "HOW_CAN_I_HELP",
    "KEY_NOT_USED",
    "NOT_HEARD",
    "NOT_HEARD_PROMPT",
    "REFERENCE_NOTE",
    "REFERENCE_PROMPT",
    "REFERENCE_SKIPPED",
    "REFERENCE_THANKS",
    "REPHRASE",
    "SMS_DECLINED",
    "SMS_FAILED",
    "SMS_OFFER",
    "SMS_SENT",
    "TRANSFER_NOT_CONNECTED",
    "TRY_AGAIN_PROMPT",
    "goodbye",
    "greeting",
    "sms_body",
]

HOW_CAN_I_HELP = "How can I help you today?"
ANYTHING_ELSE = "Is there anything else I can help with? You can press 0 at any time to speak to a person."
SMS_OFFER = (
    "I can send you a text message with links to the pages I used. Press 1 or say yes for a text. "
    "Or ask me something else, or press 0 to speak to a person."
)
SMS_SENT = "I've sent the text message."
SMS_DECLINED = "OK, I won't send a text."
SMS_FAILED = "I'm sorry, I couldn't send the text message just now."
REPHRASE = "Could you say that another way? Or press 0 to speak to a person."
NOT_HEARD = ("Sorry, I didn't hear anything.",)
NOT_HEARD_PROMPT = "Please tell me what you'd like to know, or press 0 to speak to a person."
CANT_TALK_OFFER = "If you can't talk right now, press 5. Or press 0 to speak to a person."
KEY_NOT_USED = ("Sorry, that key doesn't do anything here.",)
REFERENCE_PROMPT = (
    "Reference numbers are easier to type than to say. Please type your reference number on the "
    "keypad, then press the hash key. Or press star to skip."
)
REFERENCE_THANKS = (
    "Thank you. I've noted your reference number for the team.",
    "I can't look up cases myself, but I can answer general questions.",
)
REFERENCE_SKIPPED = ("That's fine.",)
REFERENCE_NOTE = "Caller typed a reference number on the keypad (kept in the vault)."
TRANSFER_NOT_CONNECTED = (
    "I'm sorry, nobody could take your call just now. Your request is with the team.",
    "If you or someone else is in danger right now, hang up and call nine nine nine.",
)
TRY_AGAIN_PROMPT = "Press 0 to try again, or ask me a question."


def greeting(council: Council) -> tuple[str, ...]:
    """The notice every caller hears first, before they can speak."""
    return (
        f"Hello, you're through to {council.name}'s adult social care line.",
        "I'm an automated assistant. I answer from the council's own pages, and I'll put you through to "
        "a person whenever you ask.",
        "What you say is written down, with personal details removed, so the team can follow up.",
        "You can press 0 at any time to speak to a person.",
        "If you or someone else is in danger right now, hang up and call nine nine nine.",
    )


def goodbye(council: Council) -> tuple[str, ...]:
    """The last words of a call the caller ended."""
    return (f"Thank you for calling {council.name}. Goodbye.",)


def sms_body(council: Council, links: list[tuple[str, str]]) -> str:
    """The text message: the council's name and the pages' titles and links (nothing the caller said)."""
    lines = [f"{council.name} adult social care: the pages we talked about."]
    lines += [f"{title}: {url}" for title, url in links]
    return "\n".join(lines)
