"""The OT-centre demo data (issue 13, point 8): 12 experts in 5 organisations, 40 requests over the
four counties in all states, one pilot, and each demo role sees something real. Transactional, as
``make demo`` runs it (after ``seed_demo``)."""

import pytest
from django.contrib.auth import get_user_model

from conftest import client_for
from ot_centre.choices import RequestStatus
from ot_centre.demo import COUNTIES, seed_ot_centre_demo
from ot_centre.models import ConsultationRequest, Expert, Pilot
from portal.demo import seed_demo


def _user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.mark.django_db(transaction=True)
def test_demo_data_holds_the_issues_figures_and_every_role_sees_something():
    seed_demo()
    seed_ot_centre_demo()
    assert Expert.objects.count() == 12
    assert Expert.objects.values("organisation").distinct().count() == 5
    cases = ConsultationRequest.objects.all()
    assert cases.count() == 40
    assert set(cases.values_list("county__code", flat=True)) == set(COUNTIES)
    assert set(cases.values_list("status", flat=True)) == set(RequestStatus.values)
    assert Pilot.objects.count() == 1

    def requests(username: str) -> int:
        return client_for(_user(username)).get("/api/ot-centre/requests/").json()["count"]

    assert requests("ot-coordinator") == 40
    assert requests("professional") > 0
    assert requests("expert") > 0 and requests("expert2") > 0
    professional = _user("professional")
    assert set(cases.filter(requester=professional).values_list("county__code", flat=True)) == {"kshva"}
    for username in ("staff", "decision"):
        # Aggregates only: no case, but a regional picture and the anonymity answer with data.
        assert requests(username) == 0
        picture = client_for(_user(username)).get("/api/ot-centre/statistics/regional-picture/").json()
        assert {row["county"] for row in picture} == set(COUNTIES)
        anonymity = client_for(_user(username)).get("/api/ot-centre/statistics/anonymity/").json()
        assert anonymity["surveys"] == 20 and anonymity["share_answered_without_identity"] is not None

    before = (Expert.objects.count(), ConsultationRequest.objects.count(), Pilot.objects.count())
    seed_ot_centre_demo()
    assert before == (Expert.objects.count(), ConsultationRequest.objects.count(), Pilot.objects.count())
