"""The fast CSV path (amounts read from the bytes, codes as categories) gives what the general path gives.

Each file is parsed twice, once as usual and once with the fast amount reader switched off; the
frames (or the error messages) must be identical, and the fast reader must have been used exactly
in the plain cases it is meant for.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from integration import parsing
from integration.parsing import LedgerError, parse_ledger


def _run(monkeypatch, data: bytes, *, fast: bool, **kwargs) -> tuple[object, bool]:
    used = []
    original = parsing._fast_amounts

    def spy(*args):
        result = original(*args) if fast else None
        used.append(result is not None)
        return result

    monkeypatch.setattr(parsing, "_fast_amounts", spy)
    try:
        parsed = parse_ledger(data, **kwargs)
        outcome = (parsed.frame, parsed.encoding, parsed.delimiter, parsed.header_row, parsed.columns)
    except LedgerError as exc:
        outcome = ("error", exc.messages, exc.more)
    finally:
        monkeypatch.undo()
    return outcome, any(used)


def check(monkeypatch, data: bytes, *, expect_fast: bool, **kwargs):
    fast_outcome, used = _run(monkeypatch, data, fast=True, **kwargs)
    slow_outcome, _ = _run(monkeypatch, data, fast=False, **kwargs)
    assert used is expect_fast
    assert type(fast_outcome[0]) is type(slow_outcome[0])
    if isinstance(fast_outcome[0], pd.DataFrame):
        pd.testing.assert_frame_equal(fast_outcome[0], slow_outcome[0], check_exact=True)
        assert fast_outcome[1:] == slow_outcome[1:]
    else:
        assert fast_outcome == slow_outcome
    return fast_outcome


def test_plain_decimal_comma_file_uses_the_fast_path(monkeypatch):
    data = b"Kustannuspaikka;Tili;Selite;Summa\n1010;4000;a;1,50\n1010;3000;b;-2\n 2020 ;4000;c;0,05\n"
    frame = check(monkeypatch, data, expect_fast=True)[0]
    assert frame["row"].tolist() == [2, 3, 4]
    assert frame["cost_centre"].tolist() == ["1010", "1010", "2020"]
    assert frame["account"].tolist() == ["4000", "3000", "4000"]
    assert frame["cents"].tolist() == [150, -200, 5]


@pytest.mark.parametrize(
    ("text", "encoding", "cents"),
    [
        ("Cost centre,Account,Amount\n1,2,3.5\n1,2,-0.25\n1,2,7\n", "utf-8", [350, -25, 700]),
        ("Summa;Tili;Kustannuspaikka\r\n5,00;4000;1010\r\n-0,1;4000;1010", "utf-8", [500, -10]),
        ("Kustp;Tili;Summa\r\n1;2;3,25\r\n1;2;-4\r\n", "utf-8", [325, -400]),
        ("Kustp\tTili\tSumma\n1\t2\t007,50\n1\t2\t9999999999999,99\n", "utf-8", [750, 999999999999999]),
        ("Pääkirja 2020\nKustannuspaikka;Tili;Summa\nÄ1;4000;1,00\n\u00d6;4000;2\n", "cp1252", [100, 200]),
        ("\ufeffKustp;Tili;Summa;Selite\n1;2;0;x\n1;2;-0,00;y\n", "utf-8", [0, 0]),
    ],
)
def test_plain_variants_use_the_fast_path(monkeypatch, text, encoding, cents):
    frame = check(monkeypatch, text.encode(encoding), expect_fast=True)[0]
    assert frame["cents"].tolist() == cents


@pytest.mark.parametrize(
    "amount",
    ["1 234,56", "1.234,56", "1,500", "", "-5-", "+5", "5-", "1,2,3", "12345678901234", "1,", ",5", "abc", " 5", "−5"],
)
def test_other_notations_and_errors_fall_back(monkeypatch, amount):
    data = f"Kustp;Tili;Summa\n1;2;3,00\n1;2;{amount}\n".encode()
    check(monkeypatch, data, expect_fast=False)


def test_thousands_dots_and_mixed_separators_fall_back(monkeypatch):
    check(monkeypatch, b"Kustp;Tili;Summa\n1;2;1.234.567\n1;2;2.000.000\n", expect_fast=False)
    check(monkeypatch, b"Kustp;Tili;Summa\n1;2;1.5\n1;2;2,5\n", expect_fast=False)


@pytest.mark.parametrize(
    "body",
    [
        "1;2;3,00\r1;2;4,00\n",  # a lone CR ends a row for the CSV reader
        "1;2;3,00\n\n1;2;4,00\n",  # blank line
        "1;2;3,00\n1;2\n",  # short row
        "1;2;3,00\n1;2;4,00\n\n\n",  # trailing blank lines
    ],
)
def test_irregular_lines_fall_back(monkeypatch, body):
    check(monkeypatch, f"Kustp;Tili;Summa\n{body}".encode(), expect_fast=False)


def test_empty_codes_and_year_errors_are_identical(monkeypatch):
    data = b"Vuosi;Kustp;Tili;Summa\n2020;1;2;3,00\n2019;;2;4,00\n2020;1; ;5\nx;1;2;6\n"
    outcome = check(monkeypatch, data, expect_fast=True, year=2020)
    assert outcome[0] == "error"
    assert len(outcome[1]) == 4
    assert outcome[1][0].startswith("Row 3, column 1")


def test_random_files_agree(monkeypatch):
    rng = random.Random(7)
    tokens = ["0", "5", "12", "007", "1234567", ",", ".", "-", " ", "+", "", "9999999999999", "1"]
    fast_seen = frames = 0
    for _round in range(150):
        delimiter = rng.choice([";", "\t", ","])
        newline = rng.choice(["\n", "\r\n"])
        lines = [delimiter.join(["Kustp", "Tili", "Selite", "Summa"])]
        plain = rng.random() < 0.5
        for _row in range(rng.randint(1, 6)):
            if plain:
                amount = rng.choice(["-", ""]) + rng.choice(["1", "23", "4567"])
                amount += rng.choice(["", ("," if delimiter != "," else ".") + rng.choice(["5", "05", "50"])])
            else:
                amount = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 4)))
                if delimiter in amount:
                    amount = amount.replace(delimiter, "")
            code = rng.choice(["1010", " 1010", "2020 ", "Ä"]) if rng.random() < 0.95 else ""
            account = rng.choice(["4000", "3000"]) if rng.random() < 0.95 else ""
            lines.append(delimiter.join([code, account, "x", amount]))
        text = newline.join(lines) + rng.choice([newline, ""])
        fast_outcome, used = _run(monkeypatch, text.encode(), fast=True, year=None)
        slow_outcome, _ = _run(monkeypatch, text.encode(), fast=False, year=None)
        fast_seen += used
        frames += used and isinstance(fast_outcome[0], pd.DataFrame)
        if isinstance(fast_outcome[0], pd.DataFrame):
            assert isinstance(slow_outcome[0], pd.DataFrame), text
            pd.testing.assert_frame_equal(fast_outcome[0], slow_outcome[0], check_exact=True)
            assert fast_outcome[1:] == slow_outcome[1:]
        else:
            assert fast_outcome == slow_outcome, text
    assert fast_seen > 30  # the plain half of the files is read by the fast path
    assert frames > 20  # and most of those are valid ledgers


def test_row_count_disagreement_reads_the_general_way(monkeypatch):
    data = b"Kustp;Tili;Summa\n1;2;3,00\n1;2;4,50\n"
    expected = parse_ledger(data).frame
    original = parsing._fast_amounts
    monkeypatch.setattr(parsing, "_fast_amounts", lambda *args: original(*args)[:-1])
    pd.testing.assert_frame_equal(parse_ledger(data).frame, expected, check_exact=True)
    assert expected["cents"].tolist() == [300, 450]
