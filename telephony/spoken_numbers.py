"""Numbers for the ear: money in words and phone numbers digit by digit, in groups.

Pure functions. Text-to-speech engines read "£23,250" inconsistently ("twenty-three comma two five
zero pounds" on some voices) and read "01632 960100" as one large number, so the careline spells both out.
"""

from __future__ import annotations

import re

import phonenumbers

__all__ = ["number_in_words", "speak_money", "speak_phone_number", "speak_phone_numbers_and_money"]

_ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"))

_MONEY = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?(?!\d)")
# UK numbers as councils print them (01632 960100, 0300 123 4567, 020 7946 0000, +44 1632 960100,
# 18001 01632 960100) and the short emergency and help lines.
_PHONE = re.compile(
    r"(?<![\d£.])(?<!\d,)(?:18001\s)?(?:\+44\s?\(?0?\)?\s?\d{2,4}|\(?0\d{2,4}\)?)[\s-]?\d{3,4}[\s-]?\d{3,4}"
    r"(?!\d|,\d)"
    r"|(?<![\d£.])(?<!\d,)(?:999|111|116\s?123)(?!\d|,\d)"
)


def number_in_words(n: int) -> str:
    """British English words for a whole number: 23250 → "twenty three thousand, two hundred and fifty"."""
    if n < 0:
        return "minus " + number_in_words(-n)
    if n < 1000:
        return _below_thousand(n)
    parts: list[str] = []
    rest = n
    for size, name in _SCALES:
        if rest >= size:
            parts.append(f"{number_in_words(rest // size)} {name}")
            rest %= size
    text = ", ".join(parts)
    if rest:
        text += (" and " if rest < 100 else ", ") + _below_thousand(rest)
    return text


def _below_thousand(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {_below_thousand(rest)}" if rest else "")


def speak_money(pounds: int, pence: int = 0) -> str:
    """ "£23,250" → "twenty three thousand, two hundred and fifty pounds"; pence are added when not zero."""
    words = f"{number_in_words(pounds)} {'pound' if pounds == 1 else 'pounds'}"
    if pence:
        pence_words = f"{number_in_words(pence)} {'penny' if pence == 1 else 'pence'}"
        return pence_words if pounds == 0 else f"{words} and {pence_words}"
    return words


def speak_phone_number(number: str) -> str:
    """Digits one by one, in the groups the number is printed in: "01632 960100" → "zero one six three
    two, nine six zero, one zero zero". A printed group longer than five digits is split into threes;
    an international (+44) number is read in its national form."""
    text = _national(number.replace("(", " ").replace(")", " "))
    groups: list[str] = []
    for raw in re.split(r"[\s-]+", text.strip()):
        digits = re.sub(r"\D", "", raw)
        chunks = [digits] if len(digits) <= 5 else [digits[i : i + 3] for i in range(0, len(digits), 3)]
        groups.extend(" ".join(_DIGITS[int(d)] for d in chunk) for chunk in chunks if chunk)
    return ", ".join(groups)


def _national(number: str) -> str:
    """ "+441632960100" (or "01632960100") → "01632 960100": the form UK callers know, in its usual groups."""
    compact = number.strip()
    if not (compact.startswith("+") or re.fullmatch(r"0\d{9,10}", compact)):
        return number
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def speak_phone_numbers_and_money(text: str) -> str:
    """Rewrite every amount of money and every phone number in ``text`` for the ear."""
    text = _MONEY.sub(lambda m: speak_money(int(m.group(1).replace(",", "")), int(m.group(2) or 0)), text)
    return _PHONE.sub(lambda m: speak_phone_number(m.group(0)), text)
