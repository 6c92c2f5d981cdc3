"""Validators: the Finnish business ID (Y-tunnus) with its check digit."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_BUSINESS_ID = re.compile(r"^(\d{7})-(\d)$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(first_seven: str) -> int | None:
    """The check digit of a Y-tunnus body (7 digits); None when no valid check digit exists.

    The digits are weighted 7, 9, 10, 5, 8, 4, 2; the remainder of the sum divided by 11 gives the
    check digit: 0 -> 0, 1 -> the body is never issued, otherwise 11 - remainder.
    """
    remainder = sum(int(d) * w for d, w in zip(first_seven, _WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def validate_business_id(value: str) -> None:
    match = _BUSINESS_ID.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and the check digit, e.g. 0112038-9."),
            code="format",
        )
    expected = business_id_check_digit(match.group(1))
    if expected is None or expected != int(match.group(2)):
        raise ValidationError(
            _("The check digit of the business ID %(value)s is wrong."), code="check_digit", params={"value": value}
        )
