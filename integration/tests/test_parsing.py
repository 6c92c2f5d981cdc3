"""The parser on what Finnish finance systems really produce, and on what they should not."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook

from integration.parsing import LedgerError, parse_amounts, parse_ledger


def amounts(*values: str) -> list[int | None]:
    cents, valid = parse_amounts(pd.Series(list(values)))
    return [int(c) if v else None for c, v in zip(cents, valid, strict=True)]


def test_decimal_comma_and_thousands_separators():
    assert amounts("1 234,56", "1\u00a0234,5", "1.234,56", "12", "-3,10", "3,10-", "\u22124,00") == [
        123456,
        123450,
        123456,
        1200,
        -310,
        -310,
        -400,
    ]


def test_decimal_point_file_and_thousands_dots():
    assert amounts("1234.56", "-0.5", "7") == [123456, -50, 700]
    assert amounts("1.234.567", "2.000.000") == [123456700, 200000000]


def test_bad_amounts_are_invalid():
    assert amounts("abc", "1,2,3", "-5-", "1,234", "") == [None, None, None, None, None]


def test_semicolon_windows_1252_title_row_and_trailing_minus():
    data = "Pääkirja 2020 – demo\nKustannuspaikka;Tili;Selite;Summa\n1010;4000;Hoitajat – äö;1 000,50\n1010;3000;Maksut;200,25-\n"
    parsed = parse_ledger(data.encode("cp1252"), year=2020)
    assert parsed.encoding == "cp1252"
    assert parsed.delimiter == ";"
    assert parsed.header_row == 2
    assert parsed.frame["row"].tolist() == [3, 4]
    assert parsed.frame["cents"].tolist() == [100050, -20025]
    assert parsed.total_cents == 80025


def test_iso_8859_15_and_utf8_bom_and_tab():
    latin = "kustannuspaikka\ttili\tsumma\n1010\t4000\t5,00\nÄ1\t4000\t1,00\n".encode("iso-8859-15")
    parsed = parse_ledger(latin)
    assert (parsed.encoding, parsed.delimiter) == ("iso-8859-15", "\t")
    assert parsed.frame["cost_centre"].tolist() == ["1010", "Ä1"]
    bom = "\ufeffCost centre,Account,Amount\n1010,4000,-12.50\n".encode()
    parsed = parse_ledger(bom)
    assert (parsed.encoding, parsed.delimiter) == ("utf-8-sig", ",")
    assert parsed.frame["cents"].tolist() == [-1250]


def test_leading_zeros_of_codes_are_kept_and_blank_lines_skipped():
    parsed = parse_ledger(b"kp;tili;euro\n0101;04000;1\n\n0102;4000;2\n")
    assert parsed.frame["cost_centre"].tolist() == ["0101", "0102"]
    assert parsed.frame["account"].tolist() == ["04000", "4000"]
    assert parsed.frame["row"].tolist() == [2, 4]


def test_organisation_aliases():
    parsed = parse_ledger(b"kpaikka;tili;netto\n1;2;3\n", extra_aliases={"cost_centre": ["KPaikka"]})
    assert parsed.columns == {"cost_centre": "kpaikka", "account": "tili", "amount": "netto"}


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        ws = workbook.create_sheet(name)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_title_rows_and_sheet_choice():
    data = xlsx_bytes(
        {
            "Info": [["Demo"]],
            "Data": [["Title"], [], ["Cost centre", "Account", "Amount"], ["1010", 4000, 10.5], ["1010", 4001, -0.25]],
            "Other": [["kp", "tili", "summa"], ["9", 1, 1]],
        }
    )
    parsed = parse_ledger(data, filename="x.xlsx")
    assert parsed.sheet == "Data"
    assert parsed.header_row == 3
    assert parsed.frame["cents"].tolist() == [1050, -25]
    assert parse_ledger(data, filename="x.xlsx", sheet="Other").frame["cents"].tolist() == [100]
    with pytest.raises(LedgerError) as exc:
        parse_ledger(data, filename="x.xlsx", sheet="Nope")
    assert str(exc.value) == "The workbook has no sheet Nope; its sheets are: Info, Data, Other."


def errors_of(data: bytes, **kwargs) -> str:
    with pytest.raises(LedgerError) as exc:
        parse_ledger(data, **kwargs)
    return str(exc.value)


def test_empty_file_and_header_only():
    assert errors_of(b"") == "The file is empty."
    assert errors_of(b"\n\n  \n") == "The file is empty."
    assert errors_of(b"kp;tili;summa\n") == "The file has a header (row 1) but no data rows."


def test_unknown_encoding():
    assert errors_of("kp;tili;summa\n1;2;3\n".encode("utf-16")) == (
        "The file is UTF-16 text: save it as CSV in UTF-8 (or as an XLSX workbook) and upload it again."
    )
    assert errors_of(b"kp;tili;summa\n1;2;\x81\x8d\n").startswith("Unknown text encoding")


def test_missing_required_column():
    assert errors_of(b"kp;tili;selite\n1;2;3\n") == (
        'Missing required column amount (row 1, the header, has: "kp", "tili", "selite"). '
        "Accepted names: summa, summa eur, euro, euroa, eur, määrä, rahamäärä, netto, belopp, amount, amount eur, net amount."
    )


def test_duplicate_headers():
    assert errors_of(b"kp;tili;summa;summa\n1;2;3;4\n") == 'Duplicate header name "summa" in columns 3 and 4 (row 1).'
    assert errors_of(b"kp;tili;summa;euro\n1;2;3;4\n") == (
        'Columns 3 ("summa") and 4 ("euro") both mean amount (row 1); keep one.'
    )


def test_non_numeric_amount_names_row_column_and_value():
    assert errors_of(b"kp;tili;summa\n1;2;3\n1;2;kolme\n") == (
        'Row 3, column 3 "summa": a euro amount such as 1 234,56 or -12.50 was expected; found "kolme".'
    )


def test_errors_stop_after_max_and_say_how_many_more():
    data = b"kp;tili;summa\n" + b"".join(b"1;2;x%d\n" % i for i in range(30))
    text = errors_of(data, max_errors=3)
    assert text.splitlines() == [
        'Row 2, column 3 "summa": a euro amount such as 1 234,56 or -12.50 was expected; found "x0".',
        'Row 3, column 3 "summa": a euro amount such as 1 234,56 or -12.50 was expected; found "x1".',
        'Row 4, column 3 "summa": a euro amount such as 1 234,56 or -12.50 was expected; found "x2".',
        "…and 27 more errors.",
    ]


def test_year_that_does_not_match():
    assert errors_of(b"kp;tili;summa;vuosi\n1;2;3;2019\n", year=2020) == (
        'Row 2, column 4 "vuosi": the year does not match the upload\'s year 2020; found "2019".'
    )
    assert errors_of(b"kp;tili;summa;pvm\n1;2;3;31.12.2021\n", year=2020) == (
        'Row 2, column 4 "pvm": the year does not match the upload\'s year 2020; found "31.12.2021".'
    )


def test_ragged_row():
    assert (
        errors_of(b"kp;tili;summa\n1;2;3\n1;2;3;4\n")
        == "Row 3 has 4 cells but the header has 3 columns (separator ';')."
    )


def test_not_an_xlsx():
    assert errors_of(b"this is not a workbook", filename="ledger.xlsx") == (
        "The file is named ledger.xlsx but is not an XLSX workbook."
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert errors_of(buffer.getvalue(), filename="ledger.xlsx") == (
        "ledger.xlsx: the file is a ZIP archive but not an XLSX workbook (no xl/workbook.xml)."
    )


def test_zip_bomb_is_refused(settings):
    settings.PORTAL_IMPORT_MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 100_000
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    ratio = sum(i.file_size for i in infos) // sum(i.compress_size for i in infos)
    assert errors_of(data, filename="bomb.xlsx") == (
        f"bomb.xlsx: refused: the workbook would expand to 8 MB ({ratio} times its size); the limits are 2 MB "
        "and 100 times. It may be a ZIP bomb."
    )


def test_old_xls_is_refused():
    assert (
        errors_of(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
        == "Old Excel (.xls) files are not accepted: save the sheet as XLSX or CSV."
    )


def test_messages_are_translated_to_finnish_and_swedish():
    from django.utils import translation

    with translation.override("fi"):
        assert errors_of(b"kp;tili;summa\n1;2;x\n") == (
            'Rivi 2, sarake 3 "summa": odotettiin euromäärää, kuten 1 234,56 tai -12.50; löytyi "x".'
        )
    with translation.override("sv"):
        assert errors_of(b"") == "Filen är tom."


def test_text_without_any_header_names_the_missing_columns():
    text = errors_of(b"hello\nworld\n")
    assert text.splitlines()[0].startswith('Missing required column cost centre (row 1, the header, has: "hello").')
    assert len(text.splitlines()) == 3


def test_quoted_fields_with_separators_inside_and_crlf():
    data = '"Kustannuspaikka";"Tili";"Selite";"Summa"\r\n"1010";"4000";"a; b";"1\u00a0234,50-"\r\n'.encode("cp1252")
    parsed = parse_ledger(data)
    assert parsed.frame["cents"].tolist() == [-123450]
    ragged = b'"kp";"tili";"summa"\n"1";"2";"3";"4"\n'
    assert errors_of(ragged) == "Row 2 has more cells than the header's 3 columns (separator ';')."
    assert errors_of(b'"kp";"tili";"summa"\n"1";"2";"3";"4";"5"\n').startswith(
        "A row has more cells than the header's 3"
    )
