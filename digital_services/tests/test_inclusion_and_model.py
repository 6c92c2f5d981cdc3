"""Digital inclusion (exact 6 800), the published provider, the counselling projection (exact 832)."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PASSWORD
from digital_services import selectors
from digital_services.models import AgeStructure, CounsellingSegment, OfflineRate, SegmentHistory
from portal import providers
from portal.models import Organisation, Population


def test_offline_estimate_is_exact():
    assert selectors.offline_estimate(10_000, Decimal("68")) == 6800


def test_projection_is_exact():
    assert selectors.projected_contacts(1000, Decimal("0.8"), Decimal("2"), 2) == 832
    segment = CounsellingSegment(
        base_year=2025, base_persons=1000, contact_rate=Decimal("0.8"), growth_percent=Decimal("2")
    )
    assert [r["contacts"] for r in selectors.projection(segment, years=2)] == [800, 816, 832]


@pytest.mark.django_db
def test_inclusion_rows_and_provider(reference_data):
    kuopio = Organisation.objects.get(code="297")
    OfflineRate.objects.create(
        min_age=75, max_age=89, rate_percent=Decimal("68"), source="Statistics Finland 2013", reference_year=2013
    )
    AgeStructure.objects.create(organisation=kuopio, year=2020, min_age=75, max_age=89, residents=10_000, source="test")
    [row] = selectors.inclusion_rows(None)
    assert row.estimate == 6800
    population = Population.objects.get(organisation=kuopio, year=2020).count
    assert row.share_percent == selectors.ratio_percent(6800, population)
    provider = providers.get("digital_services.inclusion_indicators")
    assert provider is selectors.inclusion_indicators
    published = [r for r in provider() if r["indicator"] == "digital_offline_residents"]
    assert published == [
        {
            "indicator": "digital_offline_residents",
            "organisation": "297",
            "year": 2020,
            "month": None,
            "value": 6800,
            "unit": "persons",
            "source": "digital_services: age structure x offline rate",
        }
    ]


def test_app_does_not_import_knowledge_mgmt():
    root = Path(__file__).resolve().parents[1]
    offenders = [
        p.name
        for p in root.rglob("*.py")
        if "knowledge_mgmt" in p.read_text(encoding="utf-8") and p.name != Path(__file__).name
    ]
    assert offenders == []


@pytest.mark.django_db
def test_counselling_export_and_history_import(ds_demo, staff_user, decision_maker):
    client = Client()
    assert client.login(username=staff_user.username, password=PASSWORD)
    response = client.get("/en/digital-services/counselling/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    older = [r for r in rows if r[1] == "ikaantyneet"]
    assert older[2][3:6] == (2027, 27050, 21640)  # 26 000 x 0.8 x 1.02^2 = 21 640.32
    assert any(r[0] == "requirement" and r[7] == "must" for r in rows)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post(
        reverse("digital_services:history-upload"),
        {
            "file": SimpleUploadedFile(
                "history.csv", b"segment;year;persons;contacts\nikaantyneet;2020;25000;\nnope;2020;1;1\n", "text/csv"
            )
        },
    )
    assert bad.status_code == 400
    assert "history.csv, row 3, column segment: unknown segment code &#x27;nope&#x27;." in bad.content.decode()
    assert not SegmentHistory.objects.filter(year=2020).exists()
    good = client.post(
        reverse("digital_services:history-upload"),
        {
            "file": SimpleUploadedFile(
                "history.csv", b"segment;year;persons;contacts\nikaantyneet;2020;25000;19000\n", "text/csv"
            )
        },
    )
    assert good.status_code == 302
    assert SegmentHistory.objects.get(year=2020).contacts == 19000
    dm = Client()
    assert dm.login(username=decision_maker.username, password=PASSWORD)
    assert dm.get(reverse("digital_services:history-upload")).status_code == 403
    assert dm.get(reverse("digital_services:counselling")).status_code == 200
