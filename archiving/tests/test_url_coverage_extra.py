"""Archiving routes that no other test requested (issue 9 point 5: every URL name is requested).

The change history of data contents, rules, plans and requirements over the API, the area's API
root, a destruction list made from a simulation page, and a procurement pack's file downloads.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from archiving import services
from archiving.models import DestructionList, ProcurementPack
from archiving.tests import factories as f
from conftest import client_for
from portal.models import ChangeLog

pytestmark = pytest.mark.django_db

EXTRACT = (
    "record_id,record_type,birth_date,death_date,case_closed_date,created_date\n"
    "a1,Lapsiperheiden palvelutehtävä,1980-05-03,,2015-06-30,2010-01-01\n"
    "a2,patient-main,1940-02-03,2010-03-15,,2000-01-01\n"
)


def assert_history(user, url_name: str, kwargs: dict, obj) -> list[dict]:
    url = reverse(url_name, kwargs=kwargs)
    anonymous = APIClient().get(url)
    assert anonymous.status_code in (401, 403, 404) or anonymous.json()["count"] == 0
    response = client_for(user).get(url)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == list(ChangeLog.objects.for_object(obj).values_list("id", flat=True))
    assert {row["object_id"] for row in rows} <= {str(obj.pk)}
    return rows


def test_histories_of_contents_rules_plans_and_requirements(staff_user, decision_maker):
    rule = f.RetentionRuleFactory()
    content = f.DataContentFactory(system=f.retiring_system(), retention_rule=rule)
    cases = [
        ("api-archiving:rule-history", {"code": rule.code}, rule),
        ("api-archiving:data-content-history", {"pk": content.pk}, content),
        ("api-archiving:plan-history", None, f.PlanFactory()),
        ("api-archiving:requirement-history", None, f.RequirementFactory()),
    ]
    for name, kwargs, obj in cases:
        rows = assert_history(decision_maker, name, kwargs or {"pk": obj.pk}, obj)
        assert rows and rows[-1]["action"] == "create", name
        assert rows[0]["object_type"] == obj._meta.label_lower


def test_api_root_lists_the_collections(decision_maker):
    response = client_for(decision_maker).get(reverse("api-archiving:api-root"))
    assert response.status_code == 200
    body = response.json()
    assert body["access-requests"].endswith("/api/archiving/access-requests/")
    assert len(body) == 6


def test_destruction_list_is_made_from_the_simulation_page(system_a, steward_a, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("ote.csv", EXTRACT.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        simulation = services.start_simulation(
            system=system_a, upload=upload, actor=steward_a, as_of=dt.date(2026, 1, 1)
        )
    simulation.refresh_from_db()
    url = reverse("archiving:destruction-create", args=[simulation.pk])
    anonymous = Client().post(url, {"year": 2045})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client = Client()
    client.force_login(steward_a)
    response = client.post(url, {"year": 2045})
    made = DestructionList.objects.get()
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert list(made.lines.values_list("record_id", "destroyable_on")) == [("a1", dt.date(2045, 6, 30))]
    again = client.post(url, {"year": 2045})  # the year's list exists: back to the simulation, nothing new
    assert again["Location"] == simulation.get_absolute_url()
    assert DestructionList.objects.count() == 1
    assert client.post(url, {"year": "x"})["Location"] == simulation.get_absolute_url()


def test_procurement_pack_files_download(staff_user, decision_maker, rules, django_capture_on_commit_callbacks):
    plan = services.save_plan(f.PlanFactory.build(), actor=staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_procurement_pack(plan=plan, actor=staff_user)
    job.refresh_from_db()
    assert job.status == "succeeded", job.error
    pack = ProcurementPack.objects.get(job=job)
    client = Client()
    client.force_login(decision_maker)
    matrix = client.get(reverse("archiving:procurement-download", args=[pack.pk, "matrix"]))
    assert matrix.status_code == 200 and matrix["Content-Disposition"].startswith("attachment;")
    assert b"".join(matrix.streaming_content).startswith(b"PK")  # an XLSX is a zip
    spec = client.get(reverse("archiving:procurement-download", args=[pack.pk, "fi"]))
    assert spec.status_code == 200
    assert b"".join(spec.streaming_content).startswith(b"%PDF-")
    assert client.get(reverse("archiving:procurement-download", args=[pack.pk, "nope"])).status_code == 404
    assert Client().get(reverse("archiving:procurement-download", args=[pack.pk, "matrix"])).status_code == 302
