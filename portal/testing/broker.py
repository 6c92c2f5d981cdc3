"""Point the portal's Celery app at another broker in a test (an unreachable port, a broker the test
started itself) and back.

``app.close()`` is not the tool for this: it also deregisters the app, so that tasks imported after it
(``shared_task`` modules loaded lazily by a view) are registered with no app and raise
``NotRegistered``; and it leaves the AMQP producer pool, whose connections still go to the old broker,
in place. And Celery reads the ``CELERY_BROKER_URL`` environment variable before its own
configuration (``Settings.broker_url``), so in CI, where that variable is set, assigning
``app.conf.broker_url`` alone changed nothing: the job reached the real Redis and answered 202 where
the test expected 503. Both are set here.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from portal.celery import app


def drop_connections() -> None:
    """Forget the pooled broker connections so that the next send connects to ``broker_url``."""
    # Both pools belong to kombu's process-wide registry, keyed by connection (so by URL): forgetting
    # them is enough, and closing them would break the next send to the same URL ("Acquire on
    # closed pool").
    app.amqp._producer_pool = None
    app._pool = None


@contextlib.contextmanager
def broker(url: str, *, eager: bool = False) -> Iterator[None]:
    """Send tasks to ``url`` (not in-process unless ``eager``) inside the block."""
    previous = (app.conf.broker_url, app.conf.task_always_eager, os.environ.get("CELERY_BROKER_URL"))
    drop_connections()
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    app.conf.task_always_eager = eager
    try:
        yield
    finally:
        drop_connections()
        app.conf.broker_url, app.conf.task_always_eager, environment = previous
        if environment is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = environment
