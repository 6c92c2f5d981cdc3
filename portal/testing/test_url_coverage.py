"""Meta-test: every URL name of the project is requested by at least one test.

The plugin (``portal.testing.plugin``) records the URL name of every request during the session and
runs this test last. URL names that no test requests yet (an area being built in parallel) are listed
with a reason in ``tests/url_names_allowlist.json``.
"""

from __future__ import annotations

import pytest

from portal.testing import urlnames


def test_allowlist_names_exist_and_give_reasons():
    allow = urlnames.load_allowlist()
    names = urlnames.all_url_names()
    assert [n for n, reason in allow.items() if not str(reason).strip()] == []
    # A name that no longer exists must leave the list (areas not yet merged may keep theirs with
    # a reason that starts with "pending:").
    stale = [n for n, reason in allow.items() if n not in names and not str(reason).startswith("pending:")]
    assert stale == []


def test_every_url_name_is_requested_by_a_test(request):
    if not getattr(request.config, "_kit_full_run", False):
        pytest.skip("URL coverage is judged on a run of the whole suite (KIT_URL_COVERAGE=1 forces it)")
    allow = urlnames.load_allowlist()
    missing = sorted(urlnames.all_url_names() - urlnames.REQUESTED - set(allow))
    assert missing == [], (
        "URL names no test requests: add a case to <app>/tests/kit_cases.py (or a test), "
        f"or list them with a reason in tests/url_names_allowlist.json: {missing}"
    )
