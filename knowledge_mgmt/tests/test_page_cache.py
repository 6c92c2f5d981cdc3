"""The bank's public pages from the data-version cache (portal/datacache.py, issue 17 point 4).

These tests run on a transactional database: the cache is bypassed inside a transaction (what such a
request reads may never be committed), and the versions change on commit, as in production.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from knowledge_mgmt import publication, services
from knowledge_mgmt.demo import load_demo
from knowledge_mgmt.models import ImportDraft, IndicatorSet, IndicatorValue
from portal import datacache
from portal.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(reference_data):
    load_demo()
    return IndicatorSet.objects.get(code="johtamisen-mittaristo")


def _url(name: str, *args, lang: str = "en") -> str:
    with translation.override(lang):
        return reverse(f"knowledge_mgmt:{name}", args=args)


def _kuopio_net_cost() -> IndicatorValue:
    return IndicatorValue.objects.get(indicator__code="demo-net-cost", organisation__code="297", year=2024)


def test_second_anonymous_request_comes_from_the_cache_without_queries(client, demo):
    url = _url("dashboard", demo.code)
    first = client.get(url, {"year": "2024", "organisation": "297"})
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url, {"year": "2024", "organisation": "297"})
    assert second.status_code == 200 and second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())
    # Another query string is another page.
    other = client.get(url, {"year": "2023", "organisation": "297"})
    assert other["X-Page-Cache"] == "miss"


def test_municipality_and_indicator_pages_are_cached_too(client, demo):
    for url in (_url("municipality", "297"), _url("indicator-detail", "demo-net-cost")):
        assert client.get(url)["X-Page-Cache"] == "miss"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url)["X-Page-Cache"] == "hit"
        assert len(queries) == 0


def _shown(value: Decimal) -> str:
    return f"{value:,.0f}"  # English grouping


def test_a_manual_entry_is_visible_on_the_next_request(client, demo, staff_user):
    url = _url("municipality", "297")
    before = client.get(url).content.decode()
    old = _kuopio_net_cost()
    assert _shown(old.value) in before
    assert client.get(url)["X-Page-Cache"] == "hit"
    services.enter_value(
        actor=staff_user,
        indicator=old.indicator,
        organisation=old.organisation,
        year=2024,
        value="98765",
    )  # store_values writes in bulk: no model signal, the verb changes the version
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "98,765" in after.content.decode()


def test_a_saved_value_target_or_organisation_name_is_visible_on_the_next_request(client, demo):
    url = _url("municipality", "297")
    client.get(url)
    value = _kuopio_net_cost()
    value.value = Decimal("54321")
    value.save()  # the admin's path: post_save
    assert "54,321" in client.get(url).content.decode()
    kuopio = Organisation.objects.get(code="297")
    kuopio.name_fi = kuopio.name_sv = kuopio.name_en = "Kuopio Renamed"
    kuopio.save()  # another domain the page reads
    assert "Kuopio Renamed" in client.get(url).content.decode()


def test_a_published_import_is_visible_on_the_next_request(client, demo, staff_user):
    url = _url("dashboard", demo.code)
    query = {"year": "2024", "organisation": "297"}
    client.get(url, query)
    assert client.get(url, query)["X-Page-Cache"] == "hit"
    content = (
        b"indicator;organisation;year;quarter;month;sex;breakdown;value;absolute_value;status\n"
        b"demo-net-cost;297;2024;;;total;;87654;;final\n"
    )
    job = services.start_import(actor=staff_user, filename="values.csv", content=content)
    job.refresh_from_db()
    draft = ImportDraft.objects.get(job=job)
    # The dry run wrote nothing (rolled back): the page stays the cached one.
    assert client.get(url, query)["X-Page-Cache"] == "hit"
    assert "87,654" not in client.get(url, query).content.decode()
    publication.publish_import(draft, actor=staff_user)
    assert _kuopio_net_cost().value == Decimal("87654")
    after = client.get(url, query)
    assert after["X-Page-Cache"] == "miss"
    assert "87,654" in after.content.decode()


def test_signed_in_readers_never_get_the_anonymous_copy(client, demo, decision_maker):
    url = _url("dashboard", demo.code)
    anonymous = client.get(url)
    assert anonymous.content.decode().count('role="img"') == 8  # restricted indicators hidden
    assert client.get(url)["X-Page-Cache"] == "hit"
    signed_in = Client()
    signed_in.force_login(decision_maker)
    for _ in range(2):
        page = signed_in.get(url)
        assert not page.has_header("X-Page-Cache")
        assert page.content.decode().count('role="img"') == 10
    # Nor does their page reach the anonymous readers.
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit" and again.content.decode().count('role="img"') == 8


def test_languages_are_separate_pages(client, demo):
    pages = {}
    for lang in ("fi", "sv"):
        url = _url("dashboard", demo.code, lang=lang)
        client.get(url)
        hit = client.get(url)
        assert hit["X-Page-Cache"] == "hit"
        pages[lang] = hit.content.decode()
    assert "Koko maa" in pages["fi"] and "Koko maa" not in pages["sv"]
    assert 'lang="sv"' in pages["sv"]


def test_a_cached_page_carries_the_readers_own_csrf_token(demo):
    url = _url("municipality", "297")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    miss = first.get(url)
    hit = second.get(url)
    assert hit["X-Page-Cache"] == "hit"
    token_1, token_2 = TOKEN.search(miss.content.decode())[1], TOKEN.search(hit.content.decode())[1]
    assert token_1 != token_2 and datacache.CSRF_PLACEHOLDER not in hit.content.decode()
    # The second reader's token is valid with the second reader's cookie (the language switch).
    answer = second.post(reverse("set_language"), {"language": "fi", "next": "/", "csrfmiddlewaretoken": token_2})
    assert answer.status_code == 302
    # The first reader's token (the one the stored page was rendered with) is no key for the second.
    refused = second.post(reverse("set_language"), {"language": "fi", "next": "/", "csrfmiddlewaretoken": token_1})
    assert refused.status_code == 403


def test_requests_inside_a_transaction_bypass_the_cache(client, demo):
    from django.db import transaction

    url = _url("municipality", "297")
    with transaction.atomic():
        assert not client.get(url).has_header("X-Page-Cache")


def test_the_bank_and_the_organisations_are_tracked():
    domains = datacache.tracked()
    assert {"knowledge_mgmt.IndicatorValue", "knowledge_mgmt.Target", "knowledge_mgmt.Indicator"} <= domains[
        "knowledge"
    ]
    assert {"portal.Organisation", "portal.Population", "portal.OrganisationMembership"} <= domains["organisations"]


def _data(client, **params):
    response = client.get("/api/knowledge/data/", {"indicator": "demo-net-cost", "format": "json", **params})
    assert response.status_code == 200
    return response


def test_the_data_api_keeps_its_stamp_until_the_values_change(client, demo, staff_user):
    """The anonymous data answer's count and ETag basis (``DataQuery.stamp``) come from the cache
    while the bank's version stands; an entered value is counted, and changes the ETag, on the
    next request."""
    first = _data(client)
    with CaptureQueriesContext(connection) as queries:
        second = _data(client)
    stamp_queries = [q["sql"] for q in queries.captured_queries if 'COUNT("knowledge_mgmt_indicatorvalue"' in q["sql"]]
    assert stamp_queries == [] and second["ETag"] == first["ETag"]
    assert second.json()["count"] == first.json()["count"] > 0
    old = _kuopio_net_cost()
    services.enter_value(actor=staff_user, indicator=old.indicator, organisation=old.organisation, year=2025, value="5")
    third = _data(client)
    assert third.json()["count"] == first.json()["count"] + 1
    assert third["ETag"] != first["ETag"]
    assert any(r["year"] == 2025 for r in _data(client, limit=1000).json()["results"])
    # A signed-in reader's stamp is computed every time (their visibility is not the bank's data).
    client.force_login(staff_user)
    with CaptureQueriesContext(connection) as queries:
        _data(client)
        _data(client)
    assert sum('COUNT("knowledge_mgmt_indicatorvalue"' in q["sql"] for q in queries.captured_queries) == 2


def test_cached_value_is_computed_again_after_a_write_and_always_inside_a_transaction():
    """``datacache.cached_value``: kept under the domains' versions and its basis; a committed
    change of a domain, another basis or a transaction computes it again; None is never kept."""
    from django.db import transaction

    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert datacache.cached_value(["knowledge"], "basis", compute) == 1
    assert datacache.cached_value(["knowledge"], "basis", compute) == 1 and len(calls) == 1
    assert datacache.cached_value(["knowledge"], "other basis", compute) == 2
    datacache.changed("knowledge")  # outside a transaction: a new version at once
    assert datacache.cached_value(["knowledge"], "basis", compute) == 3
    with transaction.atomic():
        assert datacache.cached_value(["knowledge"], "basis", compute) == 4
        assert datacache.cached_value(["knowledge"], "basis", compute) == 5
    assert datacache.cached_value(["knowledge"], "basis", compute) == 3  # the committed value stands
    nothing = []
    assert datacache.cached_value(["knowledge"], "none", lambda: nothing.append(1)) is None
    assert datacache.cached_value(["knowledge"], "none", lambda: nothing.append(1)) is None and len(nothing) == 2
