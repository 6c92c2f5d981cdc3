"""A corpus of hostile uploads, made in memory, for the import-path tests.

Each file is built around the header the import path expects, so that a file that gets past the
container checks reaches the path's own parser (header only, formula in a code column). Sizes are
small on disk and large only when expanded, like the files in issue 11.
"""

from __future__ import annotations

import io
import random
import string
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from portal.safe_reader import column_letter

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def header_row(header: list[str]) -> str:
    return '<row r="1">' + "".join(_cell(f"{column_letter(i)}1", h) for i, h in enumerate(header)) + "</row>"


def xlsx(sheet_body: str | bytes | None = None, *, dimension: str = "", chunks=None) -> bytes:
    """A minimal valid workbook; ``chunks`` streams a large sheet part (for bombs)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        head = SHEET_HEAD + (f'<dimension ref="{dimension}"/>' if dimension else "") + "<sheetData>"
        if chunks is None:
            body = sheet_body.decode() if isinstance(sheet_body, bytes) else (sheet_body or "")
            archive.writestr("xl/worksheets/sheet1.xml", head + body + "</sheetData></worksheet>")
        else:
            info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as part:
                part.write(head.encode())
                for chunk in chunks:
                    part.write(chunk)
                part.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


@dataclass(frozen=True)
class Hostile:
    name: str
    filename: str
    content: bytes
    expect: tuple[str, ...]  # the refusal message contains one of these (besides the file name)


def corpus(header: list[str], *, code_column: int = 0, stem: str = "hostile") -> list[Hostile]:
    """The hostile files of issue 11 for a path whose header is ``header``."""
    csv_header = ";".join(header)
    width = len(header)
    one_row = ["x"] * width

    def deflate_chunks():
        row = f'<row r="2">{_cell("A2", "")[:-13]}'.encode()
        yield row
        block = b" " * (1 << 20)
        for _ in range(64):  # 64 MB of spaces: about 64 KB compressed
            yield block
        yield b"</t></is></c></row>"

    def empty_rows():
        yield header_row(header).encode()
        for start in range(2, 1_000_002, 10_000):
            yield "".join(f'<row r="{n}"/>' for n in range(start, start + 10_000)).encode()

    formula_cells = "".join(
        f"<c r=\"{column_letter(i)}2\"><f>CMD|' /C calc'!A0</f><v>0</v></c>"
        if i == code_column
        else _cell(f"{column_letter(i)}2", "1")
        for i in range(width)
    )
    # 1 MB of letters that do not compress much, so that the cell-length limit (not the ratio) refuses it
    huge = "".join(random.Random(11).choices(string.ascii_letters, k=1024 * 1024))
    return [
        Hostile(
            "dimension bomb",
            f"{stem}-dimension.xlsx",
            xlsx(
                header_row(header) + '<row r="1048576">' + _cell("XFD1048576", "x") + "</row>",
                dimension="A1:XFD1048576",
            ),
            ("empty rows in a row", "rows, the limit"),
        ),
        Hostile("deflate bomb", f"{stem}-bomb.xlsx", xlsx(chunks=deflate_chunks()), ("ZIP bomb",)),
        Hostile(
            "huge cell (CSV)",
            f"{stem}-hugecell.csv",
            (csv_header + "\n" + ";".join([huge, *one_row[1:]]) + "\n").encode(),
            ("characters",),
        ),
        Hostile(
            "huge cell (XLSX)",
            f"{stem}-hugecell.xlsx",
            xlsx(header_row(header) + '<row r="2">' + _cell("A2", huge) + "</row>"),
            ("characters",),
        ),
        Hostile(
            "NUL bytes",
            f"{stem}-nul.csv",
            (csv_header + "\n" + ";".join(one_row) + "\n" + "a\x00b;" * width + "\n").encode(),
            ("NUL",),
        ),
        Hostile(
            "wrong magic",
            f"{stem}-wrongmagic.xlsx",
            b"GIF89a" + b"\x01\x02" * 400,
            ("not an XLSX", "not a CSV or XLSX"),
        ),
        Hostile("header only (CSV)", f"{stem}-headeronly.csv", (csv_header + "\n").encode(), ("no data rows",)),
        Hostile("header only (XLSX)", f"{stem}-headeronly.xlsx", xlsx(header_row(header)), ("no data rows",)),
        Hostile(
            "1 M empty rows (CSV)",
            f"{stem}-empty.csv",
            (csv_header + "\n" + ";" * (width - 1) + "\n").encode() * 1 + b"\n" * 1_000_000,
            ("empty rows in a row",),
        ),
        Hostile("1 M empty rows (XLSX)", f"{stem}-empty.xlsx", xlsx(chunks=empty_rows()), ("empty rows in a row",)),
        Hostile(
            "formula cells",
            f"{stem}-formula.xlsx",
            xlsx(header_row(header) + f'<row r="2">{formula_cells}</row>'),
            ("formula",),
        ),
    ]
