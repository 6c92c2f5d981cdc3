"""The chunked reader's speed-ups give what the whole-file parser gives.

Chunks read in worker threads (``ledger_stream.THREADS``), the encoding taken from the file's
head and checked chunk by chunk (the file read again, checked whole, when a later chunk is in
another encoding), and the two-decimal amount reader: the rows, per-pair totals and messages must
equal ``parse_whole``'s (``test_ledger_stream.check``) whatever the number of threads.
"""

from __future__ import annotations

import random

import pytest

from integration import ledger_stream
from integration.tests.test_ledger_stream import check, plain_ledger


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch):
    monkeypatch.setattr(ledger_stream, "CHUNK_BYTES", 64)
    monkeypatch.setattr(ledger_stream, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(ledger_stream, "HEAD_BYTES", 200)


@pytest.fixture(params=[1, 2, 3])
def threads(request, monkeypatch):
    monkeypatch.setattr(ledger_stream, "THREADS", request.param)
    return request.param


def test_threads_give_the_same_pairs_and_errors(threads):
    result = check(plain_ledger(500, seed=7))
    assert result.chunks > 100 and result.rows_read == 500
    body = "".join(f"C{i % 7};{3000 + i % 5};x;{i},50\n" for i in range(300)) + "C1;;x;abc\n" * 30
    outcome = check(f"Kustp;Tili;Selite;Summa\n{body}".encode())
    assert outcome[0] == "error" and "302" in outcome[1][0] and outcome[2] > 0


@pytest.mark.parametrize(
    ("first", "late", "encoding"),
    [
        ("", "Ä1;€ tili", "cp1252"),  # a C1 byte (0x80) after an ASCII head
        ("", "Ä1;ö", "iso-8859-15"),  # not UTF-8, no C1 byte
        ("", "Ä1;ö", "utf-8"),
        ("Ö1;3000", "Ä1;‰", "cp1252"),  # an ISO 8859-15 head, a C1 byte (0x89) further on
    ],
)
def test_the_encoding_is_the_whole_files(threads, first, late, encoding, monkeypatch):
    reads = []
    original = ledger_stream._read_head

    def spy(*args, whole):
        reads.append(whole)
        return original(*args, whole=whole)

    monkeypatch.setattr(ledger_stream, "_read_head", spy)
    rows = [f"{first};x;1,00" for _ in range(20)] if first else []
    rows += [f"C{i};{3000 + i};x;{i},25" for i in range(40)]
    code, account = late.split(";")
    rows += [f"{code};{account};x;{i},75" for i in range(40)]
    data = ("Kustp;Tili;Selite;Summa\n" + "\n".join(rows) + "\n").encode(encoding)
    result = check(data)
    assert result.encoding == encoding and result.rows_read == len(rows)
    assert code in set(result.pairs["cost_centre"])
    # parse_ledger and aggregate_ledger each: the head's encoding, then (not UTF-8) the whole file checked
    assert reads == [False, False] if encoding == "utf-8" else reads == [False, True] * 2


def test_a_quote_or_a_nul_further_on_is_the_whole_file_parsers(threads):
    head = "".join(f"C{i};{3000 + i};x;{i},25\n" for i in range(40))
    check(f'Kustp;Tili;Selite;Summa\n{head}"C1";3000;x;1,00\n'.encode())
    outcome = check(f"Kustp;Tili;Selite;Summa\n{head}C1;3000;x\x00;1,00\n".encode())
    assert outcome[0] == "error"


@pytest.mark.parametrize("separator", [",", "."])
def test_two_decimal_amounts_of_every_length(threads, separator):
    rng = random.Random(3)
    lines = ["Kustp;Tili;Selite;Summa"]
    for i in range(400):
        digits = rng.randint(1, 13)
        whole = str(rng.randint(10 ** (digits - 1), 10**digits - 1))
        sign = rng.choice(["", "-"])
        code = rng.choice(["1", "C042", "ABCDEFGH", "ABCDEFGHI", "1234567890123456", "Ä1"])
        lines.append(f"{code};{rng.choice(['4000', '123456789'])};r{i};{sign}{whole}{separator}{i % 100:02d}")
    result = check(("\n".join(lines) + "\n").encode())
    assert result.rows_read == 400


@pytest.mark.parametrize("amount", ["1,0x", "1,x0", "12345678901234,00", "1;2,00", "-,00", "1,,0"])
def test_a_bad_two_decimal_amount_is_read_the_general_way(threads, amount):
    body = "".join(f"C1;4000;x;{i},00\n" for i in range(30)) + f"C1;4000;x;{amount}\n"
    check(f"Kustp;Tili;Selite;Summa\n{body}".encode())


@pytest.mark.parametrize("reduce_at", [1, 3, 50])
def test_pairs_merged_as_the_chunks_come_give_the_whole_files_pairs(threads, reduce_at, monkeypatch):
    """The pair sink merges the chunks' pairs as integers whenever REDUCE_AT pairs are kept (and
    then at twice what a merge left): the pairs, first rows and debit/credit are parse_whole's,
    codes that come back in later chunks included, and the sink merged more than once."""
    merges = []
    original = ledger_stream._PairSink._reduce

    def counting(self):
        merges.append(len(self.parts))
        original(self)

    monkeypatch.setattr(ledger_stream._PairSink, "REDUCE_AT", reduce_at)
    monkeypatch.setattr(ledger_stream._PairSink, "_reduce", counting)
    rng = random.Random(reduce_at)
    lines = ["Kustp;Tili;Selite;Summa"]
    expected: dict[tuple[str, str], list[int]] = {}  # pair -> [cents, rows, first row, debit]
    for i in range(400):
        cents = rng.randint(-50_000, 90_000)
        sign = "-" if cents < 0 else ""
        pair = (f"C{rng.randint(0, 30)}", str(3000 + rng.randint(0, 40)))
        lines.append(f"{pair[0]};{pair[1]};r{i};{sign}{abs(cents) // 100},{abs(cents) % 100:02d}")
        totals = expected.setdefault(pair, [0, 0, i + 2, 0])
        totals[0] += cents
        totals[1] += 1
        totals[3] += max(cents, 0)
    result = check(("\n".join(lines) + "\n").encode())
    assert result.rows_read == 400 and result.chunks > 100
    got = {
        (r.cost_centre, r.account): [r.cents, r.rows, r.first_row, r.debit]
        for r in result.pairs.itertuples(index=False)
    }
    assert got == expected
    assert (result.pairs["credit"] == result.pairs["cents"] - result.pairs["debit"]).all()
    assert sum(1 for parts in merges if parts > 1) > (1 if reduce_at < 50 else 0)
    assert list(result.pairs["first_row"]) == sorted(result.pairs["first_row"])
