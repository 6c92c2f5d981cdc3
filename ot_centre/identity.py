"""Finnish personal identity code (henkilötunnus) detection in free text.

Rule (Digital and Population Data Services Agency, dvv.fi; ot_centre/reference/README.md):
DDMMYY + century sign + NNN + check character, where the check character is
``CHECK_CHARACTERS[int(DDMMYYNNN) % 31]``. Century signs since the 2023 reform: ``+`` (1800s);
``-`` ``Y`` ``X`` ``W`` ``V`` ``U`` (1900s); ``A`` ``B`` ``C`` ``D`` ``E`` ``F`` (2000s).

Only a code whose check character is right counts: an invalid one is ordinary text (a case number,
a date range), so the refusal does not fire on look-alikes.
"""

from __future__ import annotations

import re

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_SIGNS = "+-YXWVUABCDEF"
_PATTERN = re.compile(
    r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Za-z])(?![0-9A-Za-z])",
    re.IGNORECASE,
)


def check_character(birth: str, individual: str) -> str:
    """The check character for DDMMYY + NNN."""
    return CHECK_CHARACTERS[int(birth + individual) % 31]


def is_valid_identity_code(code: str) -> bool:
    match = _PATTERN.fullmatch(code.strip())
    return bool(match) and _valid(match)


def _valid(match: re.Match) -> bool:
    day, month, year, sign, individual, check = match.groups()
    if sign.upper() not in CENTURY_SIGNS:
        return False
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return False
    return check.upper() == check_character(day + month + year, individual)


def find_identity_codes(text: str) -> list[str]:
    """Every valid personal identity code in ``text``."""
    return [m.group(0) for m in _PATTERN.finditer(text or "") if _valid(m)]


def contains_identity_code(text: str) -> bool:
    return bool(find_identity_codes(text))
