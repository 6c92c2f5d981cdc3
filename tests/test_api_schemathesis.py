"""Schemathesis over every operation of the API, in-process (WSGI), on the real test database.

One test per operation and persona: ``staff`` (the demo programme staff's full-scope API token: reads
and writes) for every operation, ``anonymous`` for the operations the schema declares public (their
``security`` lists ``{}``). Every check schemathesis has that applies to a single request runs:
server errors, status codes, content types, response headers and bodies against the schema, that
schema-valid input is accepted and schema-invalid input refused, missing required headers, methods
the schema does not list, and whether authentication is enforced. The stateful phase (links between
operations) is not part of a per-operation test.

The data is the demo content of every area (``tests/api_contract_data.py``), loaded once for the
module inside a transaction; each operation's examples run in a savepoint that is rolled back, so a
DELETE in one operation does not empty another's table. Requests go through Django's WSGI handler in
the same thread and database connection.

Bounded: ``API_FUZZ_EXAMPLES`` examples per operation (default below); ``API_FUZZ_PATHS`` (a regex)
narrows the operations.

NOT YET IN THE DEFAULT RUN: it runs only with ``API_FUZZ=1``. Collecting the 574 per-operation tests
took 546 s on the shared 2-core machine (schemathesis builds each operation's Hypothesis test at
collection), far over the 3-minute budget, and the contract still has known failures (see the
report of issue 11 point 8). Enable it in CI once both are solved.
"""

from __future__ import annotations

import os

import pytest

if os.environ.get("API_FUZZ") != "1":
    pytest.skip("schemathesis contract run: set API_FUZZ=1 (see the module docstring)", allow_module_level=True)

import schemathesis  # noqa: E402
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.api_contract_data import load_demo_content, openapi_schema

MAX_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "5"))

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20261,
        "generation": {
            "max-examples": MAX_EXAMPLES,
            "mode": "all",
            # Reproducible in CI: the same inputs each run, no example database under .hypothesis/.
            "database": "none",
            # Why off: we send a real token in a header on every request (the staff persona). With
            # security parameters generated as well, schemathesis adds a random `Cookie: sessionid=`
            # (the schema's cookieAuth) next to our valid token, takes the random cookie for the
            # credentials, and reports every 2xx as "API accepts invalid authentication": a false
            # positive of a global token header. Authentication is still tested: `ignored_auth`
            # drops our token and sends an invalid one on the operations that require it, and the
            # anonymous persona calls every public operation without credentials.
            "with-security-parameters": False,
        },
        "phases": {"examples": {"enabled": True}, "coverage": {"enabled": True}, "fuzzing": {"enabled": True}},
        "checks": {"enabled": True},
        # Mining the application's source for constants to try as inputs walks every module of the
        # project at collection; the schema's own examples and enums are enough here.
        "analysis": {"constants": {"enabled": False}},
    }
)

RAW_SCHEMA = openapi_schema()
schema = schemathesis.openapi.from_dict(RAW_SCHEMA, config=CONFIG)
if os.environ.get("API_FUZZ_PATHS"):
    schema = schema.include(path_regex=os.environ["API_FUZZ_PATHS"])
schema.app = get_wsgi_application()


def is_public(ctx) -> bool:
    """The operation lets anonymous visitors call it (``{}`` among its security requirements)."""
    return {} in (ctx.operation.definition.raw.get("security") or [])


public_schema = schema.include(is_public)


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content and the staff persona's token, once for the module, rolled back after it."""
    from django.contrib.auth import get_user_model

    from portal.identity.choices import TokenScope
    from portal.identity.services import issue_token

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_content(tmp_path_factory.mktemp("ledgers"))
        staff = get_user_model().objects.get(username="staff")
        _token, key = issue_token(user=staff, name="schemathesis", scope=TokenScope.FULL, actor=staff)
        yield {"staff": {"Authorization": f"Token {key}"}, "anonymous": {}}
        transaction.set_rollback(True)


@pytest.fixture
def in_process_requests():
    """Requests share the test's database connection: Django's WSGI handler must not close it at the
    end of a request (the test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


FUZZ_SETTINGS = hypothesis_settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@schema.parametrize()
@FUZZ_SETTINGS
@pytest.mark.django_db
def test_staff(case, demo_database, in_process_requests):
    case.call_and_validate(headers=demo_database["staff"])


@public_schema.parametrize()
@FUZZ_SETTINGS
@pytest.mark.django_db
def test_anonymous(case, demo_database, in_process_requests):
    case.call_and_validate()
