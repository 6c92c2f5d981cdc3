"""The chunked reader (integration.ledger_stream) gives what the whole-file parser gives.

Chunks are made a few dozen bytes long and every file is streamed, so that chunk boundaries fall
everywhere: the rows (``parse_ledger``), the per-pair totals (``aggregate_ledger``) and the error
messages must equal the whole-file parser's (``parse_whole``), and the plain files must really
have been read in chunks from the bytes.
"""

from __future__ import annotations

import io
import random

import pandas as pd
import pytest

from integration import ledger_stream
from integration.conversion import MappingTables, convert
from integration.ledger_stream import aggregate_ledger, pairs_from_rows
from integration.parsing import LedgerError, parse_ledger, parse_whole


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch):
    monkeypatch.setattr(ledger_stream, "CHUNK_BYTES", 37)
    monkeypatch.setattr(ledger_stream, "STREAM_MIN_BYTES", 0)


def _outcome(function):
    try:
        return function()
    except LedgerError as exc:
        return ("error", [str(m) for m in exc.messages], exc.more)


def _sorted(pairs: pd.DataFrame) -> pd.DataFrame:
    return pairs.sort_values(["cost_centre", "account"]).reset_index(drop=True)


def check(data: bytes, **kwargs) -> object:
    whole = _outcome(lambda: parse_whole(data, **kwargs))
    rows = _outcome(lambda: parse_ledger(data, **kwargs))
    pairs = _outcome(lambda: aggregate_ledger(io.BytesIO(data), **kwargs))
    if isinstance(whole, tuple):
        assert rows == whole, data
        assert pairs == whole, data
        return whole
    assert not isinstance(rows, tuple), (data, rows)
    assert not isinstance(pairs, tuple), (data, pairs)
    pd.testing.assert_frame_equal(rows.frame, whole.frame, check_exact=True)
    assert (rows.encoding, rows.delimiter, rows.header_row, rows.columns) == (
        whole.encoding,
        whole.delimiter,
        whole.header_row,
        whole.columns,
    )
    expected = pairs_from_rows(whole.frame)
    pd.testing.assert_frame_equal(_sorted(pairs.pairs), _sorted(expected), check_dtype=False, check_exact=True)
    assert pairs.rows_read == whole.rows_read and pairs.total_cents == whole.total_cents
    assert (pairs.encoding, pairs.delimiter, pairs.header_row, pairs.columns) == (
        whole.encoding,
        whole.delimiter,
        whole.header_row,
        whole.columns,
    )
    return pairs


def plain_ledger(rows: int, seed: int = 1, newline: str = "\n") -> bytes:
    rng = random.Random(seed)
    lines = ["Kustannuspaikka;Tili;Selite;Summa"]
    for i in range(rows):
        cents = rng.randint(-500_000, 9_000_000)
        sign = "-" if cents < 0 else ""
        cents = abs(cents)
        code = rng.choice(["1010", "2020", "C042", "UNMAPPED", "Ä1", "123456789012"])
        lines.append(f"{code};{rng.choice(['4000', '3000', '4130'])};r{i};{sign}{cents // 100},{cents % 100:02d}")
    return (newline.join(lines) + newline).encode()


def test_a_plain_ledger_is_read_in_chunks_from_the_bytes(monkeypatch):
    data = plain_ledger(400)
    used = []
    original = ledger_stream._read_plain

    def spy(*args):
        result = original(*args)
        used.append(result is not None)
        return result

    monkeypatch.setattr(ledger_stream, "_read_plain", spy)
    result = check(data)
    assert result.chunks > 100
    assert all(used) and len(used) == 2 * result.chunks  # parse_ledger and aggregate_ledger
    assert result.rows_read == 400
    assert result.pairs["rows"].sum() == 400


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-8-sig"])
def test_plain_variants_agree(newline, encoding):
    text = plain_ledger(120, seed=3, newline=newline).decode()
    check(("Pääkirja 2020" + newline + text).encode(encoding))


@pytest.mark.parametrize(
    "body",
    [
        "1;2;x;1 234,56\n1;2;y;5\n",  # thousands space: the general path
        " 1010 ;4000;a;1,00\n1010;4000;b;2,00\n",  # codes with spaces are one code
        "1;2;a;3,00\n\n1;2;b;4,00\n\n\n",  # blank lines, trailing blank lines
        "1;2;a;3,00\n1;2\n1;2;b;5\n",  # a short row
        "1;2;a;1.5\n1;2;b;2,5\n",  # both separators
        "1;2;a;1.5\n" * 5 + "1;2;b;2,5\n" * 5,  # one notation per chunk, another for the file
        "1;2;a;1.234\n" * 4 + "1;2;b;1.234.567\n" * 4,  # thousands dots decided by the whole column
        "1;2;a;abc\n1;;b;2\n;2;c;3\n" * 30,  # errors in every chunk, over the limit of 20
        "1;2;a;3,00\n1;2;b;4;5\n",  # a ragged row
        "1;2;a;3,00\r1;2;b;4,00\n",  # a lone CR
        "1;2;a;3,00",  # no final line end
        "12345678901234567;2;a;1,00\n1;98765432109876543210;b;2,00\n",  # long codes
        "1;2;a;9999999999999,99\n1;2;b;-0,01\n1;2;c;12345678,9\n",  # long amounts
        "\n\n",  # no data rows
    ],
)
def test_other_layouts_and_errors_agree(body):
    check(f"Kustp;Tili;Selite;Summa\n{body}".encode())


def test_year_and_date_columns_agree():
    body = "".join(f"2020;{d}.12.2020;1;2;{d},00\n" for d in range(1, 29)) + "2019;1.1.2019;1;2;5\n"
    check(f"Vuosi;Pvm;Kustp;Tili;Summa\n{body}".encode(), year=2020)
    check(f"Vuosi;Pvm;Kustp;Tili;Summa\n{body}".encode(), year=2019)


def test_row_limit_is_the_safe_readers(settings):
    settings.PORTAL_IMPORT_MAX_ROWS = 50
    outcome = check(plain_ledger(80))
    assert outcome[0] == "error" and "more than 50 rows" in outcome[1][0]


def test_random_files_agree():
    rng = random.Random(11)
    tokens = ["0", "5", "12", "007", "1234567", ",", ".", "-", " ", "+", "", "9999999999999", "1"]
    for _round in range(120):
        delimiter = rng.choice([";", "\t", ","])
        newline = rng.choice(["\n", "\r\n"])
        lines = [delimiter.join(["Kustp", "Tili", "Selite", "Summa"])]
        plain = rng.random() < 0.6
        for _row in range(rng.randint(1, 12)):
            if plain:
                amount = rng.choice(["-", ""]) + rng.choice(["1", "23", "4567", "123456789"])
                amount += rng.choice(["", ("," if delimiter != "," else ".") + rng.choice(["5", "05", "50"])])
            else:
                amount = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 4))).replace(delimiter, "")
            code = rng.choice(["1010", " 1010", "2020 ", "Ä", "1234567890"]) if rng.random() < 0.95 else ""
            account = rng.choice(["4000", "3000"]) if rng.random() < 0.95 else ""
            lines.append(delimiter.join([code, account, "x", amount]))
        check((newline.join(lines) + rng.choice([newline, ""])).encode())


@pytest.mark.django_db
def test_conversion_of_pairs_equals_conversion_of_rows(kuopio):
    from integration.models import MappingVersion, PackageDefinition

    lines = ["Kustannuspaikka;Tili;Summa"]
    rng = random.Random(5)
    for _ in range(300):
        lines.append(f"{rng.choice(['1010', '2010', '2030', '9999'])};{rng.choice(['4000', '4300', '3000', '1'])};1,25")
    data = ("\n".join(lines) + "\n").encode()
    tables = MappingTables.load(
        MappingVersion.objects.filter(organisation=kuopio).order_by("-number").first(), PackageDefinition.active()
    )
    from_rows = convert(parse_whole(data).frame, tables)
    from_pairs = convert(aggregate_ledger(data).pairs, tables)
    pd.testing.assert_frame_equal(from_rows.rows, from_pairs.rows, check_dtype=False)
    assert from_rows.unallocated_cents == from_pairs.unallocated_cents > 0
    for name in ("unmapped_cost_centres", "unmapped_accounts", "unpackaged"):
        pd.testing.assert_frame_equal(
            getattr(from_rows, name).reset_index(drop=True),
            getattr(from_pairs, name).reset_index(drop=True),
            check_dtype=False,
        )
