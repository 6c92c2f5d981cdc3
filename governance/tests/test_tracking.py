import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from conftest import client_for
from governance import services
from governance.models import MeasureBaseline, Milestone, ProgressRisk
from governance.tests.conftest import en
from portal.models import Measure, MeasureProgress


@pytest.mark.django_db
def test_progress_report_with_risks_in_the_browser(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        en("governance:progress-report", "1.1"),
        {
            "date": "2026-11-01",
            "percent": 45,
            "status": "at_risk",
            "note": "Työryhmät koottu.",
            "risk_1": "Kuntien resurssit",
            "level_1": "high",
            "mitigation_1": "Priorisointi ohjausryhmässä",
            "risk_2": "",
            "mitigation_2": "",
        },
    )
    assert response.status_code == 302
    entry = MeasureProgress.objects.get()
    assert (entry.measure.number, entry.date, entry.percent, entry.status) == (
        "1.1",
        dt.date(2026, 11, 1),
        45,
        "at_risk",
    )
    assert list(ProgressRisk.objects.values_list("description", "level", "mitigation")) == [
        ("Kuntien resurssit", "high", "Priorisointi ohjausryhmässä")
    ]
    measure = Measure.objects.get(number="1.1")
    assert (measure.progress, measure.status, measure.version) == (45, "at_risk", 2)


@pytest.mark.django_db
@pytest.mark.parametrize("percent", [-1, 101])
def test_percent_outside_0_100_is_refused_and_nothing_is_stored(client, staff_user, percent):
    client.force_login(staff_user)
    response = client.post(
        en("governance:progress-report", "1.1"),
        {"date": "2026-11-01", "percent": percent, "status": "on_track", "risk_1": "Riski"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["percent"] == ["Progress must be between 0 and 100."]
    response = client_for(staff_user).post(
        "/api/governance/progress-reports/",
        {"measure": "1.1", "percent": percent, "progress_status": "on_track", "risks": [{"description": "Riski"}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"percent": ["Progress must be between 0 and 100."]}
    with pytest.raises(ValidationError):
        services.submit_progress_report(
            Measure.objects.get(number="1.1"),
            percent=percent,
            status="on_track",
            note="",
            actor=staff_user,
            risks=[{"description": "Riski"}],
        )
    assert MeasureProgress.objects.count() == 0
    assert ProgressRisk.objects.count() == 0
    assert Measure.objects.get(number="1.1").version == 1


@pytest.mark.django_db
def test_risk_without_description_stores_nothing(staff_user):
    with pytest.raises(ValidationError) as info:
        services.submit_progress_report(
            Measure.objects.get(number="1.2"),
            percent=10,
            status="on_track",
            note="",
            actor=staff_user,
            risks=[{"description": "", "mitigation": "Jotain"}],
        )
    assert info.value.message_dict == {"risks": ["Risk 1 has a mitigation but no description."]}
    assert MeasureProgress.objects.count() == 0


@pytest.mark.django_db
def test_progress_report_api_and_permissions(staff_user, decision_maker):
    payload = {
        "measure": "2.1",
        "date": "2026-10-01",
        "percent": 30,
        "progress_status": "on_track",
        "note": "Koulutukset alkaneet.",
        "risks": [{"description": "Osallistujamäärä", "level": "low", "mitigation": "Etäosallistuminen"}],
    }
    assert (
        client_for(decision_maker).post("/api/governance/progress-reports/", payload, format="json").status_code == 403
    )
    assert MeasureProgress.objects.count() == 0
    response = client_for(staff_user).post("/api/governance/progress-reports/", payload, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["measure"], body["percent"], body["progress_status"]) == ("2.1", 30, "on_track")
    assert body["risks"] == [{"description": "Osallistujamäärä", "level": "low", "mitigation": "Etäosallistuminen"}]
    listing = client_for(decision_maker).get("/api/governance/progress-reports/?measure=2.1").json()
    assert listing["count"] == 1


@pytest.mark.django_db
def test_concurrent_measure_edits_answer_409_and_lose_nothing(staff_user, admin_user):
    """Two editors read version 1; the second save is refused with the current state and, after
    re-reading, both edits are present: nothing is overwritten silently."""
    first, second = client_for(staff_user), client_for(admin_user)
    url = "/api/portal/measures/1.3/"
    version_first = first.get(url).json()["version"]
    version_second = second.get(url).json()["version"]
    assert version_first == version_second == 1
    response = first.patch(url, {"responsible_person": "Viestintäpäällikkö", "version": version_first}, format="json")
    assert response.status_code == 200
    assert response.json()["version"] == 2
    response = second.patch(url, {"end_date": "2027-06-30", "version": version_second}, format="json")
    assert response.status_code == 409
    current = response.json()["current"]
    assert (current["version"], current["responsible_person"], current["end_date"]) == (2, "Viestintäpäällikkö", None)
    measure = Measure.objects.get(number="1.3")
    assert (measure.responsible_person, measure.end_date, measure.version) == ("Viestintäpäällikkö", None, 2)
    response = second.patch(url, {"end_date": "2027-06-30", "version": current["version"]}, format="json")
    assert response.status_code == 200
    measure.refresh_from_db()
    assert (measure.responsible_person, measure.end_date, measure.version) == (
        "Viestintäpäällikkö",
        dt.date(2027, 6, 30),
        3,
    )


@pytest.mark.django_db
def test_milestone_and_baseline_dates_are_checked(client, staff_user):
    client.force_login(staff_user)
    measure = Measure.objects.get(number="1.1")
    response = client.post(
        en("governance:baseline-create"),
        {"measure": measure.pk, "start_date": "2026-06-01", "end_date": "2026-05-31"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["end_date"] == ["The end date is before the start date."]
    assert MeasureBaseline.objects.count() == 0
    response = client.post(
        en("governance:milestone-create"),
        {"measure": measure.pk, "title": "Malli hyväksytty", "planned_date": "2026-12-15", "actual_date": ""},
    )
    assert response.status_code == 302
    assert list(Milestone.objects.values_list("title", "planned_date")) == [("Malli hyväksytty", dt.date(2026, 12, 15))]


@pytest.mark.django_db
def test_timeline_shows_all_measures_as_svg_and_table(
    client, decision_maker, staff_user, django_assert_max_num_queries
):
    for number in ("1.1", "3.4"):
        measure = Measure.objects.get(number=number)
        services.save_object(
            MeasureBaseline(measure=measure, start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31)),
            actor=staff_user,
        )
        services.save_object(
            Milestone(measure=measure, title=f"M {number}", planned_date=dt.date(2026, 6, 1)), actor=staff_user
        )
    client.force_login(decision_maker)
    with django_assert_max_num_queries(12):
        response = client.get(en("governance:timeline"))
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "aria-labelledby" in svg
    assert svg.count('stroke-dasharray="4 2"') == 3  # two baselines and the legend
    rows = response.context["rows"]
    assert len(rows) == 16
    assert [r.measure.number for r in rows][:3] == ["1.1", "1.2", "1.3"]
    for row in rows:
        assert f'href="/en/measures/{row.measure.number}/"' in html
    assert "Report progress of" not in html  # decision-makers read only


@pytest.mark.django_db
def test_progress_report_page_is_for_programme_staff_only(client, decision_maker):
    response = client.get(en("governance:progress-report", "1.1"))
    assert response.status_code == 302
    client.force_login(decision_maker)
    assert client.get(en("governance:progress-report", "1.1")).status_code == 403
    response = client.post(
        en("governance:progress-report", "1.1"), {"date": "2026-11-01", "percent": 5, "status": "late"}
    )
    assert response.status_code == 403
    assert MeasureProgress.objects.count() == 0
