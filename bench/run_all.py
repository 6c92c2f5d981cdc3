"""Run every benchmark in turn and print one table of their headline figures (`make bench`).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \
        .venv/bin/python bench/run_all.py [--quick] [--summary FILE] [--only NAME,...]

Each benchmark runs as a subprocess, in the order and with the environment `make bench` gave them
one by one before (``DATABASE_URL`` or ``BENCH_*_SERVER`` from ``BENCH_DATABASE_URL``, ``DEBUG=1``);
its output goes through unchanged. ``--quick`` is a smoke run: ``--quick`` for the benchmarks that
have it, smaller sizes for the three that do not (see ``benchmarks``). The figures in the table are the ones the benchmarks record themselves
(bench/summary.py, through ``BENCH_SUMMARY_FILE``), not read from their printed text; each
benchmark's wall time and the run's total are measured here. A benchmark that exits non-zero, or
that ends without recording a figure, is shown as failed on its row, the others still run, and this
script exits non-zero at the end. A target that was not met is shown as such ("no") and is not a
failure: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import summary  # noqa: E402 - beside this script

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"


@dataclass
class Benchmark:
    name: str  # the ``benchmark`` its figures are recorded under
    args: list[str]  # after the Python executable
    env: dict[str, str] = field(default_factory=dict)  # on top of this process's environment
    quick: list[str] = field(default_factory=list)  # added with --quick
    full: list[str] = field(default_factory=list)  # added without --quick
    quick_env: dict[str, str] = field(default_factory=dict)  # added to env with --quick


@dataclass
class Result:
    benchmark: Benchmark
    returncode: int
    seconds: float


def benchmarks(database_url: str) -> list[Benchmark]:
    """The benchmarks of `make bench`, in its order, with its arguments and environment. With --quick
    the three that have no --quick of their own run smaller: 50 units instead of 500 (supervision),
    100 000 values and 5 timed runs instead of 1 000 000 and 15 (knowledge), 100 000 records instead
    of 1 000 000 (archiving)."""
    db = {"DATABASE_URL": database_url, "DEBUG": "1"}
    quick = ["--quick"]
    return [
        Benchmark(
            "supervision",
            ["-m", "pytest", "bench/bench_supervision.py", "-p", "no:cacheprovider", "-q", "-s"],
            db,
            quick_env={"BENCH_SUPERVISION_UNITS": "50"},
        ),
        Benchmark("knowledge", ["bench/bench_knowledge.py"], db, ["--values", "100000", "--repeat", "5"]),
        Benchmark("integration", ["bench/bench_integration.py"], db, quick),
        Benchmark(
            "archiving", ["bench/bench_archiving.py"], {"DEBUG": "1"}, ["--rows", "100000"], full=["--rows", "1000000"]
        ),
        Benchmark("reports", ["bench/bench_reports.py"], db, quick),
        Benchmark("workers", ["bench/bench_workers.py"], {"BENCH_WORKERS_SERVER": database_url, "DEBUG": "1"}, quick),
        Benchmark(
            "analytics", ["bench/bench_analytics.py"], {"BENCH_ANALYTICS_SERVER": database_url, "DEBUG": "1"}, quick
        ),
        Benchmark("load", ["bench/bench_load.py"], {"BENCH_LOAD_SERVER": database_url}, quick),
    ]


def run(items: list[Benchmark], summary_file: Path, quick: bool = False) -> list[Result]:
    """Run each benchmark (output streamed through), each timed; the figures go to ``summary_file``."""
    results = []
    for bench in items:
        command = [sys.executable, *bench.args, *(bench.quick if quick else bench.full)]
        extra = {**bench.env, **(bench.quick_env if quick else {})}
        shown = " ".join(
            f"{k}={v}" for k, v in extra.items() if k not in ("DATABASE_URL", "DEBUG") and "SERVER" not in k
        )
        print(f"\n=== {bench.name}: {shown + ' ' if shown else ''}{' '.join(command[1:])} ===", flush=True)
        env = {**os.environ, **extra, summary.ENV: str(summary_file)}
        started = time.perf_counter()
        returncode = subprocess.run(command, cwd=BASE_DIR, env=env, check=False).returncode
        results.append(Result(bench, returncode, time.perf_counter() - started))
        print(f"=== {bench.name}: exit {returncode}, {time.perf_counter() - started:.0f} s ===", flush=True)
    return results


def failed(results: list[Result], records: list[dict]) -> list[str]:
    """The benchmarks that exited non-zero or recorded no figure."""
    names = {r["benchmark"] for r in records}
    return [r.benchmark.name for r in results if r.returncode != 0 or r.benchmark.name not in names]


def _value(value: float | str | None, unit: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ") + (f" {unit}" if unit else "")
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f"{value:,.{digits}f}".replace(",", " ") + (f" {unit}" if unit else "")


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{seconds:.0f} s" + (f" ({minutes} min {rest} s)" if minutes else "")


def _row(r: dict, wall: str) -> list[str]:
    ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}x"
    ours, reference = _value(r["ours"], r["unit"]), _value(r["reference"], r["unit"])
    return [
        r["benchmark"],
        r["measure"],
        ours,
        reference,
        ratio,
        r["target"],
        "n/a" if r["met"] is None else "yes" if r["met"] else "no",
        wall,
    ]


def table(results: list[Result], records: list[dict]) -> str:
    """The one table: a row per recorded figure, grouped by benchmark in the order they ran, the
    benchmark's wall time on its first row; a failed benchmark says so on its row."""
    header = ["benchmark", "measured", "ours", "reference", "ratio", "target", "met", "wall"]
    rows = []
    for result in results:
        name = result.benchmark.name
        mine = [r for r in records if r["benchmark"] == name]
        wall = _duration(result.seconds)
        if result.returncode != 0:
            rows.append([name, f"FAILED: exit {result.returncode}", "", "", "", "", "FAILED", wall])
            wall = ""
        elif not mine:
            rows.append([name, "FAILED: no figure recorded", "", "", "", "", "FAILED", wall])
        for r in mine:
            rows.append(_row(r, wall))
            wall = ""
    known = {result.benchmark.name for result in results}
    rows += [_row(r, "") for r in records if r["benchmark"] not in known]  # should not happen
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {2, 3, 4, 7}

    def line(cells: list[str]) -> str:
        padded = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ":" if i in right else "-" * (w + 2) for i, w in enumerate(widths)) + "|"
    out = [line(header), rule, *(line(row) for row in rows), ""]
    bad = failed(results, records)
    out.append(
        f"total wall time {_duration(sum(result.seconds for result in results))}; "
        f"targets met: {sum(1 for r in records if r['met'])} of {sum(1 for r in records if r['met'] is not None)}; "
        + (f"FAILED: {', '.join(bad)}" if bad else "every benchmark ran")
    )
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke sizes where a benchmark has them")
    parser.add_argument("--summary", help="keep the recorded figures (JSON lines) in this file")
    parser.add_argument("--only", help="run only these benchmarks (comma-separated names, e.g. reports,workers)")
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL
    items = benchmarks(database_url)
    if args.only:
        wanted = args.only.split(",")
        unknown = sorted(set(wanted) - {b.name for b in items})
        if unknown:
            parser.error(f"unknown benchmarks {unknown}; known: {', '.join(b.name for b in items)}")
        items = [b for b in items if b.name in wanted]
    if args.summary:
        summary_file = Path(args.summary).resolve()
        summary_file.write_text("", encoding="utf-8")
    else:
        handle, name = tempfile.mkstemp(prefix="bench_summary_", suffix=".jsonl")
        os.close(handle)
        summary_file = Path(name)
    started = time.perf_counter()
    try:
        results = run(items, summary_file, quick=args.quick)
        records = summary.read(summary_file)
    finally:
        if not args.summary:
            summary_file.unlink(missing_ok=True)
    print(f"\nBenchmarks{' (--quick)' if args.quick else ''}: {time.perf_counter() - started:.0f} s in all\n")
    print(table(results, records))
    return 1 if failed(results, records) else 0


if __name__ == "__main__":
    sys.exit(main())
