"""Lock-out after repeated failures on the sign-in page, the admin sign-in and the token endpoint."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from conftest import PASSWORD
from portal.identity.models import AuthEvent

LOGIN = "/fi/accounts/login/"
WRONG = "wrong-password-123"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_the_eleventh_failed_login_within_the_window_is_refused_even_with_the_right_password(staff_user):
    client = Client()
    for _ in range(10):
        response = _login(client, "staff", WRONG)
        assert response.status_code == 200
        assert "Käyttäjätunnus tai salasana on väärin" in response.content.decode()
    response = _login(client, "staff", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Liian monta epäonnistunutta kirjautumisyritystä" in response.content.decode()
    kinds = list(AuthEvent.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == ["login_failed"] * 10 + ["locked_out"]


def test_failures_below_the_limit_then_success_resets_the_count(staff_user):
    client = Client()
    for _ in range(9):
        _login(client, "staff", WRONG)
    response = _login(client, "staff", PASSWORD)
    assert response.status_code == 302
    client.logout()
    for _ in range(9):
        _login(Client(), "staff", WRONG)
    assert _login(Client(), "staff", PASSWORD).status_code == 302
    assert AuthEvent.objects.filter(kind="login", user=staff_user).count() == 2


def test_messages_do_not_reveal_whether_an_account_exists(staff_user):
    known = _login(Client(), "staff", WRONG).content.decode()
    unknown = _login(Client(), "nobody-here", WRONG).content.decode()

    def error(html: str) -> str:
        start = html.index('<div class="form-errors"')
        return html[start : html.index("</div>", start)]

    assert error(known) == error(unknown)
    # the lock-out also applies to a user name that does not exist, with the same message
    for _ in range(10):
        _login(Client(), "nobody-here", WRONG)
        _login(Client(), "staff", WRONG)
    assert error(_login(Client(), "nobody-here", WRONG).content.decode()) == error(
        _login(Client(), "staff", WRONG).content.decode()
    )


def test_admin_login_and_token_endpoint_do_not_reveal_whether_an_account_exists(api_client, staff_user):
    def admin_error(username: str) -> str:
        html = Client().post("/fi/admin/login/", {"username": username, "password": WRONG}).content.decode()
        start = html.index('class="errornote"')
        return html[start : html.index("</p>", start)]

    assert admin_error("staff") == admin_error("nobody-here")
    known = api_client.post("/api/auth/token/", {"username": "staff", "password": WRONG}, format="json")
    unknown = api_client.post("/api/auth/token/", {"username": "nobody-here", "password": WRONG}, format="json")
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert known.json() == {"non_field_errors": ["Kirjautuminen annetuilla tunnuksilla ei onnistu."]}
    # an inactive account answers exactly as a wrong password does
    staff_user.is_active = False
    staff_user.save()
    inactive = api_client.post("/api/auth/token/", {"username": "staff", "password": PASSWORD}, format="json")
    assert (inactive.status_code, inactive.json()) == (known.status_code, known.json())
    # and the lock-out answers the same for a user name that does not exist
    for _ in range(9):
        api_client.post("/api/auth/token/", {"username": "nobody-here", "password": WRONG}, format="json")
        api_client.post("/api/auth/token/", {"username": "staff", "password": WRONG}, format="json")
    a = api_client.post("/api/auth/token/", {"username": "nobody-here", "password": WRONG}, format="json")
    b = api_client.post("/api/auth/token/", {"username": "staff", "password": PASSWORD}, format="json")
    locked = (429, {"detail": "Liian monta epäonnistunutta kirjautumisyritystä. Yritä myöhemmin uudelleen."})
    assert (a.status_code, a.json()) == (b.status_code, b.json()) == locked


def test_admin_login_is_locked_out_through_the_same_counter(admin_user):
    client = Client()
    for _ in range(10):
        client.post("/fi/admin/login/", {"username": "admin", "password": WRONG})
    response = client.post("/fi/admin/login/", {"username": "admin", "password": PASSWORD, "next": "/fi/admin/"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuthEvent.objects.filter(kind="locked_out", username="admin", source="admin").count() == 1


def test_token_endpoint_is_locked_out_after_ten_failures(api_client, staff_user):
    for _ in range(10):
        bad = api_client.post("/api/auth/token/", {"username": "staff", "password": WRONG}, format="json")
        assert bad.status_code == 400
    refused = api_client.post("/api/auth/token/", {"username": "staff", "password": PASSWORD}, format="json")
    assert refused.status_code == 429
    assert "token" not in refused.json()
    assert AuthEvent.objects.filter(kind="login_failed", source="api").count() == 10


def test_the_counter_is_shared_by_the_three_entry_points(api_client, staff_user):
    for _ in range(4):
        _login(Client(), "staff", WRONG)
    for _ in range(3):
        Client().post("/fi/admin/login/", {"username": "staff", "password": WRONG})
    for _ in range(3):
        api_client.post("/api/auth/token/", {"username": "STAFF", "password": WRONG}, format="json")
    assert _login(Client(), "staff", PASSWORD).status_code == 200  # the 11th: refused


def test_the_window_expires(staff_user, settings):
    from portal.identity import throttle

    for _ in range(10):
        _login(Client(), "staff", WRONG)
    assert throttle.is_locked("staff", "127.0.0.1")
    cache.clear()  # what the window's expiry does to the counters
    assert _login(Client(), "staff", PASSWORD).status_code == 302


def test_the_ip_address_has_its_own_limit(staff_user, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 5
    for n in range(5):
        _login(Client(), f"guess-{n}", WRONG)
    # another user name from the same address is now refused too
    client = Client()
    assert _login(client, "staff", PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuthEvent.objects.filter(kind="locked_out", username="staff").count() == 1


@pytest.fixture
def redis_cache(settings):
    """The shared cache of production: CACHE_URL's Redis when set, else a redis-server of our own on a
    free loopback port (CI has one on the machine), so the cross-process test runs everywhere it can."""
    import os
    import shutil
    import socket
    import subprocess
    import time

    url = os.environ.get("CACHE_URL")
    process = None
    if not url:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("needs a Redis CACHE_URL or redis-server on the PATH")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    process.terminate()
                    pytest.fail("redis-server did not start")
                time.sleep(0.1)
        url = f"redis://127.0.0.1:{port}/0"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    cache.clear()
    try:
        yield url
    finally:
        cache.clear()
        if process is not None:
            process.terminate()
            process.wait(timeout=10)


def test_counter_is_shared_across_processes_through_redis(redis_cache, api_client, staff_user):
    """Another process (a second web worker) fails ten times; this process then refuses the right
    password on the sign-in page, the admin sign-in and the token endpoint."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    code = (
        "import django;django.setup();"
        "from django.conf import settings;"
        "assert settings.CACHES['default']['BACKEND'].endswith('RedisCache');"
        "from portal.identity import throttle;"
        "[throttle.register_failure('staff','10.0.0.9') for _ in range(10)]"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.test_settings", "CACHE_URL": redis_cache},
        check=True,
        cwd=str(Path(__file__).resolve().parents[3]),
        timeout=120,
    )
    client = Client()
    assert _login(client, "staff", PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session
    admin = Client()
    admin.post("/fi/admin/login/", {"username": "staff", "password": PASSWORD, "next": "/fi/admin/"})
    assert "_auth_user_id" not in admin.session
    assert api_client.post("/api/auth/token/", {"username": "staff", "password": PASSWORD}).status_code == 429
    assert list(AuthEvent.objects.filter(username="staff").values_list("kind", "source").order_by("id")) == [
        ("locked_out", "ui"),
        ("locked_out", "admin"),
        ("locked_out", "api"),
    ]
