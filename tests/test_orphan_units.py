"""No orphan units: a number and its unit ("%", "€") are joined by a no-break space in templates,
so "%" never wraps alone onto the next line (under a progress bar, in a narrow table cell)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A template value followed by a plain space and a unit, outside translated text.
ORPHAN = re.compile(r"\}\} (%|€|EUR)(?=[<{\s.,)]|$)")


def test_templates_join_numbers_and_units_with_a_no_break_space():
    offenders = []
    for path in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            # blocktranslate text is a msgid: its spacing belongs to the catalogues
            if "blocktranslate" in line:
                continue
            if ORPHAN.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []
