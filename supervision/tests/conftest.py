import pytest

from conftest import make_user
from portal import roles
from portal.models import Organisation
from supervision.models import SupervisorAssignment


@pytest.fixture
def organiser(reference_data):
    return Organisation.objects.get(code="pshva")


@pytest.fixture
def other_organiser(reference_data):
    return Organisation.objects.get(code="eshva")


@pytest.fixture
def assigned_supervisor(organiser):
    user = make_user("supervisor-pshva", roles.SUPERVISOR)
    SupervisorAssignment.objects.create(user=user, organiser=organiser)
    return user


@pytest.fixture
def other_supervisor(other_organiser):
    user = make_user("supervisor-eshva", roles.SUPERVISOR)
    SupervisorAssignment.objects.create(user=user, organiser=other_organiser)
    return user


def ui_client(user):
    """A Django test client signed in as the user (client_for is DRF-only: force_authenticate)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
