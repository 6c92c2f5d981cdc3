"""A notification's e-mail delivered by a real Celery worker through the real broker (CI: PostgreSQL + Redis)."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.db import connection

from conftest import make_user
from portal.notifications.models import Notification
from portal.notifications.services import notify
from tests.test_worker import start_worker, worker_queue  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="needs CELERY_BROKER_URL (a real broker)"),
]


@pytest.mark.django_db(transaction=True)
def test_notification_email_is_sent_by_a_real_worker(worker_queue):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a shared database server")
    anna = make_user("anna-worker")
    (n,) = notify([anna], kind="contract_reminder", lines=["K-1 päättyy"])  # commits: queued on commit
    assert Notification.objects.get(pk=n.pk).email_status == "pending"  # no worker yet
    worker = start_worker(worker_queue)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            row = Notification.objects.get(pk=n.pk)
            if row.email_status != "pending":
                break
            time.sleep(0.3)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert (row.email_status, row.email_attempts) == ("sent", 1), output[-3000:]
    assert "portal.notifications.tasks.deliver_email[" in output
