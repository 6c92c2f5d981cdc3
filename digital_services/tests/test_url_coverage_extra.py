"""Digital services API routes that no other test requested (issue 9 point 5: every URL name is
requested): the change history of services, rollouts, monthly figures and pilots, and the area's
API root."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import client_for
from digital_services.tests import factories as f
from portal.models import ChangeLog

pytestmark = pytest.mark.django_db


def assert_history(user, url_name: str, obj) -> list[dict]:
    url = reverse(url_name, kwargs={"pk": obj.pk})
    anonymous = APIClient().get(url)
    assert anonymous.status_code in (401, 403, 404) or anonymous.json()["count"] == 0
    response = client_for(user).get(url)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == list(ChangeLog.objects.for_object(obj).values_list("id", flat=True))
    assert {row["object_id"] for row in rows} <= {str(obj.pk)}
    return rows


@pytest.mark.parametrize(
    ("basename", "factory"),
    [
        ("service", f.DigitalServiceFactory),
        ("rollout", f.RolloutFactory),
        ("monthly-figure", lambda: f.MonthlyFigureFactory(month=dt.date(2024, 5, 1))),
        ("pilot", f.PilotFactory),
    ],
    ids=["service", "rollout", "monthly-figure", "pilot"],
)
def test_history_lists_the_records_change_log(basename, factory, reference_data, decision_maker):
    obj = factory()
    rows = assert_history(decision_maker, f"api-digital_services:{basename}-history", obj)
    assert rows and rows[-1]["action"] == "create"
    assert rows[0]["object_type"] == obj._meta.label_lower


def test_api_root_lists_the_collections(decision_maker):
    response = client_for(decision_maker).get(reverse("api-digital_services:api-root"))
    assert response.status_code == 200
    body = response.json()
    assert body["monthly-figures"].endswith("/api/digital-services/monthly-figures/")
    assert len(body) == 7
