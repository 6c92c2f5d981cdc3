"""The Celery application. Workers start with ``celery -A portal worker``."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _refuse_to_start_without_a_secret_key(**kwargs) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from portal.env import require_secret_key

    try:
        require_secret_key()
    except ImproperlyConfigured as exc:
        # Celery logs and ignores exceptions from signal handlers; SystemExit stops the process.
        raise SystemExit(str(exc)) from exc
