from __future__ import annotations

import datetime as dt

import pytest

from governance import services
from governance.models import Body, Meeting, Membership
from portal.models import Organisation


@pytest.fixture
def steering_group(reference_data, staff_user) -> Body:
    return services.save_object(
        Body(
            code="ohjausryhma",
            name_fi="Ohjausryhmä",
            name_sv="Styrgrupp",
            kind="steering_group",
            task="Ohjaa valmistelua.",
            mandate="Aluehallituksen asettama.",
            valid_from=dt.date(2026, 1, 1),
            valid_to=dt.date(2027, 12, 31),
        ),
        actor=staff_user,
    )


@pytest.fixture
def members(steering_group, staff_user) -> list[Membership]:
    rows = [
        ("Puheenjohtaja Kuopio", "297", "chair"),
        ("Jäsen Iisalmi", "140", "member"),
        ("Jäsen Varkaus", "915", "member"),
    ]
    return [
        services.save_object(
            Membership(
                body=steering_group,
                person_name=name,
                organisation=Organisation.objects.get(code=code),
                role=role,
                term_start=dt.date(2026, 1, 1),
                term_end=dt.date(2027, 12, 31),
            ),
            actor=staff_user,
        )
        for name, code, role in rows
    ]


@pytest.fixture
def meeting(steering_group, staff_user) -> Meeting:
    return services.save_object(
        Meeting(body=steering_group, number="1/2026", date=dt.date(2026, 3, 10), location="Kuopio"), actor=staff_user
    )


def en(name: str, *args) -> str:
    """The English URL of a page, so that messages can be compared as written in the code."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture(autouse=True)
def _english_messages():
    """Service-level messages are compared as written in the code (requests choose their own language)."""
    from django.utils import translation

    with translation.override("en"):
        yield
