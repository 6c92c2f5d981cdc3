"""The portal kit on its first user, the information-system register: generic list, detail, edit and
delete views, the permission vocabulary, the service verbs and the API's error mapping."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, client_for
from portal import permissions
from portal.models import ChangeLog, InformationSystem, Organisation


def _system(code="kuopio-ehr", owner="297", **kwargs) -> InformationSystem:
    return InformationSystem.objects.create(
        code=code,
        name=kwargs.pop("name", "Effica"),
        owner=Organisation.objects.get(code=owner),
        sector="health",
        **kwargs,
    )


def _login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_vocabulary_follows_querysets(steward_a, steward_b, staff_user, decision_maker):
    system = _system()
    assert permissions.can_edit(steward_a, system)
    assert not permissions.can_edit(steward_b, system)
    assert permissions.can_edit(staff_user, system)
    assert not permissions.can_edit(decision_maker, system)
    assert permissions.can_view(decision_maker, system)
    assert permissions.can_create(steward_b, InformationSystem)
    assert not permissions.can_create(decision_maker, InformationSystem)


@pytest.mark.django_db
def test_list_filters_exports_and_hides_from_anonymous(steward_a, decision_maker):
    _system()
    _system(code="iisalmi-old", owner="140", name="Pegasos", lifecycle="read_only")
    client = _login(decision_maker)
    url = reverse("portal:information-system-list")
    page = client.get(url, {"lifecycle": "read_only"})
    assert page.status_code == 200
    assert "Pegasos" in page.content.decode() and "Effica" not in page.content.decode()
    assert 'name="lifecycle"' in page.content.decode()  # the FilterSet rendered as the filter form
    csv = client.get(url, {"export": "csv", "q": "Effica"})
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "Effica" in lines[1]
    assert Client().get(url).status_code == 302


@pytest.mark.django_db
def test_steward_creates_for_own_organisation_only(steward_a):
    client = _login(steward_a)
    url = reverse("portal:information-system-create")
    data = {"code": "kuopio-new", "name": "Uusi", "owner": Organisation.objects.get(code="140").pk, "sector": "social"}
    data["lifecycle"] = "in_use"
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert not InformationSystem.objects.filter(code="kuopio-new").exists()
    data["owner"] = Organisation.objects.get(code="297").pk
    data["annual_licence_cents"] = "1234,50"
    before = ChangeLog.objects.count()
    created = client.post(url, data)
    assert created.status_code == 302
    system = InformationSystem.objects.get(code="kuopio-new")
    assert system.annual_licence_cents == 123450
    assert ChangeLog.objects.count() == before + 1


@pytest.mark.django_db
def test_other_stewards_edit_and_delete_are_404_and_change_nothing(steward_a, steward_b):
    system = _system()
    client = _login(steward_b)
    before = ChangeLog.objects.count()
    assert client.get(reverse("portal:information-system-edit", args=[system.pk])).status_code == 404
    assert client.post(reverse("portal:information-system-delete", args=[system.pk])).status_code == 404
    assert InformationSystem.objects.filter(pk=system.pk).exists()
    assert ChangeLog.objects.count() == before
    owner = _login(steward_a)
    assert owner.get(reverse("portal:information-system-delete", args=[system.pk])).status_code == 200
    assert owner.post(reverse("portal:information-system-delete", args=[system.pk])).status_code == 302
    assert not InformationSystem.objects.filter(pk=system.pk).exists()


@pytest.mark.django_db
def test_api_writes_through_verbs_and_maps_errors(steward_a, steward_b, decision_maker):
    _system()
    url = "/api/portal/information-systems/"
    reader = client_for(decision_maker)
    assert reader.get(url).json()["count"] == 1
    assert reader.post(url, {"code": "x", "name": "X", "owner": "297", "sector": "health"}).status_code == 403
    owner = client_for(steward_a)
    bad = owner.post(
        url,
        {
            "code": "x",
            "name": "X",
            "owner": "297",
            "sector": "health",
            "valid_from": "2025-01-02",
            "valid_to": "2025-01-01",
        },
    )
    assert bad.status_code == 400
    assert not InformationSystem.objects.filter(code="x").exists()
    ok = owner.post(url, {"code": "x", "name": "X", "owner": "297", "sector": "health"})
    assert ok.status_code == 201, ok.content
    other = client_for(steward_b)
    assert other.patch(f"{url}{ok.json()['id']}/", {"name": "Y"}, format="json").status_code == 404
    assert other.post(url, {"code": "y", "name": "Y", "owner": "297", "sector": "health"}).status_code == 403
    assert not InformationSystem.objects.filter(code="y").exists()


@pytest.mark.django_db
def test_validity_check_constraint_and_valid_on(reference_data):
    import datetime as dt

    _system(valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2022, 12, 31))
    assert InformationSystem.objects.valid_on(dt.date(2021, 6, 1)).count() == 1
    assert InformationSystem.objects.valid_on(dt.date(2023, 1, 1)).count() == 0
