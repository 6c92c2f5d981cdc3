"""TOTP two-factor for administrators with local accounts."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from portal.identity.models import AuthEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _otp_on(settings):
    settings.PORTAL_ADMIN_OTP_REQUIRED = True
    cache.clear()


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(username: str) -> Client:
    client = Client()
    response = client.post("/fi/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_administrator_without_a_device_must_set_one_up_before_any_page(admin_user):
    client = sign_in("admin")
    response = client.get("/fi/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/two-factor/setup/?next=")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    wrong = client.post("/fi/accounts/two-factor/setup/", {"token": "000000", "next": "/fi/admin/"})
    assert wrong.status_code == 200
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is False
    time.sleep(1.1)  # django-otp throttles: one second after the first failure
    done = client.post("/fi/accounts/two-factor/setup/", {"token": code(device), "next": "/fi/admin/"})
    assert done.status_code == 302 and done["Location"] == "/fi/admin/"
    assert client.get("/fi/admin/").status_code == 200
    assert list(AuthEvent.objects.filter(user=admin_user).values_list("kind", flat=True).order_by("id")) == [
        "login",
        "otp_failed",
        "otp_verified",
    ]


def test_administrator_with_a_device_is_asked_for_the_code_at_every_sign_in(admin_user):
    device = TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    client = sign_in("admin")
    response = client.get("/fi/organisations/")
    assert response["Location"] == "/fi/accounts/two-factor/?next=%2Ffi%2Forganisations%2F"
    assert client.get("/api/portal/jobs/").status_code == 403  # the session API too
    bad = client.post("/fi/accounts/two-factor/", {"token": "123456", "next": "/fi/organisations/"})
    assert bad.status_code == 200 and client.get("/fi/organisations/").status_code == 302
    time.sleep(1.1)  # django-otp throttles: one second after the first failure
    ok = client.post("/fi/accounts/two-factor/", {"token": code(device), "next": "/fi/organisations/"})
    assert ok["Location"] == "/fi/organisations/"
    assert client.get("/fi/organisations/").status_code == 200
    assert client.get("/api/portal/jobs/").status_code == 200


def test_admin_site_login_also_needs_the_second_factor(admin_user):
    TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    client = Client()
    response = client.post("/fi/admin/login/", {"username": "admin", "password": PASSWORD, "next": "/fi/admin/"})
    assert response.status_code == 302
    assert client.get("/fi/admin/")["Location"].startswith("/fi/accounts/two-factor/")


def test_other_roles_are_not_asked(staff_user):
    client = sign_in("staff")
    assert client.get("/fi/organisations/").status_code == 200
