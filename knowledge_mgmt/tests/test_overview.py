"""Front page, dashboards and municipality pages open with their overview (issue 16, summaries first)."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge_mgmt.demo import load_demo
from knowledge_mgmt.models import ImportDraft, Indicator, IndicatorSet, IndicatorValue
from knowledge_mgmt.selectors import key_indicators
from portal.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_data):
    load_demo()
    return IndicatorSet.objects.get(code="johtamisen-mittaristo")


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def overview_codes(response) -> list[str]:
    return [f["indicator"] for f in response.context["overview"]["figures"]]


def test_municipality_page_opens_with_every_key_figure_and_what_needs_attention(demo, decision_maker):
    response = as_user(decision_maker).get("/en/knowledge-mgmt/municipalities/297/")
    html = response.content.decode()
    _set, indicators = key_indicators(decision_maker)
    assert overview_codes(response) == [i.code for i in indicators]
    heading = html.index('id="key-figures-heading"')
    assert heading < html.index('<details class="indicator-details"') < html.index("indicator-panel")
    # each figure is the municipality's latest value with its change from the year before
    net_cost = next(f for f in response.context["overview"]["figures"] if f["indicator"] == "demo-net-cost")
    values = dict(
        IndicatorValue.objects.filter(
            indicator__code="demo-net-cost", organisation__code="297", sex="total", breakdown="", quarter=0, month=0
        ).values_list("year", "value")
    )
    latest = max(values)
    assert net_cost["note"].startswith(str(latest))
    assert net_cost["change_note"] == f"from {max(y for y in values if y < latest)}"
    assert net_cost["change"][0] in "+−±"
    # a target that is not met is listed and links to the indicator's page
    panels = response.context["panels"]
    not_met = [p.indicator.code for p in panels if p.target_status == "not_met"]
    assert not_met, "the demo has targets that are not met"
    urls = [item["url"] for item in response.context["overview"]["attention"]]
    for code in not_met:
        assert f"/en/knowledge-mgmt/indicators/{code}/" in urls


def test_restricted_indicators_stay_out_of_the_public_overview(demo, decision_maker):
    restricted = set(Indicator.objects.filter(public=False).values_list("code", flat=True))
    assert restricted, "the demo has restricted indicators"
    public = overview_codes(Client().get("/en/knowledge-mgmt/municipalities/297/"))
    signed_in = overview_codes(as_user(decision_maker).get("/en/knowledge-mgmt/municipalities/297/"))
    assert not restricted & set(public)
    assert restricted & set(signed_in)


def test_dashboard_opens_with_the_region_figures_and_folds_the_charts(demo, decision_maker):
    response = as_user(decision_maker).get(f"/fi/knowledge-mgmt/dashboards/{demo.code}/")
    html = response.content.decode()
    assert len(response.context["overview"]["figures"]) == len(response.context["panels"]) > 0
    assert html.index('id="key-figures-heading"') < html.index('<details class="indicator-details"')
    assert "Tunnusluvut: Pohjois-Savo" in html and "Vaatii huomiota" in html
    assert html.count('<details class="indicator-details"') == len(response.context["panels"])


def test_front_page_counts_what_the_reader_may_see_and_drafts_only_for_staff(demo, decision_maker, staff_user):
    job = Job.objects.create(
        kind="knowledge_import", task_name="knowledge_mgmt.tasks.import_file", started_by=staff_user
    )
    ImportDraft.objects.create(job=job)

    def figures(client):
        response = client.get("/en/knowledge-mgmt/")
        return {f["label"]: f["value"] for f in response.context["overview"]["figures"]}, response

    anonymous, _r = figures(Client())
    assert anonymous["Indicators in the bank"] == Indicator.objects.filter(public=True).count()
    shown, response = figures(as_user(decision_maker))
    assert shown["Indicators in the bank"] == Indicator.objects.count()
    assert not [i for i in response.context["overview"]["attention"] if f"/jobs/{job.pk}/" in i["url"]]
    _shown, response = figures(as_user(staff_user))
    drafts = [i for i in response.context["overview"]["attention"] if f"/jobs/{job.pk}/" in i["url"]]
    assert len(drafts) == 1 and "awaits review and publishing" in drafts[0]["text"]
    html = as_user(staff_user).get("/sv/knowledge-mgmt/").content.decode()
    assert "Översikt" in html and "väntar på granskning och publicering" in html
