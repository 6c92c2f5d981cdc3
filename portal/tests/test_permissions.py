"""Each role's reach, through the UI and the API. Denied actions also show nothing changed."""

import pytest
from django.urls import reverse

from conftest import client_for
from portal.models import Measure, Organisation


def _org_state(code):
    return Organisation.objects.filter(code=code).values().get()


@pytest.mark.django_db
def test_steward_edits_own_organisation_via_api(steward_a):
    response = client_for(steward_a).patch(
        "/api/portal/organisations/297/", {"website": "https://www.kuopio.fi"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert Organisation.objects.get(code="297").website == "https://www.kuopio.fi"


@pytest.mark.django_db
def test_steward_cannot_change_another_organisation_via_api(steward_a, steward_b):
    before = _org_state("140")
    response = client_for(steward_a).patch("/api/portal/organisations/140/", {"name_fi": "Hacked"}, format="json")
    assert response.status_code == 404
    assert _org_state("140") == before


@pytest.mark.django_db
def test_steward_cannot_change_another_organisation_via_ui(client, steward_a, steward_b):
    client.force_login(steward_a)
    before = _org_state("140")
    assert client.get(reverse("portal:organisation-edit", args=["140"])).status_code == 404
    response = client.post(reverse("portal:organisation-edit", args=["140"]), {"name_fi": "Hacked", "name_sv": "x"})
    assert response.status_code == 404
    assert _org_state("140") == before


@pytest.mark.django_db
def test_steward_edits_own_organisation_via_ui(client, steward_a):
    client.force_login(steward_a)
    response = client.post(
        reverse("portal:organisation-edit", args=["297"]),
        {"name_fi": "Kuopio", "name_sv": "Kuopio", "website": "", "contact_email": "kirjaamo@kuopio.fi", "note": ""},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(code="297").contact_email == "kirjaamo@kuopio.fi"


@pytest.mark.django_db
def test_steward_cannot_change_codes_or_validity(steward_a):
    before = _org_state("297")
    response = client_for(steward_a).patch(
        "/api/portal/organisations/297/", {"code": "999", "kind": "region"}, format="json"
    )
    assert response.status_code == 200  # read-only fields are ignored, not applied
    assert _org_state("297") == before


@pytest.mark.django_db
def test_decision_maker_cannot_edit(decision_maker, client):
    before_org, before_measure = _org_state("297"), Measure.objects.filter(number="2.3").values().get()
    api = client_for(decision_maker)
    assert api.patch("/api/portal/organisations/297/", {"name_fi": "x"}, format="json").status_code == 404
    assert api.patch("/api/portal/measures/2.3/", {"status": "late", "version": 1}, format="json").status_code == 404
    client.force_login(decision_maker)
    assert client.get(reverse("portal:measure-edit", args=["2.3"])).status_code == 404
    assert (
        client.post(
            reverse("portal:measure-progress", args=["2.3"]), {"date": "2026-11-01", "percent": 5, "status": "late"}
        ).status_code
        == 404
    )
    assert _org_state("297") == before_org
    assert Measure.objects.filter(number="2.3").values().get() == before_measure
    # ... but reads everything public
    assert api.get("/api/portal/measures/").status_code == 200


@pytest.mark.django_db
def test_anonymous_reaches_only_public_pages(client, reference_data):
    for name, args in [
        ("portal:home", []),
        ("portal:organisation-list", []),
        ("portal:organisation-detail", ["297"]),
        ("portal:measure-list", []),
        ("portal:measure-detail", ["2.3"]),
        ("portal:datamodel-list", []),
        ("governance:index", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    for name, args in [
        ("portal:job-list", []),
        ("portal:measure-edit", ["2.3"]),
        ("portal:organisation-edit", ["297"]),
        ("portal:history", ["measure", "2.3"]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


@pytest.mark.django_db
def test_anonymous_api_reads_public_data_but_not_jobs_or_history(api_client, reference_data):
    assert api_client.get("/api/portal/organisations/").status_code == 200
    assert api_client.get("/api/portal/jobs/").json()["count"] == 0
    assert api_client.get("/api/portal/measures/2.3/history/").json()["count"] == 0
    before = _org_state("297")
    assert api_client.patch("/api/portal/organisations/297/", {"name_fi": "x"}, format="json").status_code in (401, 403)
    assert _org_state("297") == before


@pytest.mark.django_db
def test_programme_staff_edit_measures_but_not_organisations(staff_user):
    api = client_for(staff_user)
    response = api.patch(
        "/api/portal/measures/2.3/", {"status": "on_track", "progress": 30, "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    before = _org_state("297")
    assert api.patch("/api/portal/organisations/297/", {"name_fi": "x"}, format="json").status_code == 404
    assert _org_state("297") == before


@pytest.mark.django_db
def test_stale_measure_version_answers_409_and_keeps_the_first_edit(staff_user, admin_user):
    first = client_for(staff_user).patch(
        "/api/portal/measures/2.3/", {"responsible_person": "A", "version": 1}, format="json"
    )
    assert first.status_code == 200
    second = client_for(admin_user).patch(
        "/api/portal/measures/2.3/", {"responsible_person": "B", "version": 1}, format="json"
    )
    assert second.status_code == 409
    assert second.json()["current"]["responsible_person"] == "A"
    assert second.json()["current"]["version"] == 2
    assert Measure.objects.get(number="2.3").responsible_person == "A"


@pytest.mark.django_db
def test_measure_validation_rejects_end_before_start(staff_user):
    before = Measure.objects.filter(number="1.1").values().get()
    response = client_for(staff_user).patch(
        "/api/portal/measures/1.1/", {"start_date": "2026-05-01", "end_date": "2026-01-01", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert "end_date" in response.json()
    assert Measure.objects.filter(number="1.1").values().get() == before


@pytest.mark.django_db
def test_progress_outside_0_100_is_refused(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("portal:measure-progress", args=["2.3"]), {"date": "2026-11-01", "percent": 120, "status": "late"}
    )
    assert response.status_code == 400
    measure = Measure.objects.get(number="2.3")
    assert (measure.progress, measure.status, measure.progress_entries.count()) == (0, "not_started", 0)


@pytest.mark.django_db
def test_an_organisation_alone_opens_no_job(steward_a, steward_b, staff_user, decision_maker, api_client):
    """Issue 10: a job's organisation is no permission; its kind's policy is (portal.job_kinds)."""
    from portal.jobs import start_job
    from portal.tasks import export_organisation_register

    personal = start_job(export_organisation_register, kind="organisation_register_export", actor=steward_a)
    unregistered = start_job(
        export_organisation_register, kind="x", actor=steward_a, organisation=Organisation.objects.get(code="297")
    )
    assert client_for(steward_a).get(f"/api/portal/jobs/{personal.pk}/").status_code == 200
    assert client_for(steward_a).get(f"/api/portal/jobs/{unregistered.pk}/").status_code == 200
    for other in (steward_b, decision_maker, staff_user):
        assert client_for(other).get(f"/api/portal/jobs/{personal.pk}/").status_code == 404
        assert client_for(other).get(f"/api/portal/jobs/{unregistered.pk}/").status_code == 404
    assert api_client.get(f"/api/portal/jobs/{unregistered.pk}/").status_code in (401, 403, 404)


@pytest.mark.django_db
def test_only_the_starter_stewards_and_staff_rerun_a_failed_job(steward_a, steward_b, decision_maker, staff_user):
    from portal.models import Job

    job = Job.objects.create(
        kind="integration.convert_ledger",
        task_name="portal.tasks.export_organisation_register",
        status="failed",
        organisation=Organisation.objects.get(code="297"),
        input_ref={"kinds": ["service_producer"]},
    )
    for other in (steward_b, decision_maker):
        assert client_for(other).post(f"/api/portal/jobs/{job.pk}/rerun/").status_code == 404
        job.refresh_from_db()
        assert (job.status, job.attempts) == ("failed", 0)
    assert client_for(steward_a).post(f"/api/portal/jobs/{job.pk}/rerun/").status_code == 202
