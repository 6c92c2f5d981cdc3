import datetime as dt

import pytest

from archiving.reference import load_archiving_reference
from conftest import make_user
from portal import roles
from portal.models import InformationSystem, Organisation


@pytest.fixture
def rules(reference_data):
    load_archiving_reference()


def make_system(code: str, owner: str, *, licence: int = 0, maintenance: int = 0, lifecycle: str = "read_only", **kw):
    return InformationSystem.objects.create(
        code=code,
        name=kw.pop("name", code.title()),
        owner=Organisation.objects.get(code=owner),
        sector=kw.pop("sector", "health"),
        lifecycle=lifecycle,
        annual_licence_cents=licence,
        annual_maintenance_cents=maintenance,
        **kw,
    )


@pytest.fixture
def system_a(rules):
    """A Kuopio (org A) system."""
    return make_system(
        "kuopio-old", "297", licence=6_000_000, maintenance=4_000_000, replacement_planned_on=dt.date(2025, 6, 30)
    )


@pytest.fixture
def system_b(rules):
    """An Iisalmi (org B) system."""
    return make_system("iisalmi-old", "140", licence=6_000_000, maintenance=4_000_000)


@pytest.fixture
def archivist(reference_data):
    return make_user("archivist-t", roles.ARCHIVIST)


@pytest.fixture
def professional(reference_data):
    return make_user("professional-t", roles.PROFESSIONAL)


@pytest.fixture
def professional2(reference_data):
    return make_user("professional-2", roles.PROFESSIONAL)


@pytest.fixture(autouse=True)
def english_messages():
    """Service and job messages are asserted in English (the source language); pages under /fi/ stay Finnish."""
    from django.utils import translation

    with translation.override("en"):
        yield
