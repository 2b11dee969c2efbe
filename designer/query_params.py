"""Whole numbers read from query strings: ASCII digits only, within a 64-bit column.

`str.isdigit` accepts "²" and "١", which `int` then refuses or reads, and a digit string may
be longer than any id: both used to reach the database and end in a 500. This module must not
know which view asks; it only reads the text and says what is wrong with it.
"""

from designer.errors import InvalidInput

MAX_ID = 2**63 - 1


def whole_number(raw: str, name: str, low: int = 0, high: int = MAX_ID) -> int:
    """`raw` as an int from `low` to `high`, or InvalidInput naming the parameter."""
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise InvalidInput(
            f"{name} must be a whole number from {low} to {high}; got '{shown}'.",
            code="bad_number",
        )
    return int(raw)
