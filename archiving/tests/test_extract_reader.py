"""The byte-level reader of a plain CSV gives exactly what pandas' reader gives (same dates, rules,
ids, types and the same messages), and a CSV that is not plain is read by pandas."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.utils import translation

from archiving import extract as ex
from archiving.retention import RuleSpec

HEADER = "record_id,record_type,birth_date,death_date,case_closed_date,created_date\n"
RULES = [
    RuleSpec(code="patient-main", domain="patient", period_years=12, trigger="death"),
    RuleSpec(code="social-older-people", domain="social", period_years=10, trigger="case_closed"),
]
ALIASES = {"patient-main": 0, "social-older-people": 1, "vanhuspalvelujen palvelutehtävä": 1}
BODIES = {
    "plain": "r1,patient-main,1950-01-17,,,2000-01-01\nr2,social-older-people,1950-01-08,,2015-06-30,2001-01-01\n",
    "leap days": "r1,patient-main,2020-02-29,,,2000-02-29\nr2,patient-main,1600-02-29,,,2000-01-01\n",
    "years numpy takes, pandas not": "r1,patient-main,0001-01-01,,,2000-01-01\nr2,patient-main,1600-03-01,,,\n",
    "case, spaces and UTF-8 in types": "r1, Patient-Main ,1950-01-17,,,\nr2,Vanhuspalvelujen palvelutehtävä,,,2015-06-30,\n",
    "no final line end": "r1,patient-main,1950-01-17,,,2000-01-01",
    "29 February of a common year": "r1,patient-main,2019-02-29,,,2000-01-01\n",
    "30 February": "r1,patient-main,2021-02-30,,,2000-01-01\n",
    "month 13": "r1,patient-main,1950-13-01,,,2000-01-01\n",
    "day 0": "r1,patient-main,1950-01-00,,,2000-01-01\n",
    "not ISO": "r1,patient-main,17.1.1950,,,2000-01-01\n",
    "space before a date": "r1,patient-main, 1950-01-17,,,2000-01-01\n",
    "a space only": "r1,patient-main, ,,,2000-01-01\n",
    "future": "r1,patient-main,1950-01-17,2999-01-01,,2000-01-01\n",
    "death before birth": "r1,patient-main,1950-01-17,1940-01-01,,2000-01-01\n",
    "empty id": ",patient-main,1950-01-17,,,2000-01-01\n",
    "unknown rule": "r1,patient-main,1950-01-17,,,\nr2,no-such-rule,1950-01-17,,,\n",
    "long unknown type": "r1," + "x" * 100 + ",1950-01-17,,,\n",
}
VARIANTS = {
    "LF": lambda text: text,
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "semicolon": lambda text: text.replace(",", ";"),
    "BOM": lambda text: "\ufeff" + text,
}


def outcome(content: bytes):
    try:
        extract = ex.parse_extract(content, "x.csv", rules=RULES, aliases=ALIASES, as_of=dt.date(2026, 1, 1))
    except ex.ExtractError as exc:
        return ("refused", str(exc))
    return (
        "read",
        extract.rule_index.tolist(),
        {k: v.astype(np.int64).tolist() for k, v in extract.dates.items()},
        [str(i) for i in extract.record_id],
        [str(t) for t in extract.record_type],
        [extract.record_id_at(i) for i in range(len(extract))],
    )


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("body", BODIES)
def test_plain_csv_read_from_bytes_as_pandas_reads_it(monkeypatch, body, variant):
    content = VARIANTS[variant](HEADER + BODIES[body]).encode()
    assert isinstance(ex.read_cells(content, "x.csv"), ex._ByteCells)
    with translation.override("en"):
        fast = outcome(content)
        monkeypatch.setattr(ex, "_plain_csv", lambda *_args: None)
        assert outcome(content) == fast


@pytest.mark.parametrize(
    "text",
    [
        HEADER + '"r1",patient-main,1950-01-17,,,2000-01-01\n',  # quotes
        HEADER + "r1,patient-main,1950-01-17,,,\n\nr2,patient-main,1950-01-17,,,\n",  # a blank line
        HEADER + "r1,patient-main,1950-01-17\n",  # a short line
        HEADER + "r1,patient-main,1950-01-17,,,\rr2,patient-main,1950-01-17,,,\n",  # a lone CR
    ],
)
def test_a_csv_that_is_not_plain_is_read_by_pandas(text):
    assert isinstance(ex.read_cells(text.encode(), "x.csv"), ex._FrameCells)


def test_the_messages_name_row_and_column():
    with translation.override("en"):
        kind, message = outcome((HEADER + BODIES["30 February"]).encode())
    assert message == "x.csv, rows 2, column birth_date: '2021-02-30' is not a date. Expected YYYY-MM-DD."
