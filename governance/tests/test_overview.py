"""The governance front page opens with an overview (issue 16, summaries first)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from governance.demo import seed_governance_demo
from governance.models import Decision, Meeting, Milestone
from portal.demo import seed_demo
from portal.models import Measure


@pytest.fixture
def demo(db):
    seed_demo()
    seed_governance_demo()


def signed_in(username: str) -> Client:
    from portal.demo import DEMO_PASSWORD

    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def figures(response) -> dict[str, object]:
    return {str(f["label"]): f["value"] for f in response.context["overview"]["figures"]}


def test_front_page_opens_with_the_overview_of_the_demo(demo):
    today = timezone.localdate()
    response = signed_in("decision").get("/en/governance/")
    html = response.content.decode()
    assert html.index('id="gov-overview-heading"') < html.index('id="area-measures-heading"')
    assert html.index('id="gov-overview-heading"') < html.index('id="gov-org-heading"')  # links below
    shown = figures(response)
    on_track = Measure.objects.filter(status__in=["on_track", "done"]).count()
    assert shown["Measures on track or done"] == f"{on_track} of {Measure.objects.count()}"
    late = Milestone.objects.filter(actual_date__isnull=True, planned_date__lt=today)
    assert shown["Milestones past their planned date"] == late.count()
    assert shown["Decisions being implemented"] == (
        Decision.objects.filter(follow_up_status__in=["not_started", "in_progress"]).count()
    )
    attention = response.context["overview"]["attention"]
    for meeting in Meeting.objects.filter(minutes_status="draft", date__lt=today):
        assert any(item["url"] == f"/en/governance/meetings/{meeting.pk}/" for item in attention)
    assert len([i for i in attention if "Milestone of measure" in i["text"]]) == late.count()


def test_an_overdue_measure_needs_attention_with_a_link_to_it(demo):
    Measure.objects.filter(number="1.2").update(end_date=timezone.localdate() - dt.timedelta(days=3), status="on_track")
    response = Client().get("/en/governance/")
    items = [i for i in response.context["overview"]["attention"] if i["url"] == "/en/measures/1.2/"]
    assert len(items) == 1 and "has passed and it is not done" in items[0]["text"]
    assert 'href="/en/measures/1.2/"' in response.content.decode()


def test_internal_figures_are_not_shown_to_anonymous_readers(demo):
    response = Client().get("/en/governance/")
    shown = figures(response)
    assert "Average progress of the measures" in shown  # measures are public
    assert "Milestones past their planned date" not in shown and "Next meeting" not in shown
    assert not [i for i in response.context["overview"]["attention"] if "/meetings/" in i["url"]]
    html = Client().get("/fi/governance/").content.decode()
    assert "Yleiskuva" in html and "Toimenpiteiden keskimääräinen edistyminen" in html
    assert "odottaa hyväksymistä" not in html and "Seuraava kokous" not in html
    overview = html.split('id="gov-overview-heading"')[1].split('id="area-measures-heading"')[0]
    assert "Mikään ei vaadi huomiota" in overview and "välitavoite" not in overview  # says nothing of hidden rows


def test_swedish_overview_and_empty_state(db):
    seed_demo()  # measures only: nothing late, no governance content
    html = signed_in("decision").get("/sv/governance/").content.decode()
    assert "Översikt" in html and "Kräver uppmärksamhet" in html
    assert "Inget kräver uppmärksamhet" in html
