"""UI pages: reachable per role, permissions (404 and nothing changed), exports neutralise formulas."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from integration import services
from integration.models import (
    CostCentreMapping,
    MappingVersion,
    OrganisationSettings,
    PackageRow,
    UnmappedPolicy,
    Upload,
)
from integration.services import CONVERSION_JOB_KIND
from integration.tests.conftest import publish_job
from portal.models import AccessLog, Job

FORMULA_LEDGER = b"kp;tili;selite;summa\n1010;4000;x;1 000,10\n=cmd|' /C calc'!A0;4000;y;5,00\n2010;4300;z;-5,00\n"


@pytest.fixture
def converted(kuopio):
    services.update_settings(kuopio, actor=None, unmapped_policy=UnmappedPolicy.UNALLOCATED)
    with TestCase.captureOnCommitCallbacks(execute=True):
        outcome = services.upload_ledger_bytes(
            data=FORMULA_LEDGER, filename="l.csv", organisation=kuopio, year=2020, actor=None
        )
    outcome.job.refresh_from_db()
    assert outcome.job.status == "succeeded", outcome.job.error
    publish_job(outcome.job)
    return outcome


def pages(converted=None):
    urls = [
        reverse("integration:index"),
        reverse("integration:codelist-list"),
        reverse("integration:codelist-detail", args=["palveluluokitus"]),
        reverse("integration:definition-detail", args=["esimerkki"]),
    ]
    internal = [
        reverse("integration:upload-list"),
        reverse("integration:upload-create"),
        reverse("integration:mapping-list"),
        reverse("integration:mapping-detail", args=["297", 1]),
        reverse("integration:coverage", args=["297"]),
        reverse("integration:result-list"),
        reverse("integration:result-detail", args=["297", 2020]),
        reverse("integration:comparison"),
    ]
    return urls, internal


@pytest.mark.django_db
def test_pages_for_steward_decision_maker_and_anonymous(client, converted, steward_a, decision_maker):
    public, internal = pages()
    for url in public:
        assert client.get(url).status_code == 200, url
    for url in internal:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url
    client.force_login(steward_a)
    for url in public + internal:
        assert client.get(url).status_code == 200, url
    client.force_login(decision_maker)
    for url in public + internal:
        assert client.get(url).status_code == 200, url
    text = client.get(reverse("integration:result-detail", args=["297", 2020])).content.decode()
    assert "EXAMPLE package definition (not official)" in text or "esimerkki" in text.lower()


@pytest.mark.django_db
def test_example_definition_is_labelled_in_finnish_and_swedish(client, code_lists):
    text = client.get("/fi/integration/package-definitions/esimerkki/").content.decode()
    assert "Esimerkki: SOTE-tietopakettien määrittely (ei virallinen)" in text
    text = client.get("/sv/integration/package-definitions/esimerkki/").content.decode()
    assert "Exempel: definition av SOTE-informationspaketen (inte officiell)" in text


@pytest.mark.django_db
def test_upload_form_redirects_to_the_job_page(client, kuopio, steward_a):
    client.force_login(steward_a)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("integration:upload-create"),
            {"organisation": "297", "year": 2020, "file": SimpleUploadedFile("l.csv", b"kp;tili;summa\n1010;4000;1\n")},
        )
    job = Job.objects.get(kind=CONVERSION_JOB_KIND)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:job-detail", args=[job.pk])
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_upload_form_refuses_another_organisation(client, kuopio, steward_b):
    client.force_login(steward_b)
    response = client.post(
        reverse("integration:upload-create"),
        {"organisation": "297", "year": 2020, "file": SimpleUploadedFile("l.csv", b"kp;tili;summa\n1010;4000;1\n")},
    )
    assert response.status_code == 400
    assert Upload.objects.count() == 0


@pytest.mark.django_db
def test_steward_cannot_change_another_organisations_mapping_in_the_ui(client, kuopio, steward_b):
    client.force_login(steward_b)
    version = MappingVersion.objects.get(organisation=kuopio)
    rule = CostCentreMapping.objects.get(version=version, cost_centre="1010")
    before = list(CostCentreMapping.objects.values_list("pk", "cost_centre", "service_class_code"))
    assert client.post(reverse("integration:mapping-new-version", args=["297"])).status_code == 404
    assert (
        client.post(
            reverse("integration:mapping-add-rule", args=["297", 1, "cost-centre"]),
            {
                "cc-cost_centre": "1",
                "cc-service_class_code": "2201",
                "cc-client_group_code": "ikaantyneet",
                "cc-production_mode_code": "oma",
            },
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("integration:mapping-delete-rule", args=["297", 1, "cost-centre", rule.pk])).status_code
        == 404
    )
    assert client.get(reverse("integration:settings", args=["297"])).status_code == 404
    assert (
        client.post(
            reverse("integration:settings", args=["297"]), {"unmapped_policy": "unallocated", "max_errors": 5}
        ).status_code
        == 404
    )
    data = b"rule;cost_centre;service_class;client_group;production_mode;account_from;account_to;cost_type\ncost_centre;1;2201;ikaantyneet;oma;;;\n"
    assert (
        client.post(
            reverse("integration:mapping-import", args=["297"]), {"file": SimpleUploadedFile("m.csv", data)}
        ).status_code
        == 404
    )
    assert list(CostCentreMapping.objects.values_list("pk", "cost_centre", "service_class_code")) == before
    assert MappingVersion.objects.filter(organisation=kuopio).count() == 1
    assert not OrganisationSettings.objects.filter(organisation=kuopio, unmapped_policy="unallocated").exists()


@pytest.mark.django_db
def test_steward_edits_own_mapping_and_import_export_round_trip(
    client, kuopio, steward_a, django_capture_on_commit_callbacks
):
    client.force_login(steward_a)
    response = client.post(
        reverse("integration:mapping-add-rule", args=["297", 1, "cost-centre"]),
        {
            "cc-cost_centre": "3030",
            "cc-service_class_code": "2201",
            "cc-client_group_code": "ikaantyneet",
            "cc-production_mode_code": "osto",
        },
    )
    assert response.status_code == 302
    assert (
        CostCentreMapping.objects.filter(
            version__organisation=kuopio, cost_centre="3030", production_mode_code="osto"
        ).count()
        == 1
    )
    exported = client.get(reverse("integration:mapping-export", args=["297", 1]) + "?format=csv")
    text = exported.content.decode("utf-8-sig")
    assert (
        text.splitlines()[0]
        == "rule,cost_centre,service_class,client_group,production_mode,account_from,account_to,cost_type"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("integration:mapping-import", args=["297"]), {"file": SimpleUploadedFile("m.csv", text.encode())}
        )
    assert response.status_code == 302
    job = Job.objects.get(kind="mapping_import")
    assert response["Location"] == reverse("portal:job-detail", args=[job.pk])
    assert (job.status, job.output_ref["mapping_version"]) == ("succeeded", 2)
    new = MappingVersion.objects.get(organisation=kuopio, number=2)
    assert new.cost_centres.count() == 7
    assert new.accounts.count() == 8
    xlsx = client.get(reverse("integration:mapping-export", args=["297", 2]) + "?format=xlsx")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("integration:mapping-import", args=["297"]), {"file": SimpleUploadedFile("m.xlsx", xlsx.content)}
        )
    assert response.status_code == 302
    assert MappingVersion.objects.get(organisation=kuopio, number=3).cost_centres.count() == 7


@pytest.mark.django_db
def test_mapping_import_reports_bad_rows_and_imports_nothing(
    client, kuopio, steward_a, django_capture_on_commit_callbacks
):
    client.force_login(steward_a)
    data = (
        b"rule;cost_centre;service_class;client_group;production_mode;account_from;account_to;cost_type\n"
        b"cost_centre;1;9999;ikaantyneet;oma;;;\naccount;;;;;5000;4000;avustukset\nfoo;;;;;;;\n"
    )
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        response = client.post(
            reverse("integration:mapping-import", args=["297"]), {"file": SimpleUploadedFile("m.csv", data)}
        )
    assert response.status_code == 302
    job = Job.objects.get(kind="mapping_import")
    assert job.status == "failed"
    assert job.error.splitlines() == [
        "Row 2: unknown service class code 9999.",
        "Row 3: the range ends before it starts.",
        'Row 4: the rule must be "cost_centre" or "account"; found "foo".',
    ]
    assert MappingVersion.objects.filter(organisation=kuopio).count() == 1


@pytest.mark.django_db
def test_drill_down_shows_source_rows_and_exports_neutralise_formulas(client, converted, steward_a, decision_maker):
    client.force_login(steward_a)
    url = reverse("integration:drill", args=["297", 2020])
    response = client.get(url, {"unallocated": "1"})
    assert response.status_code == 200
    assert [(r["row"], r["cost_centre"], str(r["amount"])) for r in response.context["rows"]] == [
        (3, "=cmd|' /C calc'!A0", "5.00")
    ]
    assert AccessLog.objects.filter(object_id=str(converted.upload.pk)).count() == 1
    response = client.get(url, {"unallocated": "1", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:4] == ["3", "'=cmd|' /C calc'!A0", "4000", "5.00"]
    response = client.get(url, {"unallocated": "1", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "'=cmd|' /C calc'!A0"
    assert sheet["B2"].data_type == "s"
    response = client.get(url, {"package_code": "ESIM-LAPSET", "unallocated": "0"})
    assert [r["row"] for r in response.context["rows"]] == [2]
    # decision-makers read results but not the ledger rows
    client.force_login(decision_maker)
    assert client.get(url, {"unallocated": "1"}).status_code == 404


@pytest.mark.django_db
def test_result_exports_label_the_example_definition(client, converted, decision_maker, django_assert_max_num_queries):
    client.force_login(decision_maker)
    url = reverse("integration:result-detail", args=["297", 2020])
    response = client.get(url, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["organisation", "year", "package"]
    assert {r[10] for r in rows[1:]} == {"esimerkki (EXAMPLE)"}
    assert sum(float(r[8]) for r in rows[1:]) == pytest.approx(1000.10)
    response = client.get(url, {"format": "xlsx"})
    assert load_workbook(io.BytesIO(response.content)).active["K2"].value == "esimerkki (EXAMPLE)"
    # 15 before the code names; the four code lists' names (service, client, cost, mode) add 7
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_comparison_per_resident_uses_core_populations(client, converted, decision_maker):
    client.force_login(decision_maker)
    response = client.get(reverse("integration:comparison"), {"year": 2020})
    entry = response.context["table"][0]
    total = sum(
        PackageRow.objects.filter(organisation__code="297", is_unallocated=False).values_list("amount", flat=True)
    )
    assert entry["population"] == 120210
    assert entry["total"] == total
    assert str(entry["per_resident"]) == str((total / 120210).quantize(entry["per_resident"]))
    text = response.content.decode()
    assert 'role="img"' in text and "<table" in text
    response = client.get(reverse("integration:comparison"), {"year": 2020, "format": "csv"})
    assert (
        response.content.decode("utf-8-sig")
        .splitlines()[0]
        .startswith("organisation,year,population,net_cost_eur,per_resident_eur")
    )


@pytest.mark.django_db
def test_settings_form_saves_policy_and_aliases(client, kuopio, steward_a):
    client.force_login(steward_a)
    response = client.post(
        reverse("integration:settings", args=["297"]),
        {
            "unmapped_policy": "unallocated",
            "max_errors": 7,
            "aliases_text": "cost_centre = kpaikka, kustpaikka\namount = netto",
        },
    )
    assert response.status_code == 302
    conf = OrganisationSettings.objects.get(organisation=kuopio)
    assert (conf.unmapped_policy, conf.max_errors, conf.column_aliases) == (
        "unallocated",
        7,
        {"cost_centre": ["kpaikka", "kustpaikka"], "amount": ["netto"]},
    )


@pytest.mark.django_db
def test_code_list_import_validates_and_creates_a_version(
    client, code_lists, staff_user, steward_a, django_capture_on_commit_callbacks
):
    url = reverse("integration:codelist-detail", args=["asiakasryhmat"])
    bad = b"code;name_fi;parent\nA;Aa;\nA;;\nB;Bb;Z\n"
    client.force_login(steward_a)
    assert client.post(url, {"file": SimpleUploadedFile("c.csv", bad)}).status_code == 404
    assert not Job.objects.exists()
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        response = client.post(url, {"file": SimpleUploadedFile("c.csv", bad)})
    job = Job.objects.get(kind="code_list_import")
    assert response["Location"] == reverse("portal:job-detail", args=[job.pk])
    assert job.status == "failed"
    assert job.error.splitlines() == [
        "Nothing was imported.",
        "Row 3: duplicate code A (first on row 2).",
        "Row 3: the Finnish name (name_fi) is missing.",
        "Row 4: unknown parent Z (not a code of this file).",
    ]
    good = b"code;name_fi;name_sv;level;parent\nA;Aa;Aa sv;1;\nB;Bb;;2;A\n"
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        client.post(url, {"file": SimpleUploadedFile("c.csv", good)})
    job = Job.objects.filter(kind="code_list_import").latest("pk")
    assert (job.status, job.output_ref) == ("succeeded", {"code_list": "asiakasryhmat", "version": 2, "created": 2})
    response = client.get(url)
    assert [(c.code, c.parent.code if c.parent else None) for c in response.context["codes"]] == [
        ("A", None),
        ("B", "A"),
    ]


@pytest.mark.django_db
def test_mapping_export_neutralises_formula_like_cost_centres(client, kuopio, steward_a):
    version = MappingVersion.objects.get(organisation=kuopio)
    CostCentreMapping.objects.filter(version=version, cost_centre="1010").update(cost_centre="=HYPERLINK(1)")
    client.force_login(steward_a)
    text = client.get(reverse("integration:mapping-export", args=["297", 1]) + "?format=csv").content.decode(
        "utf-8-sig"
    )
    assert "cost_centre,'=HYPERLINK(1),2180,lapset-perheet,oma,,," in text.splitlines()
    xlsx = client.get(reverse("integration:mapping-export", args=["297", 1]) + "?format=xlsx")
    values = [row[1] for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)]
    assert "'=HYPERLINK(1)" in values
    assert "=HYPERLINK(1)" not in values


@pytest.mark.django_db
def test_upload_form_can_choose_the_mapping_version(client, kuopio, steward_a):
    client.force_login(steward_a)
    data = {"organisation": "297", "year": 2020, "mapping_version": 7}
    response = client.post(
        reverse("integration:upload-create"),
        {**data, "file": SimpleUploadedFile("l.csv", b"kp;tili;summa\n1010;4000;1\n")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["mapping_version"] == ["297 has no mapping version 7."]
    assert Upload.objects.count() == 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("integration:upload-create"),
            {**data, "mapping_version": 1, "file": SimpleUploadedFile("l.csv", b"kp;tili;summa\n1010;4000;1\n")},
        )
    assert response.status_code == 302
    job = Job.objects.get(kind=CONVERSION_JOB_KIND)
    assert (job.status, job.input_ref["mapping_version_id"]) == (
        "succeeded",
        MappingVersion.objects.get(organisation=kuopio).pk,
    )


@pytest.mark.django_db
def test_service_refusals_land_on_the_upload_form_field(client, kuopio, steward_a, settings):
    """The size limit is the service's check (the form does not know it): its message is on the file field."""
    settings.PORTAL_MAX_UPLOAD_BYTES = 10
    client.force_login(steward_a)
    with translation.override("en"):
        url = reverse("integration:upload-create")
    response = client.post(
        url, {"organisation": "297", "year": 2020, "file": SimpleUploadedFile("l.csv", b"kp;tili;summa\n1010;4000;1\n")}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is 26 bytes; the limit is 10 bytes. Nothing was stored."
    ]
    assert Upload.objects.count() == 0


@pytest.mark.django_db
def test_frozen_mapping_refuses_rule_changes_with_a_message(client, converted, kuopio, steward_a):
    client.force_login(steward_a)
    version = MappingVersion.objects.get(organisation=kuopio, number=1)
    rule = CostCentreMapping.objects.filter(version=version).first()
    before = list(CostCentreMapping.objects.values_list("pk", "cost_centre", "service_class_code"))
    frozen = ["Mapping version 1 is frozen because a conversion used it; make a new version."]
    with translation.override("en"):
        add_url = reverse("integration:mapping-add-rule", args=["297", 1, "cost-centre"])
        delete_url = reverse("integration:mapping-delete-rule", args=["297", 1, "cost-centre", rule.pk])
        detail_url = reverse("integration:mapping-detail", args=["297", 1])
    data = {
        "cc-cost_centre": "3030",
        "cc-service_class_code": "2201",
        "cc-client_group_code": "ikaantyneet",
        "cc-production_mode_code": "osto",
    }
    added = client.post(add_url, data, follow=True)
    assert added.redirect_chain == [(detail_url, 302)]
    assert [str(m) for m in added.context["messages"]] == frozen
    deleted = client.post(delete_url, follow=True)
    assert deleted.redirect_chain == [(detail_url, 302)]
    assert [str(m) for m in deleted.context["messages"]] == frozen
    assert list(CostCentreMapping.objects.values_list("pk", "cost_centre", "service_class_code")) == before


@pytest.mark.django_db
def test_uploader_publishing_when_a_second_person_is_required_gets_a_message(client, kuopio, steward_a):
    from integration.models import ConversionDraft
    from integration.tests.test_publication import GOOD, convert

    services.update_settings(kuopio, actor=None, require_second_approval=True)
    draft = convert(kuopio, GOOD, actor=steward_a)
    client.force_login(steward_a)
    with translation.override("en"):
        publish_url = reverse("integration:draft-publish", args=[draft.pk])
        detail_url = reverse("integration:draft-detail", args=[draft.pk])
    response = client.post(publish_url)
    assert (response.status_code, response["Location"]) == (302, detail_url)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "297 requires a second person: another steward publishes what you uploaded."
    ]
    draft.refresh_from_db()
    assert (draft.status, ConversionDraft.objects.filter(status="draft").count()) == ("draft", 1)
