"""Reading a retiring system's metadata-only extract (CSV/XLSX) for the retention simulation.

Columns: record_id, record_type (a rule code or a service task name), birth_date, death_date,
case_closed_date, created_date (ISO dates, empty when not known). No names, no content, no
identity codes: a column holding Finnish personal identity codes is refused with the column named.
Every error names the file, the row (as a spreadsheet shows it: the header is row 1), the column
and what was expected.

Every file goes through the core's safe reader (``portal.safe_reader``) first: an XLSX is read by
it cell by cell; a CSV gets its byte-level guard (size, binary content, rows, runs of empty rows,
one cell's length), the column and cell limits and the time limit. A plain CSV (no quotes, every
line with the header's cells, LF or CRLF) is then read straight from the bytes with NumPy: cell
bounds from the separator positions, ISO dates from the digits, record types grouped by their
bytes, record ids decoded only when asked for. Anything else (quotes, short or long lines, blank
lines) is read by pandas' C parser, with the same checks and messages.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _

from archiving.retention import RuleSpec, compute
from portal import safe_reader

REQUIRED = ("record_id", "record_type")
DATE_COLUMNS = {
    "birth_date": "birth",
    "death_date": "death",
    "case_closed_date": "case_closed",
    "created_date": "created",
}
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
HETU_PATTERN = r"^(\d{6})[-+ABCDEFUVWXY](\d{3})([0-9A-Y])$"
MAX_LISTED = 5
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HETU_BYTES = re.compile(rb"(?<![0-9A-Za-z])(\d{6})[-+A-FU-Y](\d{3})([0-9A-Y])(?![0-9A-Za-z])")


class ExtractError(ValueError):
    """The extract cannot be used; the message says where and what was expected."""


@dataclass
class Extract:
    """The checked extract: per record its rule, its dates and (on demand) its id and type as written."""

    rule_index: np.ndarray
    dates: dict[str, np.ndarray]
    type_codes: np.ndarray
    type_names: list[str]
    cells: _FrameCells | _ByteCells = field(repr=False)

    def __len__(self) -> int:
        return len(self.rule_index)

    def record_id_at(self, i: int) -> str:
        return str(self.cells.text("record_id", int(i)))

    def record_type_at(self, i: int) -> str:
        return self.type_names[int(self.type_codes[i])]

    @cached_property
    def record_id(self) -> np.ndarray:
        """Every record id (decoded now: the simulation itself does not need them)."""
        return self.cells.texts("record_id")

    @cached_property
    def record_type(self) -> np.ndarray:
        return np.asarray(self.type_names, dtype=object)[self.type_codes]


def valid_hetu_mask(values: pd.Series) -> pd.Series:
    """True where the value is a Finnish personal identity code with a correct check character."""
    text = values.dropna().astype(str).str.strip().str.upper()
    parts = text.str.extract(HETU_PATTERN)
    matched = parts[0].notna()
    if not matched.any():
        return pd.Series(False, index=values.index)
    number = (parts.loc[matched, 0] + parts.loc[matched, 1]).astype(np.int64)
    expected = number.mod(31).map(lambda i: HETU_CHECK[i])
    ok = expected == parts.loc[matched, 2]
    return ok.reindex(values.index, fill_value=False)


def _rows(index: np.ndarray) -> str:
    listed = ", ".join(str(int(i) + 2) for i in index[:MAX_LISTED])
    return listed + (" …" if len(index) > MAX_LISTED else "")


def _csv_separator(content: bytes) -> str:
    head = content[:4096].decode("utf-8-sig", errors="replace").splitlines()[0] if content else ""
    return ";" if head.count(";") > head.count(",") else ","


def read_frame(content: bytes, filename: str) -> pd.DataFrame:
    """A CSV extract as text columns (pandas' C parser); comma or semicolon separated."""
    try:
        frame = pd.read_csv(
            io.BytesIO(content),
            sep=_csv_separator(content),
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8-sig",
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ExtractError(
            _("%(file)s could not be read as CSV (UTF-8) or XLSX: %(error)s") % {"file": filename, "error": exc}
        ) from exc
    frame.columns = [str(col).strip().lower() for col in frame.columns]
    return frame


def read_xlsx_frame(content: bytes, filename: str, limits: safe_reader.ReadLimits) -> pd.DataFrame:
    """An XLSX extract as text columns, read cell by cell by the core's safe reader (its limits and
    messages); date cells become ISO dates, empty cells NaN."""
    header, body = safe_reader.records(content, filename, limits=limits)
    names = [name for name in header if name]
    rows = []
    for _number, cells in body:
        rows.append([safe_reader.cell_text(cells.get(name)) or None for name in names])
    return pd.DataFrame(rows, columns=names, dtype=object)


def _text_array(raw: pd.Series) -> np.ndarray:
    """A column as a fixed-width unicode NumPy array (C-speed string ufuncs), stripped, '' where empty."""
    return np.strings.strip(np.asarray(raw.fillna("").to_numpy(), dtype="U"))


def _codepoints(text: np.ndarray, width: int) -> np.ndarray:
    """Code points of the first ``width`` characters of each string (0 past the end)."""
    if text.dtype.itemsize // 4 < width:
        text = text.astype(f"U{width}")
    return text.view(np.uint32).reshape(len(text), -1)[:, :width]


def _parse_dates(raw: pd.Series) -> np.ndarray:
    """ISO dates to ``datetime64[D]`` (NaT where empty or not a YYYY-MM-DD date).

    pandas' C parser does the bulk; the few values it cannot take (years past 2262, stray spaces)
    are retried one by one with NumPy, which accepts any year.
    """
    parsed = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce").to_numpy().astype("datetime64[D]")
    leftovers = np.flatnonzero(raw.notna().to_numpy() & np.isnat(parsed))
    for i in leftovers:
        value = str(raw.iloc[int(i)]).strip()
        if ISO_DATE.match(value):
            with contextlib.suppress(ValueError):  # 2021-02-30 and the like stay NaT: reported as bad
                parsed[i] = np.datetime64(value, "D")
    return parsed


SIGN_CHARS = np.array([ord(ch) for ch in "-+ABCDEFUVWXY"], dtype=np.uint32)


def hetu_candidates(values: pd.Series) -> np.ndarray:
    """A vectorised pre-filter: 11 characters, digits where a hetu has digits, a century sign at 7."""
    text = np.strings.upper(_text_array(values))
    cp = _codepoints(text, 11)
    digit = (cp >= ord("0")) & (cp <= ord("9"))
    return (
        (np.strings.str_len(text) == 11)
        & digit[:, [0, 1, 2, 3, 4, 5, 7, 8, 9]].all(axis=1)
        & np.isin(cp[:, 6], SIGN_CHARS)
    )


# Every digit -> "9", every century sign -> "S", other letters -> "L": an identity code's shape becomes
# the literal b"999999S999", which bytes.find locates at memchr speed; only those places get the regex.
_SHAPE = bytes(
    ord("9")
    if chr(b).isdigit() and b < 128
    else ord("S")
    if chr(b) in "-+ABCDEFUVWXY"
    else ord("L")
    if chr(b).isalpha() and b < 128
    else b
    for b in range(256)
)


def _hetu_matches(content: bytes, start: int):
    shape = content.translate(_SHAPE)
    pos = shape.find(b"999999S999", start)
    while pos >= 0:
        match = HETU_BYTES.search(content, max(pos - 1, 0), pos + 12)
        if match is not None:
            yield match
        pos = shape.find(b"999999S999", pos + 1)


def scan_csv_for_identity_codes(content: bytes, filename: str) -> None:
    """Find identity codes with a valid check character anywhere in a CSV, at C speed (one regex over
    the bytes), and name the column and rows of the first ones."""
    text_start = 3 if content.startswith(b"\xef\xbb\xbf") else 0
    header_end = content.find(b"\n", text_start)
    header_line = content[text_start : header_end if header_end >= 0 else len(content)].decode("utf-8", "replace")
    sep = ";" if header_line.count(";") > header_line.count(",") else ","
    header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=sep))]
    hits: dict[str, list[int]] = {}
    for match in _hetu_matches(content, max(header_end, 0)):
        number = int(match.group(1) + match.group(2))
        if HETU_CHECK[number % 31] != match.group(3).decode():
            continue
        line_start = content.rfind(b"\n", 0, match.start()) + 1
        line_end = content.find(b"\n", match.end())
        line = content[line_start : line_end if line_end >= 0 else len(content)].decode("utf-8", "replace")
        row = content.count(b"\n", 0, match.start()) + 1
        cells = next(csv.reader([line], delimiter=sep))
        value = match.group(0).decode()
        column = next((header[i] for i, cell in enumerate(cells) if value in cell and i < len(header)), "?")
        if column in DATE_COLUMNS:
            continue
        hits.setdefault(column, []).append(row - 2)  # 0-based data row; _rows() shows it as on screen
        if len(hits[column]) > MAX_LISTED:
            break
    if hits:
        column, rows = next(iter(hits.items()))
        raise ExtractError(
            _(
                "%(file)s, column %(column)s holds Finnish personal identity codes (rows %(rows)s). "
                "The extract may contain metadata only: remove the column or replace it with the "
                "archive's own record numbers."
            )
            % {"file": filename, "column": column, "rows": _rows(np.array(rows))}
        )


def check_identity_codes(frame: pd.DataFrame, filename: str) -> None:
    for column in frame.columns:
        if column in DATE_COLUMNS:
            continue
        candidates = hetu_candidates(frame[column])
        if not candidates.any():
            continue
        mask = np.zeros(len(frame), dtype=bool)
        mask[candidates] = valid_hetu_mask(frame[column][candidates]).to_numpy(dtype=bool)
        if mask.any():
            rows = np.flatnonzero(mask)
            raise ExtractError(
                _(
                    "%(file)s, column %(column)s holds Finnish personal identity codes (rows %(rows)s). "
                    "The extract may contain metadata only: remove the column or replace it with the "
                    "archive's own record numbers."
                )
                % {"file": filename, "column": column, "rows": _rows(rows)}
            )


class _FrameCells:
    """The cells of an extract read into a pandas frame (XLSX, and a CSV that is not plain)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.columns = list(frame.columns)
        self.n = len(frame)

    def empty(self, column: str) -> np.ndarray:
        return self.frame[column].isna().to_numpy()

    def text(self, column: str, i: int):
        return self.frame[column].iloc[i]

    def texts(self, column: str) -> np.ndarray:
        return self.frame[column].to_numpy()

    def types(self) -> tuple[np.ndarray, list[str]]:
        raw = pd.Categorical(self.frame["record_type"].fillna(""))
        return raw.codes.astype(np.int64), [str(cat) for cat in raw.categories]

    def dates(self, column: str) -> np.ndarray:
        return _parse_dates(self.frame[column])


_PAD = 64  # zero bytes after the content, so that fixed-width reads near its end stay inside
_MAX_TYPE_BYTES = 64  # record types longer than this are grouped by pandas instead


_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int32)


class _ByteCells:
    """The cells of a plain CSV, read from the bytes: row r, column k spans ``start:end``."""

    def __init__(self, content: bytes, padded: np.ndarray, columns: list[str], bounds: np.ndarray, first: int):
        self.content = content
        self.padded = padded
        self.columns = columns
        self.bounds = bounds  # (rows, width): the position of the separator or line end after each cell
        self.first = first  # where the first data row starts
        self.n = len(bounds)
        self.crlf = b"\r" in content

    def _span(self, column: str, rows: int | slice = slice(None)):
        k = self.columns.index(column)
        bounds = self.bounds
        end = bounds[rows, k]
        if k:
            start = bounds[rows, k - 1] + 1
        elif isinstance(rows, int):
            start = bounds[rows - 1, -1] + 1 if rows else self.first
        else:
            start = np.concatenate(([self.first - 1], bounds[:-1, -1]))[rows] + 1
        if self.crlf and k == len(self.columns) - 1:
            end = end - ((self.padded[np.maximum(end - 1, 0)] == 13) & (end > start))
        return start, end

    def empty(self, column: str) -> np.ndarray:
        start, end = self._span(column)
        return end == start

    def text(self, column: str, i: int) -> str:
        start, end = self._span(column, int(i))
        return self.content[int(start) : int(end)].decode("utf-8")

    def _decode(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        content = self.content
        out = np.empty(len(start), dtype=object)
        out[:] = [content[a:b].decode("utf-8") for a, b in zip(start.tolist(), end.tolist(), strict=True)]
        return out

    def texts(self, column: str) -> np.ndarray:
        return self._decode(*self._span(column))

    def types(self) -> tuple[np.ndarray, list[str]]:
        """Codes and distinct values of record_type, grouped by the cells' bytes (exact: the grouping
        by a hash of the bytes is verified byte for byte, else pandas groups the decoded text)."""
        start, end = self._span("record_type")
        length = end - start
        width = int(length.max()) if self.n else 0
        if width <= _MAX_TYPE_BYTES:
            words = max(1, -(-width // 8))
            window = np.lib.stride_tricks.sliding_window_view(self.padded, words * 8)
            cells = window[start]  # (rows, bytes): a copy
            cells[np.arange(words * 8) >= length[:, None]] = 0
            packed = cells.view(np.uint64)
            key = packed[:, 0].copy()
            for j in range(1, words):
                key = key * np.uint64(0x9E3779B97F4A7C15) + packed[:, j]
            codes, _uniques = pd.factorize(key)
            # factorize numbers the values in order of appearance: a code's first row is where the
            # running maximum of the codes grows
            firsts = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)
            if bool((packed == packed[firsts[codes]]).all()):
                names = [self.content[int(start[i]) : int(end[i])].decode("utf-8") for i in firsts]
                return codes.astype(np.int64), names
        raw = pd.Categorical(self._decode(start, end))
        return raw.codes.astype(np.int64), [str(cat) for cat in raw.categories]

    def dates(self, column: str) -> np.ndarray:
        """``YYYY-MM-DD`` cells converted from their digits; an empty cell is NaT; any other text goes
        through ``_parse_dates`` (the same rules as for a frame), so the result is the same."""
        start, end = self._span(column)
        length = end - start
        cells = np.lib.stride_tricks.sliding_window_view(self.padded, 10)[start]  # (rows, 10)
        digits = cells - np.uint8(48)  # wraps below "0": not a digit
        is_digit = digits <= 9
        iso = (length == 10) & (cells[:, 4] == 45) & (cells[:, 7] == 45)
        for j in (0, 1, 2, 3, 5, 6, 8, 9):
            iso &= is_digit[:, j]
        d = [digits[:, j].astype(np.int32) for j in range(10)]
        del cells, digits, is_digit
        year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]
        month = d[5] * 10 + d[6]
        day = d[8] * 10 + d[9]
        del d
        leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
        valid = iso & (month >= 1) & (month <= 12) & (day >= 1)
        valid &= day <= _MONTH_DAYS[np.clip(month, 0, 12)] + (leap & (month == 2))
        days = _days_from_civil(year, month, day).astype(np.int64)
        out = np.where(valid, days, np.iinfo(np.int64).min).view("datetime64[D]")  # int64 min is NaT
        other = np.flatnonzero(~iso & (length > 0))
        if len(other):
            out[other] = _parse_dates(pd.Series(self._decode(start[other], end[other]), dtype=object))
        return out


def _days_from_civil(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of proleptic Gregorian dates (H. Hinnant's algorithm), vectorised."""
    y = year - (month <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _plain_csv(content: bytes, separator: str) -> _ByteCells | None:
    """The cell bounds of a plain CSV, or None when pandas must read it.

    Plain: no quotes, a header of distinct non-empty names, every data line with exactly the
    header's cells, lines ending in LF or CRLF (a lone CR ends a line for pandas), no blank lines.
    """
    if b'"' in content:
        return None
    start = 3 if content.startswith(b"\xef\xbb\xbf") else 0
    header_end = content.find(b"\n", start)
    if header_end < 0:
        return None
    line = content[start:header_end].decode("utf-8").removesuffix("\r")
    columns = [name.strip().lower() for name in line.split(separator)]
    if "" in columns or len(set(columns)) != len(columns) or "\r" in line:
        return None
    width = len(columns)
    first = header_end + 1
    padded = np.frombuffer(content + bytes(_PAD), dtype=np.uint8)
    body = padded[first : len(content)]
    if b"\r" in content:
        carriage = np.flatnonzero(padded[: len(content)] == 13)
        if bool((padded[carriage + 1] != 10).any()):
            return None
    sep = ord(separator)
    mark = body == sep
    mark |= body == 10
    bounds = np.flatnonzero(mark)
    del mark
    bounds += first
    if len(body) and body[-1] != 10:
        bounds = np.append(bounds, len(content))  # the last line without a line end
    if len(bounds) % width:
        return None
    bounds = bounds.reshape(-1, width)
    if not (bool((padded[bounds[:, :-1]] == sep).all()) and bool((padded[bounds[:, -1]] != sep).all())):
        return None
    return _ByteCells(content, padded, columns, bounds, first)


def _guard_csv(content: bytes, filename: str, limits: safe_reader.ReadLimits, clock) -> str:
    """The core's limits for a CSV read here rather than row by row by the core: its byte guard
    (size, binary content, rows, runs of empty rows, a cell's length) and its counter for the
    header's columns and the file's cells. Returns the separator."""
    separator = _csv_separator(content)
    safe_reader.guard_csv_bytes(content, filename, encoding="utf-8-sig", delimiter=separator, limits=limits)
    header_end = content.find(b"\n")
    header_line = content[: header_end if header_end >= 0 else len(content)].decode("utf-8-sig", "replace")
    width = len(next(csv.reader([header_line], delimiter=separator), []))
    counter = safe_reader.LimitCounter(filename, limits, clock)
    counter.row(1, width)  # the column limit, named at the header
    lines = content.count(b"\n") + (0 if content.endswith(b"\n") else 1)
    if lines * width > limits.max_cells:
        # the first row at which a row-by-row count would pass the cell limit
        row = limits.max_cells // max(width, 1) + 1
        counter.cells = (row - 1) * width
        counter.row(row, width)
    return separator


def extract_limits() -> safe_reader.ReadLimits:
    """The core's reading limits, except the file size: extracts have their own limit
    (``ARCHIVING_MAX_EXTRACT_BYTES``; a 1 000 000-record extract is about 56.5 MB)."""
    return safe_reader.ReadLimits.from_settings(max_compressed_bytes=int(settings.ARCHIVING_MAX_EXTRACT_BYTES))


def read_cells(content: bytes, filename: str, limits: safe_reader.ReadLimits | None = None):
    """The extract's cells within the core's limits (``FileRefused`` when refused by them)."""
    limits = limits or extract_limits()
    clock = safe_reader.ReadClock(filename, limits)
    if safe_reader.detect_format(content, filename) == "xlsx":
        frame = read_xlsx_frame(content, filename, limits)
        clock.check()
        return _FrameCells(frame)
    separator = _guard_csv(content, filename, limits, clock)
    if not content.isascii():
        try:
            content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ExtractError(
                _("%(file)s could not be read as CSV (UTF-8) or XLSX: %(error)s") % {"file": filename, "error": exc}
            ) from exc
    cells = _plain_csv(content, separator)
    if cells is None:
        cells = _FrameCells(read_frame(content, filename))
    clock.check()
    return cells


def parse_extract(
    content: bytes,
    filename: str,
    *,
    rules: list[RuleSpec],
    aliases: dict[str, int],
    as_of: dt.date,
    limits: safe_reader.ReadLimits | None = None,
) -> Extract:
    """Validate and convert the extract; raises ``ExtractError`` with the first problem found.

    ``aliases`` maps a lower-case rule code or service-task name to its index in ``rules``;
    ``limits`` are the core's reading limits (default: from settings).
    """
    if not content or content.isspace():
        raise ExtractError(_("%(file)s has no rows.") % {"file": filename})
    try:
        is_xlsx = safe_reader.detect_format(content, filename) == "xlsx"
        if not is_xlsx:
            scan_csv_for_identity_codes(content, filename)
        cells = read_cells(content, filename, limits)
    except safe_reader.FileRefused as exc:
        raise ExtractError(str(exc)) from exc
    missing = [col for col in (*REQUIRED, *DATE_COLUMNS) if col not in cells.columns]
    if missing:
        raise ExtractError(
            _("%(file)s lacks the columns %(columns)s. Expected columns: %(expected)s.")
            % {"file": filename, "columns": ", ".join(missing), "expected": ", ".join((*REQUIRED, *DATE_COLUMNS))}
        )
    if not cells.n:
        raise ExtractError(_("%(file)s has no rows.") % {"file": filename})
    if is_xlsx:
        check_identity_codes(cells.frame, filename)
    empty_id = cells.empty("record_id")
    if empty_id.any():
        raise ExtractError(
            _("%(file)s, rows %(rows)s, column record_id: the record id is empty.")
            % {"file": filename, "rows": _rows(np.flatnonzero(empty_id))}
        )
    type_codes, type_names = cells.types()
    # string work on the few distinct values only, not on every row
    lookup = np.array([aliases.get(name.strip().lower(), -1) for name in type_names], dtype=np.int64)
    rule_index = lookup[type_codes]
    unknown = np.flatnonzero(rule_index < 0)
    if len(unknown):
        raise ExtractError(
            _(
                "%(file)s, rows %(rows)s, column record_type: unknown retention rule %(value)s. "
                "Expected a rule code or service task of the portal's retention rules."
            )
            % {"file": filename, "rows": _rows(unknown), "value": repr(type_names[type_codes[unknown[0]]].strip())}
        )
    dates: dict[str, np.ndarray] = {}
    today = np.datetime64(as_of, "D")
    for column, trigger in DATE_COLUMNS.items():
        values = cells.dates(column)
        bad = np.flatnonzero(np.isnat(values) & ~cells.empty(column))
        if len(bad):
            raise ExtractError(
                _("%(file)s, rows %(rows)s, column %(column)s: %(value)s is not a date. Expected YYYY-MM-DD.")
                % {
                    "file": filename,
                    "rows": _rows(bad),
                    "column": column,
                    "value": repr(cells.text(column, int(bad[0]))),
                }
            )
        future = np.flatnonzero(values > today)  # NaT compares False
        if len(future):
            raise ExtractError(
                _("%(file)s, rows %(rows)s, column %(column)s: the date %(value)s is in the future (after %(today)s).")
                % {
                    "file": filename,
                    "rows": _rows(future),
                    "column": column,
                    "value": cells.text(column, int(future[0])),
                    "today": as_of.isoformat(),
                }
            )
        dates[trigger] = values
    birth, death = dates["birth"], dates["death"]
    reversed_ = np.flatnonzero(death < birth)  # False where either is NaT
    if len(reversed_):
        raise ExtractError(
            _("%(file)s, rows %(rows)s, column death_date: the death date is before the birth date.")
            % {"file": filename, "rows": _rows(reversed_)}
        )
    return Extract(rule_index=rule_index, dates=dates, type_codes=type_codes, type_names=type_names, cells=cells)


def compute_extract(extract: Extract, rules: list[RuleSpec], filename: str):
    result = compute(extract.rule_index, rules, extract.dates)
    if len(result.undated):
        first = int(result.undated[0])
        rule = rules[int(extract.rule_index[first])]
        needed = DATE_NAME[rule.trigger] + (f" / {DATE_NAME[rule.fallback_trigger]}" if rule.fallback_trigger else "")
        raise ExtractError(
            _("%(file)s, rows %(rows)s: the rule %(rule)s needs the column %(column)s, which is empty.")
            % {"file": filename, "rows": _rows(result.undated), "rule": rule.code, "column": needed}
        )
    return result


DATE_NAME = {trigger: column for column, trigger in DATE_COLUMNS.items()}
