"""Large CSV ledgers in bounded memory: read in chunks, aggregated per (cost centre, account).

A wellbeing services county's annual ledger can have ten million rows. ``parsing.parse_ledger``
holds the file and every row; this reader holds one chunk (``CHUNK_BYTES``) at a time and keeps,
per distinct (cost centre, account) pair, the sum in cents, the row count, the first row and the
gross debit and credit: everything the conversion and its summary need (``conversion.convert``
and ``summary.summarise`` take these pairs), whatever the number of rows.

The result is the whole-file parser's, to the cent and to the word: the same layouts, the same
row-numbered messages (the chunks' errors are merged as the whole-file parser orders them), the
same amount notation (decided for the whole column: a chunk read in another notation than the
file's makes the file be read whole). Whatever this reader does not handle itself (XLSX, quoted
CSV, a refused file, a ragged row, title rows with odd line ends, a small file) is read by the
whole-file parser, so those messages are its own. ``integration/tests/test_ledger_stream.py``
compares the two on many files with chunks of a few bytes.

The plain chunk (every line as wide as the header, LF or CRLF, amounts such as ``-1234,56``,
codes of at most 16 bytes) is read straight from the bytes with numpy: amounts eight digits at a
time (SWAR), codes as integers of their bytes, aggregated with ``bincount``. Other chunks go
through pandas and ``parsing.check_chunk``, as the whole-file parser does. The encoding is the
one the file's head suggests, checked chunk by chunk as they are read: a later chunk in another
encoding (a file whose first megabyte is ASCII but whose later rows are not UTF-8) makes the file
be read again, every byte checked first, so the file is read once in the common case. The chunks
can be scanned in worker threads (``THREADS``); the results are applied in file order.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import BinaryIO

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from integration import parsing
from integration.parsing import LedgerError
from portal import safe_reader

CHUNK_BYTES = 4 * 1024 * 1024  # bytes read at a time (the last line is carried to the next chunk)
STREAM_MIN_BYTES = 8 * 1024 * 1024  # smaller files are read whole (as fast, and no chunk logic)


def _default_threads() -> int:
    """Chunks scanned at a time, in worker threads (numpy releases the GIL): one per core the
    process may use, at most 4; ``PORTAL_LEDGER_THREADS`` sets it (1 for a Celery worker whose
    concurrency already fills the cores). On the idle 2-core machine of docs/performance.md two
    threads took the 10 M-row transform from 0.89 s to 0.55 s once the chunks' pairs were merged
    as integers; before that the main thread's pandas merge left the second core little to do."""
    configured = os.environ.get("PORTAL_LEDGER_THREADS")
    if configured:
        return max(1, int(configured))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


THREADS = _default_threads()
HEAD_BYTES = 1024 * 1024  # decoded to find the header (>= 200 000 characters in any encoding)
PAIR_COLUMNS = ["cost_centre", "account", "cents", "rows", "first_row", "debit", "credit"]

_PAD = b"0" * 16  # before each chunk, so that 16-byte windows never start before the buffer
_ODD_LINE_ENDS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_U64 = np.uint64


class UseWholeFile(Exception):
    """Internal: this file is read by the whole-file parser (its messages are the reference)."""


class _OtherEncoding(Exception):
    """Internal: a chunk is not in the encoding the file's first HEAD_BYTES suggested (read again,
    the whole file checked first, as the whole-file parser decides the encoding)."""


@dataclass
class LedgerPairs:
    """A validated ledger aggregated per (cost centre, account): ``pairs`` has PAIR_COLUMNS, one
    row per distinct pair (codes stripped), ordered by first row."""

    pairs: pd.DataFrame
    rows_read: int
    total_cents: int
    file_format: str
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    header_row: int = 1
    columns: dict[str, str] = field(default_factory=dict)
    chunks: int = 1  # how many chunks the file was read in (1: read whole)


# --- aggregation ----------------------------------------------------------------------------------


def _exact_sums(ids: np.ndarray, values: np.ndarray, bins: int) -> np.ndarray:
    """Per-bin sums of int64 values, exact (bincount adds in float64: split when it could round)."""
    if not len(values):
        return np.zeros(bins, dtype=np.int64)
    largest = int(np.abs(values).max())
    if largest * len(values) < 2**53:
        return np.rint(np.bincount(ids, weights=values, minlength=bins)).astype(np.int64)
    low = values & 0xFFFFFF
    high = values >> 24
    if int(np.abs(high).max()) * len(values) >= 2**53:
        return pd.Series(values).groupby(ids).sum().reindex(range(bins), fill_value=0).to_numpy(dtype=np.int64)
    low_sums = np.rint(np.bincount(ids, weights=low, minlength=bins)).astype(np.int64)
    high_sums = np.rint(np.bincount(ids, weights=high, minlength=bins)).astype(np.int64)
    return high_sums * (1 << 24) + low_sums


@dataclass
class ChunkPairs:
    """The pairs of some rows as arrays (no pandas: a chunk's are merged in the main thread, so
    they must cost little): per pair, the indexes of its cost centre and account in the rows'
    distinct codes, and its row count, sum, debit (sum of positive amounts) and first row."""

    cc: np.ndarray
    acc: np.ndarray
    rows: np.ndarray
    cents: np.ndarray
    debit: np.ndarray
    first_row: np.ndarray


def aggregate_arrays(cc_codes, n_cc: int, acc_codes, n_acc: int, cents: np.ndarray, rows: np.ndarray) -> ChunkPairs:
    """Pairs of rows given as codes (0..n_cc-1, 0..n_acc-1) into their distinct codes."""
    n_acc = max(n_acc, 1)
    pair = cc_codes.astype(np.int64) * n_acc + acc_codes
    dense = n_cc * n_acc
    if dense <= max(4 * len(pair), 1 << 16):
        ids, bins = pair, dense
        keys = None
    else:
        ids, keys = pd.factorize(pair)
        bins = len(keys)
    count = np.bincount(ids, minlength=bins)
    total = _exact_sums(ids, cents, bins)
    debit = _exact_sums(ids, np.maximum(cents, 0), bins)
    first = np.full(bins, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, ids, rows.astype(np.int64))
    present = np.flatnonzero(count)
    pair_keys = present if keys is None else np.asarray(keys)[present]
    return ChunkPairs(
        cc=pair_keys // n_acc,
        acc=pair_keys % n_acc,
        rows=count[present].astype(np.int64),
        cents=total[present],
        debit=debit[present],
        first_row=first[present],
    )


def _pairs_frame(pairs: ChunkPairs, cc_names: np.ndarray, acc_names: np.ndarray) -> pd.DataFrame:
    """PAIR_COLUMNS, ordered by first row."""
    order = np.argsort(pairs.first_row, kind="stable")
    return pd.DataFrame(
        {
            "cost_centre": np.asarray(cc_names, dtype=object)[pairs.cc[order]],
            "account": np.asarray(acc_names, dtype=object)[pairs.acc[order]],
            "cents": pairs.cents[order],
            "rows": pairs.rows[order],
            "first_row": pairs.first_row[order],
            "debit": pairs.debit[order],
            "credit": pairs.cents[order] - pairs.debit[order],
        },
        columns=PAIR_COLUMNS,
    )


def sum_by(
    codes: np.ndarray, sums: dict[str, np.ndarray], minimum: dict[str, np.ndarray]
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Per distinct code (ascending): the exact int64 sums of ``sums`` and the minimums of
    ``minimum``; returns (the distinct codes, name -> per-code array). The pair sink merges
    its chunks with it, and ``conversion.convert`` groups its pairs."""
    distinct, ids = np.unique(codes, return_inverse=True)
    bins = len(distinct)
    out = {name: _exact_sums(ids, values.astype(np.int64), bins) for name, values in sums.items()}
    for name, values in minimum.items():
        low = np.full(bins, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(low, ids, values.astype(np.int64))
        out[name] = low
    return distinct, out


def aggregate_codes(
    cc_codes: np.ndarray,
    cc_uniques: np.ndarray,
    acc_codes: np.ndarray,
    acc_uniques: np.ndarray,
    cents: np.ndarray,
    rows: np.ndarray,
) -> pd.DataFrame:
    """Pairs (PAIR_COLUMNS, ordered by first row) of rows given as codes into distinct codes."""
    pairs = aggregate_arrays(cc_codes, len(cc_uniques), acc_codes, len(acc_uniques), cents, rows)
    return _pairs_frame(pairs, cc_uniques, acc_uniques)


def pairs_from_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The pairs of parsed rows (``parsing.ParsedLedger.frame``: row, cost_centre, account, cents)."""
    cc_codes, cc_uniques = pd.factorize(frame["cost_centre"].to_numpy(dtype=object))
    acc_codes, acc_uniques = pd.factorize(frame["account"].to_numpy(dtype=object))
    return aggregate_codes(
        cc_codes,
        cc_uniques,
        acc_codes,
        acc_uniques,
        frame["cents"].to_numpy(dtype=np.int64),
        frame["row"].to_numpy(dtype=np.int64),
    )


class _PairSink:
    """Keeps the pairs of the chunks read so far (a few thousand rows, whatever the file's size).

    The codes of every chunk get one number each for the whole file (``_ids``: a dict over the
    chunk's few distinct codes), so the chunks' pairs are merged as integers with numpy; strings
    appear once, in ``result``. (Merging the chunks' frames with pandas' groupby on the code
    strings took most of the main thread's time, which no worker thread can share.)"""

    # Pairs kept before they are merged: a few MB (48 bytes a pair), or twice what the last merge
    # left, so a ledger of very many distinct pairs is not merged again at every chunk.
    REDUCE_AT = 1 << 17

    def __init__(self):
        self.cc_ids: dict[str, int] = {}
        self.acc_ids: dict[str, int] = {}
        self.parts: list[ChunkPairs] = []  # cc and acc: the file's numbers of the codes
        self.kept = 0
        self.reduce_at = self.REDUCE_AT

    @staticmethod
    def _ids(uniques, registry: dict[str, int]) -> np.ndarray:
        return np.fromiter(
            (registry.setdefault(code, len(registry)) for code in uniques.tolist()), dtype=np.int64, count=len(uniques)
        )

    def add(self, pairs: ChunkPairs, cc_uniques, acc_uniques, first_row: int = 0) -> None:
        """A chunk's pairs (codes into its own ``cc_uniques``/``acc_uniques``; first rows counted
        from ``first_row``)."""
        if not len(pairs.rows):
            return
        self.parts.append(
            ChunkPairs(
                cc=self._ids(cc_uniques, self.cc_ids)[pairs.cc],
                acc=self._ids(acc_uniques, self.acc_ids)[pairs.acc],
                rows=pairs.rows,
                cents=pairs.cents,
                debit=pairs.debit,
                first_row=pairs.first_row + first_row,
            )
        )
        self.kept += len(pairs.rows)
        if self.kept >= self.reduce_at and len(self.parts) > 1:
            self._reduce()

    def codes(self, cc_codes, cc_uniques, acc_codes, acc_uniques, cents, rows) -> None:
        self.add(
            aggregate_arrays(cc_codes, len(cc_uniques), acc_codes, len(acc_uniques), cents, rows),
            cc_uniques,
            acc_uniques,
        )

    def frame(self, frame: pd.DataFrame) -> None:
        cc_codes, cc_uniques = pd.factorize(frame["cost_centre"].to_numpy(dtype=object))
        acc_codes, acc_uniques = pd.factorize(frame["account"].to_numpy(dtype=object))
        rows = frame["row"].to_numpy(dtype=np.int64)
        self.codes(cc_codes, cc_uniques, acc_codes, acc_uniques, frame["cents"].to_numpy(dtype=np.int64), rows)

    def _reduce(self) -> None:
        if len(self.parts) <= 1:
            return

        def column(name):
            return np.concatenate([getattr(p, name) for p in self.parts])

        keys, totals = sum_by(
            (column("cc") << 32) | column("acc"),
            {"rows": column("rows"), "cents": column("cents"), "debit": column("debit")},
            {"first_row": column("first_row")},
        )
        self.parts = [ChunkPairs(cc=keys >> 32, acc=keys & 0xFFFFFFFF, **totals)]
        self.kept = len(keys)
        self.reduce_at = max(self.REDUCE_AT, 2 * len(keys))

    def result(self) -> pd.DataFrame:
        if not self.parts:
            return aggregate_codes(*(np.zeros(0, dtype=np.int64),) * 6)
        self._reduce()
        return _pairs_frame(
            self.parts[0], np.array(list(self.cc_ids), dtype=object), np.array(list(self.acc_ids), dtype=object)
        )


class _RowSink:
    """Keeps every row (``parse_ledger`` of a large file: the drill-down needs the rows)."""

    def __init__(self):
        self.frames: list[pd.DataFrame] = []

    def codes(self, cc_codes, cc_uniques, acc_codes, acc_uniques, cents, rows) -> None:
        self.frames.append(
            pd.DataFrame(
                {
                    "row": rows.astype(np.int64),
                    "cost_centre": np.asarray(cc_uniques, dtype=object)[cc_codes],
                    "account": np.asarray(acc_uniques, dtype=object)[acc_codes],
                    "cents": cents.astype(np.int64),
                }
            )
        )

    def frame(self, frame: pd.DataFrame) -> None:
        self.frames.append(frame)

    def result(self) -> pd.DataFrame:
        return pd.concat(self.frames, ignore_index=True)


# --- the plain chunk, from the bytes ---------------------------------------------------------------

_ZEROS = _U64(0x3030303030303030)
_HIGH_NIBBLES = _U64(0xF0F0F0F0F0F0F0F0)
_SIXES = _U64(0x0606060606060606)


def _eight_digits(words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eight ASCII characters per uint64 (first character in the lowest byte) -> (value, all digits)."""
    v = words ^ _ZEROS
    ok = ((v & _HIGH_NIBBLES) | ((v + _SIXES) & _HIGH_NIBBLES)) == 0
    v = ((v & _U64(0x0F0F0F0F0F0F0F0F)) * _U64(2561)) >> _U64(8)
    v = ((v & _U64(0x00FF00FF00FF00FF)) * _U64(6553601)) >> _U64(16)
    v = ((v & _U64(0x0000FFFF0000FFFF)) * _U64(42949672960001)) >> _U64(32)
    return v.astype(np.int64), ok


# _KEEP[n]: the last n bytes of a little-endian word (its high bytes); _FILL[n]: "0" in the others.
_KEEP = np.array([(~((1 << (8 * (8 - n))) - 1)) & (2**64 - 1) for n in range(9)], dtype=np.uint64)
_FILL = (_KEEP ^ _U64(2**64 - 1)) & _ZEROS


def _digits(words: np.ndarray, length: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The last ``length`` (0..8) characters of each word (the field ends at the word's end)."""
    return _eight_digits((words & _KEEP[length]) | _FILL[length])


def _plain_amounts(buf: np.ndarray, words: np.ndarray, start: np.ndarray, end: np.ndarray):
    """Cents of plain amounts (``-?digits`` with one decimal comma or point and 1-2 decimals, the
    same separator in the chunk, at most 13 integer digits), or None (read the general way).

    Returns (cents, separator byte or 0)."""
    negative = buf[start] == 45
    first = start + negative
    length = end - first
    if not len(length) or int(length.min()) < 1 or int(length.max()) > 16:
        return None
    at3 = buf[end - 3]
    if int(length.min()) >= 4 and int(at3.min()) == int(at3.max()) and int(at3[0]) in (44, 46):
        return _two_decimals(words, first, end, negative, int(at3[0]))
    at2 = buf[end - 2]
    two = ((at3 == 44) | (at3 == 46)) & (length >= 3)
    one = ((at2 == 44) | (at2 == 46)) & (length >= 2) & ~two
    decimals = np.where(two, 2, np.where(one, 1, 0))
    int_end = end - decimals - (decimals > 0)
    int_len = int_end - first
    if int(int_len.min()) < 1 or int(int_len.max()) > 13:
        return None
    has = decimals > 0
    separator = 0
    if bool(has.any()):
        found = buf[int_end[has]]
        separator = int(found.min())
        if int(found.max()) != separator:
            return None  # both a comma and a point
    low_len = np.minimum(int_len, 8)
    value, ok = _digits(words[int_end - 8], low_len)
    long = int_len > 8
    if bool(long.any()):
        high, high_ok = _digits(words[int_end - 16], np.where(long, int_len - 8, 0))
        value = np.where(long, high * 100_000_000 + value, value)
        ok &= high_ok
    d1 = buf[np.where(two, end - 2, end - 1)].astype(np.int64) - 48
    d2 = buf[end - 1].astype(np.int64) - 48
    ok &= ~has | ((d1 >= 0) & (d1 <= 9))
    ok &= ~two | ((d2 >= 0) & (d2 <= 9))
    if not bool(ok.all()):
        return None
    fraction = np.where(two, d1 * 10 + d2, np.where(one, d1 * 10, 0))
    cents = value * 100 + fraction
    return np.where(negative, -cents, cents), separator


_LOW6 = _U64(0x0000FFFFFFFFFFFF)
_HIGH2 = _U64(0xFFFF000000000000)


def _two_decimals(words, first, end, negative, separator):
    """``_plain_amounts`` when every amount of the chunk has two decimals after ``separator``
    (the common case: fewer operations, the same result). The last six integer digits and the
    two decimals are put in one word without the separator and read as cents at once."""
    int_len = end - 3 - first
    if int(int_len.max()) > 13:
        return None
    cents_word = (words[end - 9] & _LOW6) | (words[end - 8] & _HIGH2)
    cents, ok = _digits(cents_word, np.minimum(int_len, 6) + 2)
    long = int_len > 6
    if bool(long.any()):
        high, high_ok = _digits(words[end - 17], np.where(long, int_len - 6, 0))
        cents += high * 100_000_000
        ok &= high_ok
    if not bool(ok.all()):
        return None
    np.negative(cents, out=cents, where=negative)
    return cents, separator


def _code_keys(words: np.ndarray, start: np.ndarray, end: np.ndarray):
    """Each code's bytes as integers (low: the last 8 bytes; high: the bytes before), or None."""
    length = end - start
    longest = int(length.max(initial=0))
    if longest > 16:
        return None
    low = words[end - 8] & _KEEP[np.minimum(length, 8)]
    if longest <= 8:
        return low, None
    high = words[end - 16] & _KEEP[np.maximum(length - 8, 0)]
    return low, high


def _code_bytes(low: int, high: int) -> bytes:
    """The bytes of a code from its keys (a code holds no NUL: control characters are refused)."""
    return high.to_bytes(8, "little").lstrip(b"\0") + low.to_bytes(8, "little").lstrip(b"\0")


def _codes(keys, encoding: str) -> tuple[np.ndarray, np.ndarray]:
    """Row codes into the distinct stripped codes (decoded in the file's encoding)."""
    low, high = keys
    if high is None:
        codes, uniques = pd.factorize(low)
        raw = [_code_bytes(int(k), 0) for k in uniques]
    else:
        low_codes, low_uniques = pd.factorize(low)
        high_codes, high_uniques = pd.factorize(high)
        codes, combined = pd.factorize(high_codes.astype(np.int64) * len(low_uniques) + low_codes)
        raw = [
            _code_bytes(int(low_uniques[c % len(low_uniques)]), int(high_uniques[c // len(low_uniques)]))
            for c in combined
        ]
    decoder = "utf-8" if encoding == "utf-8-sig" else encoding
    stripped = np.array([b.decode(decoder).strip() for b in raw], dtype=object)
    merged, distinct = pd.factorize(stripped)
    if len(distinct) != len(stripped):  # " 1010" and "1010" are one code
        codes = merged[codes]
        stripped = np.asarray(distinct, dtype=object)
    return codes, stripped


# --- reading ---------------------------------------------------------------------------------------


@dataclass
class _Layout:
    encoding: str
    delimiter: str
    header: list[str]
    header_index: int
    columns: dict[str, int]
    data_start: int
    tentative: bool = False  # the encoding is the head's: every chunk is checked (_Scan.utf8, .c1)


def _read_head(handle: BinaryIO, size: int, filename: str, aliases: dict, *, whole: bool) -> _Layout:
    """Check the file as the whole-file parser would before reading rows; find the header.

    ``whole``: check every byte first (NUL, quotes, the encoding: UTF-8 if the whole file is
    valid UTF-8). Otherwise only the first HEAD_BYTES are checked here and the encoding they
    suggest is tentative: the chunks are checked as they are read (``_Reader.scan``, ``_stream``)
    and a chunk in another encoding makes the file be read again with ``whole``."""
    first = handle.read(8)
    handle.seek(0)
    try:
        kind = parsing.detect_format(first, filename)
    except LedgerError as exc:
        raise UseWholeFile from exc
    if kind != "csv" or first.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UseWholeFile
    utf8 = codecs.getincrementaldecoder("utf-8")()
    valid_utf8, c1, content = True, False, False
    while chunk := handle.read(CHUNK_BYTES if whole else HEAD_BYTES):
        if b"\x00" in chunk or b'"' in chunk:
            raise UseWholeFile  # a binary file (refused) or quoted cells: read whole
        content = content or bool(chunk.strip())
        if not chunk.isascii():
            c1 = c1 or re.search(rb"[\x80-\x9f]", chunk) is not None
            if valid_utf8:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    valid_utf8 = False
        if not whole:
            break  # the head only; the rest is checked chunk by chunk
    if valid_utf8 and whole:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            valid_utf8 = False
    if not content:
        raise UseWholeFile
    handle.seek(0)
    head = handle.read(HEAD_BYTES)
    if valid_utf8:
        encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    else:
        encoding = "cp1252" if c1 else "iso-8859-15"
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(head)
    except UnicodeDecodeError as exc:
        raise UseWholeFile from exc  # the whole-file parser names the byte
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text[:65536]):
        raise UseWholeFile
    try:
        header_index, delimiter, header = parsing._csv_header(text, aliases)
    except LedgerError as exc:
        if whole:
            raise
        raise UseWholeFile from exc  # a quote or NUL further on would make it the whole-file parser's
    lines = text.split("\n")
    if len(lines) <= header_index + 1:
        raise UseWholeFile  # the header is not followed by a line end within the head
    above = [line[:-1] if line.endswith("\r") else line for line in lines[: header_index + 1]]
    if any(_ODD_LINE_ENDS.search(line) for line in above):
        raise UseWholeFile  # rows above the data counted differently by the CSV reader and by lines
    prefix = "\n".join(lines[: header_index + 1]) + "\n"
    prefix_bytes = prefix.encode(encoding)
    limits = safe_reader.ReadLimits.from_settings()
    if (
        _CONTROL.search(prefix_bytes)
        or re.search(rb"\n(?:[ \t\r]*\n){%d}" % limits.max_empty_run, prefix_bytes)
        or max(len(line) for line in prefix_bytes.split(b"\n")) - 1 > limits.max_cell_chars
    ):
        raise UseWholeFile
    if size > limits.max_compressed_bytes or len(header) > limits.max_columns:
        raise UseWholeFile
    try:
        columns = parsing._column_map(header, header_index, aliases)
    except LedgerError as exc:
        raise UseWholeFile from exc  # its place among the other checks is the whole-file parser's
    return _Layout(encoding, delimiter, header, header_index, columns, len(prefix_bytes), tentative=not whole)


def _chunks(handle: BinaryIO, start: int):
    """Chunks of whole lines (each ends with LF; a last line without one gets one), each after
    ``_PAD`` in one buffer: (buffer, length of the padded chunk, whether the file had the LF)."""
    handle.seek(start)
    carry = b""
    while True:
        data = handle.read(CHUNK_BYTES)
        if not data:
            if carry:
                block = _PAD + carry + b"\n"
                yield block, len(block), False
            return
        block = b"".join((_PAD, carry, data))
        cut = block.rfind(b"\n", len(_PAD)) + 1
        if cut == 0:
            carry = block[len(_PAD) :]
            continue
        carry = block[cut:]
        yield block, cut, True


@dataclass
class _State:
    next_row: int  # file row number of the next record (as the CSV reader counts records)
    newlines: int = 0
    ends_with_newline: bool = True
    blank_run: int = 0
    rows_over: bool = False
    errors: list = field(default_factory=list)
    hidden: int = 0
    notations: list = field(default_factory=list)
    rows_read: int = 0
    total_cents: int = 0
    chunks: int = 0


def _blank_lines(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    blank_byte = (buf == 32) | (buf == 9) | (buf == 13) | (buf == 10)
    ink = np.concatenate(([0], np.cumsum(~blank_byte, dtype=np.int64)))
    return (ink[ends] - ink[starts]) == 0


@dataclass
class _Scan:
    """What one chunk's worker found (no state of the file: the loop in ``_stream`` applies it)."""

    block: bytes
    length: int
    terminated: bool
    lines: int
    blank: np.ndarray | None = None  # per line, when the chunk is not regular
    plain: tuple | None = None  # _read_plain's result (a regular chunk read from the bytes)
    pairs: ChunkPairs | None = None  # the plain rows aggregated, first_row counted from 0
    cents: int = 0
    utf8: bool = True  # the chunk is valid UTF-8
    c1: bool = False  # the chunk has a byte 0x80-0x9f (cp1252 rather than ISO 8859-15)

    def chunk(self) -> bytes:
        return self.block[len(_PAD) : self.length]


@dataclass
class _Reader:
    """The per-chunk work, the same for every chunk of a file; run in worker threads (numpy and
    pandas' hash tables release the GIL, so the chunks are read on all cores)."""

    width: int
    columns: dict[str, int]
    sep: int
    encoding: str
    check_cells: bool  # whether a line could be longer than the cell limit
    max_cell_chars: int
    try_plain: bool
    aggregate: bool  # aggregate the plain rows per pair (a pair sink) or keep them (a row sink)
    tentative: bool  # check each chunk's quotes and encoding (the head's encoding is tentative)

    def scan(self, block: bytes, length: int, terminated: bool) -> _Scan:
        scan = _Scan(block, length, terminated, 0)
        if self.tentative:
            if b'"' in block:
                raise UseWholeFile  # quoted cells (a NUL is refused below): read whole
            if not block.isascii():
                chunk = scan.chunk()
                scan.c1 = re.search(rb"[\x80-\x9f]", chunk) is not None
                try:
                    chunk.decode("utf-8")
                except UnicodeDecodeError:
                    scan.utf8 = False
                if self.encoding.startswith("utf-8") and not scan.utf8 or self.encoding == "iso-8859-15" and scan.c1:
                    return scan  # _stream reads the file again
        buf = np.frombuffer(block, dtype=np.uint8, count=length)
        control = np.flatnonzero(buf < 32)  # one pass: line feeds, carriage returns, tabs and the rest
        kinds = buf[control]
        newline_at = control[kinds == 10]
        carriage = control[kinds == 13]
        lines = len(newline_at)
        if len(control) != lines + len(carriage) + np.count_nonzero(kinds == 9):
            raise UseWholeFile  # a control character: refused with its row
        line_start = np.concatenate(([len(_PAD)], newline_at[:-1] + 1))
        if self.check_cells and int((newline_at - line_start).max()) > self.max_cell_chars:
            raise UseWholeFile
        width = self.width
        separators = np.flatnonzero(buf == self.sep)
        regular = width > 1 and len(separators) == lines * (width - 1)
        if regular:
            grid = separators.reshape(lines, width - 1)
            regular = bool((grid[:, 0] >= line_start).all() and (grid[:, -1] < newline_at).all())
        scan.lines = lines
        if not regular:
            per_line = np.diff(np.concatenate(([0], np.searchsorted(separators, newline_at, side="right"))))
            if bool((per_line > width - 1).any()):
                raise UseWholeFile  # a ragged row: the whole-file parser names it
            scan.blank = _blank_lines(buf, line_start, newline_at)
            if not terminated:
                scan.blank[-1] = False  # the regex counts only lines that end with a line feed
            return scan
        lone_cr = len(carriage) and not bool((buf[carriage + 1] == 10).all())
        if lone_cr or not self.try_plain:
            return scan
        scan.plain = _read_plain(buf, grid, line_start, newline_at, width, self.columns, self.encoding)
        if scan.plain is not None:
            cc_codes, cc_uniques, acc_codes, acc_uniques, cents, _separator = scan.plain
            scan.cents = int(cents.sum())
            empty = bool((cc_uniques == "").any()) or bool((acc_uniques == "").any())
            if self.aggregate and not empty:
                rows = np.arange(lines, dtype=np.int64)
                scan.pairs = aggregate_arrays(cc_codes, len(cc_uniques), acc_codes, len(acc_uniques), cents, rows)
        return scan


def _scans(chunks, reader: _Reader):
    """The chunks' scans in file order, ``THREADS`` chunks read at a time (one ahead is read from
    the file while they are scanned)."""
    if THREADS <= 1:
        for block, length, terminated in chunks:
            yield reader.scan(block, length, terminated)
        return
    with ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="ledger-chunk") as pool:
        pending: deque = deque()
        try:
            for block, length, terminated in chunks:
                pending.append(pool.submit(reader.scan, block, length, terminated))
                if len(pending) > THREADS:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _stream(handle: BinaryIO, size: int, *, sink_type, **kwargs) -> tuple[_Layout, _State, object]:
    """Read the file in chunks (the encoding the head's; again, checked whole first, if a chunk
    is in another): (layout, state, the sink holding the pairs or rows)."""
    try:
        sink = sink_type()
        return (*_stream_once(handle, size, sink=sink, whole=False, **kwargs), sink)
    except _OtherEncoding:
        sink = sink_type()
        return (*_stream_once(handle, size, sink=sink, whole=True, **kwargs), sink)


def _stream_once(handle, size, *, filename, year, aliases, max_errors, sink, whole) -> tuple[_Layout, _State]:
    layout = _read_head(handle, size, filename, aliases, whole=whole)
    limits = safe_reader.ReadLimits.from_settings()
    width = len(layout.header)
    columns = layout.columns
    state = _State(next_row=layout.header_index + 2)
    line_no = layout.header_index + 1  # \n-lines before the chunk
    needed = ["cost_centre", "account", "amount", "year", "date"]
    usecols = sorted(columns[name] for name in needed if name in columns)
    check_years = year is not None and ("year" in columns or "date" in columns)
    reader = _Reader(
        width=width,
        columns=columns,
        sep=ord(layout.delimiter),
        encoding=layout.encoding,
        check_cells=size > limits.max_cell_chars,
        max_cell_chars=limits.max_cell_chars,
        try_plain=not check_years,
        aggregate=isinstance(sink, _PairSink),
        tentative=layout.tentative,
    )
    for scan in _scans(_chunks(handle, layout.data_start), reader):
        if layout.tentative and (
            layout.encoding.startswith("utf-8") and not scan.utf8 or layout.encoding == "iso-8859-15" and scan.c1
        ):
            raise _OtherEncoding
        state.chunks += 1
        lines, terminated = scan.lines, scan.terminated
        state.newlines += lines - (0 if terminated else 1)
        state.ends_with_newline = terminated
        total_lines = line_no + lines  # the rows the safe reader would count so far
        if total_lines > limits.max_rows:
            state.rows_over = True
        if scan.blank is not None:
            blank = scan.blank
            run = state.blank_run
            for flag in blank.tolist() if bool(blank.any()) or run else []:
                run = run + 1 if flag else 0
                if run >= limits.max_empty_run:
                    raise UseWholeFile
            state.blank_run = run if bool(blank.any()) or run else 0
        else:
            state.blank_run = 0
        line_no = total_lines
        if state.rows_over:
            continue  # the limit is reported at the end; only refusals are looked for
        if scan.plain is not None:
            cc_codes, cc_uniques, acc_codes, acc_uniques, cents, separator = scan.plain
            empty_cc = cc_uniques == ""
            empty_acc = acc_uniques == ""
            if bool(empty_cc.any()) or bool(empty_acc.any()):
                rows = np.arange(state.next_row, state.next_row + lines, dtype=np.int64)
                _code_errors(state, layout, rows, empty_cc[cc_codes], empty_acc[acc_codes], max_errors)
            state.notations.append(
                {"comma": separator == 44, "dot": separator == 46, "multi": False, "threes": separator != 46}
            )
            state.notations[-1]["notation"] = {44: "comma", 46: "point"}.get(separator, "none")
            if not state.errors:
                if scan.pairs is not None:
                    sink.add(scan.pairs, cc_uniques, acc_uniques, state.next_row)
                else:
                    rows = np.arange(state.next_row, state.next_row + lines, dtype=np.int64)
                    sink.codes(cc_codes, cc_uniques, acc_codes, acc_uniques, cents, rows)
            state.rows_read += lines
            state.total_cents += scan.cents
            state.next_row += lines
            continue
        raw = _read_general(scan.chunk(), layout, width, usecols)
        stats: dict = {}
        frame, errors, hidden = parsing.check_chunk(
            raw, layout.header, columns, year, max_errors, state.next_row, stats=stats
        )
        state.next_row += len(raw)
        if stats:
            state.notations.append(stats)
        if errors or hidden:
            state.errors.extend(errors)
            state.hidden += hidden
            _trim_errors(state, max_errors)
        if frame is not None:
            if not state.errors:
                sink.frame(frame)
            state.rows_read += len(frame)
            state.total_cents += int(frame["cents"].sum())
    if state.rows_over:  # the safe reader's own refusal (row = the first row over the limit)
        name = filename or "upload.csv"
        counter = safe_reader.LimitCounter(name, limits, safe_reader.ReadClock(name, limits))
        try:
            counter.row(limits.max_rows + 1, 1)
        except safe_reader.FileRefused as exc:
            raise LedgerError([str(exc)]) from exc
        raise AssertionError("unreachable")
    if (layout.header_index + 1 + state.newlines + 1) * width > limits.max_cells:
        raise UseWholeFile
    if not state.rows_read and not state.errors:
        raise UseWholeFile  # no data rows: the whole-file parser says so
    notation = parsing.file_notation(state.notations)
    if any(n["notation"] not in ("none", notation) for n in state.notations):
        raise UseWholeFile  # a chunk was read in another notation than the whole column's
    if state.errors or state.hidden:
        state.errors.sort()
        listed = [e[2] for e in state.errors[:max_errors]]
        raise LedgerError(listed, more=len(state.errors) - len(listed) + state.hidden)
    return layout, state


def _trim_errors(state: _State, max_errors: int) -> None:
    if len(state.errors) > 4 * (max_errors + 1):
        state.errors.sort()
        keep = state.errors[: max_errors + 1]
        state.hidden += len(state.errors) - len(keep)
        state.errors = keep


def _code_errors(state: _State, layout: _Layout, rows, empty_cc, empty_acc, max_errors: int) -> None:
    """The empty-code errors of a plain chunk, worded and counted as ``parsing.check_chunk`` does."""
    for name, mask, template in (
        ("cost_centre", empty_cc, _("Row %(row)s, %(where)s: a cost centre code was expected; the cell is empty.")),
        ("account", empty_acc, _("Row %(row)s, %(where)s: an account number was expected; the cell is empty.")),
    ):
        position = layout.columns[name]
        where = _('column %(n)s "%(name)s"') % {"n": position + 1, "name": layout.header[position].strip()}
        bad = rows[mask][: max_errors + 1]
        state.hidden += int(mask.sum()) - len(bad)
        state.errors.extend((int(r), position, template % {"row": int(r), "where": where}) for r in bad)
    _trim_errors(state, max_errors)


def _read_plain(buf, grid, line_start, newline_at, width, columns, encoding):
    if len(buf) < len(_PAD) + 8:
        return None
    words = np.ndarray(shape=(len(buf) - 7,), dtype="<u8", buffer=buf.data, strides=(1,))
    line_end = newline_at - (buf[newline_at - 1] == 13)

    def bounds(position):
        start = line_start if position == 0 else grid[:, position - 1] + 1
        end = grid[:, position] if position < width - 1 else line_end
        return start, end

    amounts = _plain_amounts(buf, words, *bounds(columns["amount"]))
    if amounts is None:
        return None
    cc_keys = _code_keys(words, *bounds(columns["cost_centre"]))
    acc_keys = _code_keys(words, *bounds(columns["account"]))
    if cc_keys is None or acc_keys is None:
        return None
    try:
        cc_codes, cc_uniques = _codes(cc_keys, encoding)
        acc_codes, acc_uniques = _codes(acc_keys, encoding)
    except UnicodeDecodeError:
        return None
    cents, separator = amounts
    return cc_codes, cc_uniques, acc_codes, acc_uniques, cents, separator


def _read_general(chunk: bytes, layout: _Layout, width: int, usecols: list[int]) -> pd.DataFrame:
    if not chunk.strip(b" \t\r\n"):
        raise UseWholeFile  # only blank lines: the CSV reader counts them its own way
    try:
        return parsing._read_csv(chunk, layout.encoding.replace("-sig", ""), layout.delimiter, width, -1, usecols, str)
    except LedgerError as exc:
        raise UseWholeFile from exc


# --- entry points ----------------------------------------------------------------------------------


def _source(source: bytes | BinaryIO) -> tuple[BinaryIO, int]:
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray | memoryview) else source
    size = handle.seek(0, io.SEEK_END)
    handle.seek(0)
    return handle, size


def aggregate_ledger(
    source: bytes | BinaryIO,
    *,
    filename: str = "",
    year: int | None = None,
    sheet: str = "",
    extra_aliases: dict | None = None,
    max_errors: int = 20,
) -> LedgerPairs:
    """Parse, validate and aggregate a ledger per (cost centre, account), in bounded memory for a
    large CSV (``source``: the bytes or a seekable binary file). Raises ``LedgerError`` as
    ``parse_ledger`` does."""
    handle, size = _source(source)
    aliases = parsing.alias_map(extra_aliases)
    if size >= STREAM_MIN_BYTES:
        try:
            layout, state, sink = _stream(
                handle,
                size,
                filename=filename,
                year=year,
                aliases=aliases,
                max_errors=max_errors,
                sink_type=_PairSink,
            )
        except UseWholeFile:
            pass
        else:
            return LedgerPairs(
                pairs=sink.result(),
                rows_read=state.rows_read,
                total_cents=state.total_cents,
                file_format="csv",
                encoding=layout.encoding,
                delimiter=layout.delimiter,
                header_row=layout.header_index + 1,
                columns={name: layout.header[pos].strip() for name, pos in layout.columns.items()},
                chunks=state.chunks,
            )
    handle.seek(0)
    parsed = parsing.parse_whole(
        handle.read(), filename=filename, year=year, sheet=sheet, extra_aliases=extra_aliases, max_errors=max_errors
    )
    return LedgerPairs(
        pairs=pairs_from_rows(parsed.frame),
        rows_read=parsed.rows_read,
        total_cents=parsed.total_cents,
        file_format=parsed.file_format,
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        sheet=parsed.sheet,
        header_row=parsed.header_row,
        columns=parsed.columns,
    )


def stream_rows(data: bytes, *, filename, year, extra_aliases, max_errors):
    """Every row of a large CSV read in chunks (``parse_ledger``'s route), or None to read it whole."""
    handle, size = _source(data)
    try:
        layout, state, sink = _stream(
            handle,
            size,
            filename=filename,
            year=year,
            aliases=parsing.alias_map(extra_aliases),
            max_errors=max_errors,
            sink_type=_RowSink,
        )
    except UseWholeFile:
        return None
    return parsing.ParsedLedger(
        frame=sink.result(),
        file_format="csv",
        encoding=layout.encoding,
        delimiter=layout.delimiter,
        header_row=layout.header_index + 1,
        columns={name: layout.header[pos].strip() for name, pos in layout.columns.items()},
    )
