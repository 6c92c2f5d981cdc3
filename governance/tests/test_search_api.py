import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import client_for
from governance import services
from governance.demo import seed_governance_demo
from governance.models import Body, Decision, LegacyDocument, Meeting, Membership, NewsItem
from governance.tests.conftest import en


@pytest.fixture
def searchable(staff_user, meeting):
    services.record_decision(
        body=meeting.body,
        meeting=meeting,
        number="2026/4",
        date=meeting.date,
        text="Palveluverkko vahvistetaan kolminapaiseksi.",
        actor=staff_user,
    )
    services.save_object(
        LegacyDocument(title="Palveluverkkoselvitys 2017", origin="Maakuntavalmistelu", topic="Palveluverkko"),
        actor=staff_user,
    )
    services.save_object(
        NewsItem(
            slug="verkko",
            title="Palveluverkko etenee",
            body="Uutinen",
            published_at=timezone.make_aware(dt.datetime(2026, 10, 1, 8)),
        ),
        actor=staff_user,
    )


@pytest.mark.django_db
def test_search_finds_decisions_documents_news_bodies_and_measures(client, decision_maker, searchable):
    client.force_login(decision_maker)
    response = client.get(en("governance:search"), {"q": "palveluverkko"})
    results = response.context["results"]
    assert [d.number for d in results["decision"]] == ["2026/4"]
    assert [d.title for d in results["document"]] == ["Palveluverkkoselvitys 2017"]
    assert [n.slug for n in results["news"]] == ["verkko"]
    response = client.get(en("governance:search"), {"q": "ohjausryhmä"})
    assert [b.code for b in response.context["results"]["body"]] == ["ohjausryhma"]
    response = client.get(en("governance:search"), {"q": "2.3"})
    assert "2.3" in [m.number for m in response.context["results"]["measure"]]
    hits = client_for(decision_maker).get("/api/governance/search/", {"q": "palveluverkko"}).json()
    assert sorted(h["kind"] for h in hits) == ["decision", "document", "measure", "news"]
    assert [h["id"] for h in hits if h["kind"] == "measure"] == ["1.2"]  # its deliverables name the network


@pytest.mark.django_db
def test_search_needs_sign_in(client, api_client, searchable):
    assert client.get(en("governance:search"), {"q": "palveluverkko"}).status_code == 302
    assert api_client.get("/api/governance/search/", {"q": "palveluverkko"}).status_code == 403


API_LISTS = [
    "bodies",
    "memberships",
    "meetings",
    "agenda-items",
    "attachments",
    "decisions",
    "baselines",
    "milestones",
    "progress-reports",
    "communications",
    "news",
    "events",
    "legacy-documents",
    "service-entities",
    "trainings",
    "training-participations",
    "principles",
    "study-status",
    "status-reports",
]


@pytest.mark.django_db
def test_api_lists_stay_within_query_budget(staff_user, decision_maker, django_assert_max_num_queries):
    seed_governance_demo()
    api = client_for(decision_maker)
    expected = {"bodies": 3, "memberships": 9, "meetings": 2, "decisions": 3, "news": 2, "milestones": 5}
    for name in API_LISTS:
        with django_assert_max_num_queries(8):
            response = api.get(f"/api/governance/{name}/")
        assert response.status_code == 200, name
        if name in expected:
            assert response.json()["count"] == expected[name], name
    assert api.get("/api/governance/decisions/?measure=1.1").json()["count"] == 2
    assert api.get("/api/governance/memberships/?organisation=297&role=chair").json()["count"] == 3
    assert api.get("/api/governance/bodies/?kind=working_group").json()["count"] == 1


@pytest.mark.django_db
def test_list_pages_stay_within_query_budget(client, decision_maker, django_assert_max_num_queries):
    seed_governance_demo()
    client.force_login(decision_maker)
    for name in [
        "body-list",
        "meeting-list",
        "decision-list",
        "milestone-list",
        "baseline-list",
        "communication-list",
        "event-list",
        "legacy-list",
        "representation",
        "service-matrix",
        "leadership",
        "report-list",
        "news-list",
    ]:
        with django_assert_max_num_queries(14):
            response = client.get(en(f"governance:{name}"))
        assert response.status_code == 200, name


@pytest.mark.django_db
def test_demo_is_deterministic_and_idempotent(reference_data, settings):
    settings.DEBUG = True
    call_command("seed_governance_demo")
    counts = (Body.objects.count(), Membership.objects.count(), Meeting.objects.count(), Decision.objects.count())
    call_command("seed_governance_demo")
    assert (
        Body.objects.count(),
        Membership.objects.count(),
        Meeting.objects.count(),
        Decision.objects.count(),
    ) == counts
    assert counts == (3, 9, 2, 3)
    steering = Body.objects.get(code="demo-ohjausryhma")
    assert sorted(set(steering.memberships.values_list("organisation__code", flat=True))) == [
        "140",
        "297",
        "749",
        "778",
        "915",
    ]
    assert Decision.objects.get(number="2026/3").corrects.number == "2026/1"
    assert Meeting.objects.get(number="1/2026").minutes_status == "approved"
    assert NewsItem.objects.published().count() == 2


@pytest.mark.django_db
def test_timeline_api_compares_baseline_and_current_plan(decision_maker, api_client, django_assert_max_num_queries):
    seed_governance_demo()
    with django_assert_max_num_queries(8):
        rows = client_for(decision_maker).get("/api/governance/timeline/").json()
    assert len(rows) == 16
    first = rows[0]
    assert (first["measure"], first["baseline_start"], first["current_start"]) == ("1.1", "2026-01-01", "2026-01-01")
    assert first["end_shift_days"] == 0
    assert [m["title"] for m in first["milestones"]] == [
        "Ohjausryhmä asetettu (DEMO)",
        "Päätöksentekomalli hyväksytty (DEMO)",
    ]
    assert rows[1]["end_shift_days"] == 30
    assert api_client.get("/api/governance/timeline/").status_code == 403
