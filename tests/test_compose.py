"""docker-compose.yml parses, names the stack's services, and uses the settings' variable names."""

import re
from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parent.parent


def test_compose_file_names_the_services_with_healthchecks_and_volumes():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name, service in services.items():
        assert "healthcheck" in service, name
    assert {"pgdata", "redisdata", "media"} <= set(compose["volumes"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "portal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "portal", "beat"]
    assert "gunicorn portal.wsgi:application" in " ".join(services["web"]["command"])


def test_compose_environment_uses_the_variables_the_settings_read():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    settings_text = (BASE_DIR / "portal" / "settings.py").read_text()
    read_by_settings = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings_text))
    env = compose["services"]["web"]["environment"]
    assert {"DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS", "MEDIA_ROOT"} <= set(env)
    unknown = set(env) - read_by_settings
    assert unknown == set(), f"compose sets variables the settings never read: {unknown}"
    for service in ("worker", "beat"):
        assert compose["services"][service]["environment"] == env


def test_every_scheduled_task_exists():
    from django.conf import settings

    from portal.celery import app

    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"beat entry {name} names an unknown task {entry['task']}"
