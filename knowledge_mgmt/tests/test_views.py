from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from knowledge_mgmt.demo import load_demo
from knowledge_mgmt.models import IndicatorSet, IndicatorValue
from knowledge_mgmt.tests.conftest import make_indicator, put
from portal.choices import JobStatus
from portal.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_data):
    load_demo()
    return IndicatorSet.objects.get(code="johtamisen-mittaristo")


def test_index_links_every_page(client, reference_data):
    html = client.get(reverse("knowledge_mgmt:index")).content.decode()
    for name in ("dashboard-list", "indicator-list", "municipality-list", "survey-list"):
        assert reverse(f"knowledge_mgmt:{name}") in html


def test_dashboard_queries_do_not_grow_with_data(client, demo, django_assert_max_num_queries):
    url = reverse("knowledge_mgmt:dashboard", args=[demo.code])
    with django_assert_max_num_queries(12):
        small = client.get(url, {"year": "2023", "organisation": "297"})
    assert small.status_code == 200
    indicator = demo.indicators.get(code="demo-net-cost")
    for year in range(2015, 2019):
        for code in ("297", "140", "915"):
            put(indicator, code, year, 4000 + year)
    with django_assert_max_num_queries(12):
        assert client.get(url, {"year": "2023", "organisation": "297"}).status_code == 200


def test_dashboard_shows_svg_chart_with_table_and_lines(client, demo):
    with translation.override("fi"):
        url = reverse("knowledge_mgmt:dashboard", args=[demo.code])
    html = client.get(url, {"year": "2024", "organisation": "297"}).content.decode()
    assert html.count('role="img"') == 8  # 4 public indicators x (comparison + time series); restricted hidden
    assert "demo-er-visits" not in html
    kuopio = IndicatorValue.objects.get(indicator__code="demo-net-cost", organisation__code="297", year=2024).value
    assert f"{kuopio:,.0f}".replace(",", "\u00a0") in html  # 1 234 in Finnish
    assert "Koko maa" in html and "Pohjois-Savo" in html
    assert html.count("<caption>") >= 8


def test_dashboard_restricted_for_signed_in_and_downloads(client, demo, decision_maker):
    client.force_login(decision_maker)
    html = client.get(reverse("knowledge_mgmt:dashboard", args=[demo.code])).content.decode()
    assert html.count('role="img"') == 10
    csv = client.get(reverse("knowledge_mgmt:dashboard", args=[demo.code]), {"download": "csv"})
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("indicator;indicator_title;organisation")
    assert len(lines) == 1 + IndicatorValue.objects.filter(indicator__sets=demo).count()
    xlsx = client.get(reverse("knowledge_mgmt:dashboard", args=[demo.code]), {"download": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_dashboard_suppresses_small_numbers_for_anonymous(client, reference_data, decision_maker):
    indicator = make_indicator("tiny", value_type="percent", decimals=1)
    put(indicator, "297", 2022, "12.5", absolute=3)
    put(indicator, "140", 2022, "7.5", absolute=40)
    with translation.override("fi"):
        url = reverse("knowledge_mgmt:indicator-detail", args=["tiny"])
    html = client.get(url).content.decode()
    assert html.count("ei julkaista (pieni lukumäärä)") == 1
    assert '<td class="num">7,5</td>' in html
    client.force_login(decision_maker)
    html = client.get(url).content.decode()
    assert "ei julkaista" not in html and '<td class="num">12,5</td>' in html


def test_municipality_page_and_pdf_report_job(client, demo, decision_maker, django_capture_on_commit_callbacks):
    assert client.get(reverse("knowledge_mgmt:municipality", args=["297"])).status_code == 200
    client.force_login(decision_maker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("knowledge_mgmt:municipality-report", args=["297"]), {"language": "sv"})
    job = Job.objects.get(kind="knowledge_report")
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.output_ref == {"filename": "report-297-sv.pdf", "organisation": "297", "language": "sv"}
    assert job.output_file.open("rb").read(5) == b"%PDF-"
    page = client.get(reverse("knowledge_mgmt:municipality", args=["297"])).content.decode()
    assert reverse("portal:job-download", args=[job.pk]) in page


def test_report_html_fi_and_sv_has_stamps_sources_and_region(demo):
    from knowledge_mgmt.reports import render_municipality_html
    from portal.models import Organisation

    kuopio = Organisation.objects.get(code="297")
    fi = render_municipality_html(kuopio, language="fi")
    sv = render_municipality_html(kuopio, language="sv")
    assert '<html lang="fi">' in fi and '<html lang="sv">' in sv
    assert "Portaalin tuottamaa esimerkkiaineistoa (ei todellisia lukuja)" in fi  # translated, not English
    assert "Demo data generated by the portal" not in fi
    assert "Pohjois-Savo" in fi
    assert "demo-er-visits" not in fi and "begränsad" not in sv  # restricted never in a PDF


def test_api_report_endpoint_starts_a_job(demo, decision_maker, django_capture_on_commit_callbacks):
    from conftest import client_for

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(decision_maker).post("/api/knowledge/reports/", {"organisation": "140", "language": "fi"})
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["job"])
    assert job.status == JobStatus.SUCCEEDED
    assert response.json()["download_url"] == f"/api/portal/jobs/{job.pk}/download/"


def test_import_page_is_for_programme_staff(client, steward_a, staff_user):
    client.force_login(steward_a)
    assert client.get(reverse("knowledge_mgmt:import")).status_code == 403
    client.force_login(staff_user)
    assert client.get(reverse("knowledge_mgmt:import")).status_code == 200


def test_value_entry_steward_own_organisation_only(client, steward_a, reference_data):
    make_indicator("entered", first_year=2020, last_year=2025)
    client.force_login(steward_a)
    url = reverse("knowledge_mgmt:value-entry")
    base = {"indicator": "entered", "year": "2024", "sex": "total", "value": "12.5", "status": "final"}
    denied = client.post(url, {**base, "organisation": "140"})
    assert denied.status_code == 400
    assert IndicatorValue.objects.count() == 0
    out_of_range = client.post(url, {**base, "organisation": "297", "year": "2019"})
    assert out_of_range.status_code == 400
    assert "outside the range 2020–2025" in out_of_range.content.decode()
    (problem,) = out_of_range.context["form"].non_field_errors()  # the service's InvalidInput, on the form
    assert "outside the range 2020–2025" in problem
    assert IndicatorValue.objects.count() == 0
    ok = client.post(url, {**base, "organisation": "297"})
    assert ok.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.organisation.code, value.value, value.source_kind, value.entered_by) == (
        "297", Decimal("12.5"), "user", steward_a
    )  # fmt: skip


def test_publishing_a_decided_import_again_is_an_error_message(client, staff_user):
    from knowledge_mgmt.models import ImportDraft, ImportDraftStatus

    job = Job.objects.create(
        kind="knowledge_import", task_name="knowledge_mgmt.tasks.import_file", started_by=staff_user
    )
    draft = ImportDraft.objects.create(job=job, status=ImportDraftStatus.DISCARDED)
    client.force_login(staff_user)
    with translation.override("en"):
        job_url = reverse("portal:job-detail", args=[job.pk])
        publish_url = reverse("knowledge_mgmt:import-publish", args=[draft.pk])
    response = client.post(publish_url)
    assert (response.status_code, response["Location"]) == (302, job_url)
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["This import was already published or discarded."]
    assert Job.objects.count() == 1
    draft.refresh_from_db()
    assert (draft.status, draft.publish_job) == (ImportDraftStatus.DISCARDED, None)


def test_value_entry_denied_for_decision_maker(client, decision_maker):
    client.force_login(decision_maker)
    assert client.get(reverse("knowledge_mgmt:value-entry")).status_code == 403


def test_target_entry_steward_own_organisation_only(client, steward_a, reference_data):
    from knowledge_mgmt.models import Target

    make_indicator("entered", direction="lower_better")
    client.force_login(steward_a)
    url = reverse("knowledge_mgmt:target-entry")
    denied = client.post(url, {"indicator": "entered", "organisation": "140", "year": "2025", "value": "10"})
    assert denied.status_code == 400
    assert Target.objects.count() == 0
    ok = client.post(url, {"indicator": "entered", "organisation": "297", "year": "2025", "value": "10"})
    assert ok.status_code == 302
    assert list(Target.objects.values_list("organisation__code", "year", "value")) == [("297", 2025, Decimal("10"))]
    put(Target.objects.get().indicator, "297", 2025, 9)
    page = client.get(reverse("knowledge_mgmt:indicator-detail", args=["entered"]), {"organisation": "297"})
    assert page.context["panel"].target_status == "met"


def test_municipality_page_opens_with_key_figures_and_folds_the_detail(client, demo):
    html = client.get("/fi/knowledge-mgmt/municipalities/297/").content.decode()
    key = html.index('id="key-figures-heading"')
    figures = html[key : html.index("</dl>", key)].count('<div class="key-figure')
    details = html.count('<details class="indicator-details"')
    assert figures == details and details >= 1
    # the key figures come before every chart, and each chart is inside a closed <details>
    assert key < html.index("indicator-panel") and key < html.index('<details class="indicator-details"')
    assert html.index("indicator-panel") > html.index('<details class="indicator-details"')
    assert "Tunnusluvut" in html and "Kaaviot ja taulukot" in html
