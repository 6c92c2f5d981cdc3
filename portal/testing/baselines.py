"""Query-count baselines of list pages and API lists, kept in ``tests/query_baselines.json``.

A test fails when a page needs more queries than its baseline. ``KIT_UPDATE_BASELINES=1`` (or
``make query-baselines``) writes the counts measured in the run instead; commit the file with the
change that explains the new figure.
"""

from __future__ import annotations

import json
import os

from portal.testing.urlnames import ROOT

BASELINE_FILE = ROOT / "tests" / "query_baselines.json"
MEASURED: dict[str, int] = {}


def updating() -> bool:
    return os.environ.get("KIT_UPDATE_BASELINES", "") == "1"


def load() -> dict[str, int]:
    if not BASELINE_FILE.exists():
        return {}
    return json.loads(BASELINE_FILE.read_text(encoding="utf-8"))


def check(key: str, count: int) -> None:
    """Record ``count``; unless updating, fail when it exceeds the stored baseline."""
    MEASURED[key] = count
    if updating():
        return
    baseline = load().get(key)
    assert baseline is not None, f"no query baseline for {key!r}: run `make query-baselines` and commit the file"
    assert count <= baseline, f"{key}: {count} queries, baseline {baseline} (tests/query_baselines.json)"


def write() -> None:
    """Merge the measured counts into the file (keys not measured in this run stay)."""
    if not (updating() and MEASURED):
        return
    data = load()
    data.update(MEASURED)
    BASELINE_FILE.write_text(json.dumps(dict(sorted(data.items())), indent=2) + "\n", encoding="utf-8")
