"""Production settings: check --deploy is clean, and bad configuration fails loudly."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "DEBUG": "0",
    "SECRET_KEY": "x9!k2-production-like-secret-key-with-enough-entropy-and-length-7f3a9c1e",
    "ALLOWED_HOSTS": "sote.example.fi",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_missing_secret_key_fails_loudly_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    # The web server's application, the deploy check and a Celery worker refuse to start ...
    wsgi = subprocess.run(
        [sys.executable, "-c", "import portal.wsgi"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert wsgi.returncode != 0 and "SECRET_KEY must be set when DEBUG is off." in wsgi.stderr
    deploy = run_manage("check", "--deploy", env=env)
    assert deploy.returncode != 0 and "SECRET_KEY must be set when DEBUG is off." in deploy.stderr
    worker = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo"],
        cwd=BASE_DIR,
        env={**env, "CELERY_BROKER_URL": "redis://127.0.0.1:1/0"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode != 0 and "SECRET_KEY must be set when DEBUG is off." in worker.stdout + worker.stderr
    # ... while developer commands that need no secret still run.
    migrations = run_manage("makemigrations", "--check", "--dry-run", env=env)
    assert migrations.returncode == 0, migrations.stderr


def test_unparsable_values_fail_loudly():
    result = run_manage("check", env={**PRODUCTION_ENV, "DEBUG": "maybe"})
    assert result.returncode != 0 and "DEBUG='maybe' is not a boolean" in result.stderr
    result = run_manage("check", env={**PRODUCTION_ENV, "EMAIL_PORT": "twenty-five"})
    assert result.returncode != 0 and "EMAIL_PORT='twenty-five' is not an integer" in result.stderr


def test_seed_demo_is_refused_when_debug_is_off():
    result = run_manage("seed_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "runs only with DEBUG=1" in result.stderr


def test_cache_url_must_be_redis():
    result = run_manage("check", env={**PRODUCTION_ENV, "CACHE_URL": "memcached://x"})
    assert result.returncode != 0 and "CACHE_URL must be a redis:// URL" in result.stderr


def test_redis_cache_is_shared_across_processes():
    """With CACHE_URL set, a value written by one process is read by another (what rate limits need)."""
    import uuid

    redis_url = os.environ.get("CELERY_BROKER_URL")
    if not redis_url:
        import pytest

        pytest.skip("needs a Redis server (CELERY_BROKER_URL)")
    env = {**PRODUCTION_ENV, "CACHE_URL": redis_url.rsplit("/", 1)[0] + "/1"}
    key = f"portal-test-{uuid.uuid4().hex}"
    write = f"from django.core.cache import cache; cache.set('{key}', 41, 60)"
    read = f"from django.core.cache import cache; print(cache.get('{key}') + 1); cache.delete('{key}')"
    assert run_manage("shell", "-c", write, env=env).returncode == 0
    result = run_manage("shell", "-c", read, env=env)
    assert result.stdout.strip().splitlines()[-1] == "42", result.stderr
