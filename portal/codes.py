"""What a code is: the stable key of a row in files and APIs (DESIGN.md convention 7).

Imports validate every code they store against one pattern, so text such as ``=cmd|' /C calc'!A0``
or ``@SUM(...)`` is refused with the row instead of being stored and republished in the API and
in exports, where a spreadsheet would run it. A code starts with a letter or a digit and holds
letters (Finnish and Swedish included), digits, space and ``_ . - / :``.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

CODE_RE = re.compile(r"^[0-9A-Za-zÅÄÖåäöÉé][0-9A-Za-zÅÄÖåäöÉé_.\-/: ]*$")
MAX_CODE_LENGTH = 60


def code_problem(value, *, what: str, max_length: int = MAX_CODE_LENGTH, blank: bool = False) -> str:
    """A message saying why ``value`` is not a code of kind ``what``, or ``""`` when it is one."""
    text = "" if value is None else str(value).strip()
    if not text:
        return "" if blank else _("%(what)s is empty") % {"what": what}
    if len(text) > max_length:
        return _("%(what)s is longer than %(n)s characters") % {"what": what, "n": max_length}
    if not CODE_RE.match(text):
        return _(
            "%(what)s %(value)s is not a code: a code starts with a letter or a digit and has only letters, "
            "digits, spaces and _ . - / :"
        ) % {"what": what, "value": repr(text[:40])}
    return ""
