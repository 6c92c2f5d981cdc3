"""Integration routes that no other test requested (issue 9 point 5: every URL name is requested):
the mappings' change history over the API, the area's API root, and the publish and discard
buttons of a conversion draft's page."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from conftest import client_for
from integration import models as m
from integration.tests import factories as f
from portal.models import ChangeLog

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("basename", "factory"),
    [
        ("mapping-version", f.MappingVersionFactory),
        ("cost-centre-mapping", f.CostCentreMappingFactory),
        ("account-mapping", f.AccountMappingFactory),
    ],
    ids=["mapping-version", "cost-centre-mapping", "account-mapping"],
)
def test_mapping_histories(basename, factory, code_lists, steward_a):
    obj = factory()
    url = reverse(f"api-integration:{basename}-history", args=[obj.pk])
    anonymous = APIClient().get(url)
    assert anonymous.status_code in (401, 403, 404) or anonymous.json()["count"] == 0
    response = client_for(steward_a).get(url)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == list(ChangeLog.objects.for_object(obj).values_list("id", flat=True))
    assert rows and rows[-1]["action"] == "create" and rows[0]["object_type"] == obj._meta.label_lower


def test_api_root_lists_the_collections(steward_a):
    response = client_for(steward_a).get(reverse("api-integration:api-root"))
    assert response.status_code == 200
    assert response.json()["drafts"].endswith("/api/integration/drafts/")


def _steward(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_steward_discards_a_draft_from_its_page(code_lists, steward_a):
    draft = f.DraftFactory()
    with translation.override("en"):
        url = reverse("integration:draft-discard", args=[draft.pk])
        page = reverse("integration:draft-detail", args=[draft.pk])
    response = _steward(steward_a).post(url)
    assert (response.status_code, response["Location"]) == (302, page)
    assert [str(msg) for msg in get_messages(response.wsgi_request)] == ["The draft was discarded."]
    draft.refresh_from_db()
    assert (draft.status, draft.decided_by) == (m.DraftStatus.DISCARDED, steward_a)


def test_a_draft_without_a_mapping_is_not_published(code_lists, steward_a):
    draft = f.DraftFactory(mapping_version=None)
    with translation.override("en"):
        url = reverse("integration:draft-publish", args=[draft.pk])
        page = reverse("integration:draft-detail", args=[draft.pk])
    anonymous = Client().post(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    response = _steward(steward_a).post(url)
    assert (response.status_code, response["Location"]) == (302, page)
    [message] = [str(msg) for msg in get_messages(response.wsgi_request)]
    assert "without a mapping cannot be published" in message
    draft.refresh_from_db()
    assert draft.is_open and not m.ConversionResult.objects.filter(organisation=draft.organisation).exists()
