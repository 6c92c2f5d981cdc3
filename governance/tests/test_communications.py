import datetime as dt

import pytest
from django.utils import timezone

from conftest import client_for
from governance import services
from governance.models import CommunicationItem, NewsItem, StakeholderEvent
from governance.tests.conftest import en


@pytest.fixture
def news(staff_user):
    published = services.save_object(
        NewsItem(
            slug="ohjausryhma-aloitti",
            title="Ohjausryhmä aloitti",
            summary="Tiivistelmä",
            body="Teksti",
            published_at=timezone.make_aware(dt.datetime(2026, 10, 16, 9, 0)),
        ),
        actor=staff_user,
    )
    draft = services.save_object(NewsItem(slug="luonnos", title="Luonnos", body="Kesken"), actor=staff_user)
    return published, draft


@pytest.mark.django_db
def test_anonymous_reads_only_published_news(client, api_client, news):
    response = client.get(en("governance:news-list"))
    assert response.status_code == 200
    assert [item.slug for item in response.context["page"].object_list] == ["ohjausryhma-aloitti"]
    assert client.get(en("governance:news-detail", "ohjausryhma-aloitti")).status_code == 200
    assert client.get(en("governance:news-detail", "luonnos")).status_code == 404
    assert [row["slug"] for row in api_client.get("/api/governance/news/").json()["results"]] == ["ohjausryhma-aloitti"]


@pytest.mark.django_db
def test_staff_sees_drafts_and_publishes(client, staff_user, news):
    client.force_login(staff_user)
    assert client.get(en("governance:news-detail", "luonnos")).status_code == 200
    services.publish_news(news[1], actor=staff_user, at=timezone.make_aware(dt.datetime(2026, 11, 1, 8, 0)))
    assert NewsItem.objects.published().count() == 2


@pytest.mark.django_db
def test_atom_feed_lists_published_news(client, news):
    response = client.get(en("governance:news-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert '<feed xml:lang="en" xmlns="http://www.w3.org/2005/Atom">' in feed
    assert feed.count("<entry>") == 1
    assert "Ohjausryhmä aloitti" in feed and "Luonnos" not in feed
    assert "/en/governance/news/ohjausryhma-aloitti/" in feed


@pytest.mark.django_db
def test_communications_plan_and_events(client, staff_user, decision_maker):
    client.force_login(staff_user)
    response = client.post(
        en("governance:communication-create"),
        {
            "target_group": "Kuntapäättäjät",
            "channel": "email",
            "message": "Tilannekatsaus",
            "planned_date": "2026-12-01",
            "owner": "Viestintä",
        },
    )
    assert response.status_code == 302
    assert list(CommunicationItem.objects.values_list("target_group", "channel")) == [("Kuntapäättäjät", "email")]
    response = client.post(
        en("governance:event-create"),
        {"title": "Kuuleminen", "date": "2026-11-05", "participants": 10, "feedback_responses": 12},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["feedback_responses"] == [
        "There cannot be more feedback responses than participants."
    ]
    response = client.post(
        en("governance:event-create"),
        {
            "title": "Kuuleminen",
            "date": "2026-11-05",
            "participants": 40,
            "feedback_responses": 12,
            "feedback_score": "4.5",
            "feedback": "Hyvä",
        },
    )
    assert response.status_code == 302
    assert list(StakeholderEvent.objects.values_list("participants", "feedback_responses")) == [(40, 12)]
    response = client_for(decision_maker).get("/api/governance/events/")
    assert response.json()["results"][0]["feedback_score"] == "4.50"
    assert client_for(decision_maker).get("/api/governance/communications/?channel=email").json()["count"] == 1
