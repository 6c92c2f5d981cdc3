"""Issue 6 acceptance: a client deviation report made through the public form reaches the supervisor's queue.

An anonymous visitor reports a deviation in a demo unit (in Finnish, filling the fields by their labels),
gets a reference code and follows the status without seeing the report's text; the demo supervisor of
the unit's organiser signs in, finds the report in the confidential queue and opens it, and that read is
in the access log. axe-core must report zero violations on every page of the flow.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.models import AccessLog
from supervision.choices import DeviationStatus
from supervision.demo import ORGANISER
from supervision.models import DeviationReport, ServiceUnit, SupervisorAssignment

pytestmark = pytest.mark.browser

REPORT_TEXT = "Selaintesti: yövuorossa oli vain yksi hoitaja, ja kutsunappiin vastattiin vasta tunnin päästä."


def fi(msgid) -> str:
    """The Finnish text of a msgid or of a lazy label (a choice's label)."""
    with translation.override("fi"):
        return gettext(msgid) if isinstance(msgid, str) else str(msgid)


def assert_accessible(audit, page) -> None:
    problems = audit(page)
    assert not problems, audit.report(problems)


def test_public_deviation_report_reaches_the_supervisors_queue(live_server, demo_data, browser, page, sign_in, audit):
    # The demo supervisor supervises the demo organiser; the report concerns one of its units.
    assert SupervisorAssignment.objects.filter(user__username="supervisor", organiser__code=ORGANISER).exists()
    unit = ServiceUnit.objects.select_related("municipality").get(code="demo-koivurinne")
    assert unit.organiser.code == ORGANISER and unit.accepts_reports
    occurred_on = timezone.localdate() - dt.timedelta(days=2)

    # --- anonymous visitor: from the area's landing page to the form -------------------------------
    page.goto(f"{live_server.url}/fi/supervision/")
    with page.expect_navigation():
        page.get_by_role("link", name=fi("Report a deviation in a care unit")).click()
    assert page.url == f"{live_server.url}/fi/supervision/report/"
    assert_accessible(audit, page)

    form = page.locator("main form.stacked-form")
    form.get_by_label(fi("Service unit")).select_option(label=f"{unit.name}, {unit.municipality.name_fi}")
    form.get_by_label(fi("Date of the event")).fill(occurred_on.isoformat())
    form.get_by_label(fi("What happened?")).fill(REPORT_TEXT)
    form.get_by_label(fi("Phone or e-mail (optional)")).fill("omainen@example.invalid")
    with page.expect_navigation():
        form.get_by_role("button", name=fi("Send the report")).click()

    assert page.url == f"{live_server.url}/fi/supervision/report/received/"
    code = page.locator("main .reference-code").inner_text().strip()
    assert re.fullmatch(r"PM-[A-Z0-9]{5}-[A-Z0-9]{5}", code), code
    report = DeviationReport.objects.get(reference_code=code)
    assert (report.unit_id, report.text, report.occurred_on, report.reporter_name, report.reporter_contact) == (
        unit.pk,
        REPORT_TEXT,
        occurred_on,
        "",
        "omainen@example.invalid",
    )
    assert report.status == DeviationStatus.RECEIVED
    assert REPORT_TEXT not in page.content()
    assert_accessible(audit, page)

    # --- the public status page: the status, never the text -----------------------------------------
    with page.expect_navigation():
        page.get_by_role("link", name=fi("Check the status of your report")).click()
    result = page.locator("main [role=status]")
    assert result.locator("dd").all_inner_texts()[:2] == [code, fi(DeviationStatus.RECEIVED.label)]
    content = page.content()
    assert REPORT_TEXT not in content and "omainen@example.invalid" not in content
    assert_accessible(audit, page)
    # a public read is not a confidential read: nothing in the access log yet
    report_type = ContentType.objects.get_for_model(DeviationReport)
    reads = AccessLog.objects.filter(content_type=report_type, object_id=str(report.pk))
    assert reads.count() == 0

    # --- the organiser's supervisor, in a browser context of their own ------------------------------
    supervisor_context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    supervisor_context.set_default_timeout(15_000)
    try:
        staff_page = supervisor_context.new_page()
        sign_in(staff_page, live_server.url, "supervisor")
        staff_page.goto(f"{live_server.url}/fi/supervision/")
        with staff_page.expect_navigation():
            staff_page.get_by_role("link", name=fi("Client deviation reports (confidential)")).click()
        assert staff_page.url == f"{live_server.url}/fi/supervision/deviations/"
        link = staff_page.locator("main table.data-table").get_by_role("link", name=code, exact=True)
        assert link.count() == 1
        assert_accessible(audit, staff_page)

        with staff_page.expect_navigation():
            link.click()
        assert staff_page.url == f"{live_server.url}/fi/supervision/deviations/{code}/"
        assert code in staff_page.locator("main h1").inner_text()
        assert staff_page.locator("main .report-text").inner_text().strip() == REPORT_TEXT
        assert_accessible(audit, staff_page)
    finally:
        supervisor_context.close()

    # the queue listing and the opened report each left one access-log row for the supervisor
    assert sorted(reads.values_list("actor__username", "actor_repr", "purpose")) == [
        ("supervisor", "supervisor", "deviation report (detail)"),
        ("supervisor", "supervisor", "deviation report queue (list)"),
    ]
