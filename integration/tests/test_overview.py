"""The integration front page opens with an overview (issue 16, summaries first)."""

from __future__ import annotations

import pytest
from django.test import Client, TestCase

from integration.models import ConversionDraft, ConversionResult
from portal.choices import JobStatus
from portal.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(code_lists, tmp_path):
    from integration.demo import run_demo

    with TestCase.captureOnCommitCallbacks(execute=True):
        run_demo(tmp_path / "ledgers", rows=120)
    return ConversionResult.objects.all()


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def overview(client, lang: str = "en"):
    response = client.get(f"/{lang}/integration/")
    assert response.status_code == 200
    return response.context["overview"], response.content.decode()


def test_steward_sees_published_figures_and_the_unmapped_costs_of_their_ledger(demo, steward_a):
    data, html = overview(as_user(steward_a))
    figures = {f["label"]: f["value"] for f in data["figures"]}
    year = max(demo.values_list("year", flat=True))
    assert figures[f"Organisations with a published result for {year}"] == demo.filter(year=year).count() == 3
    # Kuopio's demo mapping books part of the ledger to the unallocated line: its steward is told
    kuopio = demo.get(organisation__code="297")
    assert kuopio.unallocated_total > 0
    assert figures["Uploads with unmapped costs"] == 1
    items = [i for i in data["attention"] if i["url"] == "/en/integration/mappings/297/coverage/"]
    assert len(items) == 1 and f"{kuopio.rows_read - kuopio.rows_mapped} rows" in items[0]["text"]
    assert html.index('id="int-overview-heading"') < html.index('id="sote-heading"')
    assert 'href="/en/integration/mappings/297/coverage/"' in html


def test_an_open_draft_with_unmapped_rows_links_to_its_review(demo, steward_a):
    published = demo.get(organisation__code="297")
    job = Job.objects.create(
        kind="ledger_conversion", task_name="integration.tasks.convert", status=JobStatus.SUCCEEDED
    )
    draft = ConversionDraft.objects.create(
        organisation=published.organisation,
        year=published.year,
        job=job,
        upload=published.upload,
        mapping_version=published.mapping_version,
        package_definition=published.package_definition,
        rows_read=120,
        rows_mapped=100,
        input_total=1000,
        output_total=900,
        unallocated_total=100,
    )
    data, _html = overview(as_user(steward_a))
    urls = [i["url"] for i in data["attention"]]
    assert f"/en/integration/drafts/{draft.pk}/" in urls
    assert "/en/integration/mappings/297/coverage/" not in urls  # the draft replaces the published one
    figures = {f["label"]: f["value"] for f in data["figures"]}
    assert figures["Drafts awaiting review"] == 1 and figures["Uploads with unmapped costs"] == 1


def test_decision_maker_sees_published_figures_only(demo, decision_maker, steward_b):
    data, html = overview(as_user(decision_maker), "fi")
    labels = [str(f["label"]) for f in data["figures"]]
    assert any(label.startswith("Organisaatiot, joilla on julkaistu tulos") for label in labels)
    assert "Tarkastusta odottavat luonnokset" not in labels
    assert data["attention_hidden"] and not data["attention"]
    assert "Vaatii huomiota" not in html and "kohdistamattomia" not in html
    # another municipality's steward is not told about Kuopio's ledger
    data, _html = overview(as_user(steward_b))
    assert not [i for i in data["attention"] if "/297/" in i["url"]]


def test_anonymous_readers_get_no_overview(code_lists):
    response = Client().get("/sv/integration/")
    assert response.status_code == 200
    assert "int-overview-heading" not in response.content.decode()
