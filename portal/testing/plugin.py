"""Pytest plugin of the test kit (registered in the root conftest.py).

It records the URL name of every request (``urlnames.install_recorder``), runs the URL-coverage
meta-test last, and lets it judge only a run of the whole suite (a run of one file requests few
URLs). ``KIT_URL_COVERAGE=1`` forces the check; ``KIT_URL_COVERAGE=0`` skips it.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from portal.testing import baselines, urlnames

COVERAGE_TEST = "test_every_url_name_is_requested_by_a_test"


def pytest_configure(config: pytest.Config) -> None:
    urlnames.install_recorder()
    config._kit_full_run = _is_full_run(config)  # type: ignore[attr-defined]


def _is_full_run(config: pytest.Config) -> bool:
    forced = os.environ.get("KIT_URL_COVERAGE", "")
    if forced in {"0", "1"}:
        return forced == "1"
    option = config.option
    return not (
        getattr(option, "file_or_dir", None)
        or getattr(option, "keyword", "")
        or getattr(option, "markexpr", "")
        or getattr(option, "deselect", None)
        or getattr(option, "lf", False)
    )


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[Any]) -> None:
    """The coverage test runs after every other test, whatever the file order."""
    last = [item for item in items if item.name == COVERAGE_TEST]
    if last:
        items[:] = [item for item in items if item.name != COVERAGE_TEST] + last


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Writes updated query baselines (``KIT_UPDATE_BASELINES=1``); ``KIT_URL_REPORT=path`` writes the URL names no test requested (to plan new cases)."""
    baselines.write()
    target = os.environ.get("KIT_URL_REPORT")
    if target:
        missing = sorted(urlnames.all_url_names() - urlnames.REQUESTED)
        with open(target, "w", encoding="utf-8") as out:
            out.write("\n".join(missing) + "\n")
