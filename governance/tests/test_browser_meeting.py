"""Acceptance: programme staff run a steering-group meeting end to end in the browser (agenda,
attendance, minutes, a decision linked to a measure, approval, the progress report that follows),
with axe-core reporting zero violations on every page on the way."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from governance.models import Decision, Meeting
from portal.models import MeasureProgress

pytestmark = pytest.mark.browser

# Playwright's sync API runs an event loop in the test thread; the ORM calls here are synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


@pytest.fixture
def staff_page(live_server, transactional_db):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    from governance.demo import seed_governance_demo
    from portal.demo import DEMO_PASSWORD, seed_demo

    seed_demo()
    seed_governance_demo()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(f"{live_server.url}/fi/accounts/login/")
        page.fill("input[name=username]", "staff")
        page.fill("input[name=password]", DEMO_PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        yield page
        context.close()
        browser.close()


def test_staff_run_a_steering_group_meeting_end_to_end(live_server, staff_page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = staff_page
    problems: list[str] = []

    def check() -> None:
        assert page.locator("h1").count() == 1, page.url
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            problems.append(f"{page.url}: {violation['id']} {[n['target'] for n in violation['nodes']]}")

    def submit() -> None:
        with page.expect_navigation():
            page.click("main form.stacked-form button[type=submit]")

    page.goto(f"{live_server.url}/fi/governance/")
    check()
    page.click("a[href='/fi/governance/meetings/']")
    check()
    page.click("a[href='/fi/governance/meetings/new/']")
    check()
    page.select_option("#id_body", label="Ohjausryhmä (DEMO)")
    page.fill("#id_number", "3/2026")
    page.fill("#id_date", "2026-12-10")
    page.fill("#id_location", "Varkaus")
    submit()
    meeting = Meeting.objects.get(number="3/2026")
    assert page.url.endswith(f"/fi/governance/meetings/{meeting.pk}/")
    check()

    for title in ("Kokouksen avaus", "Toimenpiteen 1.1 tilanne"):
        page.click(f"a[href='/fi/governance/meetings/{meeting.pk}/agenda/new/']")
        check()
        page.fill("#id_title", title)
        if "1.1" in title:
            page.select_option("#id_measure", index=1)
        submit()

    page.click(f"a[href='/fi/governance/meetings/{meeting.pk}/record/']")
    check()
    page.check("text=Demo Puheenjohtaja")
    page.check("text=Demo Jäsen Varkaus")
    page.fill("#id_minutes", "Pöytäkirja: ohjausryhmä kävi läpi toimenpiteen 1.1 tilanteen.")
    submit()

    page.click(f"a[href='/fi/governance/meetings/{meeting.pk}/decisions/new/']")
    check()
    page.fill("#id_number", "2026/10")
    page.fill("#id_text", "Toimenpiteen 1.1 aikataulu vahvistetaan.")
    page.check("main fieldset input[type=checkbox] >> nth=0")  # the first measure: 1.1
    submit()
    check()

    page.fill("#id_approved_on", "2026-12-17")
    with page.expect_navigation():
        page.click(f"form[action='/fi/governance/meetings/{meeting.pk}/approve/'] button[type=submit]")
    check()
    decision = Decision.objects.get(number="2026/10")
    page.click(f"a[href='/fi/governance/decisions/{decision.pk}/']")
    check()
    page.click("a[href='/fi/governance/measures/1.1/report/']")
    check()
    page.fill("#id_date", "2026-12-18")
    page.fill("#id_percent", "55")
    page.select_option("#id_status", "on_track")
    page.fill("#id_note", "Aikataulu vahvistettu ohjausryhmässä.")
    page.fill("#id_risk_1", "Kuntien resurssit")
    page.fill("#id_mitigation_1", "Työnjako sovitaan")
    submit()
    assert page.url.endswith("/fi/governance/timeline/")
    check()

    meeting.refresh_from_db()
    assert (meeting.minutes_status, meeting.minutes_approved_on) == ("approved", dt.date(2026, 12, 17))
    assert list(meeting.agenda_items.values_list("position", "title")) == [
        (1, "Kokouksen avaus"),
        (2, "Toimenpiteen 1.1 tilanne"),
    ]
    assert sorted(meeting.attendees.values_list("person_name", flat=True)) == [
        "Demo Jäsen Varkaus",
        "Demo Puheenjohtaja",
    ]
    assert list(decision.measures.values_list("number", flat=True)) == ["1.1"]
    entry = MeasureProgress.objects.filter(measure__number="1.1").order_by("-created_at").first()
    assert (entry.percent, entry.status, entry.date) == (55, "on_track", dt.date(2026, 12, 18))
    assert list(entry.governance_risks.values_list("description", "mitigation")) == [
        ("Kuntien resurssit", "Työnjako sovitaan")
    ]
    assert problems == [], "\n".join(problems)
