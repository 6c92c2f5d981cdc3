"""Points of issue 14 that the other test modules did not pin down: the public catalogue in fi and sv,
the API's bad-input answers, the highest escalation winning across languages, the chat's rate limit
behind a proxy, service paths (SVG + text), pilots linked to the measure's progress, staff-only
editing of intents and the counselling model, and the segment history from a published provider."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from conftest import PASSWORD, client_for
from digital_services import models, services
from digital_services.tests.factories import MonthlyFigureFactory
from portal import providers
from portal.models import ChangeLog, Organisation


def _login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "heading", "channel"),
    [
        ("fi", "Digitaalisten palvelujen luettelo", "verkkoasiointi"),
        ("sv", "Katalog över digitala tjänster", "e-tjänst"),
    ],
)
def test_public_catalogue_in_finnish_and_swedish(ds_demo, lang, heading, channel):
    client = Client()
    listing = client.get(f"/{lang}/digital-services/catalogue/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert f'lang="{lang}"' in html and heading.lower() in html.lower(), lang
    assert "Omaolo" in html and 'style="' not in html
    service = models.DigitalService.objects.get(code="omaolo")
    detail = client.get(f"/{lang}/digital-services/catalogue/{service.pk}/").content.decode()
    assert channel in detail.lower(), lang
    assert "/service/" not in detail  # no edit links for a citizen


@pytest.mark.django_db
def test_api_refuses_future_duplicate_and_too_many_recipients_naming_the_field(steward_a):
    MonthlyFigureFactory(month=dt.date(2025, 1, 1))
    api = client_for(steward_a)
    before = ChangeLog.objects.count()
    for month, extra, field in (
        ("2999-01-01", {}, "month"),
        ("2025-01-01", {}, "month"),
        ("2025-02-01", {"messages_recipients": 10_000_000}, "messages_recipients"),
    ):
        response = api.post(
            "/api/digital-services/monthly-figures/",
            {"organisation": "297", "month": month, "paper_letters": 1, **extra},
            format="json",
        )
        assert response.status_code == 400, (month, response.content)
        assert field in response.json(), response.json()
    assert (models.MonthlyFigure.objects.count(), ChangeLog.objects.count()) == (1, before)


@pytest.mark.django_db
def test_anonymous_api_gets_no_figures_or_indicators(ds_demo):
    api = Client()
    response = api.get("/api/digital-services/indicators/")
    assert response.status_code in (401, 403) or response.json() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("fi", "ahdistaa ja I want to die"),  # worry in the page's language, danger in another
        ("en", "anxious, haluan kuolla"),
        ("sv", "jag har ångest och want to die"),
    ],
)
def test_danger_wins_over_worry_in_any_language(chat_rules, lang, message):
    reply = services.answer_chat_message(message, language=lang, unmatched_before=0)
    assert (reply.code, reply.escalation) == ("danger-to-life", 3)
    assert "112" in {c.value for c in reply.contacts}


@pytest.mark.django_db
@override_settings(USE_X_FORWARDED_FOR=True)
def test_rate_limit_counts_each_client_behind_the_proxy(chat_rules):
    proxy = "10.0.0.1"
    first = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.20")
    for _ in range(60):
        assert first.post(reverse("digital_services:chat"), {"message": "hei", "unmatched": 0}).status_code == 200
    assert first.post(reverse("digital_services:chat"), {"message": "hei", "unmatched": 0}).status_code == 429
    other = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.21")
    assert other.post(reverse("digital_services:chat"), {"message": "hei", "unmatched": 0}).status_code == 200


@pytest.mark.django_db
def test_service_path_is_an_svg_with_an_ordered_list(ds_demo, decision_maker):
    path = models.ServicePath.objects.filter(steps__isnull=False).distinct().first()
    steps = list(path.steps.order_by("position"))
    assert len(steps) >= 3
    html = _login(decision_maker).get(path.get_absolute_url()).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "style=" not in svg and 'class="fit-chart"' in svg
    assert svg.count("<rect") == len(steps) and svg.count("<line") == len(steps) - 1
    listed = html[html.index('<ol class="path-steps">') :]
    positions = [listed.index(s.name) for s in steps]
    assert positions == sorted(positions)
    change = models.StepChange.objects.filter(step__path=path).select_related("organisation").first()
    if change is not None:
        assert change.organisation.name in listed


@pytest.mark.django_db
def test_pilot_shows_the_decision_and_the_measure_progress(ds_demo, decision_maker):
    pilot = models.Pilot.objects.exclude(measure=None).first()
    assert pilot is not None and pilot.organisations.exists()
    html = _login(decision_maker).get(pilot.get_absolute_url()).content.decode()
    assert pilot.measure.number in html and f"{pilot.measure.progress}" in html
    assert {p.decision for p in models.Pilot.objects.all()} & {"continue", "scale", "stop"}


@pytest.mark.django_db
def test_staff_edit_intents_and_the_counselling_model_decision_makers_only_read(ds_demo, staff_user, decision_maker):
    intent = models.ChatIntent.objects.get(code="danger-to-life")
    segment = models.CounsellingSegment.objects.first()
    requirement = models.SystemRequirement.objects.first()
    urls = [
        reverse("digital_services:intent-edit", args=[intent.pk]),
        reverse("digital_services:segment-edit", args=[segment.pk]),
        reverse("digital_services:requirement-edit", args=[requirement.pk]),
    ]
    dm = _login(decision_maker)
    for url in urls:
        assert dm.get(url).status_code == 404, url
    for name in ("intent-create", "segment-create", "requirement-create", "contact-create"):
        assert dm.get(reverse(f"digital_services:{name}")).status_code == 403, name
    assert dm.get(reverse("digital_services:intent-list")).status_code == 200
    staff = _login(staff_user)
    for url in urls:
        assert staff.get(url).status_code == 200, url
    before = ChangeLog.objects.count()
    response = staff.post(
        urls[0],
        {
            "code": intent.code,
            "escalation": 3,
            "priority": intent.priority,
            "patterns_fi": intent.patterns_fi + "\nen jaksa elää",
            "patterns_sv": intent.patterns_sv,
            "patterns_en": intent.patterns_en,
            "answer_fi": intent.answer_fi,
            "answer_sv": intent.answer_sv,
            "answer_en": intent.answer_en,
            "contacts": [c.pk for c in intent.contacts.all()],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert ChangeLog.objects.count() == before + 1
    reply = services.answer_chat_message("en jaksa elää enää", language="fi", unmatched_before=0)
    assert reply.code == "danger-to-life"
    bad = staff.post(
        urls[0], {"code": intent.code, "escalation": 4, "answer_fi": "x", "answer_sv": "x", "answer_en": "x"}
    )
    assert bad.status_code == 400 and "escalation" in bad.context["form"].errors


@pytest.mark.django_db
def test_segment_history_from_a_published_provider(ds_demo, staff_user, decision_maker):
    segment = models.CounsellingSegment.objects.get(code="ikaantyneet")
    calls = []

    def fake_indicator_bank(*, indicator):
        calls.append(indicator)
        return [{"year": 2018, "value": 24000}, {"year": 2019, "value": 24500}, {"year": 2020, "value": None}]

    providers.register("test.indicator_values", fake_indicator_bank)
    try:
        with pytest.raises(services.PermissionDenied):
            services.import_segment_history_from_provider(
                segment, provider_name="test.indicator_values", indicator="pop_75_plus", actor=decision_maker
            )
        count = services.import_segment_history_from_provider(
            segment, provider_name="test.indicator_values", indicator="pop_75_plus", actor=staff_user
        )
    finally:
        providers._REGISTRY.pop("test.indicator_values", None)
    assert (count, calls[-1]) == (2, "pop_75_plus")
    rows = {h.year: h for h in segment.history.filter(year__in=[2018, 2019, 2020])}
    assert sorted(rows) == [2018, 2019]
    assert (rows[2019].persons, rows[2019].source_kind, rows[2019].source) == (
        24500,
        "indicator_bank",
        "test.indicator_values:pop_75_plus",
    )
    with pytest.raises(services.ValidationError):
        services.import_segment_history_from_provider(
            segment, provider_name="no.such.provider", indicator="x", actor=staff_user
        )


@pytest.mark.django_db
def test_inclusion_beside_the_paper_volumes_of_a_chosen_month(reference_data, decision_maker):
    kuopio = Organisation.objects.get(code="297")
    models.OfflineRate.objects.create(
        min_age=75, max_age=89, rate_percent=Decimal("68"), source="Statistics Finland 2013", reference_year=2013
    )
    models.AgeStructure.objects.create(
        organisation=kuopio, year=2020, min_age=75, max_age=89, residents=10_000, source="test"
    )
    MonthlyFigureFactory(month=dt.date(2025, 1, 1), paper_letters=2500, messages_recipients=7500)
    MonthlyFigureFactory(month=dt.date(2025, 2, 1), paper_letters=1234, messages_recipients=100)
    client = _login(decision_maker)
    latest = client.get(reverse("digital_services:inclusion"))
    assert latest.context["month"] == dt.date(2025, 2, 1)
    [row] = latest.context["beside"]
    assert (row["estimate"], row["paper_letters"]) == (6800, 1234)
    chosen = client.get(reverse("digital_services:inclusion") + "?month=2025-01")
    assert chosen.status_code == 200 and chosen.context["month"] == dt.date(2025, 1, 1)
    [row] = chosen.context["beside"]
    assert (row["estimate"], row["paper_letters"], row["paperless_share"]) == (6800, 2500, Decimal("75.0"))
    assert re.search(r"6[,\s\xa0]?800", chosen.content.decode())
    assert client.get(reverse("digital_services:inclusion") + "?month=nonsense").status_code == 200


@pytest.mark.django_db
def test_upload_goes_through_the_safe_reader(steward_a, django_capture_on_commit_callbacks):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from portal.choices import JobStatus
    from portal.models import Job

    header = [
        "organisation",
        "month",
        "assessments_completed",
        "referred_to_booking",
        "messages_recipients",
        "paper_letters",
        "returns_to_paper",
        "virtual_contacts",
    ]
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    ws.append(["297", "2025-06", 10, 5, "=1+1", 2500, 0, 0])
    buffer = io.BytesIO()
    wb.save(buffer)
    client = _login(steward_a)

    def upload(name, body):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("digital_services:figure-upload"), {"file": SimpleUploadedFile(name, body)})
        return Job.objects.order_by("-pk").first()

    formula = upload("formula.xlsx", buffer.getvalue())
    assert formula.status == JobStatus.FAILED and "formula.xlsx" in formula.error and "E2" in formula.error
    header_only = upload("header.csv", (";".join(header) + "\n").encode())
    assert header_only.status == JobStatus.FAILED and "header.csv has no data rows" in header_only.error
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    ws.append(["297", dt.datetime(2025, 7, 1), 10.0, 5, 7500, 2500, 0, 0])  # a date cell and a float count
    buffer = io.BytesIO()
    wb.save(buffer)
    good = upload("dates.xlsx", buffer.getvalue())
    assert good.status == JobStatus.SUCCEEDED, good.error
    assert models.MonthlyFigure.objects.get().month == dt.date(2025, 7, 1)
