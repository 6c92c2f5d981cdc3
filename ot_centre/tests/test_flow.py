"""The consultation flow, its refusals (nothing stored) and its confidentiality."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import client_for
from ot_centre import services
from ot_centre.deadlines import HELSINKI
from ot_centre.identity import check_character
from ot_centre.models import CaseMessage, CloseOutSurvey, ConsultationRequest
from portal.errors import ConflictError
from portal.models import AccessLog, ChangeLog


@pytest.fixture(autouse=True)
def _english():
    """Messages asserted in the source language (English)."""
    from django.utils import translation

    with translation.override("en"):
        yield


VALID_CODE = f"131052A308{check_character('131052', '308')}"


def _counts():
    return (
        ConsultationRequest.objects.count(),
        CaseMessage.objects.count(),
        CloseOutSurvey.objects.count(),
        ChangeLog.objects.count(),
    )


@pytest.mark.django_db
def test_full_flow_without_change_log_and_mails_carry_only_a_link(
    submit, coordinator, assigned_expert, requester, django_capture_on_commit_callbacks
):
    coordinator.email = "coord@test.invalid"
    coordinator.save()
    before_changes = ChangeLog.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        case = submit()
    assert len(case.case_code) == 17 and case.case_code.startswith("OT-")
    assert case.status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        case = services.triage_request(case, actor=coordinator, note="Ohjataan neuropsykiatrian asiantuntijalle")
        case = services.assign_expert(case, actor=coordinator, expert=assigned_expert)
        services.post_message(case, actor=requester, body="Lisätieto: koulu on mukana.")
        case = services.answer_request(case, actor=assigned_expert.user, answer="Suosittelemme laajaa arviota.")
        case = services.close_request(
            case,
            actor=requester,
            survey={"usefulness": 5, "plan_changed": True, "referral_avoided": False, "identity_needed": False},
        )
    assert [case.status, case.survey.usefulness] == ["closed", 5]
    assert case.redaction_due - case.closed_at == dt.timedelta(days=90)
    assert ChangeLog.objects.count() == before_changes  # cases stay out of the change log
    assert len(mail.outbox) >= 4
    for message in mail.outbox:
        assert case.case_code in message.body and "/ot-centre/requests/" in message.body
        for text in ("neuropsykiatrisen", "koulu on mukana", "laajaa arviota", "Ohjataan"):
            assert text not in message.body and text not in message.subject


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, field, words",
    [
        ({"question": f"Asiakas {VALID_CODE} on 9-vuotias."}, "question", "personal identity code"),
        ({"question": "x" * 4001}, "question", "4001 characters long; at most 4000"),
        ({"county": "uusimaa"}, "county", "Unknown county 'uusimaa'"),
        ({"expertise_area": "cardiology"}, "expertise_area", "Unknown expertise area 'cardiology'"),
        ({"mode": "pseudonymous", "local_reference": VALID_CODE}, "local_reference", "personal identity code"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_stored(submit, overrides, field, words):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        submit(**overrides)
    assert any(words in m for m in exc.value.message_dict[field])
    assert _counts() == before


@pytest.mark.django_db
def test_an_invalid_identity_code_is_ordinary_text(submit):
    wrong = "131052-308U"  # the right check character is T
    case = submit(question=f"Viitteemme {wrong} ja 4000 merkkiä riittää.")
    assert wrong in case.question
    assert submit(question="y" * 4000).question == "y" * 4000


@pytest.mark.django_db
def test_expert_outside_their_areas_is_refused(submit, coordinator, other_expert):
    case = services.triage_request(submit(), actor=coordinator)
    with pytest.raises(ValidationError) as exc:
        services.assign_expert(case, actor=coordinator, expert=other_expert)
    assert "does not cover the expertise area" in exc.value.message_dict["expert"][0]
    case.refresh_from_db()
    assert (case.status, case.assigned_expert_id) == ("triaged", None)


@pytest.mark.django_db
def test_answering_a_closed_case_is_a_conflict_and_changes_nothing(assigned_case, coordinator, assigned_expert):
    case = services.close_request(assigned_case, actor=coordinator)
    with pytest.raises(ConflictError) as exc:
        services.answer_request(case, actor=assigned_expert.user, answer="Myöhäinen vastaus")
    assert "closed" in exc.value.message
    case.refresh_from_db()
    assert (case.answer, case.answered_at) == ("", None)
    api = client_for(assigned_expert.user).post(
        f"/api/ot-centre/requests/{case.case_code}/answer/", {"answer": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert api.status_code == 409 and "closed" in api.json()["detail"]


@pytest.mark.django_db
def test_only_the_assigned_expert_answers_and_only_the_coordinator_triages(
    assigned_case, requester, other_expert, coordinator
):
    with pytest.raises(PermissionDenied):
        services.answer_request(assigned_case, actor=requester, answer="itse")
    with pytest.raises(Exception) as exc:  # other expert: the case is not visible (404)
        services.answer_request(assigned_case, actor=other_expert.user, answer="minä")
    assert exc.type.__name__ == "Http404"
    assigned_case.refresh_from_db()
    assert assigned_case.answer == ""


@pytest.mark.django_db
def test_every_read_writes_the_access_log(assigned_case, requester, assigned_expert, coordinator):
    from django.test import Client

    from conftest import PASSWORD

    before = AccessLog.objects.count()
    client = Client()
    client.login(username=requester.username, password=PASSWORD)
    assert client.get(assigned_case.get_absolute_url()).status_code == 200
    assert (
        client_for(assigned_expert.user).get(f"/api/ot-centre/requests/{assigned_case.case_code}/").status_code == 200
    )
    assert client_for(coordinator).get("/api/ot-centre/requests/").json()["count"] == 1
    rows = list(AccessLog.objects.order_by("id")[before:].values_list("actor_repr", "object_repr", "purpose"))
    assert rows == [
        ("requester", assigned_case.case_code, "consultation request (page)"),
        ("neuro", assigned_case.case_code, "consultation request (API retrieve)"),
        ("coord", assigned_case.case_code, "consultation request (API list)"),
    ]


@pytest.mark.django_db
def test_api_create_and_refusals(requester, ot_reference):
    api = client_for(requester)
    url = "/api/ot-centre/requests/"
    payload = {
        "mode": "anonymous",
        "county": "pkhva",
        "age_band": "13-17",
        "expertise_area": "barnahus",
        "urgency": "urgent",
        "question": "Miten tukea nuorta?",
    }
    created = api.post(url, payload, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["county"] == "pkhva" and created.json()["status"] == "submitted"
    before = ConsultationRequest.objects.count()
    for change, field in (
        ({"question": f"hetu {VALID_CODE}"}, "question"),
        ({"county": "xx"}, "county"),
        ({"question": "z" * 4001}, "question"),
    ):
        bad = api.post(url, {**payload, **change}, format="json")
        assert bad.status_code == 400 and field in bad.json(), bad.content
    assert ConsultationRequest.objects.count() == before


@pytest.mark.django_db
def test_ui_refusal_shows_the_message_and_stores_nothing(requester):
    from django.test import Client
    from django.urls import reverse

    from conftest import PASSWORD

    client = Client()
    client.login(username=requester.username, password=PASSWORD)
    data = {
        "mode": "anonymous",
        "county": "kshva",
        "age_band": "3-6",
        "expertise_area": "rare-disorders",
        "urgency": "normal",
        "question": f"Lapsi {VALID_CODE}",
    }
    response = client.post(reverse("ot_centre:request-create"), data)
    assert response.status_code == 400
    assert "contains a Finnish personal identity code" in response.content.decode()  # /en/ page
    assert ConsultationRequest.objects.count() == 0
    data["question"] = "Harvinainen sairaus ja päiväkoti"
    ok = client.post(reverse("ot_centre:request-create"), data)
    assert ok.status_code == 302 and ConsultationRequest.objects.count() == 1
    assert dt.datetime.now(HELSINKI).year >= 2025
