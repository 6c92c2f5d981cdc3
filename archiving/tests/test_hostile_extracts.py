"""The hostile-file corpus (tests/hostile_files.py) against the retention simulation's reader: every
file goes through the core's safe reader, so each is refused quickly, in little memory, with a
message naming the file and what is wrong."""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc

import pytest
from django.utils import translation

from archiving import extract as ex
from archiving.retention import RuleSpec
from tests.hostile_files import corpus

HEADER = ["record_id", "record_type", "birth_date", "death_date", "case_closed_date", "created_date"]
RULES = [RuleSpec(code="patient-main", domain="patient", period_years=12, trigger="death")]
SECONDS = 10
MEMORY_BOUND = 64 * 1024 * 1024


@pytest.mark.parametrize("hostile", corpus(HEADER, code_column=1), ids=lambda h: h.name)
def test_every_hostile_extract_is_refused_by_the_safe_reader(hostile):
    tracemalloc.start()
    started = time.monotonic()
    try:
        with translation.override("en"), pytest.raises(ex.ExtractError) as exc:
            ex.parse_extract(
                hostile.content, hostile.filename, rules=RULES, aliases={"patient-main": 0}, as_of=dt.date(2026, 1, 1)
            )
    finally:
        elapsed = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    message = str(exc.value)
    # a CSV with a header and no rows is the archiving reader's own "has no rows"
    expected = (*hostile.expect, "has no rows")
    assert hostile.filename in message, message
    assert any(e.lower() in message.lower() for e in expected), message
    assert elapsed < SECONDS, elapsed
    assert peak < MEMORY_BOUND, peak


def test_limits_of_the_core_apply_to_a_plain_csv():
    from portal.safe_reader import ReadLimits

    body = "".join(f"r{i},patient-main,1950-01-17,2000-01-01,,2000-01-01\n" for i in range(50))
    content = (",".join(HEADER) + "\n" + body).encode()
    base = ReadLimits.from_settings()
    cases = [
        (ReadLimits.from_settings(max_rows=20), "more than 20 rows"),
        (ReadLimits.from_settings(max_columns=5), "the row has 6 columns; the limit is 5"),
        (ReadLimits.from_settings(max_cells=120), "more than 120 cells"),
        (ReadLimits.from_settings(max_compressed_bytes=1024), "the limit is 1024 bytes"),
        (ReadLimits.from_settings(max_cell_chars=100), None),  # no cell that long: read
    ]
    assert base.max_rows > 51
    for limits, expected in cases:
        with translation.override("en"):
            if expected is None:
                extract = ex.parse_extract(
                    content, "x.csv", rules=RULES, aliases={"patient-main": 0}, as_of=dt.date(2026, 1, 1), limits=limits
                )
                assert len(extract) == 50 and extract.record_id_at(49) == "r49"
                continue
            with pytest.raises(ex.ExtractError) as exc:
                ex.parse_extract(
                    content, "x.csv", rules=RULES, aliases={"patient-main": 0}, as_of=dt.date(2026, 1, 1), limits=limits
                )
        assert "x.csv" in str(exc.value) and expected in str(exc.value), str(exc.value)
