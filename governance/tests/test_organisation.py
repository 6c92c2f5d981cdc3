import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import client_for
from governance import services
from governance.models import Body, Membership
from governance.tests.conftest import en
from portal.models import Organisation


@pytest.mark.django_db
def test_staff_creates_a_body_in_the_browser(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        en("governance:body-create"),
        {
            "code": "valmisteluryhma",
            "name_fi": "Valmisteluryhmä",
            "kind": "preparation_group",
            "task": "Valmistelee.",
            "mandate": "Ohjausryhmän asettama.",
            "valid_from": "2026-01-01",
            "valid_to": "2026-12-31",
        },
    )
    body = Body.objects.get(code="valmisteluryhma")
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:body-detail", args=[body.pk])
    assert (body.valid_from, body.valid_to) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


@pytest.mark.django_db
def test_body_ending_before_it_starts_is_refused_and_nothing_is_stored(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        en("governance:body-create"),
        {"code": "x", "name_fi": "X", "kind": "other", "valid_from": "2026-05-01", "valid_to": "2026-04-30"},
    )
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()
    assert Body.objects.count() == 0


@pytest.mark.django_db
def test_working_group_needs_its_measure(staff_user):
    with pytest.raises(ValidationError) as info:
        services.save_object(
            Body(code="tr", name_fi="Työryhmä", kind="working_group", valid_from=dt.date(2026, 1, 1)), actor=staff_user
        )
    assert info.value.message_dict == {"measure": ["A working group serves a measure: choose it."]}
    assert Body.objects.count() == 0


@pytest.mark.django_db
def test_member_term_outside_the_body_validity_is_refused(client, staff_user, steering_group):
    client.force_login(staff_user)
    url = en("governance:membership-create", steering_group.pk)
    data = {
        "person_name": "Liian pitkä kausi",
        "organisation": Organisation.objects.get(code="297").pk,
        "role": "member",
        "term_start": "2026-01-01",
        "term_end": "2028-06-30",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "The term must fall within the body&#x27;s validity (2026-01-01 – 2027-12-31)." in response.content.decode()
    response = client.post(url, {**data, "term_start": "2025-12-31", "term_end": "2026-06-30"})
    assert response.status_code == 400
    assert Membership.objects.count() == 0


@pytest.mark.django_db
def test_member_without_organisation_is_refused_in_ui_and_api(client, staff_user, steering_group):
    client.force_login(staff_user)
    response = client.post(
        en("governance:membership-create", steering_group.pk),
        {"person_name": "Ei organisaatiota", "role": "member", "term_start": "2026-01-01", "term_end": "2026-12-31"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"] == ["A member represents an organisation: choose it."]
    api = client_for(staff_user)
    response = api.post(
        "/api/governance/memberships/",
        {
            "body": "ohjausryhma",
            "person_name": "Ei organisaatiota",
            "role": "member",
            "term_start": "2026-01-01",
            "term_end": "2026-12-31",
            "organisation": None,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"organisation": ["A member represents an organisation: give its code."]}
    assert Membership.objects.count() == 0


@pytest.mark.django_db
def test_api_refuses_term_outside_validity(staff_user, steering_group):
    response = client_for(staff_user).post(
        "/api/governance/memberships/",
        {
            "body": "ohjausryhma",
            "person_name": "A",
            "organisation": "297",
            "role": "chair",
            "term_start": "2026-01-01",
            "term_end": None,
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"term_end": ["The term must fall within the body's validity (2026-01-01 – 2027-12-31)."]}
    assert Membership.objects.count() == 0


@pytest.mark.django_db
def test_representation_shows_who_is_represented_where(client, decision_maker, members, steering_group):
    client.force_login(decision_maker)
    response = client.get(reverse("governance:representation") + "?")
    assert response.status_code == 200
    ctx = response.context
    # The page shows the situation on today's date; the fixture terms cover 2026-2027.
    from governance.selectors import representation

    data = representation(decision_maker, dt.date(2026, 6, 1))
    represented = {row.municipality.code for row in data["rows"] if row.represented_count}
    assert represented == {"297", "140", "915"}
    missing = {m.code for m in data["not_represented_anywhere"]}
    assert len(missing) == 16 and "749" in missing and "297" not in missing
    assert [b.code for b, _ in data["unrepresented_by_body"]] == ["ohjausryhma"]
    assert ctx["day"] is not None


@pytest.mark.django_db
def test_representation_api(decision_maker, members):
    response = client_for(decision_maker).get("/api/governance/representation/")
    assert response.status_code == 200
    rows = {row["municipality"]: row for row in response.json()}
    assert len(rows) == 19


@pytest.mark.django_db
def test_decision_maker_reads_but_cannot_create(client, decision_maker, steering_group):
    client.force_login(decision_maker)
    assert client.get(reverse("governance:body-detail", args=[steering_group.pk])).status_code == 200
    assert client.get(en("governance:body-create")).status_code == 403
    response = client.post(
        en("governance:body-create"),
        {"code": "x", "name_fi": "X", "kind": "other", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 403
    assert client.get(reverse("governance:body-edit", args=[steering_group.pk])).status_code == 404
    api = client_for(decision_maker)
    assert (
        api.post(
            "/api/governance/bodies/", {"code": "y", "name_fi": "Y", "kind": "other", "valid_from": "2026-01-01"}
        ).status_code
        == 403
    )
    assert api.patch(f"/api/governance/bodies/{steering_group.pk}/", {"name_fi": "Muutettu"}).status_code == 404
    assert list(Body.objects.values_list("code", "name_fi")) == [("ohjausryhma", "Ohjausryhmä")]
    with pytest.raises(PermissionDenied):
        services.save_object(
            Body(code="z", name_fi="Z", kind="other", valid_from=dt.date(2026, 1, 1)), actor=decision_maker
        )


@pytest.mark.django_db
def test_anonymous_sees_no_internal_material(client, api_client, steering_group):
    response = client.get(reverse("governance:body-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert api_client.get("/api/governance/bodies/").json()["count"] == 0
    index = client.get(reverse("governance:index")).content.decode()
    assert reverse("governance:news-list") in index
    assert reverse("governance:body-list") not in index
