"""Persona matrix of the job frame: every registered job kind x every persona x list, detail,
download and re-run, through the API and the UI (issue 10, point 1).

Each job is started by a dedicated user who is none of the personas (the personal export excepted,
whose starter is steward A), so the matrix tests each kind's declared policy, not the starter rule.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from conftest import client_for, make_user
from portal import job_kinds, roles
from portal.models import AccessLog, Job, Organisation

PERSONAS = ("anonymous", "steward_a", "steward_b", "staff", "decision_maker", "expert", "supervisor", "admin")
SIGNED_IN = set(PERSONAS) - {"anonymous"}

# kind -> (who sees it (list, detail, download), who may re-run it, confidential)
EXPECTED = {
    "organisation_register_export": ({"steward_a"}, {"steward_a"}, False),
    "governance-status-report": (SIGNED_IN, {"staff", "admin"}, False),
    "integration.convert_ledger": ({"steward_a", "staff", "admin"}, {"steward_a", "staff", "admin"}, False),
    "knowledge_import": ({"staff", "admin"}, {"staff", "admin"}, False),
    "knowledge_package_indicators": ({"staff", "admin"}, {"staff", "admin"}, False),
    "knowledge_report": (SIGNED_IN, {"staff", "admin"}, False),
    "knowledge_report_batch": ({"staff", "admin"}, {"staff", "admin"}, False),
    "supervision_staffing_import": ({"supervisor", "staff", "admin"}, {"supervisor", "admin"}, False),
    "supervision_unit_report": ({"supervisor", "admin"}, {"admin"}, True),
    "supervision_producer_report": ({"supervisor", "admin"}, {"admin"}, True),
    "mapping_import": ({"steward_a", "staff", "admin"}, {"steward_a", "admin"}, False),
    "code_list_import": ({"staff", "admin"}, {"staff", "admin"}, False),
    "maturity_import": ({"staff", "admin"}, {"staff", "admin"}, False),
    "archiving.retention_simulation": ({"steward_a", "staff", "admin"}, {"steward_a", "staff", "admin"}, False),
    "archiving.procurement_pack": (SIGNED_IN, {"staff", "admin"}, False),
    "digital_services.monthly_figures": ({"steward_a", "staff", "admin"}, {"steward_a", "staff", "admin"}, False),
    "digital_services.municipality_report": (SIGNED_IN, {"staff", "admin"}, False),
    "integration.documentation_import": ({"steward_a", "staff", "admin"}, {"staff", "admin"}, False),
    "integration.documentation_pdf": (SIGNED_IN, {"staff", "admin"}, False),
    "ot-centre-pilot-report": (SIGNED_IN, {"staff", "admin"}, False),
    "privacy_retention": ({"admin"}, {"admin"}, False),
    "knowledge_digital_exclusion": ({"staff", "admin"}, {"staff", "admin"}, False),
    "knowledge_structured_documentation": ({"staff", "admin"}, {"staff", "admin"}, False),
    "unregistered-kind": ({"admin"}, {"admin"}, False),
}


@pytest.fixture
def personas(steward_a, steward_b, staff_user, decision_maker, expert, supervisor, admin_user):
    from supervision.models import SupervisorAssignment

    SupervisorAssignment.objects.create(user=supervisor, organiser=Organisation.objects.get(code="297"))
    return {
        "anonymous": None,
        "steward_a": steward_a,
        "steward_b": steward_b,
        "staff": staff_user,
        "decision_maker": decision_maker,
        "expert": expert,
        "supervisor": supervisor,
        "admin": admin_user,
    }


@pytest.fixture
def jobs(personas):
    from supervision.tests.factories import UnitFactory

    kuopio = Organisation.objects.get(code="297")
    unit = UnitFactory(organiser=kuopio)
    other_unit = UnitFactory()  # organiser pshva: nobody in the matrix supervises it
    starter = make_user("starter", roles.PROGRAMME_STAFF, roles.SUPERVISOR)
    organisation = {
        "integration.convert_ledger": kuopio,
        "mapping_import": kuopio,
        "archiving.retention_simulation": kuopio,
        "digital_services.monthly_figures": kuopio,
        "integration.documentation_import": kuopio,
        "knowledge_report": kuopio,
        "supervision_staffing_import": kuopio,
        "supervision_unit_report": kuopio,
    }
    inputs = {"supervision_producer_report": {"producer": unit.producer_id, "start": "2024-01-01", "end": "2024-01-31"}}
    created = {}
    for kind in EXPECTED:
        job = Job.objects.create(
            kind=kind,
            task_name="portal.tasks.export_organisation_register",
            status="failed",
            started_by=personas["steward_a"] if kind == "organisation_register_export" else starter,
            organisation=organisation.get(kind),
            input_ref=inputs.get(kind, {"kinds": ["nothing"]}),
            output_ref={"filename": f"{kind}.pdf"},
        )
        job.output_file.save(f"{kind}.pdf", ContentFile(f"%PDF {kind}".encode()), save=True)
        created[kind] = job
    # A producer report of a producer the supervisor does not supervise stays hidden from them.
    created["other_producer"] = Job.objects.create(
        kind="supervision_producer_report",
        task_name="supervision.tasks.unit_report_pdf",
        status="failed",
        started_by=starter,
        input_ref={"producer": other_unit.producer_id},
    )
    return created


def _api(persona, user):
    return Client() if persona == "anonymous" else client_for(user)


def _ui(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_every_registered_kind_is_in_the_matrix(personas):
    assert set(job_kinds.registered()) <= set(EXPECTED)
    for code in job_kinds.registered():
        assert job_kinds.label(code) != code  # people see labels, not codes


@pytest.mark.django_db
def test_list_detail_download_per_kind_and_persona(personas, jobs):
    for persona, user in personas.items():
        api, ui = _api(persona, user), _ui(user)
        response = api.get("/api/portal/jobs/?limit=100")
        listed = {row["id"] for row in response.json()["results"]} if response.status_code == 200 else set()
        assert response.status_code in ((200,) if user is not None else (200, 401, 403))
        page = ui.get("/fi/jobs/?per_page=100")
        if user is not None:
            shown = {job.pk for job in page.context["page"].object_list}
            assert shown == listed, persona
        expected_ids = {jobs[kind].pk for kind, (seen, _rerun, _c) in EXPECTED.items() if persona in seen}
        assert listed - {jobs["other_producer"].pk} == expected_ids, persona
        for kind, (seen, _rerun, confidential) in EXPECTED.items():
            job = jobs[kind]
            allowed = persona in seen
            before = AccessLog.objects.count()
            api_detail = api.get(f"/api/portal/jobs/{job.pk}/")
            api_download = api.get(f"/api/portal/jobs/{job.pk}/download/")
            ui_detail = ui.get(f"/fi/jobs/{job.pk}/")
            ui_download = ui.get(f"/fi/jobs/{job.pk}/download/")
            if allowed:
                assert (api_detail.status_code, api_download.status_code) == (200, 200), (persona, kind)
                assert (ui_detail.status_code, ui_download.status_code) == (200, 200), (persona, kind)
                assert b"".join(ui_download.streaming_content) == f"%PDF {kind}".encode()
                assert api_detail.json()["kind_label"] == job_kinds.label(kind)
                # Confidential: detail (API, UI) and download (API, UI) each write one access-log row.
                assert AccessLog.objects.count() - before == (4 if confidential else 0), (persona, kind)
            else:
                denied = (401, 403, 404) if user is None else (404,)
                assert api_detail.status_code in denied, (persona, kind)
                assert api_download.status_code in denied, (persona, kind)
                assert ui_detail.status_code in ((302,) if user is None else (404,)), (persona, kind)
                assert ui_download.status_code in ((302,) if user is None else (404,)), (persona, kind)
                assert AccessLog.objects.count() == before
    supervisor_ids = {
        row["id"] for row in client_for(personas["supervisor"]).get("/api/portal/jobs/?limit=100").json()["results"]
    }
    assert jobs["other_producer"].pk not in supervisor_ids


@pytest.mark.django_db
def test_rerun_per_kind_and_persona(personas, jobs):
    for persona, user in personas.items():
        for kind, (_seen, may_rerun, _c) in EXPECTED.items():
            job = jobs[kind]
            Job.objects.filter(pk=job.pk).update(status="failed", attempts=0, messages=[])
            before = Job.objects.values("status", "messages").get(pk=job.pk)
            response = _api(persona, user).post(f"/api/portal/jobs/{job.pk}/rerun/")
            if persona in may_rerun:
                assert response.status_code == 202, (persona, kind)
                assert Job.objects.get(pk=job.pk).status == "queued"
            else:
                assert response.status_code in ((401, 403, 404) if user is None else (404,)), (persona, kind)
                assert Job.objects.values("status", "messages").get(pk=job.pk) == before
            Job.objects.filter(pk=job.pk).update(status="failed")
            page = _ui(user).post(f"/fi/jobs/{job.pk}/rerun/")
            if persona in may_rerun:
                assert page.status_code == 302 and Job.objects.get(pk=job.pk).status == "queued", (persona, kind)
            else:
                assert page.status_code in ((302,) if user is None else (404,)), (persona, kind)
                assert Job.objects.get(pk=job.pk).status == "failed"


@pytest.mark.django_db
def test_rerun_button_only_for_those_who_may(personas, jobs):
    job = jobs["knowledge_report"]
    assert b'/rerun/"' not in _ui(personas["decision_maker"]).get(f"/fi/jobs/{job.pk}/").content
    assert f"/fi/jobs/{job.pk}/rerun/".encode() in _ui(personas["staff"]).get(f"/fi/jobs/{job.pk}/").content
