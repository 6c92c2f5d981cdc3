# Over 600 lines: one reader whose CSV and XLSX paths share the limits, counters and error wording; most of it is the streaming XLSX XML parser, which has no other user.
"""The one reader of uploaded tables (CSV and XLSX) that every import path uses.

Why a reader of our own: an XLSX is a ZIP of XML that can declare any dimension and expand to any
size. openpyxl's read-only mode trusts ``<dimension ref="A1:XFD1048576"/>`` and pads every row to
16 384 cells, and Python's ``csv`` module raises a bare ``field larger than field limit``. Here:

- limits on the compressed and uncompressed size, the compression ratio, rows, columns, cells, one
  cell's length, runs of empty rows and the time taken, all from settings (``PORTAL_IMPORT_*``) and
  overridable per call (:class:`ReadLimits`);
- declared dimensions are never read: the sheet XML is parsed as a stream (expat, no tree), each
  cell placed by its own reference, trailing empty cells dropped, a row or column beyond the limit
  refused by its reference;
- rows are a generator (:meth:`Table.rows`), so a caller that does not collect them holds one row;
- every problem is a :class:`FileRefused` (a ``BadInput``: the job fails with the message, no
  retry) naming the file, the row where known and the cell reference for formulas.

CSV text may be UTF-8 (with or without BOM) or, where the caller allows, Windows-1252 and
ISO-8859-15. NUL bytes and other control characters mean a binary file and are refused.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.jobs import BadInput, Message, msg

CSV_DELIMITERS = (";", "\t", ",")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_CHUNK = 64 * 1024
_METADATA_PART_LIMIT = 20 * 1024 * 1024  # workbook.xml, rels, styles: small in any real file
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


class FileRefused(BadInput):
    """An uploaded table cannot be read safely or at all; the message names file, row and cell."""

    def __init__(
        self, filename: str, message: str | Message, *, row: int | None = None, cell: str = "", code: str = ""
    ):
        self.filename = filename
        self.row = row
        self.cell = cell
        self.code = code
        self.detail = message
        # A message id with parameters (portal.jobs.Message): the reader sees the place in their language.
        if cell:
            where: str | Message = msg(gettext_noop("%(file)s, cell %(cell)s"), file=filename, cell=cell)
        elif row is not None:
            where = msg(gettext_noop("%(file)s, row %(row)s"), file=filename, row=row)
        else:
            where = filename
        super().__init__(msg("%(where)s: %(problem)s", where=where, problem=message))


@dataclass(frozen=True)
class ReadLimits:
    """How much one uploaded table may hold. Defaults come from settings (``PORTAL_IMPORT_*``)."""

    max_compressed_bytes: int
    max_uncompressed_bytes: int
    max_ratio: int
    max_rows: int
    max_columns: int
    max_cells: int
    max_cell_chars: int
    max_empty_run: int
    max_seconds: float

    @classmethod
    def from_settings(cls, **overrides) -> ReadLimits:
        limits = cls(
            max_compressed_bytes=int(settings.PORTAL_IMPORT_MAX_BYTES),
            max_uncompressed_bytes=int(settings.PORTAL_IMPORT_MAX_UNCOMPRESSED_BYTES),
            max_ratio=int(settings.PORTAL_IMPORT_MAX_RATIO),
            max_rows=int(settings.PORTAL_IMPORT_MAX_ROWS),
            max_columns=int(settings.PORTAL_IMPORT_MAX_COLUMNS),
            max_cells=int(settings.PORTAL_IMPORT_MAX_CELLS),
            max_cell_chars=int(settings.PORTAL_IMPORT_MAX_CELL_CHARS),
            max_empty_run=int(settings.PORTAL_IMPORT_MAX_EMPTY_ROWS),
            max_seconds=float(settings.PORTAL_IMPORT_MAX_SECONDS),
        )
        return replace(limits, **overrides) if overrides else limits


@dataclass(frozen=True)
class Row:
    """One row: its number as the spreadsheet or text editor shows it, and its cells."""

    number: int
    cells: list


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _column_index(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + (ord(char) - 64)
    return value - 1


def detect_format(data: bytes, filename: str) -> str:
    """``xlsx`` or ``csv`` from the content's magic bytes; a name that lies about them is refused."""
    lower = filename.lower()
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        if lower.endswith((".csv", ".txt")):
            raise FileRefused(
                filename, _("the file is named as text (CSV) but is a ZIP archive; save it as CSV or name it .xlsx.")
            )
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(filename, _("old Excel (.xls) files are not accepted: save the sheet as XLSX or CSV."))
    if lower.endswith((".xlsx", ".xlsm")):
        raise FileRefused(filename, _("the file is named .xlsx but is not an XLSX workbook (it is not a ZIP archive)."))
    return "csv"


class ReadClock:
    """The time limit of one read (public: a reader with its own fast path, such as archiving's
    extract reader, counts with the same clock and refuses with the same words)."""

    def __init__(self, filename: str, limits: ReadLimits):
        self.filename = filename
        self.limits = limits
        self.started = time.monotonic()

    def check(self, row: int | None = None) -> None:
        if time.monotonic() - self.started > self.limits.max_seconds:
            raise FileRefused(
                self.filename,
                _("reading took longer than the limit of %(n)s seconds; split the file.")
                % {"n": int(self.limits.max_seconds)},
                row=row,
                code="time",
            )


class LimitCounter:
    """Counts rows, cells and runs of empty rows against the limits (public like ``ReadClock``)."""

    def __init__(self, filename: str, limits: ReadLimits, clock: ReadClock):
        self.filename = filename
        self.limits = limits
        self.clock = clock
        self.cells = 0
        self.empty_run = 0
        self.empty_from = 0

    def row(self, number: int, width: int) -> None:
        limits = self.limits
        if number > limits.max_rows:
            raise FileRefused(
                self.filename,
                _("the file has more than %(n)s rows, the limit.") % {"n": limits.max_rows},
                row=number,
                code="rows",
            )
        if width == 0:
            if not self.empty_run:
                self.empty_from = number
            self.empty_run += 1
            if self.empty_run > limits.max_empty_run:
                raise FileRefused(
                    self.filename,
                    _(
                        "rows %(first)s–%(last)s are empty: more than %(n)s empty rows in a row. The file may be damaged."
                    )
                    % {"first": self.empty_from, "last": number, "n": limits.max_empty_run},
                    row=number,
                    code="empty_rows",
                )
        else:
            self.empty_run = 0
        if width > limits.max_columns:
            raise FileRefused(
                self.filename,
                _("the row has %(w)s columns; the limit is %(n)s.") % {"w": width, "n": limits.max_columns},
                row=number,
                code="columns",
            )
        self.cells += width
        if self.cells > limits.max_cells:
            raise FileRefused(
                self.filename,
                _("the file has more than %(n)s cells, the limit.") % {"n": limits.max_cells},
                row=number,
                code="cells",
            )
        if number % 1000 == 0:
            self.clock.check(number)

    def long_cell(self, row: int, length: int, cell: str = "") -> FileRefused:
        return FileRefused(
            self.filename,
            _("a cell holds at least %(len)s characters; the limit is %(n)s characters.")
            % {"len": length, "n": self.limits.max_cell_chars},
            row=row,
            cell=cell,
            code="cell_length",
        )


def _trim(cells: list) -> list:
    end = len(cells)
    while end and (cells[end - 1] is None or cells[end - 1] == ""):
        end -= 1
    return cells[:end] if end != len(cells) else cells


# --- CSV --------------------------------------------------------------------------------------------


def check_text_bytes(data: bytes, filename: str, limits: ReadLimits) -> None:
    """Refuse binary content in a text file: a UTF-16 BOM, NUL bytes or other control characters."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(
            filename,
            _("the file is UTF-16 text; save it as UTF-8 CSV."),
            code="encoding",
        )
    match = _CONTROL_BYTES.search(data)
    if match is not None:
        row = data.count(b"\n", 0, match.start()) + 1
        if match.group() == b"\x00":
            message = _("the file contains NUL bytes: it is a binary file, not CSV text.")
        else:
            message = _("the file contains the control character %(char)s: it is not CSV text.") % {
                "char": hex(match.group()[0])
            }
        raise FileRefused(filename, message, row=row, code="binary")


def detect_encoding(data: bytes, filename: str, encodings: tuple[str, ...]) -> str:
    """The first of ``encodings`` that decodes the whole file, checked in chunks (nothing kept).

    ``cp1252`` is tried only when the bytes 0x80-0x9F occur (printable only there); otherwise
    ``iso-8859-15``, so the euro sign and å/ä/ö come out right in both."""
    for encoding in encodings:
        if encoding == "cp1252" and not re.search(rb"[\x80-\x9f]", data):
            encoding = "iso-8859-15"
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(data), 1 << 20):
                decoder.decode(data[start : start + (1 << 20)])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return "utf-8-sig" if encoding in ("utf-8", "utf-8-sig") else encoding
    names = ", ".join({"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp1252": "Windows-1252"}.get(e, e) for e in encodings)
    raise FileRefused(filename, _("the text is not in a known encoding (expected %(names)s).") % {"names": names})


def sniff_delimiter(first_line: str, delimiters: tuple[str, ...] = CSV_DELIMITERS) -> str:
    return max(delimiters, key=first_line.count)


def _csv_rows(
    data: bytes,
    filename: str,
    limits: ReadLimits,
    clock: ReadClock,
    *,
    encoding: str,
    delimiter: str,
) -> Iterator[Row]:
    counter = LimitCounter(filename, limits, clock)
    # csv's own field limit is process-wide; make sure it is no stricter than ours, then check ours.
    if csv.field_size_limit() <= limits.max_cell_chars:
        csv.field_size_limit(limits.max_cell_chars + 1)
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=False)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row = reader.line_num or number + 1
            if "field larger than field limit" in str(exc):
                raise counter.long_cell(row, limits.max_cell_chars + 1) from exc
            raise FileRefused(filename, _("the CSV text cannot be read: %(error)s") % {"error": exc}, row=row) from exc
        number = reader.line_num
        for cell in cells:
            if len(cell) > limits.max_cell_chars:
                raise counter.long_cell(number, len(cell))
        cells = _trim(cells)
        if cells and not any(c.strip() for c in cells):
            cells = []
        counter.row(number, len(cells))
        yield Row(number, cells)


def guard_csv_bytes(
    data: bytes, filename: str, *, encoding: str, delimiter: str, limits: ReadLimits | None = None
) -> None:
    """The limits for a caller that parses CSV bytes itself (the ledger's vectorised fast path).

    Size, binary content, rows, runs of empty lines and one cell's length are checked in C
    (numpy, re) without building rows; only when a line is longer than the cell limit are the
    cells read, to name the row of the long cell."""
    import numpy as np

    limits = limits or ReadLimits.from_settings()
    if len(data) > limits.max_compressed_bytes:
        raise FileRefused(
            filename,
            _("the file is %(size)s bytes; the limit is %(n)s bytes.")
            % {"size": len(data), "n": limits.max_compressed_bytes},
            code="size",
        )
    check_text_bytes(data, filename, limits)
    newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    rows = len(newlines) + (0 if data.endswith(b"\n") else 1)
    if rows > limits.max_rows:
        raise FileRefused(
            filename,
            _("the file has more than %(n)s rows, the limit.") % {"n": limits.max_rows},
            row=limits.max_rows + 1,
            code="rows",
        )
    run = re.search(rb"\n(?:[ \t\r]*\n){%d}" % limits.max_empty_run, data)
    if run is not None:
        first = data.count(b"\n", 0, run.start()) + 2
        raise FileRefused(
            filename,
            _("rows %(first)s–%(last)s are empty: more than %(n)s empty rows in a row. The file may be damaged.")
            % {"first": first, "last": first + limits.max_empty_run, "n": limits.max_empty_run},
            row=first + limits.max_empty_run,
            code="empty_rows",
        )
    if len(data) > limits.max_cell_chars:
        bounds = np.concatenate(([-1], newlines, [len(data)]))
        if int(np.diff(bounds).max()) - 1 > limits.max_cell_chars:
            clock = ReadClock(filename, limits)
            for _row in _csv_rows(data, filename, limits, clock, encoding=encoding, delimiter=delimiter):
                pass


# --- XLSX -------------------------------------------------------------------------------------------


class _LimitedStream:
    """A zip member's stream that refuses to yield more than ``budget`` uncompressed bytes."""

    def __init__(self, handle, budget: int, on_exceed):
        self.handle = handle
        self.budget = budget
        self.read_bytes = 0
        self.on_exceed = on_exceed

    def read(self, size: int = _CHUNK) -> bytes:
        chunk = self.handle.read(size)
        self.read_bytes += len(chunk)
        if self.read_bytes > self.budget:
            self.on_exceed()
        return chunk


def _no_doctype(*_args) -> None:
    raise ValueError("DOCTYPE")


def _new_parser() -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    # Entity declarations are the XML bomb; a spreadsheet part never has a DOCTYPE.
    parser.StartDoctypeDeclHandler = _no_doctype
    parser.EntityDeclHandler = _no_doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


_BUILTIN_DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57}


@dataclass
class _Workbook:
    archive: zipfile.ZipFile
    sheets: list[tuple[str, str]]  # (name, part path)
    shared_part: str = ""
    date_styles: set[int] = field(default_factory=set)
    epoch_1904: bool = False


class Table:
    """An opened CSV or XLSX upload. ``rows()`` streams :class:`Row` objects within the limits."""

    def __init__(
        self,
        data: bytes,
        filename: str,
        *,
        limits: ReadLimits | None = None,
        encodings: tuple[str, ...] = ("utf-8",),
        delimiters: tuple[str, ...] = CSV_DELIMITERS,
        formulas: str = "refuse",
    ):
        self.filename = filename or "upload"
        self.limits = limits or ReadLimits.from_settings()
        self.formulas = formulas
        self.clock = ReadClock(self.filename, self.limits)
        if not data or not data.strip():
            raise FileRefused(self.filename, _("the file is empty."), code="empty")
        if len(data) > self.limits.max_compressed_bytes:
            raise FileRefused(
                self.filename,
                _("the file is %(size)s bytes; the limit is %(n)s bytes.")
                % {"size": len(data), "n": self.limits.max_compressed_bytes},
                code="size",
            )
        self.data = data
        self.format = detect_format(data, self.filename)
        self.encoding = ""
        self.delimiter = ""
        self._workbook: _Workbook | None = None
        if self.format == "csv":
            check_text_bytes(data, self.filename, self.limits)
            self.encoding = detect_encoding(data, self.filename, encodings)
            head = data[:65536].decode(self.encoding, errors="ignore")
            first = next((line for line in head.splitlines() if line.strip()), "")
            self.delimiter = sniff_delimiter(first, delimiters)
        else:
            self._workbook = self._open_workbook()

    # -- XLSX container --------------------------------------------------------------------------

    def _refuse_bomb(self, total: int, compressed: int) -> None:
        raise FileRefused(
            self.filename,
            _(
                "refused: the workbook would expand to %(size)s MB (%(ratio)s times its size); the limits are "
                "%(limit)s MB and %(max_ratio)s times. It may be a ZIP bomb."
            )
            % {
                "size": total // (1024 * 1024),
                "ratio": total // max(compressed, 1),
                "limit": self.limits.max_uncompressed_bytes // (1024 * 1024),
                "max_ratio": self.limits.max_ratio,
            },
            code="bomb",
        )

    def _open_workbook(self) -> _Workbook:
        try:
            archive = zipfile.ZipFile(io.BytesIO(self.data))
            infos = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
            raise FileRefused(
                self.filename, _("the file is not an XLSX workbook (not a valid ZIP archive)."), code="bad_zip"
            ) from exc
        names = {info.filename for info in infos}
        if "xl/workbook.xml" not in names:
            raise FileRefused(
                self.filename,
                _("the file is a ZIP archive but not an XLSX workbook (no xl/workbook.xml)."),
                code="bad_zip",
            )
        if any(info.flag_bits & 0x1 for info in infos):
            raise FileRefused(self.filename, _("the workbook is encrypted or password-protected."), code="bad_zip")
        total = sum(info.file_size for info in infos)
        compressed = sum(info.compress_size for info in infos)
        ratio_floor = 1024 * 1024  # small XML compresses well; the ratio matters for big parts only
        if total > self.limits.max_uncompressed_bytes or (
            total > ratio_floor and total > self.limits.max_ratio * max(compressed, 1)
        ):
            self._refuse_bomb(total, compressed)
        for info in infos:
            if info.file_size > ratio_floor and info.file_size > self.limits.max_ratio * max(info.compress_size, 1):
                self._refuse_bomb(info.file_size, info.compress_size)
        workbook = _Workbook(archive=archive, sheets=[])
        self._read_workbook_parts(workbook, names)
        return workbook

    def _small_part(self, archive: zipfile.ZipFile, name: str) -> bytes:
        info = archive.getinfo(name)
        if info.file_size > _METADATA_PART_LIMIT:
            self._refuse_bomb(info.file_size, info.compress_size)
        try:
            with archive.open(info) as handle:
                data = handle.read(_METADATA_PART_LIMIT + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise FileRefused(self.filename, _("the workbook is damaged (%(part)s).") % {"part": name}) from exc
        if len(data) > _METADATA_PART_LIMIT:
            self._refuse_bomb(len(data), info.compress_size)
        return data

    def _parse_small(self, data: bytes, start) -> None:
        parser = _new_parser()
        parser.StartElementHandler = start
        try:
            parser.Parse(data, True)
        except (expat.ExpatError, ValueError) as exc:
            raise FileRefused(self.filename, _("the workbook's XML is damaged or not allowed.")) from exc

    def _read_workbook_parts(self, workbook: _Workbook, names: set[str]) -> None:
        sheets: list[tuple[str, str]] = []
        rels: dict[str, str] = {}

        def on_workbook(tag, attrs):
            if tag == f"{_MAIN_NS} sheet":
                sheets.append((attrs.get("name", ""), attrs.get(f"{_REL_NS} id", "")))
            elif tag == f"{_MAIN_NS} workbookPr" and attrs.get("date1904") in ("1", "true"):
                workbook.epoch_1904 = True

        def on_rels(tag, attrs):
            if tag == f"{_PKG_REL_NS} Relationship":
                target = attrs.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
                rels[attrs.get("Id", "")] = path
                if attrs.get("Type", "").endswith("/sharedStrings"):
                    workbook.shared_part = path

        self._parse_small(self._small_part(workbook.archive, "xl/workbook.xml"), on_workbook)
        if "xl/_rels/workbook.xml.rels" in names:
            self._parse_small(self._small_part(workbook.archive, "xl/_rels/workbook.xml.rels"), on_rels)
        for name, rel_id in sheets:
            path = rels.get(rel_id, "")
            if path in names:
                workbook.sheets.append((name, path))
        if not workbook.sheets:
            raise FileRefused(self.filename, _("the workbook has no worksheets."), code="bad_zip")
        if workbook.shared_part not in names:
            workbook.shared_part = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else ""
        if "xl/styles.xml" in names:
            workbook.date_styles = self._date_styles(self._small_part(workbook.archive, "xl/styles.xml"))

    def _date_styles(self, data: bytes) -> set[int]:
        from openpyxl.styles.numbers import is_date_format

        custom: dict[int, str] = {}
        xf_formats: list[int] = []
        depth = {"cellXfs": False}

        def start(tag, attrs):
            local = tag.rsplit(" ", 1)[-1]
            if local == "numFmt":
                with contextlib.suppress(ValueError):
                    custom[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
            elif local == "cellXfs":
                depth["cellXfs"] = True
            elif local == "xf" and depth["cellXfs"]:
                try:
                    xf_formats.append(int(attrs.get("numFmtId", "0")))
                except ValueError:
                    xf_formats.append(0)

        def end(tag):
            if tag.rsplit(" ", 1)[-1] == "cellXfs":
                depth["cellXfs"] = False

        parser = _new_parser()
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        try:
            parser.Parse(data, True)
        except (expat.ExpatError, ValueError) as exc:
            raise FileRefused(self.filename, _("the workbook's XML is damaged or not allowed.")) from exc
        return {
            index
            for index, fmt in enumerate(xf_formats)
            if fmt in _BUILTIN_DATE_FORMATS or (fmt in custom and is_date_format(custom[fmt]))
        }

    @property
    def sheet_names(self) -> list[str]:
        return [name for name, _path in self._workbook.sheets] if self._workbook else []

    def _stream_part(self, path: str, budget_state: dict) -> Iterator[bytes]:
        workbook = self._workbook
        info = workbook.archive.getinfo(path)

        def exceeded():
            self._refuse_bomb(budget_state["used"] + stream.read_bytes, len(self.data))

        try:
            with workbook.archive.open(info) as handle:
                stream = _LimitedStream(handle, self.limits.max_uncompressed_bytes - budget_state["used"], exceeded)
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    yield chunk
                budget_state["used"] += stream.read_bytes
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            if isinstance(exc, FileRefused):
                raise
            raise FileRefused(self.filename, _("the workbook is damaged (%(part)s).") % {"part": path}) from exc

    def _shared_strings(self, budget_state: dict) -> list:
        """The shared strings; one longer than the cell limit is kept as its length only."""
        path = self._workbook.shared_part
        if not path:
            return []
        strings: list = []
        state = {"in_si": False, "in_t": False, "parts": [], "length": 0, "rph": 0}
        limit = self.limits.max_cell_chars

        def start(tag, _attrs):
            local = tag.rsplit(" ", 1)[-1]
            if local == "si":
                state.update(in_si=True, parts=[], length=0)
            elif local == "rPh":
                state["rph"] += 1  # phonetic runs are not part of the text
            elif local == "t" and state["in_si"] and not state["rph"]:
                state["in_t"] = True

        def end(tag):
            local = tag.rsplit(" ", 1)[-1]
            if local == "si":
                strings.append(_TooLong(state["length"]) if state["length"] > limit else "".join(state["parts"]))
                state["in_si"] = False
                if len(strings) > self.limits.max_cells:
                    raise FileRefused(
                        self.filename,
                        _("the file has more than %(n)s cells, the limit.") % {"n": self.limits.max_cells},
                        code="cells",
                    )
            elif local == "rPh":
                state["rph"] -= 1
            elif local == "t":
                state["in_t"] = False

        def text(data):
            if state["in_t"]:
                state["length"] += len(data)
                if state["length"] <= limit:
                    state["parts"].append(data)

        parser = _new_parser()
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
        parser.buffer_text = True
        for chunk in self._stream_part(path, budget_state):
            self._feed(parser, chunk)
            self.clock.check()
        self._feed(parser, b"", final=True)
        return strings

    def _feed(self, parser, chunk: bytes, final: bool = False) -> None:
        try:
            parser.Parse(chunk, final)
        except expat.ExpatError as exc:
            raise FileRefused(self.filename, _("the workbook's XML is damaged: %(error)s") % {"error": exc}) from exc
        except ValueError as exc:
            raise FileRefused(self.filename, _("the workbook's XML declares entities, which are not allowed.")) from exc

    def _xlsx_rows(self, sheet: str | None) -> Iterator[Row]:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        workbook = self._workbook
        if sheet is None:
            path = workbook.sheets[0][1]
        else:
            matches = [p for name, p in workbook.sheets if name == sheet]
            if not matches:
                raise FileRefused(
                    self.filename,
                    _("the workbook has no sheet %(sheet)s; its sheets are: %(sheets)s.")
                    % {"sheet": sheet, "sheets": ", ".join(self.sheet_names)},
                )
            path = matches[0]
        budget = {"used": 0}
        shared = self._shared_strings(budget)
        epoch = CALENDAR_MAC_1904 if workbook.epoch_1904 else CALENDAR_WINDOWS_1900
        limits = self.limits
        counter = LimitCounter(self.filename, limits, self.clock)
        ready: list[Row] = []
        st = {
            "row": 0,
            "cells": {},
            "col": -1,
            "ref": "",
            "type": "n",
            "style": 0,
            "formula": False,
            "text": [],
            "length": 0,
            "capture": False,
            "in_is": False,
            "last_row": 0,
        }

        def start(tag, attrs):
            local = tag.rsplit(" ", 1)[-1]
            if local == "row":
                try:
                    number = int(attrs.get("r") or st["last_row"] + 1)
                except ValueError:
                    number = st["last_row"] + 1
                if number > limits.max_rows:
                    counter.row(number, 0)
                # Rows missing between two rows are empty rows of the sheet (at most the empty-run limit).
                for missing in range(st["last_row"] + 1, min(number, st["last_row"] + limits.max_empty_run + 2)):
                    counter.row(missing, 0)
                    ready.append(Row(missing, []))
                st.update(row=number, cells={}, col=-1)
            elif local == "c":
                ref = attrs.get("r", "")
                match = _CELL_REF.match(ref)
                col = _column_index(match.group(1)) if match else st["col"] + 1
                st.update(
                    col=col,
                    ref=ref or f"{column_letter(col)}{st['row']}",
                    type=attrs.get("t", "n"),
                    style=int(attrs.get("s", "0")) if attrs.get("s", "0").isdigit() else 0,
                    formula=False,
                    text=[],
                    length=0,
                    capture=False,
                    in_is=False,
                )
            elif local == "f":
                st["formula"] = True
            elif local == "v":
                st.update(capture=True)
            elif local == "is":
                st["in_is"] = True
            elif local == "t" and st["in_is"]:
                st["capture"] = True

        def end(tag):
            local = tag.rsplit(" ", 1)[-1]
            if local in ("v", "t"):
                st["capture"] = False
            elif local == "c":
                finish_cell()
            elif local == "row":
                cells = st["cells"]
                width = max(cells) + 1 if cells else 0
                values = [None] * width
                for index, value in cells.items():
                    values[index] = value
                counter.row(st["row"], width)
                ready.append(Row(st["row"], values))
                st["last_row"] = st["row"]

        def text(data):
            if st["capture"]:
                st["length"] += len(data)
                if st["length"] > limits.max_cell_chars:
                    raise counter.long_cell(st["row"], st["length"], st["ref"])
                st["text"].append(data)

        def finish_cell():
            raw = "".join(st["text"])
            kind = st["type"]
            ref = st["ref"]
            if st["formula"] and self.formulas == "refuse":
                raise FileRefused(
                    self.filename,
                    _("the cell holds a formula; only values are accepted (copy the cells and paste them as values)."),
                    row=st["row"],
                    cell=ref,
                    code="formula",
                )
            value: object
            if kind == "s":
                try:
                    value = shared[int(raw)]
                except (ValueError, IndexError):
                    value = ""
                if isinstance(value, _TooLong):
                    raise counter.long_cell(st["row"], value.length, ref)
            elif kind in ("inlineStr", "str", "e"):
                value = raw
            elif kind == "b":
                value = raw.strip() in ("1", "true")
            elif kind == "d":
                try:
                    value = dt.datetime.fromisoformat(raw.strip())
                except ValueError:
                    value = raw
            elif raw == "":
                value = None
            else:
                value = _number(raw)
                if isinstance(value, str):
                    pass
                elif st["style"] in workbook.date_styles:
                    with contextlib.suppress(ValueError, OverflowError):
                        value = from_excel(value, epoch)
            if value is None or value == "":
                return
            if st["col"] >= limits.max_columns:
                raise FileRefused(
                    self.filename,
                    _("the cell is beyond the column limit of %(n)s columns.") % {"n": limits.max_columns},
                    row=st["row"],
                    cell=ref,
                    code="columns",
                )
            st["cells"][st["col"]] = value

        parser = _new_parser()
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
        parser.buffer_text = True
        for chunk in self._stream_part(path, budget):
            self._feed(parser, chunk)
            self.clock.check(st["row"] or None)
            if ready:
                yield from ready
                ready.clear()
        self._feed(parser, b"", final=True)
        yield from ready

    # -- public ----------------------------------------------------------------------------------

    def rows(self, sheet: str | None = None) -> Iterator[Row]:
        """Every row (empty ones as ``[]``), trailing empty cells dropped, within the limits."""
        if self.format == "csv":
            return _csv_rows(
                self.data, self.filename, self.limits, self.clock, encoding=self.encoding, delimiter=self.delimiter
            )
        return self._xlsx_rows(sheet)


@dataclass(frozen=True)
class _TooLong:
    length: int


def _number(raw: str):
    """As openpyxl reads a number: a float when it has a point or an exponent, else an int."""
    text = raw.strip()
    try:
        if "." in text or "e" in text.lower():
            return float(text)
        return int(text)
    except ValueError:
        return raw


def open_table(data: bytes, filename: str, **kwargs) -> Table:
    """Open an upload (bytes) as a :class:`Table`; refuses what cannot be read safely."""
    return Table(data, filename, **kwargs)


def records(
    data: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    normalise=None,
    **kwargs,
) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """The first non-empty row as the header and a generator of ``(row number, {header: cell})``.

    The generator raises "header only" when the file has a header and no data rows."""
    table = open_table(data, filename, **kwargs)
    rows = table.rows(sheet)
    header_row = next((row for row in rows if row.cells), None)
    if header_row is None:
        raise FileRefused(table.filename, _("the file is empty."), code="empty")
    header = [(normalise or _default_header)(cell) for cell in header_row.cells]
    seen: set[str] = set()
    for position, name in enumerate(header):
        if name and name in seen:
            raise FileRefused(
                table.filename,
                _('the header name "%(name)s" appears twice (column %(col)s).')
                % {"name": name, "col": column_letter(position)},
                row=header_row.number,
            )
        seen.add(name)

    def body() -> Iterator[tuple[int, dict]]:
        count = 0
        for row in rows:
            if not row.cells:
                continue
            count += 1
            cells = row.cells + [None] * (len(header) - len(row.cells))
            yield row.number, {h: c for h, c in zip(header, cells, strict=False) if h}
        if not count:
            raise FileRefused(
                table.filename,
                _("the file has a header (row %(row)s) but no data rows.") % {"row": header_row.number},
                code="header_only",
            )

    return header, body()


def _default_header(cell) -> str:
    return "" if cell is None else str(cell).strip().lower()


def cell_text(value) -> str:
    """A cell as text: numbers without float noise, dates ISO, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
