"""Browser flows of the core: the export job with its progress page, keyboard use, the language switcher."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext

from portal.choices import JobStatus
from portal.models import Job, Organisation

pytestmark = pytest.mark.browser


def test_auditor_reports_violations_and_pages_are_styled(live_server, page, audit):
    """Guards the suite itself: axe really runs, and the stylesheet is served (contrast is checked on it)."""
    page.set_content("<html><head><title>t</title></head><body><main><img src='x.png'><input></main></body></html>")
    rules = {problem.kind for problem in audit(page)}
    assert {"html-has-lang", "image-alt", "label", "structure"} <= rules

    page.goto(f"{live_server.url}/fi/")
    header_background = page.eval_on_selector(".site-header", "e => getComputedStyle(e).backgroundColor")
    assert header_background == "rgb(0, 58, 112)"


def test_staff_exports_the_organisation_register_and_downloads_it(live_server, demo_data, page, sign_in, audit):
    sign_in(page, live_server.url, "staff")
    page.goto(f"{live_server.url}/fi/organisations/")
    with translation.override("fi"):
        start_export = gettext("Start export")
    with page.expect_navigation():
        page.get_by_role("button", name=start_export).click()

    job = Job.objects.get(kind="organisation_register_export")
    assert page.url == f"{live_server.url}/fi/jobs/{job.pk}/"
    assert job.status == JobStatus.SUCCEEDED
    assert job.started_by.username == "staff"
    with translation.override("fi"):
        succeeded = str(JobStatus.SUCCEEDED.label)
    assert page.text_content("#job-status").strip() == succeeded
    assert page.get_attribute("#job-progress", "value") == "100"
    assert page.text_content("#job-progress-text").strip() == "100\u00a0%"
    download_link = page.locator("#job-download a")
    assert download_link.is_visible()
    assert download_link.get_attribute("href") == f"/fi/jobs/{job.pk}/download/"
    problems = audit(page)
    assert not problems, audit.report(problems)

    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == job.output_ref["filename"]
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as downloaded:  # saved without a suffix, which openpyxl refuses
        workbook = openpyxl.load_workbook(io.BytesIO(downloaded.read()))
    assert workbook.sheetnames == ["organisations", "populations", "memberships"]
    codes = [row[0] for row in workbook["organisations"].iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == sorted(Organisation.objects.values_list("code", flat=True))


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, page):
    page.goto(f"{live_server.url}/fi/measures/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"]
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # visible on the screen while focused

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("/fi/measures/#main")


def test_language_switcher_opens_the_same_page_in_swedish(live_server, demo_data, page):
    page.goto(f"{live_server.url}/fi/organisations/297/")
    assert page.get_attribute("html", "lang") == "fi"
    assert page.text_content("h1").strip() == "Kuopio"

    page.select_option("#language-select", "sv")
    with page.expect_navigation():
        page.click(".language-form button[type=submit]")
    assert page.url == f"{live_server.url}/sv/organisations/297/"
    assert page.get_attribute("html", "lang") == "sv"
    assert page.text_content("h1").strip() == "Kuopio"  # the same organisation (its Swedish name is Kuopio too)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_error_pages_and_a_failed_sign_in_pass_axe(live_server, demo_data, page, audit, lang):
    response = page.goto(f"{live_server.url}/{lang}/no-such-page/")
    assert response.status == 404
    problems = audit(page)

    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.fill("input[name=username]", "staff")
    page.fill("input[name=password]", "wrong-password")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert re.search(rf"/{lang}/accounts/login/$", page.url)
    assert page.locator(".form-errors").count() == 1
    problems += audit(page)
    assert not problems, audit.report(problems)


def test_sorted_filtered_and_paged_lists_pass_axe(live_server, demo_data, page, audit):
    """The crawl skips query strings; the list states they produce are checked here."""
    page.goto(f"{live_server.url}/fi/organisations/?sort=-code&page=2")
    sorted_header = page.locator("th", has=page.locator("a[href*='sort=code']"))
    assert sorted_header.locator(".visually-hidden").count() == 1  # the sort state, not only the ▼ glyph
    assert page.locator("nav.pagination a[rel=prev]").count() == 1
    problems = audit(page)

    page.goto(f"{live_server.url}/sv/organisations/?q=zzz-no-match&kind=municipality")
    assert page.locator("main .empty").count() == 1
    problems += audit(page)
    page.goto(f"{live_server.url}/sv/measures/?sort=progress&app=governance")
    problems += audit(page)
    assert not problems, audit.report(problems)


def test_form_errors_are_announced_and_tied_to_their_fields(live_server, demo_data, page, sign_in, audit):
    sign_in(page, live_server.url, "staff")
    page.goto(f"{live_server.url}/fi/measures/1.1/edit/")
    page.fill("#id_title_fi", "")
    page.fill("#id_start_date", "2026-05-01")
    page.fill("#id_end_date", "2026-01-01")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    assert navigation.value.status == 400

    invalid = page.eval_on_selector_all("[aria-invalid=true]", "els => els.map(e => e.id)")
    assert invalid == ["id_title_fi", "id_end_date"]
    for field_id in invalid:
        described_by = page.get_attribute(f"#{field_id}", "aria-describedby").split()
        assert f"{field_id}_error" in described_by
        for target in described_by:
            assert page.locator(f"#{target}").count() == 1, target
    problems = audit(page)
    assert not problems, audit.report(problems)


def test_job_page_follows_a_running_job_live_and_shows_a_failure(live_server, demo_data, page, sign_in, audit):
    staff = get_user_model().objects.get(username="staff")
    job = Job.objects.create(
        kind="organisation_register_export",
        task_name="portal.tasks.export_organisation_register",
        status=JobStatus.RUNNING,
        progress=40,
        started_by=staff,
        messages=[{"level": "info", "text": "40 organisations written."}],
    )
    sign_in(page, live_server.url, "staff")
    page.goto(f"{live_server.url}/fi/jobs/{job.pk}/")
    assert page.get_attribute("#job-progress", "value") == "40"
    problems = audit(page)

    # The page polls the job API: progress made by the worker shows without a reload.
    Job.objects.filter(pk=job.pk).update(progress=70)
    page.wait_for_function("() => document.getElementById('job-progress-text').textContent === '70\u00a0%'")
    assert page.get_attribute("#job-progress", "value") == "70"

    # When the job ends the page reloads once and shows the error and the re-run button.
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED,
        error="organisations.xlsx, row 3, column kind: expected a known kind",
        # A failing job records its failure as its last error message (that is what the page shows).
        messages=[{"level": "error", "text": "organisations.xlsx, row 3, column kind: expected a known kind"}],
    )
    page.wait_for_selector("[role=alert]")
    with translation.override("fi"):
        assert page.text_content("#job-status").strip() == str(JobStatus.FAILED.label)
    assert "row 3, column kind" in page.text_content("[role=alert]")
    assert page.locator(f"form[action='/fi/jobs/{job.pk}/rerun/'] button").is_visible()
    assert page.locator("#job-download").is_hidden()
    problems += audit(page)
    assert not problems, audit.report(problems)
