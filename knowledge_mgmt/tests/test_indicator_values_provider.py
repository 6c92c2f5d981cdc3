"""The indicator bank's published values (issue 14, point 8): ``indicator_bank.indicator_values``
in ``portal.providers``, and the counselling segment history that the digital services area
imports from it, end to end (the page's button, the verb, the provider)."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from conftest import PASSWORD
from knowledge_mgmt import selectors
from knowledge_mgmt.choices import Sex
from knowledge_mgmt.tests.conftest import make_indicator, put
from portal import providers
from portal.choices import JobStatus

pytestmark = pytest.mark.django_db
PROVIDER = "indicator_bank.indicator_values"


@pytest.fixture
def bank(reference_data):
    older = make_indicator("pop-75-plus", title_fi="75 vuotta täyttäneet")
    put(older, "pshva", 2022, 25500)
    put(older, "pshva", 2021, 25000, status="provisional")
    put(older, "pshva", 2022, 12000, sex=Sex.FEMALE)  # not the total
    put(older, "pshva", 2022, 600, breakdown="X1")  # a breakdown, not the total
    put(older, "297", 2022, 11000)  # a municipality, not the county
    regional = make_indicator("regional-only")
    put(regional, "maakunta-11", 2020, 3)
    secret = make_indicator("secret-count", public=False)
    put(secret, "pshva", 2022, 77)
    return older


def test_the_bank_registers_the_provider_digital_services_calls():
    from digital_services import services as digital

    assert digital.INDICATOR_BANK_PROVIDER == PROVIDER
    assert providers.get(PROVIDER) is selectors.published_indicator_values


def test_yearly_county_totals_oldest_first(bank):
    rows = providers.get(PROVIDER)(indicator="pop-75-plus")
    assert rows == [
        {"indicator": "pop-75-plus", "organisation": "pshva", "year": 2021, "value": Decimal("25000"),
         "status": "provisional"},
        {"indicator": "pop-75-plus", "organisation": "pshva", "year": 2022, "value": Decimal("25500"),
         "status": "final"},
    ]  # fmt: skip
    assert [r["value"] for r in selectors.published_indicator_values(indicator="pop-75-plus", organisation="297")] == [
        Decimal("11000")
    ]
    # The county has none: the region's.
    assert [
        (r["organisation"], r["year"]) for r in selectors.published_indicator_values(indicator="regional-only")
    ] == [("maakunta-11", 2020)]
    assert selectors.published_indicator_values(indicator="no-such-indicator") == []


def test_the_readers_reach_applies_when_a_user_is_given(bank, decision_maker):
    anonymous = AnonymousUser()
    assert selectors.published_indicator_values(indicator="secret-count", user=anonymous) == []
    assert [
        r["value"] for r in selectors.published_indicator_values(indicator="secret-count", user=decision_maker)
    ] == [Decimal("77")]
    # Small numbers are suppressed for a public reader only.
    assert [r["value"] for r in selectors.published_indicator_values(indicator="regional-only", user=anonymous)] == [
        None
    ]
    assert [
        r["value"] for r in selectors.published_indicator_values(indicator="regional-only", user=decision_maker)
    ] == [Decimal("3")]


def test_a_draft_import_is_not_published(reference_data, django_capture_on_commit_callbacks):
    from knowledge_mgmt.services import start_import
    from knowledge_mgmt.tests.test_imports import publish_draft_of

    make_indicator("pop-75-plus")
    content = b"indicator;organisation;year;value\npop-75-plus;pshva;2023;26000\n"
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import(actor=None, filename="older.csv", content=content)
    job.refresh_from_db()
    assert job.output_ref.get("draft") is True
    assert selectors.published_indicator_values(indicator="pop-75-plus") == []
    published = publish_draft_of(job, None, django_capture_on_commit_callbacks)
    assert published.status == JobStatus.SUCCEEDED, published.error
    assert [(r["year"], r["value"]) for r in selectors.published_indicator_values(indicator="pop-75-plus")] == [
        (2023, Decimal("26000"))
    ]


def test_staff_import_a_segment_history_from_the_bank_on_the_segment_page(bank, staff_user, decision_maker):
    from digital_services.models import CounsellingSegment

    segment = CounsellingSegment.objects.create(
        code="ikaantyneet",
        name_fi="Ikääntyneet 75+",
        base_year=2025,
        base_persons=26000,
        contact_rate=Decimal("0.8"),
        growth_percent=Decimal("2"),
    )
    url = f"/en/digital-services/counselling/segments/{segment.pk}/history/indicator-bank/"
    reader = Client()
    assert reader.login(username=decision_maker.username, password=PASSWORD)
    assert "Import history from the indicator bank" not in reader.get(segment.get_absolute_url()).content.decode()
    assert reader.post(url, {"indicator": "pop-75-plus"}).status_code == 403
    assert not segment.history.exists()

    client = Client()
    assert client.login(username=staff_user.username, password=PASSWORD)
    page = client.get(segment.get_absolute_url()).content.decode()
    assert "Import history from the indicator bank" in page and f'action="{url}"' in page
    response = client.post(url, {"indicator": "pop-75-plus"}, follow=True)
    assert response.redirect_chain[-1][0] == segment.get_absolute_url()
    html = response.content.decode()
    assert "2 history rows imported from the indicator bank (indicator pop-75-plus)." in html
    assert list(segment.history.values_list("year", "persons", "source_kind", "source")) == [
        (2021, 25000, "indicator_bank", f"{PROVIDER}:pop-75-plus"),
        (2022, 25500, "indicator_bank", f"{PROVIDER}:pop-75-plus"),
    ]

    # An indicator the bank has no county or region values of: nothing imported, said so.
    missing = client.post(url, {"indicator": "no-such-indicator"})
    assert missing.status_code == 400
    assert "has no published yearly values of no-such-indicator" in missing.content.decode()
    assert segment.history.count() == 2
