"""The benchmarks' headline figures, for the one table that bench/run_all.py prints at the end.

Each benchmark calls ``record`` where it has computed a headline figure. When the environment
variable ``BENCH_SUMMARY_FILE`` is set (``run_all`` sets it for every benchmark it starts), each call
appends one JSON object (one line) to that file; when it is unset, ``record`` does nothing, so a
benchmark run on its own prints what it always printed and writes nothing.

A figure has a target, given one of two ways:

* ``target_ratio=1.5``: met when ``ours / reference`` (the ratio, computed here) is at most 1.5;
* ``target="under 3 s"`` with ``met=...``: the benchmark says whether its own figure met it;
* ``target="..."`` with ``applies=False``: a figure shown beside a target set for other sizes
  (a smoke run's 100 000-row ledger against a target for 1 M and 10 M rows): "n/a", not counted.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ENV = "BENCH_SUMMARY_FILE"


def record(
    *,
    benchmark: str,
    measure: str,
    ours: float | None,
    unit: str = "",
    reference: float | None = None,
    ratio: float | None = None,
    target: str = "",
    target_ratio: float | None = None,
    met: bool | None = None,
    applies: bool = True,
) -> dict | None:
    """Append one headline figure to ``$BENCH_SUMMARY_FILE`` (nothing when it is unset); returns the
    line's data, or None when nothing was written."""
    if ratio is None and ours is not None and reference:
        ratio = ours / reference
    if target_ratio is not None:
        target = target or f"<= {target_ratio:g}x"
        if met is None and applies:
            met = ratio is not None and ratio <= target_ratio
    if (met is None and applies) or not target:
        raise ValueError(f"{benchmark}: {measure}: a target and whether it was met are needed")
    line = {
        "benchmark": benchmark,
        "measure": measure,
        "ours": ours,
        "reference": reference,
        "unit": unit,
        "ratio": ratio,
        "target": target,
        "met": bool(met) if applies else None,
    }
    path = os.environ.get(ENV)
    if not path:
        return None
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")
    return line


def read(path: str | Path) -> list[dict]:
    """The figures recorded in ``path``, in the order they were written."""
    text = Path(path).read_text(encoding="utf-8") if Path(path).exists() else ""
    return [json.loads(line) for line in text.splitlines() if line.strip()]
