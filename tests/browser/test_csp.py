"""Content-Security-Policy (issue 11, point 7): every crawled page carries the policy, and no page
triggers a violation (no inline script or handler, nothing from another origin).

The full crawl (every persona, fi and sv) in test_accessibility.py reports violations too, as
problems of kind "csp" (conftest.CSP_LISTENER_JS); this test is the quick one for the two
personas that reach the most pages, without axe.
"""

from __future__ import annotations

import pytest

from .conftest import SNAPSHOT_JS, PageReport, Problem
from .test_accessibility import crawl, seeds_for

pytestmark = pytest.mark.browser


class CspOnly:
    """The crawl's auditor without axe: structure links and CSP violations only."""

    def __init__(self):
        self.policies: dict[str, str] = {}

    def inspect(self, page) -> PageReport:
        snapshot = page.evaluate(SNAPSHOT_JS)
        problems = [Problem(page.url, "csp", v) for v in snapshot["csp"]]
        return PageReport(problems, snapshot["links"], snapshot["navLinks"])


@pytest.mark.parametrize("persona", ["admin", "anonymous"])
def test_no_page_violates_the_content_security_policy(live_server, demo_data, page, sign_in, persona):
    headers: dict[str, str] = {}
    page.on(
        "response",
        lambda r: (
            headers.setdefault(r.url, r.headers.get("content-security-policy", ""))
            if r.request.resource_type == "document"
            else None
        ),
    )
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    if persona != "anonymous":
        sign_in(page, live_server.url, persona, "fi")
    visited, problems = crawl(
        page, live_server.url, "fi", anonymous=persona == "anonymous", audit=CspOnly(), seeds=seeds_for(persona, "fi")
    )
    assert len(visited) > (40 if persona == "admin" else 3)
    assert [p for p in problems if p.kind == "csp"] == []
    assert console == []
    policies = {policy for url, policy in headers.items() if url.startswith(live_server.url)}
    assert all("script-src 'self'" in p and "unsafe-inline" not in p for p in policies), policies
