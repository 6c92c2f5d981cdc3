"""Fixtures of the OT-centre tests: reference data, the network and the case personas."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import make_user
from ot_centre import reference, services
from ot_centre.deadlines import HELSINKI
from ot_centre.models import Expert, ExpertiseArea
from portal import roles
from portal.models import Organisation

QUESTION = "Lapsen neuropsykiatrinen arvio: mitä tutkimuksia suosittelette ennen sijoitusta?"


@pytest.fixture
def ot_reference(reference_data):
    reference.load_all()


@pytest.fixture
def coordinator(ot_reference):
    return make_user("coord", roles.OT_COORDINATOR)


@pytest.fixture
def requester(ot_reference):
    return make_user("requester", roles.PROFESSIONAL)


def _expert(username: str, org: str, *areas: str) -> Expert:
    user = make_user(username, roles.EXPERT)
    expert = Expert.objects.create(
        user=user, organisation=Organisation.objects.get(code=org), title="Psykologi", valid_from=dt.date(2020, 1, 1)
    )
    expert.expertise_areas.set(ExpertiseArea.objects.filter(code__in=areas))
    return expert


@pytest.fixture
def assigned_expert(ot_reference):
    return _expert("neuro", "kys-lnok", "neuropsychiatric")


@pytest.fixture
def other_expert(ot_reference):
    return _expert("divorce", "pshva", "difficult-divorces")


@pytest.fixture
def submit(requester):
    def _submit(**overrides):
        data = {
            "actor": requester,
            "mode": "anonymous",
            "county": "kshva",
            "age_band": "7-12",
            "expertise_area": "neuropsychiatric",
            "urgency": "normal",
            "question": QUESTION,
            "now": dt.datetime(2025, 3, 7, 10, 0, tzinfo=HELSINKI),
        }
        data.update(overrides)
        return services.submit_request(**data)

    return _submit


@pytest.fixture
def assigned_case(submit, coordinator, assigned_expert):
    case = submit()
    case = services.triage_request(case, actor=coordinator)
    return services.assign_expert(case, actor=coordinator, expert=assigned_expert)
