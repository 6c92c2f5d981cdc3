"""Single sign-on against a real OpenID provider (django-oauth-toolkit) started in its own process.

The portal runs in the test (Django's test client); it talks to the provider over HTTP on the
loopback interface for the token, userinfo and JWKS endpoints, exactly as in production. The
"browser" at the provider is a requests session. The provider's users and claims are in a JSON file
the tests edit; for chosen users it issues an expired, forged, wrongly addressed or foreign token.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from portal import roles
from portal.identity.models import AuthEvent, ClaimMapping, ExternalIdentity
from portal.models import Organisation

BASE_DIR = Path(__file__).resolve().parents[3]
REDIRECT_URI = "http://testserver/oidc/callback/"


class Provider:
    def __init__(self, base: str, claims_file: Path):
        self.base = base
        self.issuer = f"{base}/o"
        self.claims_file = claims_file

    def set_users(self, users: dict) -> None:
        self.claims_file.write_text(json.dumps(users), encoding="utf-8")

    def browser(self, username: str) -> requests.Session:
        session = requests.Session()
        response = session.post(f"{self.base}/login/", data={"username": username, "password": "pw"}, timeout=10)
        assert response.status_code in (200, 302), response.text
        return session


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("oidc-provider")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    port = _free_port()
    provider = Provider(f"http://127.0.0.1:{port}", tmp / "claims.json")
    provider.set_users({})
    env = {
        **os.environ,
        "OIDC_TEST_DB": str(tmp / "provider.sqlite3"),
        "OIDC_TEST_RSA_KEY": pem,
        "OIDC_TEST_ISSUER": provider.issuer,
        "OIDC_TEST_CLAIMS": str(provider.claims_file),
        "OIDC_TEST_REDIRECT_URI": REDIRECT_URI,
        "OIDC_TEST_POST_LOGOUT_URI": "http://testserver/",
        "PYTHONPATH": str(BASE_DIR),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "portal.identity.tests.oidc_provider.serve", str(port)],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read() if process.stdout else ""
                pytest.fail(f"the test OpenID provider did not start:\n{output[-3000:]}")
            time.sleep(0.3)
        yield provider
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def sso(oidc_provider, settings, reference_data):
    """The portal configured for the provider, as the environment would configure it."""
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_RP_CLIENT_SECRET = "portal-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{oidc_provider.issuer}/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{oidc_provider.issuer}/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{oidc_provider.issuer}/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{oidc_provider.issuer}/.well-known/jwks.json"
    settings.OIDC_OP_END_SESSION_ENDPOINT = f"{oidc_provider.issuer}/logout/"
    settings.OIDC_TIMEOUT = 10
    kuopio = Organisation.objects.get(code="297")
    ClaimMapping.objects.create(claim="groups", value="sote-valmistelu", role=roles.PROGRAMME_STAFF)
    ClaimMapping.objects.create(claim="groups", value="sote-paattajat", role=roles.DECISION_MAKER)
    ClaimMapping.objects.create(claim="groups", value="kuopio-tietovastaavat", steward_organisation=kuopio)
    ClaimMapping.objects.create(claim="groups", value="sote-admins", role=roles.ADMINISTRATOR)
    return oidc_provider


def sign_in(provider: Provider, username: str, client: Client | None = None):
    """The whole authorisation code flow; returns (portal client, final portal response, callback URL)."""
    client = client or Client()
    start = client.get("/oidc/authenticate/", {"next": "/fi/"})
    assert start.status_code == 302
    authorize = start["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(provider.issuer + "/authorize/")
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]  # PKCE
    assert query["nonce"][0] and query["state"][0]
    browser = provider.browser(username)
    at_provider = browser.get(authorize, allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text[:500]
    callback = at_provider.headers["Location"]
    assert callback.startswith(REDIRECT_URI), callback
    response = client.get(callback.removeprefix("http://testserver"))
    return client, response, callback, browser


def signed_in_user(client: Client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def groups(user) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


USER = {"sub": "sub-liisa-1", "preferred_username": "liisa", "email": "liisa@pshyvinvointialue.invalid"}


def test_login_creates_the_account_and_maps_claims_to_roles_and_steward_grants(sso):
    sso.set_users({"liisa": {**USER, "groups": ["sote-valmistelu", "kuopio-tietovastaavat", "muu-ryhma"]}})
    client, response, _cb, _b = sign_in(sso, "liisa")
    assert response.status_code == 302 and response["Location"] == "/fi/"
    user = signed_in_user(client)
    assert (user.username, user.email, user.has_usable_password()) == ("liisa", USER["email"], False)
    assert groups(user) == [roles.DATA_STEWARD, roles.PROGRAMME_STAFF]
    assert roles.stewarded_organisation_ids(user) == {Organisation.objects.get(code="297").pk}
    assert ExternalIdentity.objects.get(user=user).subject == "sub-liisa-1"
    assert AuthEvent.objects.get(kind="sso_login").user == user
    # SSO sessions are not asked for the portal's own second factor
    assert client.get("/fi/organisations/").status_code == 200


def test_a_changed_claim_changes_the_roles_at_the_next_login(sso):
    sso.set_users({"liisa": {**USER, "groups": ["sote-valmistelu", "kuopio-tietovastaavat"]}})
    client, _r, _cb, _b = sign_in(sso, "liisa")
    user = signed_in_user(client)
    sso.set_users({"liisa": {**USER, "groups": ["sote-paattajat"], "email": "liisa.uusi@pshyvinvointialue.invalid"}})
    client2, _r, _cb, _b = sign_in(sso, "liisa")
    user2 = signed_in_user(client2)
    assert user2.pk == user.pk  # the same account: found by the provider's subject
    assert groups(user2) == [roles.DECISION_MAKER]
    assert roles.stewarded_organisation_ids(get_user_model().objects.get(pk=user.pk)) == set()
    assert user2.email == "liisa.uusi@pshyvinvointialue.invalid"


def test_a_revoked_user_cannot_sign_in(sso):
    sso.set_users({"liisa": {**USER, "groups": ["sote-valmistelu"]}})
    client, _r, _cb, _b = sign_in(sso, "liisa")
    user = signed_in_user(client)
    user.is_active = False  # revoked in the portal
    user.save()
    client2, response, _cb, _b = sign_in(sso, "liisa")
    assert response.status_code == 302 and "sso=failed" in response["Location"]
    assert signed_in_user(client2) is None
    assert "deactivated" in AuthEvent.objects.filter(kind="sso_failed").latest("id").detail
    # revoked at the provider: the provider refuses, no code ever reaches the portal
    sso.set_users({"liisa": {**USER, "disabled": True}})
    refused = requests.post(f"{sso.base}/login/", data={"username": "liisa", "password": "pw"}, timeout=10)
    assert refused.status_code == 403


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("forged", "InvalidSignatureError"),
        ("wrong_audience", "InvalidAudienceError"),
        ("expired", "ExpiredSignatureError"),
        ("unknown_issuer", "InvalidIssuerError"),
    ],
)
def test_a_bad_id_token_is_refused(sso, mode, reason):
    sso.set_users({"liisa": {**USER, "groups": ["sote-valmistelu"], "mode": mode}})
    client, response, _cb, _b = sign_in(sso, "liisa")
    assert response.status_code == 302 and "sso=failed" in response["Location"]
    assert signed_in_user(client) is None
    assert not get_user_model().objects.filter(username="liisa").exists()
    event = AuthEvent.objects.get(kind="sso_failed")
    assert reason in event.detail


def test_a_replayed_state_is_refused(sso):
    sso.set_users({"liisa": {**USER, "groups": ["sote-valmistelu"]}})
    _client, _r, callback, _b = sign_in(sso, "liisa")
    attacker = Client()
    response = attacker.get(callback.removeprefix("http://testserver"))
    assert response.status_code == 302 and "sso=failed" in response["Location"]
    assert signed_in_user(attacker) is None
    # and in the same browser after the first use: the state is gone
    same = Client()
    start = same.get("/oidc/authenticate/")
    assert start.status_code == 302
    response = same.get(callback.removeprefix("http://testserver"))
    assert "sso=failed" in response["Location"] and signed_in_user(same) is None
    assert AuthEvent.objects.filter(kind="sso_failed").count() == 2


def test_a_mapping_to_a_role_that_does_not_exist(sso):
    bad = ClaimMapping(claim="groups", value="velhot", role="wizard")
    with pytest.raises(ValidationError) as exc:
        bad.full_clean()
    assert "role" in exc.value.message_dict
    ClaimMapping.objects.create(claim="groups", value="velhot", role="wizard")  # e.g. a role later removed
    sso.set_users({"liisa": {**USER, "groups": ["velhot", "sote-valmistelu"]}})
    client, response, _cb, _b = sign_in(sso, "liisa")
    user = signed_in_user(client)
    assert groups(user) == [roles.PROGRAMME_STAFF]
    assert not get_user_model().objects.filter(groups__name="wizard").exists()
    assert "unknown:wizard" in AuthEvent.objects.get(kind="sso_login").detail


def test_logout_ends_the_provider_session_too(sso):
    sso.set_users({"liisa": {**USER, "groups": ["sote-valmistelu"]}})
    client, _r, _cb, browser = sign_in(sso, "liisa")
    assert browser.get(f"{sso.base}/whoami/", timeout=10).text == "liisa"
    response = client.post("/fi/accounts/logout/")
    assert response.status_code == 302
    end_session = response["Location"]
    assert end_session.startswith(f"{sso.issuer}/logout/?id_token_hint=")
    assert signed_in_user(client) is None
    at_provider = browser.get(end_session, allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302 and at_provider.headers["Location"] == "http://testserver/"
    assert browser.get(f"{sso.base}/whoami/", timeout=10).text == "anonymous"


def test_sso_is_off_without_configuration(client, db):
    assert client.get("/oidc/authenticate/").status_code == 404


def test_an_administrator_edits_the_mapping_in_the_admin_and_the_next_login_applies_it(sso, admin_user):
    from portal.models import ChangeLog

    sso.set_users({"liisa": {**USER, "groups": ["sote-valmistelu", "sote-uudet"]}})
    client, _r, _cb, _b = sign_in(sso, "liisa")
    assert groups(signed_in_user(client)) == [roles.PROGRAMME_STAFF]
    admin = Client()
    admin.force_login(admin_user)
    form = admin.get("/fi/admin/identity/claimmapping/add/").content.decode()
    assert '<option value="decision_maker">Päättäjä</option>' in form  # roles by their labels
    refused = admin.post(
        "/fi/admin/identity/claimmapping/add/", {"claim": "groups", "value": "sote-uudet", "role": "wizard"}
    )
    assert refused.status_code == 200 and not ClaimMapping.objects.filter(value="sote-uudet").exists()
    added = admin.post(
        "/fi/admin/identity/claimmapping/add/",
        {"claim": "groups", "value": "sote-uudet", "role": roles.DECISION_MAKER, "active": "on"},
    )
    assert added.status_code == 302
    rule = ClaimMapping.objects.get(value="sote-valmistelu")
    changed = admin.post(
        f"/fi/admin/identity/claimmapping/{rule.pk}/change/",
        {"claim": "groups", "value": "sote-valmistelu", "role": roles.PROGRAMME_STAFF},  # active unticked
    )
    assert changed.status_code == 302
    assert ChangeLog.objects.filter(content_type__model="claimmapping", source="admin").count() == 2
    # the provider's claims did not change; the edited mapping applies at the next sign-in
    client2, _r, _cb, _b = sign_in(sso, "liisa")
    assert groups(signed_in_user(client2)) == [roles.DECISION_MAKER]
