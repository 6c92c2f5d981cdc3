"""Supervision routes that no other test requested (issue 9 point 5: every URL name is requested).

The registers' change history over the API, the person-day rules and professional groups (loaded
reference data), a staffing day over the API, the area's API root and the staffing import page.
The kit's ``api_list``/``api_detail`` covers producers, units, contracts, thresholds and visits.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import client_for
from portal.models import ChangeLog
from supervision import models as m
from supervision.tests import factories as f

pytestmark = pytest.mark.django_db


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


def _register_rows():
    producer = f.ProducerFactory()
    unit = f.UnitFactory(producer=producer)
    return [
        ("producer", {"business_id": producer.business_id}, producer),
        ("unit", {"code": unit.code}, unit),
        ("contract", None, f.ContractFactory()),
        ("threshold", None, f.ThresholdFactory()),
    ]


def test_register_histories(reference_data):
    reader = f.supervisor_of()
    for basename, kwargs, obj in _register_rows():
        rows = assert_history(reader, f"api-supervision:{basename}-history", kwargs or {"pk": obj.pk}, obj)
        assert rows and rows[-1]["action"] == "create", basename
        assert rows[0]["object_type"] == obj._meta.label_lower


def test_person_day_rules_list_detail_and_history(decision_maker):
    rules = list(m.PersonDayRule.objects.order_by("valid_from", "pk"))
    assert rules  # the reference data carries the rules
    listed = client_for(decision_maker).get(reverse("api-supervision:person-day-rule-list"))
    assert listed.status_code == 200
    page = [row["id"] for row in listed.json()["results"]]
    assert listed.json()["count"] == len(rules) and page == [rule.pk for rule in rules][: len(page)]
    rule = rules[0]
    detail = client_for(decision_maker).get(reverse("api-supervision:person-day-rule-detail", args=[rule.pk]))
    assert detail.status_code == 200
    assert detail.json()["basis"] == rule.basis
    assert Decimal(detail.json()["hours_per_person_day"]) == rule.hours_per_person_day
    assert_history(decision_maker, "api-supervision:person-day-rule-history", {"pk": rule.pk}, rule)


def test_professional_groups_list_detail_and_history(decision_maker):
    groups = list(m.ProfessionalGroup.objects.order_by("sort_order", "code"))
    listed = client_for(decision_maker).get(reverse("api-supervision:professional-group-list"))
    assert listed.status_code == 200 and listed.json()["count"] == len(groups)
    nurse = m.ProfessionalGroup.objects.get(code="sairaanhoitaja")
    detail = client_for(decision_maker).get(reverse("api-supervision:professional-group-detail", args=[nurse.code]))
    assert detail.status_code == 200
    assert (detail.json()["code"], detail.json()["name_fi"], detail.json()["counts_in_ratio"]) == (
        "sairaanhoitaja",
        nurse.name_fi,
        nurse.counts_in_ratio,
    )
    assert_history(decision_maker, "api-supervision:professional-group-history", {"code": nurse.code}, nurse)


def test_staffing_day_detail_for_the_organisers_supervisor(reference_data):
    unit = f.UnitFactory()
    day = f.add_day(unit, dt.date(2026, 3, 2), 10, {"sairaanhoitaja": "20", "lahihoitaja": "25.96"})
    url = reverse("api-supervision:staffing-day-detail", args=[day.pk])
    assert APIClient().get(url).status_code in (401, 403, 404)
    response = client_for(f.supervisor_of()).get(url)
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["date"], body["clients"]) == (day.pk, "2026-03-02", 10)
    assert len(body["hours"]) == 2


def test_api_root_lists_the_collections(decision_maker):
    response = client_for(decision_maker).get(reverse("api-supervision:api-root"))
    assert response.status_code == 200
    body = response.json()
    assert body["units"].endswith("/api/supervision/units/")
    assert body["deviation-reports"].endswith("/api/supervision/deviation-reports/")
    assert len(body) == 9


def test_staffing_import_page_refuses_who_reports_for_no_unit(client, decision_maker):
    client.force_login(decision_maker)
    page = client.get(reverse("supervision:staffing-import"))
    assert page.status_code == 200
    assert page.context["allowed"] is False
    assert list(page.context["groups"]) == list(m.ProfessionalGroup.objects.all())
    assert client.post(reverse("supervision:staffing-import"), {}).status_code == 403
