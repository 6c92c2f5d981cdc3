"""The archiving area's pages (issue 12) pass axe-core as the roles that use them, in fi and sv:
a crawl of every /<lang>/archiving/ page linked from the area's overview (two clicks deep)."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

SKIPPED = ("export", "download", "/data/")


PERSONAS = ("archivist", "steward-kuopio", "professional", "staff", "decision")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_archiving_pages_pass_axe(live_server, demo_data, browser, sign_in, audit, lang):
    """Each persona in its own browser context over one demo seed (seeding is the slow part)."""
    from .conftest import TIMEOUT_MS

    problems: list[str] = []
    for persona in PERSONAS:
        context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        try:
            seen = _crawl_area(live_server, page, sign_in, audit, persona, lang, problems)
        finally:
            context.close()
        assert len(seen) > 5, (persona, lang, seen)
    assert problems == [], "\n".join(problems)


def _crawl_area(live_server, page, sign_in, audit, persona: str, lang: str, problems: list[str]) -> set[str]:
    sign_in(page, live_server.url, persona, lang)
    start = f"/{lang}/archiving/"
    queue, seen = deque([(start, 0)]), set()
    while queue:
        path, depth = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(live_server.url + path)
        if response.status not in (200,):
            problems.append(f"{persona} {path}: {response.status}")
            continue
        report = audit.inspect(page)
        problems.extend(f"{persona} {p}" for p in report.problems)
        if path == f"/{lang}/archiving/dashboard/" and lang == "fi" and persona == "decision":
            shot = Path(__file__).resolve().parents[2] / "var" / "archiving-dashboard.png"
            shot.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(shot), full_page=True)
        if depth < 2:
            for href in report.links:
                parts = urlsplit(href)
                if parts.path.startswith(start) and not parts.query and not any(s in parts.path for s in SKIPPED):
                    queue.append((parts.path, depth + 1))
    return seen


# --- what each role sees first, and the professional's logged download (issue 12 point 9, issue 16 point 1)

FIRST_SCREEN = {"width": 1280, "height": 800}
SHOTS = Path(__file__).resolve().parents[2] / "var" / "archiving-shots"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_archiving_overview_first_and_logged_download_as_each_role(
    live_server, demo_data, browser, sign_in, audit, lang
):
    """The dashboard's key figures are on the first screen; the detail opens from <details> without
    script; the professional opens the archived data and downloads it, and the download is logged."""
    from archiving.models import AccessRequest
    from portal.models import AccessLog

    from .conftest import CSP_LISTENER_JS, TIMEOUT_MS

    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for persona in ("decision", "staff", "archivist", "steward-kuopio", "professional"):
        context = browser.new_context(locale=f"{lang}-FI", viewport=FIRST_SCREEN, accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(CSP_LISTENER_JS)
        page = context.new_page()
        try:
            sign_in(page, live_server.url, persona, lang)
            if persona == "professional":
                request = AccessRequest.objects.filter(requester__username="professional", status="approved").first()
                assert request is not None, "the demo has an approved request of the professional"
                page.goto(f"{live_server.url}/{lang}/archiving/access-requests/{request.pk}/")
                with page.expect_navigation():
                    page.click("a.button[href$='/data/']")
                problems.extend(f"{persona} {p}" for p in audit(page))
                page.screenshot(path=str(SHOTS / f"{persona}-{lang}-archived-data.png"))
                before = AccessLog.objects.filter(object_id=str(request.pk)).count()
                with page.expect_download() as download:
                    page.click("p.downloads a[href='?export=csv']")
                content = Path(download.value.path()).read_text(encoding="utf-8-sig")
                assert len(content.strip().splitlines()) >= 2, content
                assert AccessLog.objects.filter(object_id=str(request.pk)).count() == before + 1
                continue
            page.goto(f"{live_server.url}/{lang}/archiving/dashboard/")
            heading = page.locator("#overview-heading").bounding_box()
            figures = page.locator("#overview-heading + dl.facts").bounding_box()
            assert heading and figures and figures["y"] + figures["height"] < FIRST_SCREEN["height"], (persona, figures)
            page.screenshot(path=str(SHOTS / f"{persona}-{lang}-dashboard.png"))  # the first screen
            retired = page.locator("#retired table")
            assert not retired.is_visible(), "the cost table waits in a closed <details>"
            page.click("#retired > summary")
            assert retired.is_visible()
            problems.extend(f"{persona} {p}" for p in audit(page))
            page.screenshot(path=str(SHOTS / f"{persona}-{lang}-dashboard-open.png"), full_page=True)
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
