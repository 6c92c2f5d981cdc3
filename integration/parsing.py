# Over 600 lines: one streaming CSV/XLSX ledger parser with its row-numbered error messages; splitting it would scatter one state machine.
"""Reading ledger exports as Finnish finance systems really produce them.

CSV with ``;``, ``,`` or tab; UTF-8 with or without BOM, Windows-1252 or ISO-8859-15; decimal comma
or point; thousands separators (space, no-break space, dot); a leading or trailing minus; XLSX with
title rows above the header and several sheets. Column names are matched through aliases (Finnish,
Swedish, English, plus the organisation's own).

Every error names the row (as counted in the file, 1 = first line/row), the column (number and
header text) and what was expected. Validation collects errors and stops listing them after
``max_errors``, saying how many more there were. Amounts are parsed vectorised (pandas) into
integer cents, so totals are exact. In the plain case (unquoted CSV, every line as wide as the
header, every amount like ``-1234,56``) the amounts are read straight from the bytes with numpy
and the codes as categories, which is several times faster and gives the same result; anything
else goes through the general path.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal import safe_reader
from portal.jobs import BadInput, Message, msg

REQUIRED_FIELDS = ("cost_centre", "account", "amount")
OPTIONAL_FIELDS = ("year", "date", "description")
FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS

DEFAULT_ALIASES: dict[str, tuple[str, ...]] = {
    "cost_centre": (
        "kustannuspaikka",
        "kustannuspaikan koodi",
        "kustannuspaikka koodi",
        "kustp",
        "kp",
        "kostnadsställe",
        "cost centre",
        "cost center",
        "cost centre code",
        "costcentre",
        "cost centre id",
    ),
    "account": (
        "tili",
        "tilinumero",
        "tilin numero",
        "kirjanpitotili",
        "konto",
        "account",
        "account number",
        "gl account",
    ),
    "amount": (
        "summa",
        "summa eur",
        "euro",
        "euroa",
        "eur",
        "määrä",
        "rahamäärä",
        "netto",
        "belopp",
        "amount",
        "amount eur",
        "net amount",
    ),
    "year": ("vuosi", "tilikausi", "år", "year", "fiscal year"),
    "date": ("päivämäärä", "pvm", "kirjauspäivä", "tositepäivä", "datum", "date", "posting date"),
    "description": ("selite", "kuvaus", "text", "beskrivning", "description"),
}

HEADER_SEARCH_ROWS = 30
_SEPARATORS = (";", "\t", ",")
_AMOUNT_RE = re.compile(r"^\d+(\.\d+)?$")
_THOUSANDS_DOT_RE = r"^\d{1,3}(\.\d{3})+$"


def field_label(name: str) -> str:
    return {
        "cost_centre": _("cost centre"),
        "account": _("account"),
        "amount": _("amount"),
        "year": _("year"),
        "date": _("date"),
        "description": _("description"),
    }[name]


class LedgerError(BadInput):
    """The file cannot be converted; ``messages`` lists the problems (at most ``max_errors``)."""

    def __init__(self, messages: list[str | Message], more: int = 0):
        self.messages = list(messages)
        self.more = more
        lines = [*self.messages]
        if more:
            lines.append(msg(gettext_noop("…and %(n)s more errors."), n=more))
        # One message whose lines are rendered in the reader's language (portal.jobs.Message).
        super().__init__(msg("%(problems)s", problems=lines))


@dataclass
class ParsedLedger:
    """The validated rows: ``frame`` has columns row, cost_centre, account, cents (int64)."""

    frame: pd.DataFrame
    file_format: str
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    header_row: int = 1
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def rows_read(self) -> int:
        return len(self.frame)

    @property
    def total_cents(self) -> int:
        return int(self.frame["cents"].sum())


def cents_to_decimal(cents: int) -> Decimal:
    return (Decimal(int(cents)) / 100).quantize(Decimal("0.01"))


def normalise_header(text) -> str:
    value = unicodedata.normalize("NFC", str(text or "")).strip().lower()
    value = re.sub(r"[^\wäöå€]+", " ", value).replace("€", " eur ")
    return re.sub(r"\s+", " ", value).strip()


def alias_map(extra: dict | None = None) -> dict[str, str]:
    """Normalised column name -> field name (the organisation's extra aliases win)."""
    mapping: dict[str, str] = {}
    for name, aliases in DEFAULT_ALIASES.items():
        for alias in aliases:
            mapping[normalise_header(alias)] = name
    for name, aliases in (extra or {}).items():
        if name not in FIELDS:
            continue
        if isinstance(aliases, str):
            aliases = [aliases]
        for alias in aliases:
            mapping[normalise_header(alias)] = name
    return mapping


# --- bytes -> rows --------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode as UTF-8 (BOM or not), Windows-1252 or ISO-8859-15; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LedgerError(
            [
                msg(
                    gettext_noop(
                        "The file is UTF-16 text: save it as CSV in UTF-8 (or as an XLSX workbook) and upload it again."
                    )
                )
            ]
        )
    if b"\x00" in data[:4096]:
        raise LedgerError([not_a_ledger_file()])
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        # C1 bytes (0x80-0x9F) are printable only in Windows-1252; without them ISO-8859-15.
        encoding = "cp1252" if re.search(rb"[\x80-\x9f]", data) else "iso-8859-15"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise LedgerError(
                [
                    _(
                        "Unknown text encoding: byte %(byte)s at position %(pos)s is not valid in UTF-8, Windows-1252 or ISO-8859-15."
                    )
                    % {"byte": hex(data[exc.start]), "pos": exc.start}
                ]
            ) from exc
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text[:65536]):
        raise LedgerError(
            [_("Unknown text encoding: the file contains control characters; expected a text file (CSV).")]
        )
    return text, encoding


def _open_table(data: bytes, filename: str) -> safe_reader.Table:
    """The workbook through the core's safe reader (limits, no trust in declared dimensions)."""
    try:
        return safe_reader.open_table(data, filename or "upload.xlsx")
    except safe_reader.FileRefused as exc:
        raise LedgerError([str(exc)]) from exc


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
        return text.replace(".", ",")  # decimal comma: the file-wide decimal rule treats it as decimal
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def sheet_names(data: bytes, filename: str = "") -> list[str]:
    return _open_table(data, filename).sheet_names


def _xlsx_rows(data: bytes, sheet: str, aliases: dict[str, str], filename: str = "") -> tuple[list[list[str]], str]:
    table = _open_table(data, filename)
    if sheet:
        if sheet not in table.sheet_names:
            raise LedgerError(
                [
                    _("The workbook has no sheet %(sheet)s; its sheets are: %(sheets)s.")
                    % {"sheet": sheet, "sheets": ", ".join(table.sheet_names)}
                ]
            )
        candidates = [sheet]
    else:
        candidates = table.sheet_names
    try:
        for name in candidates:
            # Bounded by the reader's limits (rows, columns, cells, time); every row is kept so
            # that a row's index is its number in the sheet.
            rows = [[_cell_text(v) for v in row.cells] for row in table.rows(name)]
            if sheet or _find_header(rows, aliases)[0] is not None:
                return rows, name
    except safe_reader.FileRefused as exc:
        raise LedgerError([str(exc)]) from exc
    raise LedgerError(
        [
            _("No sheet of the workbook has a header row with the columns %(columns)s; its sheets are: %(sheets)s.")
            % {"columns": _required_names(), "sheets": ", ".join(table.sheet_names)}
        ]
    )


def _required_names() -> str:
    return ", ".join(f"{field_label(f)} ({' / '.join(DEFAULT_ALIASES[f][:2])})" for f in REQUIRED_FIELDS)


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _find_header(rows: list[list[str]], aliases: dict[str, str]) -> tuple[int | None, int]:
    """Index of the first row among the first rows that names every required field."""
    best, best_index = 0, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {aliases.get(normalise_header(cell)) for cell in row} & set(REQUIRED_FIELDS)
        if len(found) == len(REQUIRED_FIELDS):
            return index, index
        if len(found) > best:
            best, best_index = len(found), index
    return None, best_index


def _csv_header(text: str, aliases: dict[str, str]) -> tuple[int, str, list[str]]:
    lines = text[:200_000].splitlines()[:HEADER_SEARCH_ROWS]
    best: tuple[int, int, str] | None = None  # (matches, index, delimiter)
    for index, line in enumerate(lines):
        for delimiter in _SEPARATORS:
            if delimiter not in line:
                continue
            cells = _split(line, delimiter)
            found = {aliases.get(normalise_header(c)) for c in cells} & set(REQUIRED_FIELDS)
            if len(found) == len(REQUIRED_FIELDS):
                return index, delimiter, cells
            if best is None or len(found) > best[0]:
                best = (len(found), index, delimiter)
    if not any(line.strip() for line in lines):
        raise LedgerError([_("The file is empty.")])
    if best is None:
        first = next(i for i, line in enumerate(lines) if line.strip())
        best = (0, first, ";")
    _matches, index, delimiter = best
    _missing_columns(_split(lines[index], delimiter), index, aliases)
    raise AssertionError("unreachable")  # _missing_columns always raises


def _missing_columns(cells: list[str], index: int, aliases: dict[str, str]) -> None:
    found = {aliases.get(normalise_header(c)) for c in cells}
    missing = [f for f in REQUIRED_FIELDS if f not in found]
    raise LedgerError(
        [
            _(
                "Missing required column %(column)s (row %(row)s, the header, has: %(header)s). Accepted names: %(aliases)s."
            )
            % {
                "column": field_label(name),
                "row": index + 1,
                "header": ", ".join(f'"{c}"' for c in cells if c.strip()) or _("nothing"),
                "aliases": ", ".join(DEFAULT_ALIASES[name]),
            }
            for name in missing
        ]
    )


def _column_map(header: list[str], header_index: int, aliases: dict[str, str]) -> dict[str, int]:
    errors: list[str] = []
    seen: dict[str, int] = {}
    columns: dict[str, int] = {}
    for position, cell in enumerate(header):
        norm = normalise_header(cell)
        if not norm:
            continue
        if norm in seen:
            errors.append(
                _('Duplicate header name "%(name)s" in columns %(a)s and %(b)s (row %(row)s).')
                % {"name": cell.strip(), "a": seen[norm] + 1, "b": position + 1, "row": header_index + 1}
            )
            continue
        seen[norm] = position
        name = aliases.get(norm)
        if name is None:
            continue
        if name in columns:
            errors.append(
                _('Columns %(a)s ("%(a_name)s") and %(b)s ("%(b_name)s") both mean %(field)s (row %(row)s); keep one.')
                % {
                    "a": columns[name] + 1,
                    "a_name": header[columns[name]].strip(),
                    "b": position + 1,
                    "b_name": cell.strip(),
                    "field": field_label(name),
                    "row": header_index + 1,
                }
            )
            continue
        columns[name] = position
    if errors:
        raise LedgerError(errors)
    return columns


# --- amounts --------------------------------------------------------------------------------------


def _strip_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Strip code cells; done on the distinct values (a ledger has few codes and many rows).

    Returns the stripped codes and a mask of empty cells."""
    if isinstance(values.dtype, pd.CategoricalDtype) and not bool((values.cat.codes.to_numpy() < 0).any()):
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories.to_numpy(dtype=object)
    else:
        codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
    stripped = np.array([str(u).strip() for u in uniques], dtype=object)
    if not len(codes):
        return np.array([], dtype=object), np.array([], dtype=bool)
    return stripped[codes], (stripped == "")[codes]


def parse_amounts(
    values: pd.Series, notation: str | None = None, stats: dict | None = None
) -> tuple[pd.Series, pd.Series]:
    """Text amounts -> (int64 cents, valid mask). Handles the Finnish and English notations.

    Vectorised with numpy's string ufuncs (C loops) and integer arithmetic only: the digits
    without the separator are read as an integer and scaled to cents, so nothing passes through
    a float. A notation is handled only if the column contains it (cheap whole-column checks).

    The notation (``comma``: decimal comma, dots are thousands; ``thousands``: dots are thousands;
    ``point``: decimal point; ``none``) is decided from the whole column unless ``notation`` is
    given; ``stats`` receives what the decision was made from, so that a reader of the file in
    chunks can check afterwards that each chunk was read in the file's notation (``file_notation``).
    """
    index = values.index
    raw = values.to_numpy(dtype=object)
    if len(raw) == 0:
        return pd.Series(np.zeros(0, dtype=np.int64), index=index), pd.Series(np.zeros(0, dtype=bool), index=index)
    u = np.asarray(raw, dtype=str)
    sample = set("".join(raw.tolist()))
    u = np.strings.strip(u)
    for char in (" ", "\u00a0", "\u202f", "'", "\t"):
        if char in sample:
            u = np.strings.replace(u, char, "")
    if "\u2212" in sample:
        u = np.strings.replace(u, "\u2212", "-")
    lead = np.strings.startswith(u, "-")
    trail = np.strings.endswith(u, "-")
    if "-" in sample:
        u = np.strings.strip(u, "-")
    if "+" in sample:
        u = np.strings.lstrip(u, "+")
    negative = lead ^ trail
    valid = ~(lead & trail)
    separator = ""
    multi, threes = False, True
    if "," in sample:
        local = "comma"  # decimal comma: dots are thousands separators
    elif "." in sample:
        dots = np.strings.count(u, ".")
        dotted = dots > 0
        last = np.strings.rfind(u, ".")
        groups_of_three = (np.strings.str_len(u) - last - 1 == 3) | ~dotted
        multi, threes = bool((dots > 1).any()), bool(groups_of_three.all())
        local = "thousands" if multi and threes else "point"  # 1.234.567: thousands dots
    else:
        local = "none"
    if stats is not None:
        stats.update(comma="," in sample, dot="." in sample, multi=multi, threes=threes, notation=local)
    mode = notation or local
    if mode in ("comma", "thousands") and "." in sample:
        u = np.strings.replace(u, ".", "")
    if mode == "comma":
        separator = ","
    elif mode == "point":
        separator = "."
    length = np.strings.str_len(u)
    if separator:
        position = np.strings.find(u, separator)
        has_sep = position >= 0
        valid &= np.strings.count(u, separator) <= 1
        valid &= ~has_sep | ((position > 0) & (position < length - 1))
        decimals = np.where(has_sep, length - position - 1, 0)
        digits = np.strings.replace(u, separator, "")
    else:
        decimals = np.zeros(len(u), dtype=np.int64)
        digits = u
    valid &= (length > 0) & np.strings.isdigit(digits)
    # "1,500" is 1.50; more than two decimals are accepted only when the extra ones are zeros
    over = valid & (decimals > 2)
    if bool(over.any()):
        tails = np.array(
            [d[len(d) - k + 2 :] for d, k in zip(digits[over].tolist(), decimals[over].tolist(), strict=True)]
        )
        zero_tail = np.strings.str_len(np.strings.strip(tails, "0")) == 0
        cut = decimals[over] - 2
        digits = digits.astype(object)
        digits[over] = [d[: len(d) - c] for d, c in zip(digits[over].tolist(), cut.tolist(), strict=True)]
        digits = np.asarray(digits, dtype=str)
        decimals = decimals.copy()
        decimals[over] = 2
        bad = np.flatnonzero(over)[~zero_tail]
        valid[bad] = False
    valid &= (np.strings.str_len(digits) - decimals) <= 13  # at most 10^13 euros
    number = np.where(valid, digits, "0").astype(np.int64)
    cents = number * (10 ** (2 - np.minimum(decimals, 2))).astype(np.int64)
    cents = np.where(negative, -cents, cents)
    cents = np.where(valid, cents, 0).astype(np.int64)
    return pd.Series(cents, index=index), pd.Series(valid, index=index)


def file_notation(chunks: list[dict]) -> str:
    """The notation ``parse_amounts`` would choose for the whole column, from the chunks' ``stats``."""
    if any(c["comma"] for c in chunks):
        return "comma"
    if any(c["dot"] for c in chunks):
        multi = any(c["multi"] for c in chunks)
        return "thousands" if multi and all(c["threes"] for c in chunks) else "point"
    return "none"


# --- the whole file -------------------------------------------------------------------------------


def _check_ragged(data: bytes, delimiter: str, width: int, header_index: int) -> _Layout | None:
    """Find the first line with more separators than the header allows (C speed, no quotes).

    Returns the line layout (reused by the fast amount reader), or None for an empty buffer."""
    buf = np.frombuffer(data, dtype=np.uint8)
    if not len(buf):
        return None
    separators = np.flatnonzero(buf == ord(delimiter))
    ends = np.flatnonzero(buf == ord("\n"))
    if not len(ends) or ends[-1] != len(buf) - 1:
        ends = np.append(ends, len(buf) - 1)
    at_end = np.searchsorted(separators, ends, side="right")  # separators before each line end
    per_line = np.diff(np.concatenate(([0], at_end)))
    too_many = np.flatnonzero(per_line[header_index + 1 :] > width - 1)
    if len(too_many):
        first = int(too_many[0]) + header_index + 1
        raise LedgerError(
            [
                _("Row %(row)s has %(saw)s cells but the header has %(n)s columns (separator %(sep)s).")
                % {"row": first + 1, "saw": int(per_line[first]) + 1, "n": width, "sep": repr(delimiter)}
            ]
        )
    return _Layout(buf, separators, ends, at_end, per_line)


@dataclass
class _Layout:
    """Byte positions of an unquoted CSV: separators, line ends, separators up to each line end."""

    buf: np.ndarray
    separators: np.ndarray
    ends: np.ndarray
    at_end: np.ndarray
    per_line: np.ndarray


_MAX_AMOUNT_BYTES = 17  # sign, 13 integer digits, separator, 2 decimals


def _fast_amounts(layout: _Layout, width: int, header_index: int, position: int) -> np.ndarray | None:
    """Cents of the amount column read straight from the bytes, or None to use ``parse_amounts``.

    Only for the plain case, where the result is certainly the same as ``parse_amounts``: every
    data line has exactly the header's cells (so lines are rows), line ends are LF or CRLF, and
    every amount is ASCII ``-?digits`` optionally followed by one decimal separator (the same
    one, comma or point, in the whole column) and one or two decimals, with at most 13 integer
    digits. Anything else (empty cells, spaces, thousands separators, errors...) returns None.
    """
    buf = layout.buf
    first = header_index + 1
    lines = len(layout.per_line) - first
    if lines <= 0 or not bool((layout.per_line[first:] == width - 1).all()):
        return None
    carriage = np.flatnonzero(buf == 13)
    if len(carriage) and (carriage[-1] == len(buf) - 1 or not bool((buf[carriage + 1] == 10).all())):
        return None  # a lone CR ends a row for the CSV reader: not the plain case
    before = int(layout.at_end[first - 1])  # separators in the header and the lines above it
    seps = layout.separators[before : before + lines * (width - 1)].reshape(lines, width - 1)
    start = seps[:, position - 1] + 1 if position > 0 else layout.ends[first - 1 : -1] + 1
    if position < width - 1:
        end = seps[:, position]
    else:
        end = layout.ends[first:].copy()
        end[buf[end] != 10] += 1  # the last line without a final newline
        end -= buf[np.maximum(end - 1, 0)] == 13  # CRLF
    negative = buf[np.minimum(start, len(buf) - 1)] == ord("-")
    start = start + negative
    length = end - start
    if not len(length) or int(length.min()) < 1 or int(length.max()) > _MAX_AMOUNT_BYTES - 1:
        return None
    number = np.zeros(lines, dtype=np.int64)
    separator_at = np.full(lines, -1, dtype=np.int64)
    separator = 0
    last = len(buf) - 1
    for offset in range(int(length.max())):
        active = length > offset
        value = buf.take(np.minimum(start + offset, last)) - np.uint8(48)  # wraps: non-digits are > 9
        digit = active & (value <= 9)
        other = active ^ digit
        if other.any():
            found = np.unique(value[other]) + 48
            if separator == 0 and len(found) == 1 and int(found[0]) in (ord(","), ord(".")):
                separator = int(found[0])
            if len(found) != 1 or int(found[0]) != separator or bool((separator_at[other] >= 0).any()):
                return None  # another character, both separators, or two separators in a cell
            separator_at[other] = offset
        number = np.where(digit, number * 10 + value, number)
    has = separator_at >= 0
    decimals = np.where(has, length - separator_at - 1, 0)
    integer_digits = np.where(has, separator_at, length)
    if bool((has & ((separator_at == 0) | (decimals < 1) | (decimals > 2))).any()):
        return None
    if int(integer_digits.max()) > 13:
        return None
    cents = number * np.where(decimals == 2, 1, np.where(decimals == 1, 10, 100))
    return np.where(negative, -cents, cents)


# Leading bytes of common files that are not ledgers (a wrong file chosen in the upload dialog).
FILE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7-Zip"),
)


def not_a_ledger_file(kind: str = "") -> Message:
    """The message for a file of the wrong type: named as such, with what to do."""
    if kind:
        return msg(
            gettext_noop(
                "This is not a CSV or XLSX file (it is a %(kind)s file). Export the ledger as CSV or XLSX and upload that file."
            ),
            kind=kind,
        )
    return msg(
        gettext_noop(
            "This is not a CSV or XLSX file (it contains binary data). Export the ledger as CSV or XLSX and upload that file."
        )
    )


def detect_format(data: bytes, filename: str = "") -> str:
    lower = filename.lower()
    for signature, kind in FILE_SIGNATURES:
        if data.startswith(signature):
            raise LedgerError([not_a_ledger_file(kind)])
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LedgerError([_("Old Excel (.xls) files are not accepted: save the sheet as XLSX or CSV.")])
    if lower.endswith((".xlsx", ".xlsm")):
        raise LedgerError([_("The file is named %(name)s but is not an XLSX workbook.") % {"name": filename}])
    return "csv"


def _read_csv(
    data: bytes, encoding: str, delimiter: str, width: int, header_index: int, usecols: list[int] | None, dtypes
) -> pd.DataFrame:
    """The rows below the header; ``usecols`` None: every column plus a spare one catching extra cells."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)  # never lose cells silently
            return pd.read_csv(
                io.BytesIO(data),
                encoding=encoding,
                sep=delimiter,
                header=None,
                names=range(width if usecols else width + 1),  # quoted: one spare column catches extra cells
                usecols=usecols,
                skiprows=header_index + 1,
                dtype=dtypes,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                index_col=False,
                quotechar='"',
            )
    except pd.errors.ParserWarning as exc:
        raise LedgerError(
            [
                _("A row has more cells than the header's %(n)s columns (separator %(sep)s).")
                % {"n": width, "sep": repr(delimiter)}
            ]
        ) from exc
    except pd.errors.EmptyDataError as exc:
        raise LedgerError(
            [_("The file has a header (row %(row)s) but no data rows.") % {"row": header_index + 1}]
        ) from exc
    except pd.errors.ParserError as exc:
        match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if match:
            raise LedgerError(
                [
                    _("Row %(row)s has %(saw)s cells but the header has %(n)s columns (separator %(sep)s).")
                    % {"row": match.group(2), "saw": match.group(3), "n": width, "sep": repr(delimiter)}
                ]
            ) from exc
        raise LedgerError([_("The CSV file cannot be read: %(error)s") % {"error": exc}]) from exc


def _guard_csv(data: bytes, filename: str, encoding: str, delimiter: str, width: int, header_index: int) -> None:
    """The safe reader's limits for the vectorised CSV path, checked before pandas reads a cell."""
    limits = safe_reader.ReadLimits.from_settings()
    name = filename or "upload.csv"
    try:
        safe_reader.guard_csv_bytes(data, name, encoding=encoding, delimiter=delimiter, limits=limits)
    except safe_reader.FileRefused as exc:
        raise LedgerError([str(exc)]) from exc
    if width > limits.max_columns:
        raise LedgerError(
            [
                str(
                    safe_reader.FileRefused(
                        name,
                        _("the row has %(w)s columns; the limit is %(n)s.") % {"w": width, "n": limits.max_columns},
                        row=header_index + 1,
                    )
                )
            ]
        )
    lines = data.count(b"\n") + 1
    if lines * width > limits.max_cells:
        raise LedgerError(
            [
                str(
                    safe_reader.FileRefused(
                        name, _("the file has more than %(n)s cells, the limit.") % {"n": limits.max_cells}
                    )
                )
            ]
        )


def parse_ledger(
    data: bytes,
    *,
    filename: str = "",
    year: int | None = None,
    sheet: str = "",
    extra_aliases: dict | None = None,
    max_errors: int = 20,
) -> ParsedLedger:
    """Parse and validate a ledger export; raise ``LedgerError`` listing what is wrong.

    A large CSV is read in chunks (``integration.ledger_stream``; the same rows and messages);
    the conversion job does not hold the rows at all (``ledger_stream.aggregate_ledger``)."""
    from integration import ledger_stream

    if len(data) >= ledger_stream.STREAM_MIN_BYTES:
        parsed = ledger_stream.stream_rows(
            data, filename=filename, year=year, extra_aliases=extra_aliases, max_errors=max_errors
        )
        if parsed is not None:
            return parsed
    return parse_whole(
        data, filename=filename, year=year, sheet=sheet, extra_aliases=extra_aliases, max_errors=max_errors
    )


def parse_whole(
    data: bytes,
    *,
    filename: str = "",
    year: int | None = None,
    sheet: str = "",
    extra_aliases: dict | None = None,
    max_errors: int = 20,
) -> ParsedLedger:
    """The whole-file parser: every layout, and the reference of every message."""
    if not data or not data.strip():
        raise LedgerError([_("The file is empty.")])
    aliases = alias_map(extra_aliases)
    file_format = detect_format(data, filename)
    encoding = delimiter = used_sheet = ""
    fast_cents = None
    if file_format == "xlsx":
        rows, used_sheet = _xlsx_rows(data, sheet, aliases, filename)
        if not any(any(c for c in r) for r in rows):
            raise LedgerError([_("The sheet %(sheet)s is empty.") % {"sheet": used_sheet}])
        header_index, best = _find_header(rows, aliases)
        if header_index is None:
            _missing_columns(rows[best] if rows else [], best, aliases)
        header = rows[header_index]
        width = len(header)
        raw = pd.DataFrame(
            [(r + [""] * width)[:width] for r in rows[header_index + 1 :]], columns=range(width), dtype=str
        )
    else:
        if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:  # NUL bytes in what is not UTF-16: a binary file; say where, by the core's reader
                safe_reader.check_text_bytes(data, filename or "upload.csv", safe_reader.ReadLimits.from_settings())
            except safe_reader.FileRefused as exc:
                raise LedgerError([str(exc)]) from exc
        text, encoding = decode_text(data)
        header_index, delimiter, header = _csv_header(text, aliases)
        width = len(header)
        _guard_csv(data, filename, encoding, delimiter, width, header_index)
        # Without quotes, count each line's separators in C (numpy) and read only the needed
        # columns; with quotes, the parser reads every column and reports ragged rows itself.
        del text
        usecols = None
        dtypes: type | dict = str
        if b'"' not in data:
            layout = _check_ragged(data, delimiter, width, header_index)
            mapped = _column_map(header, header_index, aliases)
            if layout is not None and b"\x00" not in data:
                fast_cents = _fast_amounts(layout, width, header_index, mapped["amount"])
            del layout
            # Read only the cells that are validated (the description is not).
            needed = ["cost_centre", "account", "amount", "year", "date"]
            if fast_cents is not None:
                needed.remove("amount")  # already read
                if year is None:
                    needed[2:] = []  # the year and date are checked only against an expected year
            usecols = sorted(mapped[name] for name in needed if name in mapped)
            if fast_cents is not None:
                # The codes are read as categories: the parser makes one string per distinct code.
                dtypes = {c: str for c in usecols} | {mapped["cost_centre"]: "category", mapped["account"]: "category"}
        raw = _read_csv(data, encoding, delimiter, width, header_index, usecols, dtypes)
        if fast_cents is not None and len(raw) != len(fast_cents):
            # The byte scan and the CSV reader disagree about the rows (not expected): read the
            # amounts the general way.
            fast_cents = None
            usecols = sorted(mapped[name] for name in FIELDS if name in mapped and name != "description")
            raw = _read_csv(data, encoding, delimiter, width, header_index, usecols, str)
        if usecols is None:
            extra = np.flatnonzero(raw[width].astype(str).to_numpy() != "")
            if len(extra):
                raise LedgerError(
                    [
                        _("Row %(row)s has more cells than the header's %(n)s columns (separator %(sep)s).")
                        % {"row": int(extra[0]) + header_index + 2, "n": width, "sep": repr(delimiter)}
                    ]
                )
            raw = raw.drop(columns=[width])
    columns = _column_map(header, header_index, aliases)
    return _validate(
        raw, header, header_index, columns, year, max_errors, file_format, encoding, delimiter, used_sheet, fast_cents
    )


def _validate(
    raw, header, header_index, columns, year, max_errors, file_format, encoding, delimiter, sheet, fast_cents=None
):
    frame, errors, hidden = check_chunk(raw, header, columns, year, max_errors, header_index + 2, fast_cents)
    if frame is None:
        raise LedgerError([_("The file has a header (row %(row)s) but no data rows.") % {"row": header_index + 1}])
    if errors:
        errors.sort()
        listed = [e[2] for e in errors[:max_errors]]
        raise LedgerError(listed, more=len(errors) - len(listed) + hidden)
    return ParsedLedger(
        frame=frame,
        file_format=file_format,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        header_row=header_index + 1,
        columns={name: header[pos].strip() for name, pos in columns.items()},
    )


def check_chunk(
    raw, header, columns, year, max_errors, first_row, fast_cents=None, notation=None, stats=None
) -> tuple[pd.DataFrame | None, list[tuple[int, int, str]], int]:
    """Validate rows read from the file (``raw``: cells by column position; ``first_row``: the file
    row number of its first row). Returns the rows (None if every row is blank), the errors as
    (row, column, text) (at most ``max_errors`` + 1 per check) and how many more there were.

    The whole-file parser calls it once; the chunked reader (integration.ledger_stream) once per
    chunk, with the file's amount notation."""
    raw.index = np.arange(first_row, first_row + len(raw))  # file row numbers
    cc_values, cc_empty = _strip_codes(raw[columns["cost_centre"]])
    acc_values, acc_empty = _strip_codes(raw[columns["account"]])
    cost_centre = pd.Series(cc_values, index=raw.index)
    account = pd.Series(acc_values, index=raw.index)
    if fast_cents is None:
        amount_text = raw[columns["amount"]]
        cents, valid = parse_amounts(amount_text, notation, stats)
    else:  # every amount was read and is valid (so no row is blank)
        amount_text = None
        cents = pd.Series(fast_cents, index=raw.index)
        valid = pd.Series(np.ones(len(raw), dtype=bool), index=raw.index)
    blank = cc_empty & acc_empty
    if fast_cents is not None:
        blank = np.zeros(len(raw), dtype=bool)  # every amount cell has text: no row is blank
    if blank.any():  # only rows without codes can be blank lines; check their other cells
        for position in [columns["amount"], *(columns[n] for n in ("year", "date") if n in columns)]:
            blank[blank] = (raw[position].to_numpy(dtype=object)[blank].astype(str) == "") | (
                np.strings.strip(raw[position].to_numpy(dtype=object)[blank].astype(str)) == ""
            )
    if blank.any():
        keep = ~blank
        raw, cost_centre, account, amount_text = raw[keep], cost_centre[keep], account[keep], amount_text[keep]
        cents, valid = cents[keep], valid[keep]
        cc_empty, acc_empty = cc_empty[keep], acc_empty[keep]
    if raw.empty:
        return None, [], 0
    errors: list[tuple[int, int, str]] = []
    hidden = [0]  # errors beyond those we formatted

    def where(col: str) -> str:
        position = columns[col]
        return _('column %(n)s "%(name)s"') % {"n": position + 1, "name": header[position].strip()}

    def add(mask: pd.Series, col: str, template: str, values: pd.Series | None = None, **params) -> None:
        bad = mask[mask].index[: max_errors + 1]
        hidden[0] += int(mask.sum()) - len(bad)
        for row in bad:
            found = "" if values is None else str(values.loc[row])[:60]
            text = template % {"row": row, "where": where(col), "found": found, **params}
            errors.append((int(row), columns[col], text))

    add(
        pd.Series(cc_empty, index=raw.index),
        "cost_centre",
        _("Row %(row)s, %(where)s: a cost centre code was expected; the cell is empty."),
    )
    add(
        pd.Series(acc_empty, index=raw.index),
        "account",
        _("Row %(row)s, %(where)s: an account number was expected; the cell is empty."),
    )
    add(
        ~valid,
        "amount",
        _('Row %(row)s, %(where)s: a euro amount such as 1 234,56 or -12.50 was expected; found "%(found)s".'),
        amount_text,
    )
    if year is not None:
        for col in ("year", "date"):
            if col not in columns:
                continue
            text = raw[columns[col]].astype(str).str.strip()
            if col == "year":
                found_year = pd.to_numeric(text.str.extract(r"^(\d{4})$")[0], errors="coerce")
                expected = _("a year such as %(year)s") % {"year": year}
            else:
                extracted = text.str.extract(r"^(?:\d{1,2}\.\d{1,2}\.(\d{4})|(\d{4})-\d{2}-\d{2}(?:[ T].*)?)$")
                found_year = pd.to_numeric(extracted[0].fillna(extracted[1]), errors="coerce")
                expected = _("a date such as 31.12.%(year)s or %(year)s-12-31") % {"year": year}
            add(
                found_year.isna(),
                col,
                _('Row %(row)s, %(where)s: %(expected)s was expected; found "%(found)s".'),
                text,
                expected=expected,
            )
            add(
                found_year.notna() & (found_year != year),
                col,
                _('Row %(row)s, %(where)s: the year does not match the upload\'s year %(year)s; found "%(found)s".'),
                text,
                year=year,
            )
    frame = pd.DataFrame(
        {
            "row": raw.index.to_numpy(),
            "cost_centre": cost_centre.to_numpy(),
            "account": account.to_numpy(),
            "cents": cents.to_numpy(dtype=np.int64),
        }
    )
    return frame, errors, hidden[0]


def read_table(data: bytes, filename: str = "") -> list[dict[str, str]]:
    """A small CSV/XLSX table (code lists, mappings) as dicts keyed by normalised header names.

    Read through the core's safe reader (limits, formulas refused with their cell); errors are a
    ``LedgerError`` naming the file and row."""

    def text(value) -> str:
        return _cell_text(value).replace(",", ".") if isinstance(value, float) else _cell_text(value)

    name = filename or "upload"
    try:
        _header, body = safe_reader.records(
            data,
            name,
            normalise=lambda cell: normalise_header(text(cell)).replace(" ", "_"),
            encodings=("utf-8", "cp1252", "iso-8859-15"),
        )
        return [{"_row": str(number), **{h: text(c) for h, c in cells.items()}} for number, cells in body]
    except safe_reader.FileRefused as exc:
        raise LedgerError([str(exc)]) from exc
