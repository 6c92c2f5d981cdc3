"""Every create/update/delete through UI, admin and API leaves a change-log row with before/after."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from conftest import client_for
from portal.models import AccessLog, ChangeLog, DataModel, Measure, Organisation


def _log_for(obj):
    return ChangeLog.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


@pytest.mark.django_db
def test_api_update_is_logged_with_before_after_actor_and_request_id(steward_a):
    org = Organisation.objects.get(code="297")
    response = client_for(steward_a).patch(
        "/api/portal/organisations/297/", {"website": "https://www.kuopio.fi"}, format="json"
    )
    assert response.status_code == 200
    entry = _log_for(org).get(action="update")
    assert (entry.actor, entry.actor_repr, entry.source) == (steward_a, "steward-a", "api")
    assert entry.before["website"] == "" and entry.after["website"] == "https://www.kuopio.fi"
    assert entry.request_id == response["X-Request-ID"]
    assert [c[0] for c in entry.changed_fields()] == ["website"]


@pytest.mark.django_db
def test_api_token_authenticated_update_names_the_token_user(staff_user):
    from rest_framework.test import APIClient

    from portal.identity.services import issue_token

    _token, key = issue_token(user=staff_user, name="script", scope="full", actor=staff_user)
    api = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.patch("/api/portal/measures/3.4/", {"status": "at_risk", "version": 1}, format="json").status_code == 200
    entry = _log_for(Measure.objects.get(number="3.4")).get(action="update")
    assert (entry.actor, entry.source, entry.before["status"], entry.after["status"]) == (
        staff_user,
        "api",
        "not_started",
        "at_risk",
    )


@pytest.mark.django_db
def test_ui_update_and_create_are_logged(client, staff_user):
    client.force_login(staff_user)
    measure = Measure.objects.get(number="1.3")
    response = client.post(
        reverse("portal:measure-progress", args=["1.3"]),
        {"date": "2026-11-02", "percent": 15, "status": "on_track", "note": "Plan ready"},
    )
    assert response.status_code == 302
    entry = measure.progress_entries.get()
    create = _log_for(entry).get()
    assert (create.action, create.source, create.actor, create.after["percent"]) == ("create", "ui", staff_user, 15)
    update = _log_for(measure).get(action="update")
    assert (update.before["progress"], update.after["progress"], update.source) == (0, 15, "ui")


@pytest.mark.django_db
def test_admin_create_update_delete_are_logged(client, admin_user):
    client.force_login(admin_user)
    add_url = reverse("admin:portal_datamodel_add")
    response = client.post(
        add_url,
        {
            "code": "testimalli",
            "name_fi": "Testimalli",
            "version": "0.1",
            "status": "draft",
            "concepts-TOTAL_FORMS": 0,
            "concepts-INITIAL_FORMS": 0,
            "concepts-MIN_NUM_FORMS": 0,
            "concepts-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    dm = DataModel.objects.get(code="testimalli")
    change_url = reverse("admin:portal_datamodel_change", args=[dm.pk])
    response = client.post(
        change_url,
        {
            "code": "testimalli",
            "name_fi": "Testimalli 2",
            "version": "0.2",
            "status": "draft",
            "concepts-TOTAL_FORMS": 0,
            "concepts-INITIAL_FORMS": 0,
            "concepts-MIN_NUM_FORMS": 0,
            "concepts-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302
    pk = dm.pk
    response = client.post(reverse("admin:portal_datamodel_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    entries = list(
        ChangeLog.objects.filter(content_type=ContentType.objects.get_for_model(DataModel), object_id=str(pk)).order_by(
            "id"
        )
    )
    assert [(e.action, e.source, e.actor) for e in entries] == [
        ("create", "admin", admin_user),
        ("update", "admin", admin_user),
        ("delete", "admin", admin_user),
    ]
    assert entries[1].before["name_fi"] == "Testimalli" and entries[1].after["name_fi"] == "Testimalli 2"
    assert entries[2].before["version"] == "0.2" and entries[2].after is None


@pytest.mark.django_db
def test_api_create_and_delete_are_logged(staff_user):
    api = client_for(staff_user)
    response = api.post(
        "/api/portal/data-models/", {"code": "api-malli", "name_fi": "API-malli", "status": "draft"}, format="json"
    )
    assert response.status_code == 201, response.content
    dm = DataModel.objects.get(code="api-malli")
    pk = dm.pk
    assert api.delete("/api/portal/data-models/api-malli/").status_code == 204
    actions = list(
        ChangeLog.objects.filter(content_type=ContentType.objects.get_for_model(DataModel), object_id=str(pk))
        .order_by("id")
        .values_list("action", "source")
    )
    assert actions == [("create", "api"), ("delete", "api")]


@pytest.mark.django_db
def test_a_save_that_changes_nothing_writes_no_row(reference_data):
    org = Organisation.objects.get(code="297")
    before = ChangeLog.objects.count()
    org.save()
    assert ChangeLog.objects.count() == before


@pytest.mark.django_db
def test_history_is_shown_on_the_page_and_in_the_api(client, staff_user):
    api = client_for(staff_user)
    api.patch("/api/portal/measures/2.3/", {"responsible_person": "Maija Meikäläinen", "version": 1}, format="json")
    history = api.get("/api/portal/measures/2.3/history/").json()
    assert history["count"] == 2  # newest first: the API update, then the reference-data load
    assert (history["results"][1]["action"], history["results"][1]["source"]) == ("create", "system")
    row = history["results"][0]
    assert (row["action"], row["actor"], row["source"], row["object_type"]) == (
        "update",
        "staff",
        "api",
        "portal.measure",
    )
    assert row["after"]["responsible_person"] == "Maija Meikäläinen"
    client.force_login(staff_user)
    page = client.get(reverse("portal:history", args=["measure", "2.3"])).content.decode()
    assert "Maija Meikäläinen" in page and "Vastuuhenkilö" in page and "responsible_person" not in page
    detail = client.get(reverse("portal:measure-detail", args=["2.3"])).content.decode()
    assert "Maija Meikäläinen" in detail


@pytest.mark.django_db
def test_log_access_writes_an_access_row(staff_user):
    from portal.audit import log_access

    org = Organisation.objects.get(code="297")
    log_access(org, user=staff_user, purpose="test read")
    row = AccessLog.objects.get()
    assert (row.actor, row.object_id, row.purpose) == (staff_user, str(org.pk), "test read")
    assert AccessLog.objects.visible_to(staff_user).count() == 0  # only administrators read the access log


@pytest.mark.django_db
def test_history_is_shown_in_peoples_words(staff_user):
    """Field labels and choice labels, never field names, raw codes or the version counter."""
    from django.utils import translation

    from portal import services as core_services
    from portal.models import ChangeLog, Measure

    measure = Measure.objects.get(number="2.3")
    core_services.update_measure(
        measure, changes={"status": "on_track"}, expected_version=measure.version, actor=staff_user
    )
    entry = ChangeLog.objects.for_object(measure).first()
    with translation.override("fi"):
        changes = entry.readable_changes()
    labels = [label for label, _before, _after in changes]
    assert "version" not in labels and "status" not in labels
    assert changes == [("Tila", "Ei aloitettu", "Aikataulussa")]


@pytest.mark.django_db
def test_change_history_downloads_as_csv_and_xlsx_in_peoples_words(client, staff_user, steward_a, decision_maker):
    """Every change-history table offers its rows as CSV and XLSX: the whole history of a generic
    detail page (which shows the latest 20) and the full history page, through the reader's rights."""
    import io

    from openpyxl import load_workbook

    from portal import services as core_services
    from portal.models import InformationSystem
    from portal.tests.factories import InformationSystemFactory

    system = InformationSystemFactory(name="Potilastietojärjestelmä")
    for n in range(25):
        system = InformationSystem.objects.get(pk=system.pk)
        system.vendor = f"Toimittaja {n}"
        core_services.save_object(system, actor=steward_a)
    detail = reverse("portal:information-system-detail", args=[system.pk])
    client.force_login(staff_user)
    with translation.override("fi"):
        page = client.get(detail).content.decode()
        assert 'href="?history=csv"' in page and 'href="?history=xlsx"' in page
        csv_text = client.get(detail, {"history": "csv"}).content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0] == "Aika,Kuka,Tapahtuma,Kanava,Muutokset"
    assert len(lines) == 1 + 26  # creation and 25 changes: the whole history, not the page's 20
    assert "Toimittaja: Toimittaja 23 → Toimittaja 24" in lines[1]
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,", lines[1]), lines[1]
    assert "vendor" not in csv_text
    workbook = load_workbook(io.BytesIO(client.get(detail, {"history": "xlsx"}).content))
    assert workbook.active.max_row == 27

    # The full history page of a measure downloads too; anonymous readers are sent to sign in.
    core_services.update_measure(
        Measure.objects.get(number="2.3"), changes={"status": "on_track"}, expected_version=1, actor=staff_user
    )
    history_url = reverse("portal:history", args=["measure", "2.3"])
    with translation.override("fi"):
        measure_csv = client.get(history_url, {"export": "csv"}).content.decode("utf-8-sig")
    assert "Tila: Ei aloitettu → Aikataulussa" in measure_csv
    client.logout()
    assert client.get(history_url, {"export": "csv"}).status_code == 302
    assert client.get(detail, {"history": "csv"}).status_code in (302, 404)
