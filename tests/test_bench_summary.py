"""bench/summary.py and bench/run_all.py: the benchmarks' headline figures and the one table of
`make bench`. No benchmark runs here: the figures are recorded by real ``summary.record`` calls (in
this process and in small child scripts that ``run_all.run`` starts as it starts a benchmark)."""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from pathlib import Path

import pytest

BENCH_DIR = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture
def bench(monkeypatch):
    """The two modules, imported from bench/ (sys.path and sys.modules restored afterwards)."""
    monkeypatch.syspath_prepend(str(BENCH_DIR))
    monkeypatch.delenv("BENCH_SUMMARY_FILE", raising=False)
    for name in ("summary", "run_all"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    summary = importlib.import_module("summary")
    run_all = importlib.import_module("run_all")
    yield summary, run_all
    for name in ("summary", "run_all"):
        sys.modules.pop(name, None)


def test_record_writes_nothing_without_the_variable(bench, tmp_path, monkeypatch):
    summary, _run_all = bench
    monkeypatch.chdir(tmp_path)
    assert summary.record(benchmark="b", measure="m", ours=1.0, reference=2.0, unit="s", target_ratio=1.5) is None
    assert list(tmp_path.iterdir()) == []


def test_record_appends_one_json_line_per_figure(bench, tmp_path, monkeypatch):
    summary, _run_all = bench
    path = tmp_path / "figures.jsonl"
    monkeypatch.setenv("BENCH_SUMMARY_FILE", str(path))
    summary.record(benchmark="analytics", measure="API json", ours=30.0, reference=20.0, unit="ms", target_ratio=1.5)
    summary.record(benchmark="analytics", measure="API csv", ours=40.0, reference=20.0, unit="ms", target_ratio=1.5)
    summary.record(benchmark="reports", measure="warm PDF", ours=3.2, unit="s", target="< 3 s", met=3.2 < 3)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [(r["measure"], r["ratio"], r["target"], r["met"]) for r in lines] == [
        ("API json", 1.5, "<= 1.5x", True),
        ("API csv", 2.0, "<= 1.5x", False),
        ("warm PDF", None, "< 3 s", False),
    ]
    assert lines[0] == {
        "benchmark": "analytics",
        "measure": "API json",
        "ours": 30.0,
        "reference": 20.0,
        "unit": "ms",
        "ratio": 1.5,
        "target": "<= 1.5x",
        "met": True,
    }
    assert summary.read(path) == lines


def test_record_refuses_a_figure_without_a_target(bench, tmp_path, monkeypatch):
    summary, _run_all = bench
    monkeypatch.setenv("BENCH_SUMMARY_FILE", str(tmp_path / "figures.jsonl"))
    with pytest.raises(ValueError, match="a target"):
        summary.record(benchmark="b", measure="m", ours=1.0)
    with pytest.raises(ValueError, match="a target"):
        summary.record(benchmark="b", measure="m", ours=1.0, target="< 2 s")
    assert not (tmp_path / "figures.jsonl").exists()


def _row(text: str, *words: str) -> list[str]:
    """The cells of the one table line that contains every word."""
    (line,) = [line for line in text.splitlines() if line.startswith("|") and all(w in line for w in words)]
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def test_table_has_a_row_per_figure_a_failed_row_and_the_times(bench, tmp_path, monkeypatch):
    summary, run_all = bench
    path = tmp_path / "figures.jsonl"
    monkeypatch.setenv("BENCH_SUMMARY_FILE", str(path))
    summary.record(
        benchmark="integration", measure="transform 1M rows", ours=0.9, reference=0.6, unit="s", target_ratio=1.2
    )
    summary.record(
        benchmark="integration", measure="job peak 1M rows", ours=230.0, unit="MB", target="< 1000 MB", met=True
    )
    summary.record(benchmark="workers", measure="2 workers vs 1", ours=20.0, reference=40.0, unit="s", target_ratio=0.6)
    results = [
        run_all.Result(run_all.Benchmark("integration", ["x.py"]), 0, 104.2),
        run_all.Result(run_all.Benchmark("reports", ["y.py"]), 3, 12.0),
        run_all.Result(run_all.Benchmark("workers", ["z.py"]), 0, 61.0),
        run_all.Result(run_all.Benchmark("load", ["w.py"]), 0, 5.0),
    ]
    text = run_all.table(results, summary.read(path))

    header = _row(text, "benchmark", "measured")
    assert header == ["benchmark", "measured", "ours", "reference", "ratio", "target", "met", "wall"]
    assert _row(text, "transform 1M rows") == [
        "integration",
        "transform 1M rows",
        "0.90 s",
        "0.60 s",
        "1.50x",
        "<= 1.2x",
        "no",
        "104 s (1 min 44 s)",
    ]
    assert _row(text, "job peak 1M rows") == [
        "integration",
        "job peak 1M rows",
        "230 MB",
        "",
        "",
        "< 1000 MB",
        "yes",
        "",
    ]
    assert _row(text, "reports") == ["reports", "FAILED: exit 3", "", "", "", "", "FAILED", "12 s"]
    assert _row(text, "2 workers vs 1") == [
        "workers",
        "2 workers vs 1",
        "20.0 s",
        "40.0 s",
        "0.50x",
        "<= 0.6x",
        "yes",
        "61 s (1 min 1 s)",
    ]
    assert _row(text, "load") == ["load", "FAILED: no figure recorded", "", "", "", "", "FAILED", "5 s"]
    names = [line.split("|")[1].strip() for line in text.splitlines()[2:] if line.startswith("|")]
    assert names == ["integration", "integration", "reports", "workers", "load"]  # in the order they ran
    assert text.splitlines()[-1] == "total wall time 182 s (3 min 2 s); targets met: 2 of 3; FAILED: reports, load"
    assert run_all.failed(results, summary.read(path)) == ["reports", "load"]
    assert run_all.failed(results[:1], summary.read(path)) == []


def test_run_starts_each_benchmark_times_it_and_collects_its_figures(bench, tmp_path, capfd):
    summary, run_all = bench
    script = tmp_path / "fake_bench.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os, sys
            sys.path.insert(0, {str(BENCH_DIR)!r})
            import summary
            print("fake benchmark", os.environ["FAKE_NAME"], sys.argv[1:], os.environ.get("DATABASE_URL"))
            summary.record(benchmark=os.environ["FAKE_NAME"], measure="seconds", ours=1.0, reference=2.0,
                           unit="s", target_ratio=1)
            sys.exit(int(os.environ["FAKE_EXIT"]))
            """
        )
    )
    path = tmp_path / "figures.jsonl"
    items = [
        run_all.Benchmark("first", [str(script)], {"FAKE_NAME": "first", "FAKE_EXIT": "0", "DATABASE_URL": "db-1"}),
        run_all.Benchmark(
            "second",
            [str(script), "--rows", "5"],
            {"FAKE_NAME": "second", "FAKE_EXIT": "0"},
            ["--quick"],
            full=["--full"],
            quick_env={"FAKE_EXIT": "2"},
        ),
    ]
    results = run_all.run(items, path, quick=True)

    assert [(r.benchmark.name, r.returncode) for r in results] == [("first", 0), ("second", 2)]
    assert all(r.seconds > 0 for r in results)
    out = capfd.readouterr().out
    assert "fake benchmark first [] db-1" in out  # the child's own output, passed through
    assert "fake benchmark second ['--rows', '5', '--quick']" in out
    records = summary.read(path)
    assert [(r["benchmark"], r["ratio"], r["met"]) for r in records] == [("first", 0.5, True), ("second", 0.5, True)]
    assert run_all.failed(results, records) == ["second"]
    text = run_all.table(results, records)
    assert _row(text, "FAILED: exit 2")[0] == "second"

    results = run_all.run(items[1:], tmp_path / "full.jsonl")  # without --quick: the full arguments
    assert [r.returncode for r in results] == [0]
    assert "fake benchmark second ['--rows', '5', '--full']" in capfd.readouterr().out


def test_the_benchmarks_of_make_bench(bench):
    _summary, run_all = bench
    items = run_all.benchmarks("postgres://db/x")
    assert [b.name for b in items] == [
        "supervision",
        "knowledge",
        "integration",
        "archiving",
        "reports",
        "workers",
        "analytics",
        "load",
    ]
    for b in items:
        script = next(a for a in b.args if a.startswith("bench/"))
        assert (BENCH_DIR.parent / script).exists(), script
        assert "postgres://db/x" in b.env.values() or b.name == "archiving"


def test_a_figure_beside_a_target_for_other_sizes_is_shown_not_judged(bench, tmp_path, monkeypatch):
    """A smoke run's 100 000-row ledger is shown against the 1 M / 10 M-row target as "n/a" and
    left out of the count of targets met."""
    summary, run_all = bench
    path = tmp_path / "figures.jsonl"
    monkeypatch.setenv("BENCH_SUMMARY_FILE", str(path))
    summary.record(
        benchmark="integration",
        measure="transform 100k rows",
        ours=0.06,
        reference=0.03,
        unit="s",
        target_ratio=1.2,
        target="<= 1.2x at 1 M and 10 M rows",
        applies=False,
    )
    summary.record(benchmark="workers", measure="2 workers vs 1", ours=20.0, reference=40.0, unit="s", target_ratio=0.6)
    records = summary.read(path)
    assert records[0]["met"] is None and records[0]["ratio"] == 2.0
    text = run_all.table([run_all.Result(run_all.Benchmark("integration", ["x.py"]), 0, 10.0)], records)
    assert _row(text, "transform 100k rows")[5:7] == ["<= 1.2x at 1 M and 10 M rows", "n/a"]
    assert "targets met: 1 of 1;" in text.splitlines()[-1]
