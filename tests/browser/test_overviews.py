"""Summaries first (issue 16 point 1) in the browser: the front pages of governance, knowledge
management, integration and supervision, the knowledge-management dashboard and municipality page
and the supervision dashboard open with their overview, pass axe-core with every <details> opened,
and the municipality page's key figures fit the first screen at 1 280 x 800 (fi and sv)."""

from __future__ import annotations

import os

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "anonymous": [
        "/governance/",
        "/knowledge-mgmt/",
        "/knowledge-mgmt/municipalities/297/",
        "/integration/",
        "/supervision/",
    ],
    "decision": [
        "/governance/",
        "/knowledge-mgmt/",
        "/knowledge-mgmt/dashboards/johtamisen-mittaristo/",
        "/knowledge-mgmt/municipalities/297/",
        "/integration/",
        "/supervision/",
        "/supervision/compliance/",
    ],
    "steward-kuopio": ["/integration/", "/knowledge-mgmt/municipalities/297/"],
    "staff": ["/governance/", "/knowledge-mgmt/"],
    "supervisor": ["/supervision/", "/supervision/compliance/?month=2026-09"],
}
OPEN_DETAILS_JS = "document.querySelectorAll('main details').forEach((d) => { d.open = true; })"
SHOTS = os.environ.get("OVERVIEW_SHOTS", "")  # a folder: screenshots of every page's first screen


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_overview_pages_pass_axe_and_fit_the_first_screen(live_server, demo_data, browser, sign_in, audit, lang):
    problems = []
    for persona, paths in PAGES.items():
        context = browser.new_context(locale=f"{lang}-FI", viewport={"width": 1280, "height": 800})
        context.set_default_timeout(60_000)  # a shared two-core machine
        page = context.new_page()
        if persona != "anonymous":
            sign_in(page, live_server.url, persona, lang)
        for path in paths:
            response = page.goto(f"{live_server.url}/{lang}{path}")
            assert response.status == 200, (persona, path, response.status)
            overview = page.locator("main section.overview")
            if persona == "anonymous" and path in ("/integration/", "/supervision/"):
                assert overview.count() == 0, (persona, path)  # nothing to summarise for the public
            else:
                assert overview.count() == 1, (persona, path)
                # the overview comes before every folded section
                first = page.evaluate(
                    "(() => { const o = document.querySelector('main section.overview');"
                    " const d = document.querySelector('main details');"
                    " return !d || !!(o.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING); })()"
                )
                assert first, (persona, path)
            if "/municipalities/" in path:
                bottom = page.evaluate(
                    "Math.max(...[...document.querySelectorAll('main .key-figure')]"
                    ".map((e) => e.getBoundingClientRect().bottom))"
                )
                assert bottom <= 800, f"{persona} {lang}: key figures end at {bottom} px, below the first screen"
            if SHOTS:
                name = f"{persona}-{lang}-{path.strip('/').replace('/', '_').replace('?', '_')}.png"
                page.screenshot(path=os.path.join(SHOTS, name))
            page.evaluate(OPEN_DETAILS_JS)
            problems.extend(audit(page))
        context.close()
    assert problems == [], audit.report(problems)
