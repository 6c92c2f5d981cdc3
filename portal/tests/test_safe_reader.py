"""The safe table reader: values, streaming, limits (the hostile corpus runs in tests/test_hostile_files.py)."""

import datetime as dt
import io
import types

import pytest
from django.utils import translation
from openpyxl import Workbook

from portal import safe_reader
from portal.safe_reader import FileRefused, ReadLimits, open_table
from tests.hostile_files import header_row, xlsx


@pytest.fixture(autouse=True)
def english():
    # The messages are compared word for word in English; the Finnish default would render them in Finnish.
    with translation.override("en"):
        yield


def workbook_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["code", "amount", "date", "flag"])
    ws.append(["A1", 12.5, dt.date(2024, 3, 1), True])
    ws.append([])
    ws.append(["B2", -3, None, None])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_xlsx_values_types_and_row_numbers_as_openpyxl_gives_them():
    rows = [(r.number, r.cells) for r in open_table(workbook_bytes(), "t.xlsx").rows()]
    assert rows == [
        (1, ["code", "amount", "date", "flag"]),
        (2, ["A1", 12.5, dt.datetime(2024, 3, 1), True]),
        (3, []),
        (4, ["B2", -3]),  # trailing empty cells dropped
    ]


def test_rows_are_a_generator_and_the_declared_dimension_is_ignored():
    data = xlsx(header_row(["a", "b"]) + '<row r="2"><c r="B2"><v>5</v></c></row>', dimension="A1:XFD1048576")
    rows = open_table(data, "d.xlsx").rows()
    assert isinstance(rows, types.GeneratorType)
    assert [r.cells for r in rows] == [["a", "b"], [None, 5]]


def test_csv_encodings_delimiter_and_the_row_of_a_long_cell():
    table = open_table("koodi;nimi\nÄ1;Åbo\n".encode("cp1252"), "c.csv", encodings=("utf-8", "cp1252"))
    assert (table.encoding, table.delimiter) == ("iso-8859-15", ";")  # no 0x80-0x9F bytes
    assert [r.cells for r in table.rows()] == [["koodi", "nimi"], ["Ä1", "Åbo"]]
    limits = ReadLimits.from_settings(max_cell_chars=100)
    with pytest.raises(FileRefused) as exc:
        list(open_table(b"a;b\n1;2\n3;" + b"x" * 101 + b"\n", "c.csv", limits=limits).rows())
    assert str(exc.value) == "c.csv, row 3: a cell holds at least 101 characters; the limit is 100 characters."


@pytest.mark.parametrize(
    ("overrides", "content", "expected"),
    [
        ({"max_rows": 3}, b"a\n1\n2\n3\n", "c.csv, row 4: the file has more than 3 rows, the limit."),
        ({"max_columns": 2}, b"a;b;c\n", "c.csv, row 1: the row has 3 columns; the limit is 2."),
        ({"max_cells": 5}, b"a;b\n1;2\n3;4\n", "c.csv, row 3: the file has more than 5 cells, the limit."),
        ({"max_compressed_bytes": 10}, b"a;b\n1;2\n3;4\n", "c.csv: the file is 12 bytes; the limit is 10 bytes."),
    ],
)
def test_each_limit_is_configurable_and_named(overrides, content, expected):
    with pytest.raises(FileRefused) as exc:
        list(open_table(content, "c.csv", limits=ReadLimits.from_settings(**overrides)).rows())
    assert str(exc.value) == expected


def test_the_time_limit_stops_a_slow_read(monkeypatch):
    ticks = iter(range(0, 10_000, 50))
    monkeypatch.setattr(safe_reader.time, "monotonic", lambda: next(ticks))
    with pytest.raises(FileRefused) as exc:
        list(open_table(b"a\n" + b"1\n" * 5000, "slow.csv", limits=ReadLimits.from_settings(max_seconds=10)).rows())
    assert "slow.csv, row 1000: reading took longer than the limit of 10 seconds" in str(exc.value)


def test_an_xml_entity_declaration_is_refused():
    bomb = xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>').replace(b"x", b"x", 1)
    table = open_table(bomb, "e.xlsx")
    assert [r.cells for r in table.rows()] == [["x"]]
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bomb)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaa">]>', 1)
            dst.writestr(info, data)
    with pytest.raises(FileRefused) as exc:
        list(open_table(buffer.getvalue(), "e.xlsx").rows())
    assert str(exc.value) == "e.xlsx: the workbook's XML declares entities, which are not allowed."
