"""The supervision front page and the compliance dashboard open with an overview (issue 16)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from portal.demo import DEMO_PASSWORD, seed_demo
from supervision.demo import seed_supervision_demo
from supervision.models import CorrectiveAction, DeviationReport, ServiceUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_demo()
    seed_supervision_demo()


def signed_in(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def figures(response) -> dict[str, object]:
    return {str(f["label"]): f["value"] for f in response.context["overview"]["figures"]}


def test_dashboard_of_september_names_the_unit_below_the_minimum(demo):
    response = signed_in("supervisor").get("/en/supervision/compliance/?month=2026-09")
    html = response.content.decode()
    shown = figures(response)
    assert shown["Units below the legal minimum, September 2026"] == f"1 of {ServiceUnit.objects.count()}"
    koivurinne = [i for i in response.context["overview"]["attention"] if "demo-koivurinne" in i["url"]]
    assert len(koivurinne) == 1
    assert (
        koivurinne[0]["text"].startswith("Demo: Koivurinne")
        and "7 days below the legal minimum" in (koivurinne[0]["text"])
    )
    assert koivurinne[0]["url"] == "/en/supervision/units/demo-koivurinne/?month=2026-09"
    # the overview comes first, the tables follow folded
    assert html.index('id="dash-overview-heading"') < html.index('<details class="section-details">')
    assert html.count('<details class="section-details">') == 5


def test_overdue_corrective_actions_and_new_reports_for_the_assigned_supervisor(demo):
    today = timezone.localdate()
    response = signed_in("supervisor").get("/en/supervision/")
    shown = figures(response)
    overdue = CorrectiveAction.objects.exclude(status="closed").filter(deadline__lt=today)
    assert shown["Corrective actions past their deadline"] == overdue.count()
    for action in overdue:
        assert any(
            i["url"] == f"/en/supervision/visits/{action.finding.visit_id}/"
            for i in response.context["overview"]["attention"]
        )
    assert shown["New client deviation reports"] == DeviationReport.objects.filter(status="received").count()
    html = response.content.decode()
    assert html.index('id="sv-overview-heading"') < html.index('id="sv-public-heading"')


def test_deviation_counts_only_for_those_entitled(demo):
    assert DeviationReport.objects.filter(status="received").exists()
    for username in ("decision", "staff", "producer"):
        response = signed_in(username).get("/en/supervision/")
        assert "New client deviation reports" not in figures(response), username
        assert not [i for i in response.context["overview"]["attention"] if "/deviations/" in i["url"]], username
        assert "deviation report awaits triage" not in response.content.decode()
    # an anonymous visitor gets the public pages only
    html = Client().get("/fi/supervision/").content.decode()
    assert "sv-overview-heading" not in html and "Yleiskuva" not in html


def test_producer_account_sees_its_own_units_only(demo):
    from supervision.models import ProducerAccount

    account = ProducerAccount.objects.get(user__username="producer")
    own = ServiceUnit.objects.filter(producer_id=account.producer_id).count()
    assert own < ServiceUnit.objects.count()
    shown = figures(signed_in("producer").get("/en/supervision/compliance/?month=2026-09"))
    assert shown["Units below the legal minimum, September 2026"].endswith(f" of {own}")


def test_swedish_overview(demo):
    html = signed_in("supervisor").get("/sv/supervision/compliance/?month=2026-09").content.decode()
    assert "Översikt" in html and "Kräver uppmärksamhet" in html and "Enheter under den lagstadgade miniminivån" in html
