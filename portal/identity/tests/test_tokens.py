"""Scoped, expiring, hashed API tokens: 401 for revoked/expired, 403 for a read-only token writing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import PASSWORD
from portal.identity import services
from portal.identity.models import ApiToken, AuthEvent
from portal.models import Measure

pytestmark = pytest.mark.django_db


def api(key: str) -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Token {key}")


def test_a_token_is_stored_hashed_and_shown_once(staff_user):
    token, key = services.issue_token(user=staff_user, name="Tableau", actor=staff_user)
    row = ApiToken.objects.get(pk=token.pk)
    assert key not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert row.key_hash == services.hash_key(key) and len(row.key_hash) == 64
    assert row.prefix == key[:8]
    assert (row.scope, round((row.expires_at - row.created_at).total_seconds() / 86400)) == ("read_indicators", 90)


def test_read_only_token_reads_indicator_data_and_organisations_but_nothing_else(staff_user):
    _token, key = services.issue_token(user=staff_user, name="Tableau", actor=staff_user)
    assert api(key).get("/api/knowledge/data/").status_code == 200
    assert api(key).get("/api/portal/organisations/", {"limit": 1}).status_code == 200
    response = api(key).get("/api/portal/jobs/")
    assert response.status_code == 403


def test_read_only_token_writing_is_403_and_changes_nothing(staff_user):
    _token, key = services.issue_token(user=staff_user, name="Tableau", actor=staff_user)
    response = api(key).patch("/api/portal/measures/3.4/", {"status": "at_risk", "version": 1}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Tällä tunnisteella voi vain lukea indikaattoritietoja."
    assert Measure.objects.get(number="3.4").status == "not_started"


def test_full_token_has_the_persons_rights_and_records_last_use(staff_user):
    token, key = services.issue_token(user=staff_user, name="script", scope="full", actor=staff_user)
    assert token.last_used_at is None
    response = api(key).patch("/api/portal/measures/3.4/", {"status": "at_risk", "version": 1}, format="json")
    assert response.status_code == 200
    assert Measure.objects.get(number="3.4").status == "at_risk"
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_revoked_token_is_401(staff_user):
    token, key = services.issue_token(user=staff_user, name="script", scope="full", actor=staff_user)
    services.revoke_token(token, actor=staff_user)
    response = api(key).get("/api/portal/jobs/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    write = api(key).patch("/api/portal/measures/3.4/", {"status": "at_risk", "version": 1}, format="json")
    assert write.status_code == 401
    assert Measure.objects.get(number="3.4").status == "not_started"
    assert AuthEvent.objects.filter(kind="token_rejected", user=staff_user, detail="revoked").count() == 2


def test_expired_token_is_401(staff_user):
    token, key = services.issue_token(user=staff_user, name="script", scope="full", days=1, actor=staff_user)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert api(key).get("/api/knowledge/data/").status_code == 401


def test_unknown_token_and_token_of_a_deactivated_person_are_401(staff_user):
    assert api("not-a-real-key").get("/api/knowledge/data/").status_code == 401
    _token, key = services.issue_token(user=staff_user, name="script", actor=staff_user)
    staff_user.is_active = False
    staff_user.save()
    assert api(key).get("/api/knowledge/data/").status_code == 401


def test_token_endpoint_still_issues_a_working_token_for_the_demo(api_client, staff_user):
    response = api_client.post("/api/auth/token/", {"username": "staff", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    key = response.json()["token"]
    row = ApiToken.objects.get(key_hash=services.hash_key(key))
    assert (row.user, row.scope, row.name) == (staff_user, "full", "Tunnistepalvelu")
    assert api(key).get("/api/portal/jobs/").status_code == 200


def test_a_person_cannot_revoke_another_persons_token_but_an_administrator_can(staff_user, steward_a, admin_user):
    token, _key = services.issue_token(user=staff_user, name="script", actor=staff_user)
    with pytest.raises(PermissionError):
        services.revoke_token(token, actor=steward_a)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    ui = Client()
    ui.force_login(steward_a)
    assert ui.post(f"/fi/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    services.revoke_token(token, actor=admin_user)
    assert ApiToken.objects.get(pk=token.pk).revoked_by == admin_user


def test_bad_expiry_and_empty_name_are_refused(staff_user):
    with pytest.raises(services.TokenError, match="1 to 365 days"):
        services.issue_token(user=staff_user, name="x", days=400, actor=staff_user)
    with pytest.raises(services.TokenError, match="needs a name"):
        services.issue_token(user=staff_user, name="  ", actor=staff_user)
    assert ApiToken.objects.count() == 0


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_token_page_creates_shows_the_key_once_and_revokes(staff_user, lang):
    ui = Client()
    ui.force_login(staff_user)
    url = f"/{lang}/accounts/tokens/"
    response = ui.post(url, {"name": "Tableau", "scope": "read_indicators", "days": "30"})
    assert response.status_code == 200
    key = response.context["new_key"]
    token = ApiToken.objects.get()
    assert token.key_hash == services.hash_key(key)
    assert key in response.content.decode()
    again = ui.get(url).content.decode()
    assert key not in again and "Tableau" in again
    assert ui.post(f"/{lang}/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert ApiToken.objects.get().revoked_at is not None


def test_token_page_shows_expiry_and_last_use(staff_user):
    token, key = services.issue_token(user=staff_user, name="Tableau", days=30, actor=staff_user)
    ui = Client()
    ui.force_login(staff_user)
    before = ui.get("/fi/accounts/tokens/").content.decode()
    assert "ei koskaan" in before
    assert api(key).get("/api/knowledge/data/").status_code == 200
    token.refresh_from_db()
    after = ui.get("/fi/accounts/tokens/").content.decode()
    assert "ei koskaan" not in after
    from django.utils import formats

    assert formats.date_format(timezone.localtime(token.last_used_at), "SHORT_DATETIME_FORMAT") in after
    assert formats.date_format(timezone.localtime(token.expires_at), "SHORT_DATETIME_FORMAT") in after


def test_admin_lists_and_revokes_all_tokens(staff_user, steward_a, admin_user):
    t1, _ = services.issue_token(user=staff_user, name="a", actor=staff_user)
    t2, _ = services.issue_token(user=steward_a, name="b", actor=steward_a)
    ui = Client()
    ui.force_login(admin_user)
    listing = ui.get("/fi/admin/identity/apitoken/")
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 2
    response = ui.post(
        "/fi/admin/identity/apitoken/", {"action": "revoke", "_selected_action": [t1.pk, t2.pk]}, follow=True
    )
    assert response.status_code == 200
    assert ApiToken.objects.filter(revoked_at__isnull=False).count() == 2
