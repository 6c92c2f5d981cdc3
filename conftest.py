"""Shared fixtures: personas, reference data, eager Celery by default.

Personas (DESIGN.md convention 8): steward of org A (Kuopio 297), steward of org B (Iisalmi 140),
programme staff, decision-maker, expert, supervisor, administrator, anonymous.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from rest_framework.test import APIClient

from portal import roles, services
from portal.celery import app as celery_app
from portal.models import Organisation
from portal.reference_data import load_reference_data

pytest_plugins = ["portal.testing.plugin"]

PASSWORD = "persona-password-123"  # noqa: S105 - test personas


@pytest.fixture(autouse=True)
def _eager_celery(request):
    """Tasks run in-process unless a test is marked ``worker`` (then a real worker runs them)."""
    eager = "worker" not in request.keywords
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (fi). A request activates its URL's language for the
    thread and nothing turns it back, so a test after one that opened /en/ pages reversed /en/ URLs
    and read "1234,50" as an English number (12 345 000 cents instead of 123 450)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache. The data versions (portal/datacache.py) and what is
    kept under them (pages, the data API's stamps) outlive a test in the process's cache, and a
    transactional test's flush changes the data without a committed write that would give them new
    versions; so would the sign-in failure counters."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def reference_data(db):
    load_reference_data()
    roles.ensure_groups()


def make_user(username: str, *role_names: str, steward_of: tuple[str, ...] = (), superuser: bool = False):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, email=f"{username}@test.invalid")
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    for name in role_names:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    for code in steward_of:
        services.grant_steward(user, Organisation.objects.get(code=code))
    return user


@pytest.fixture
def steward_a(reference_data):
    return make_user("steward-a", roles.DATA_STEWARD, steward_of=("297",))


@pytest.fixture
def steward_b(reference_data):
    return make_user("steward-b", roles.DATA_STEWARD, steward_of=("140",))


@pytest.fixture
def staff_user(reference_data):
    return make_user("staff", roles.PROGRAMME_STAFF)


@pytest.fixture
def decision_maker(reference_data):
    return make_user("decision", roles.DECISION_MAKER)


@pytest.fixture
def expert(reference_data):
    return make_user("expert", roles.EXPERT)


@pytest.fixture
def supervisor(reference_data):
    return make_user("supervisor", roles.SUPERVISOR)


@pytest.fixture
def admin_user(reference_data):
    return make_user("admin", roles.ADMINISTRATOR, superuser=True)


@pytest.fixture
def api_client():
    return APIClient()


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=user)
    return client


def seed_all_demo_content(tmp_path) -> None:
    """What ``make demo`` loads: the accounts (one per role), the reference data and every area's
    demo content (the browser suite's ``demo_data`` and the people's-words crawl use it)."""
    from archiving.demo import seed_archiving_demo
    from digital_services.demo import seed_digital_services_demo
    from governance.demo import seed_governance_demo
    from integration import demo_measures
    from integration.demo import run_demo
    from knowledge_mgmt.demo import load_demo, load_package_indicators
    from ot_centre.demo import seed_ot_centre_demo
    from portal.demo import seed_demo
    from supervision.demo import seed_supervision_demo
    from supervision.reference import load_all as load_supervision_reference

    seed_demo()
    # Transactional tests flush the tables between tests, which removes what data migrations loaded.
    load_supervision_reference()
    seed_governance_demo()
    seed_supervision_demo()
    run_demo(tmp_path, rows=300)
    load_demo()
    load_package_indicators()
    seed_ot_centre_demo()
    seed_archiving_demo()
    seed_digital_services_demo()
    demo_measures.seed()
