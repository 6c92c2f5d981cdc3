"""Review before publishing (issue 10, points 2 and 3): a conversion is a draft until a steward
publishes it; the draft is compared with the published result; summaries tell the whole story."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import TestCase

from conftest import client_for, make_user
from integration import services
from integration.models import ConversionDraft, ConversionResult, MappingVersion, PackageRow, UnmappedPolicy
from integration.tests.test_conversion import GOOD
from portal import roles
from portal.models import Organisation

YEAR = 2020
UNMAPPED = GOOD + b"7777;4000;25 000,00\n7777;4001;-24 876,65\n1010;9999;5,00\n"


def convert(org, data: bytes, actor=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        outcome = services.upload_ledger_bytes(data=data, filename="l.csv", organisation=org, year=YEAR, actor=actor)
    outcome.job.refresh_from_db()
    assert outcome.job.status == "succeeded", outcome.job.error
    return ConversionDraft.objects.get(job=outcome.job)


def publish(client, draft):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/api/integration/drafts/{draft.pk}/publish/")


@pytest.mark.django_db
def test_a_draft_is_invisible_to_decision_makers_and_the_api_until_published(kuopio, steward_a, decision_maker):
    from knowledge_mgmt.models import IndicatorValue

    draft = convert(kuopio, GOOD, actor=steward_a)
    dm = client_for(decision_maker)
    assert (draft.status, PackageRow.objects.count(), ConversionResult.objects.count()) == ("draft", 0, 0)
    assert dm.get("/api/integration/package-rows/").json()["count"] == 0
    assert dm.get("/api/integration/drafts/").json()["count"] == 0
    assert dm.get(f"/api/integration/drafts/{draft.pk}/").status_code == 404
    assert dm.post(f"/api/integration/drafts/{draft.pk}/publish/").status_code == 404
    assert not IndicatorValue.objects.filter(indicator__code__startswith="net-cost-per-resident").exists()
    page = client_for(decision_maker)
    page.force_login(decision_maker)
    assert page.get(f"/fi/integration/drafts/{draft.pk}/").status_code == 404
    assert page.get(f"/fi/integration/results/297/{YEAR}/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft"

    response = publish(client_for(steward_a), draft)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert dm.get("/api/integration/package-rows/").json()["count"] == 4
    result = ConversionResult.objects.get(organisation=kuopio, year=YEAR)
    assert (result.draft_id, result.published_by, result.rows_read, result.rows_mapped) == (draft.pk, steward_a, 5, 5)
    assert result.published_at is not None
    # The indicator bank followed the publication (package_rows_replaced is sent on publishing).
    kuopio_value = IndicatorValue.objects.get(
        indicator__code="net-cost-per-resident-package", organisation=kuopio, year=YEAR, breakdown=""
    )
    assert kuopio_value.absolute_value == Decimal("3400.26")
    html = page.get(f"/fi/integration/results/297/{YEAR}/").content.decode()
    assert "Julkaistu" in html
    assert f"/fi/jobs/{draft.job_id}/" not in html  # lineage through the result, not the job


@pytest.mark.django_db
def test_publish_and_discard_need_a_steward_of_the_organisation(kuopio, steward_a, steward_b, staff_user):
    draft = convert(kuopio, GOOD, actor=steward_a)
    assert client_for(steward_b).get(f"/api/integration/drafts/{draft.pk}/").status_code == 404
    assert client_for(staff_user).get(f"/api/integration/drafts/{draft.pk}/").status_code == 200  # reads
    for other in (steward_b, staff_user):
        assert publish(client_for(other), draft).status_code == 404
        assert client_for(other).post(f"/api/integration/drafts/{draft.pk}/discard/").status_code == 404
    draft.refresh_from_db()
    assert (draft.status, PackageRow.objects.count()) == ("draft", 0)
    assert client_for(steward_a).post(f"/api/integration/drafts/{draft.pk}/discard/").json()["status"] == "discarded"
    assert publish(client_for(steward_a), draft).status_code == 400  # decided already
    assert PackageRow.objects.count() == 0


@pytest.mark.django_db
def test_an_organisation_may_require_a_second_person(kuopio, steward_a):
    services.update_settings(kuopio, actor=None, require_second_approval=True)
    second = make_user("steward-a2", roles.DATA_STEWARD, steward_of=("297",))
    draft = convert(kuopio, GOOD, actor=steward_a)
    response = publish(client_for(steward_a), draft)
    assert response.status_code == 403
    assert "toista henkilöä" in response.json()["detail"]  # the API answers in Finnish by default
    draft.refresh_from_db()
    assert (draft.status, PackageRow.objects.count()) == ("draft", 0)
    assert publish(client_for(second), draft).status_code == 200
    assert ConversionResult.objects.get(organisation=kuopio, year=YEAR).published_by == second


@pytest.mark.django_db
def test_draft_beside_the_published_result(kuopio, steward_a):
    services.update_settings(kuopio, actor=None, unmapped_policy=UnmappedPolicy.UNALLOCATED)
    assert publish(client_for(steward_a), convert(kuopio, GOOD, actor=steward_a)).status_code == 200
    changed = GOOD.replace(b"2010;4300;500,00", b"2010;4300;750,00")
    draft = convert(kuopio, changed, actor=steward_a)
    body = client_for(steward_a).get(f"/api/integration/drafts/{draft.pk}/").json()
    comparison = body["comparison"]
    assert (comparison["draft_total"], comparison["published_total"]) == ("3650.26", "3400.26")
    rows = comparison["changed_rows"]
    assert [(r["package_code"], r["cost_type_code"], r["draft"], r["published"], r["change"]) for r in rows] == [
        ("ESIM-IAKKAAT", "palvelujen-ostot", "750.00", "500.00", "250.00")
    ]
    by_type = {(r["package_code"], r["cost_type_code"]): r for r in comparison["by_package_cost_type"]}
    assert by_type[("ESIM-IAKKAAT", "palvelujen-ostot")]["percent"] == "50.0"
    client = client_for(steward_a)
    client.force_login(steward_a)
    html = client.get(f"/en/integration/drafts/{draft.pk}/").content.decode()
    assert "Rows that changed" in html and "50.0&nbsp;%" in html
    # The published result is untouched until the draft is published.
    assert sum(PackageRow.objects.filter(organisation=kuopio).values_list("amount", flat=True)) == Decimal("3400.26")


@pytest.mark.django_db
def test_summary_tells_unmapped_rows_gross_and_net_with_their_causes(kuopio, steward_a):
    services.update_settings(kuopio, actor=None, unmapped_policy=UnmappedPolicy.UNALLOCATED)
    draft = convert(kuopio, UNMAPPED, actor=steward_a)
    job = draft.job
    assert (job.output_ref["rows_read"], job.output_ref["rows_mapped"], job.output_ref["rows_unmapped"]) == (8, 5, 3)
    assert (job.output_ref["unmapped_debit"], job.output_ref["unmapped_credit"], job.output_ref["unmapped_net"]) == (
        "25005.00",
        "-24876.65",
        "128.35",
    )
    assert draft.summary["cost_centres"] == [
        {"cost_centre": "7777", "rows": 2, "first_row": 7, "debit": "25000.00", "credit": "-24876.65", "net": "123.35"}
    ]
    assert draft.summary["accounts"] == [
        {"account": "9999", "rows": 1, "first_row": 9, "debit": "5.00", "credit": "0.00", "net": "5.00"}
    ]
    texts = [m["text"] for m in job.messages]
    assert "8 rows read, 5 rows mapped, 3 rows unmapped." in texts
    client = client_for(steward_a)
    client.force_login(steward_a)
    html = client.get(f"/en/jobs/{job.pk}/").content.decode()
    assert f"/en/integration/drafts/{draft.pk}/" in html
    assert "/en/integration/mappings/297/coverage/" in html
    assert "Cost centres without a mapping" in html and "25,000.00" in html


@pytest.mark.django_db
def test_a_first_upload_without_mapping_is_read_reported_and_offers_a_mapping(code_lists, reference_data):
    varkaus = Organisation.objects.get(code="915")
    steward = make_user("steward-v", roles.DATA_STEWARD, steward_of=("915",))
    assert not MappingVersion.objects.filter(organisation=varkaus).exists()
    draft = convert(varkaus, UNMAPPED, actor=steward)
    assert (draft.mapping_version, draft.rows_read, draft.rows_mapped) == (None, 8, 0)
    assert (draft.input_total, draft.unallocated_total, draft.output_total) == (
        Decimal("3528.61"),
        Decimal("3528.61"),
        Decimal("0.00"),
    )
    assert draft.summary["has_mapping"] is False
    assert [r["cost_centre"] for r in draft.summary["cost_centres"]] == ["7777", "1010", "2010", "2030"]
    assert {r["account"] for r in draft.summary["accounts"]} == {"4000", "4001", "3000", "4300", "4400", "9999"}
    response = publish(client_for(steward), draft)
    assert response.status_code == 400 and PackageRow.objects.count() == 0
    client = client_for(steward)
    client.force_login(steward)
    html = client.get(f"/en/integration/drafts/{draft.pk}/").content.decode()
    assert "Start a draft mapping from this file" in html and "Cost centres of the file" in html
    response = client.post(f"/en/integration/drafts/{draft.pk}/start-mapping/")
    assert response.status_code == 302 and response["Location"] == "/en/integration/mappings/915/coverage/"
    version = MappingVersion.objects.get(organisation=varkaus)
    assert (version.number, version.is_frozen) == (1, False)
    coverage = client.get(response["Location"]).content.decode()
    assert "7777" in coverage and "9999" in coverage
