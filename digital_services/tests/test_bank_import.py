"""The segment page's import from the indicator bank (issue 14, point 8), against a stand-in
registered under the bank's provider name (this app never imports the bank; the bank's own tests
run the real provider end to end)."""

from decimal import Decimal

import pytest
from django.test import Client

from conftest import PASSWORD
from digital_services import models, services
from portal import providers


@pytest.fixture
def fake_bank():
    calls = []

    def indicator_values(*, indicator):
        calls.append(indicator)
        if indicator == "pop-75-plus":
            return [
                {"year": 2017, "value": Decimal("25000.000000")},
                {"year": 2018, "value": Decimal("25500.000000")},
                {"year": 2019, "value": None},  # suppressed or missing: not imported
            ]
        return []

    previous = providers.get_optional(services.INDICATOR_BANK_PROVIDER)
    providers.register(services.INDICATOR_BANK_PROVIDER, indicator_values)
    yield calls
    if previous is None:
        providers._REGISTRY.pop(services.INDICATOR_BANK_PROVIDER, None)
    else:
        providers.register(services.INDICATOR_BANK_PROVIDER, previous)


def _login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_staff_import_history_from_the_bank_with_a_clear_message(ds_demo, staff_user, fake_bank):
    segment = models.CounsellingSegment.objects.get(code="ikaantyneet")
    url = f"/en/digital-services/counselling/segments/{segment.pk}/history/indicator-bank/"
    client = _login(staff_user)
    detail = client.get(segment.get_absolute_url()).content.decode()
    assert f'action="{url}"' in detail and "Import history from the indicator bank" in detail
    assert client.get(url).status_code == 200  # the form on its own page

    response = client.post(url, {"indicator": "pop-75-plus"}, follow=True)
    assert response.redirect_chain == [(segment.get_absolute_url(), 302)]
    assert "2 history rows imported from the indicator bank (indicator pop-75-plus)." in response.content.decode()
    rows = {h.year: h for h in segment.history.all()}
    assert (rows[2018].persons, rows[2018].source_kind, rows[2018].source) == (
        25500,
        "indicator_bank",
        "indicator_bank.indicator_values:pop-75-plus",
    )
    assert 2019 not in rows and fake_bank == ["pop-75-plus"]

    empty = client.post(url, {"indicator": "unknown-code"})
    assert empty.status_code == 400
    assert "has no published yearly values of unknown-code" in empty.content.decode()
    assert client.post(url, {"indicator": "not a code!"}).status_code == 400


@pytest.mark.django_db
def test_readers_cannot_import(ds_demo, decision_maker, fake_bank):
    segment = models.CounsellingSegment.objects.get(code="ikaantyneet")
    before = segment.history.count()
    client = _login(decision_maker)
    assert "Import history from the indicator bank" not in client.get(segment.get_absolute_url()).content.decode()
    url = f"/en/digital-services/counselling/segments/{segment.pk}/history/indicator-bank/"
    assert client.post(url, {"indicator": "pop-75-plus"}).status_code == 403
    assert segment.history.count() == before and fake_bank == []


@pytest.mark.django_db
def test_without_the_bank_the_page_says_so(ds_demo, staff_user, monkeypatch):
    monkeypatch.delitem(providers._REGISTRY, services.INDICATOR_BANK_PROVIDER, raising=False)
    segment = models.CounsellingSegment.objects.get(code="ikaantyneet")
    url = f"/en/digital-services/counselling/segments/{segment.pk}/history/indicator-bank/"
    response = _login(staff_user).post(url, {"indicator": "pop-75-plus"})
    assert response.status_code == 400
    assert "No data provider indicator_bank.indicator_values is registered." in response.content.decode()
