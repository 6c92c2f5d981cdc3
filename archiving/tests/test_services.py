"""Verbs: rights and bad input. Each refusal gives a clear message and stores nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from archiving import services
from archiving.models import AccessRequest, ArchivingPlan, DataContent, DestructionList, PlanItem, RetentionSimulation
from archiving.selectors import person_access_report, plan_cost
from archiving.tests.factories import AccessRequestFactory, DataContentFactory, PlanFactory
from portal.errors import ConflictError
from portal.models import AccessLog, ChangeLog, Job

HEADER = "record_id,record_type,birth_date,death_date,case_closed_date,created_date\n"


def csv_upload(body: str, name: str = "extract.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + body).encode(), content_type="text/csv")


def counts():
    return (RetentionSimulation.objects.count(), Job.objects.count(), ChangeLog.objects.count())


@pytest.mark.django_db
def test_kanta_disposition_refused_for_imaging_logs_and_administration(system_a, steward_a):
    for domain in ("imaging", "logs", "administration"):
        content = DataContent(
            system=system_a,
            title="x",
            domain=domain,
            first_year=2000,
            last_year=2010,
            publicity="confidential",
            personal_data="personal",
            disposition="kanta_patient",
        )
        with pytest.raises(ValidationError) as exc:
            services.save_content(content, actor=steward_a)
        assert "cannot go to Kanta" in exc.value.message_dict["disposition"][0]
    assert DataContent.objects.count() == 0


@pytest.mark.django_db
def test_steward_saves_own_organisations_content_only(system_a, system_b, steward_a):
    content = DataContentFactory.build(system=system_a)
    services.save_content(content, actor=steward_a)
    assert DataContent.objects.filter(system=system_a).count() == 1
    before = ChangeLog.objects.count()
    with pytest.raises(PermissionDenied):
        services.save_content(DataContentFactory.build(system=system_b), actor=steward_a)
    assert DataContent.objects.filter(system=system_b).count() == 0 and ChangeLog.objects.count() == before


@pytest.mark.django_db
def test_years_in_the_future_refused(system_a, steward_a):
    content = DataContentFactory.build(system=system_a, last_year=dt.date.today().year + 1)
    with pytest.raises(ValidationError) as exc:
        services.save_content(content, actor=steward_a)
    assert "future" in exc.value.message_dict["last_year"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "r1,patient-main,1950-01-17,,,2000-01-01\nr2,no-such-rule,1950-01-17,,,2000-01-01\n",
            "extract.csv, rows 3, column record_type: unknown retention rule 'no-such-rule'",
        ),
        (
            "r1,patient-main,1950-01-17,2999-01-01,,2000-01-01\n",
            "extract.csv, rows 2, column death_date: the date 2999-01-01 is in the future",
        ),
        (
            "r1,patient-main,1950-01-17,1940-01-01,,2000-01-01\n",
            "extract.csv, rows 2, column death_date: the death date is before the birth date.",
        ),
        (
            "r1,patient-main,17.1.1950,,,2000-01-01\n",
            "extract.csv, rows 2, column birth_date: '17.1.1950' is not a date. Expected YYYY-MM-DD.",
        ),
    ],
)
def test_bad_extract_refused_with_row_and_column_and_nothing_stored(system_a, steward_a, body, expected):
    before = counts()
    with pytest.raises(ValidationError) as exc:
        services.start_simulation(system=system_a, upload=csv_upload(body), actor=steward_a)
    assert expected in exc.value.message_dict["upload"][0]
    assert counts() == before


@pytest.mark.django_db
def test_identity_code_column_refused_with_the_column_named(system_a, steward_a):
    # 131052-308T is the check-character example of the identity-code rule (valid check character).
    body = "r1,patient-main,1952-10-13,,,2000-01-01\nr2,patient-main,1950-01-17,,,2000-01-01\n"
    upload = SimpleUploadedFile(
        "x.csv",
        (
            "record_id,record_type,birth_date,death_date,case_closed_date,created_date,henkilo\n"
            + body.replace("\n", ",131052-308T\n", 1).replace("2000-01-01\n", "2000-01-01,\n")
        ).encode(),
        content_type="text/csv",
    )
    before = counts()
    with pytest.raises(ValidationError) as exc:
        services.start_simulation(system=system_a, upload=upload, actor=steward_a)
    message = exc.value.message_dict["upload"][0]
    assert "column henkilo holds Finnish personal identity codes (rows 2)" in message
    assert counts() == before


@pytest.mark.django_db
def test_a_wrong_check_character_is_not_an_identity_code(system_a, steward_a, django_capture_on_commit_callbacks):
    upload = csv_upload("131052-308X,patient-main,1950-01-17,,,2000-01-01\n")
    with django_capture_on_commit_callbacks(execute=True):
        simulation = services.start_simulation(system=system_a, upload=upload, actor=steward_a)
    simulation.refresh_from_db()
    assert simulation.record_count == 1


@pytest.mark.django_db
def test_other_organisations_steward_cannot_simulate(system_b, steward_a):
    before = counts()
    with pytest.raises(PermissionDenied):
        services.start_simulation(
            system=system_b, upload=csv_upload("r1,patient-main,1950-01-17,,,2000-01-01\n"), actor=steward_a
        )
    assert counts() == before


@pytest.mark.django_db
def test_destruction_list_for_a_year_not_simulated_is_refused(system_a, steward_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        simulation = services.start_simulation(
            system=system_a,
            upload=csv_upload("r1,patient-main,1940-02-03,2010-03-15,,2000-01-01\n"),
            actor=steward_a,
            as_of=dt.date(2026, 1, 1),
        )
    simulation.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.create_destruction_list(simulation=simulation, year=1990, actor=steward_a)
    assert "has not been simulated" in exc.value.message_dict["year"][0]
    assert DestructionList.objects.count() == 0


@pytest.mark.django_db
def test_plan_cost_exact_case_and_approved_plan_frozen(system_a, system_b, staff_user, archivist, steward_a):
    plan = services.save_plan(PlanFactory.build(), actor=staff_user)
    for system in (system_a, system_b):
        services.save_plan_item(
            PlanItem(plan=plan, system=system, method="regional_archive", target_date=dt.date(2027, 1, 1)),
            actor=staff_user,
        )
    cost = plan_cost(plan)
    assert (cost.annual_saving_cents, cost.break_even_month, cost.net_cents) == (17_000_000, 11, 70_000_000)
    with pytest.raises(PermissionDenied):
        services.approve_plan(plan, actor=staff_user)
    services.approve_plan(plan, actor=archivist)
    plan.refresh_from_db()
    plan.title = "Changed"
    before = ChangeLog.objects.count()
    with pytest.raises(ConflictError, match="approved and is frozen"):
        services.save_plan(plan, actor=staff_user)
    with pytest.raises(ConflictError):
        services.save_plan_item(
            PlanItem(plan=plan, system=system_a, method="destroy", target_date=dt.date(2027, 1, 1)), actor=staff_user
        )
    assert ArchivingPlan.objects.get(pk=plan.pk).title == "Plan" and ChangeLog.objects.count() == before
    draft = services.new_plan_version(plan, actor=staff_user)
    assert (draft.version, draft.status, draft.items.count()) == (2, "draft", 2)


@pytest.mark.django_db
def test_access_request_workflow_logs_and_person_report(system_a, professional, archivist, staff_user):
    request = services.request_access(AccessRequestFactory.build(system=system_a), actor=professional)
    assert request.status == "pending"
    with pytest.raises(PermissionDenied):
        services.decide_access_request(request, approve=True, actor=professional)
    with pytest.raises(ValidationError):
        services.decide_access_request(request, approve=False, note=" ", actor=archivist)
    approved = services.decide_access_request(request, approve=True, note="ok", actor=archivist)
    with pytest.raises(ConflictError):
        services.decide_access_request(approved, approve=False, note="no", actor=archivist)
    services.read_archived_data(approved, actor=professional)
    rows = person_access_report("P-0001")
    assert [(r["reader"], r["system"]) for r in rows] == [("professional-t", system_a.name)]
    assert rows[0]["purpose"].startswith("Archived data read: Continuity of care")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"care_relationship": False}, "care_relationship", "requires a care or client relationship"),
        ({"purpose": "x"}, "purpose", "Describe the purpose"),
        ({"subject_ref": "131052-308T"}, "subject_ref", "not a personal identity code"),
        ({"domain": "logs"}, "domain", "No access rule"),
        ({"period_end": dt.date(2000, 1, 1)}, "period_end", "cannot be before its start"),
    ],
)
def test_bad_access_requests_refused(system_a, professional, changes, field, text):
    with pytest.raises(ValidationError) as exc:
        services.request_access(AccessRequestFactory.build(system=system_a, **changes), actor=professional)
    assert text in exc.value.message_dict[field][0]
    assert AccessRequest.objects.count() == 0


@pytest.mark.django_db
def test_a_service_tasks_own_access_rule_applies_before_the_domains(system_a, professional):
    """Issue 12 point 6: access rules by service task. Child welfare asks a care relationship even
    where the rest of social welfare would not; a task without a rule of its own gets the domain's."""
    from archiving.models import AccessRule

    AccessRule.objects.filter(role="professional", domain="social", service_task="").update(
        care_relationship_required=False
    )
    AccessRule.objects.create(
        role="professional",
        domain="social",
        service_task="Lastensuojelun palvelutehtävä",
        care_relationship_required=True,
        purpose_required=True,
    )
    child_welfare = AccessRequestFactory.build(
        system=system_a, domain="social", service_task="Lastensuojelun palvelutehtävä", care_relationship=False
    )
    with pytest.raises(ValidationError) as exc:
        services.request_access(child_welfare, actor=professional)
    assert "care or client relationship" in exc.value.message_dict["care_relationship"][0]
    elderly = AccessRequestFactory.build(
        system=system_a, domain="social", service_task="Iäkkäiden palvelutehtävä", care_relationship=False
    )
    assert services.request_access(elderly, actor=professional).pk is not None
    assert services.access_rule_for(elderly).service_task == ""
    assert AccessRequest.objects.count() == 1


@pytest.mark.django_db
def test_only_professionals_request_access(system_a, steward_a):
    with pytest.raises(PermissionDenied):
        services.request_access(AccessRequestFactory.build(system=system_a), actor=steward_a)
    assert AccessRequest.objects.count() == 0 and AccessLog.objects.count() == 0


def xlsx_upload(rows: list[list], name: str = "ote.xlsx") -> SimpleUploadedFile:
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(
        name, buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


@pytest.mark.django_db
def test_identity_code_column_in_xlsx_refused_with_the_column_named(system_a, steward_a):
    header = [*HEADER.strip().split(","), "hetu"]
    upload = xlsx_upload(
        [
            header,
            ["r1", "patient-main", "1950-01-17", None, None, "2000-01-01", None],
            ["r2", "patient-main", "1952-10-13", None, None, "2000-01-01", "131052-308T"],
        ]
    )
    before = counts()
    with pytest.raises(ValidationError) as exc:
        services.start_simulation(system=system_a, upload=upload, actor=steward_a)
    assert "ote.xlsx, column hetu holds Finnish personal identity codes (rows 3)" in exc.value.message_dict["upload"][0]
    assert counts() == before


@pytest.mark.django_db
def test_xlsx_extract_is_simulated_like_a_csv(system_a, steward_a, django_capture_on_commit_callbacks):
    upload = xlsx_upload(
        [
            HEADER.strip().split(","),
            ["a2", "patient-main", "1940-02-03", "2010-03-15", None, "2000-01-01"],
            ["a3", "patient-main", "1950-01-17", None, None, "2000-01-01"],
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        simulation = services.start_simulation(
            system=system_a, upload=upload, actor=steward_a, as_of=dt.date(2026, 1, 1)
        )
    simulation.refresh_from_db()
    years = {row["year"]: row["destroyable"] for row in simulation.result["years"]}
    assert simulation.record_count == 2 and years[2022] == 1 and years[2070] == 1


@pytest.mark.django_db
def test_extract_without_the_expected_columns_or_rows_is_refused(system_a, steward_a):
    before = counts()
    upload = SimpleUploadedFile("x.csv", b"record_id,record_type\nr1,patient-main\n", content_type="text/csv")
    with pytest.raises(ValidationError) as exc:
        services.start_simulation(system=system_a, upload=upload, actor=steward_a)
    assert "x.csv lacks the columns birth_date, death_date, case_closed_date, created_date" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.start_simulation(system=system_a, upload=csv_upload(""), actor=steward_a)
    assert "extract.csv has no rows" in str(exc.value)
    assert counts() == before


def test_the_engine_refuses_dates_in_the_future():
    from archiving.retention import RetentionError, check_dates

    with pytest.raises(RetentionError, match="date in the future"):
        check_dates(birth=dt.date(1950, 1, 1), death=None, others=[dt.date(2999, 1, 1)], as_of=dt.date(2026, 1, 1))


@pytest.mark.django_db
def test_requirements_get_the_next_free_code_and_stay_editable(rules, staff_user):
    from archiving.models import Requirement

    assert Requirement.objects.count() == 14
    new = services.save_requirement(
        Requirement(category="logging", priority="must", text_fi="a", text_sv="b", text_en="c"), actor=staff_user
    )
    assert new.code == "ARK-015"
    new.text_en = "Every read is logged with its purpose."
    services.save_requirement(new, actor=staff_user)
    assert Requirement.objects.get(code="ARK-015").text_en.startswith("Every read")


@pytest.mark.django_db
def test_unknown_retention_rule_on_a_content_is_refused_in_the_api(system_a, steward_a, rules):
    from conftest import client_for

    response = client_for(steward_a).post(
        "/api/archiving/data-contents/",
        {
            "system": system_a.code,
            "title": "Kertomukset",
            "domain": "patient",
            "first_year": 2000,
            "last_year": 2010,
            "retention_rule": "no-such-rule",
            "publicity": "confidential",
            "personal_data": "special",
            "disposition": "kanta_patient",
        },
        format="json",
    )
    assert response.status_code == 400 and "retention_rule" in response.json()
    assert DataContent.objects.count() == 0


@pytest.mark.django_db
def test_the_request_form_offers_the_service_tasks_and_stores_the_chosen_one(client, system_a, professional):
    from django.urls import reverse

    client.force_login(professional)
    url = reverse("archiving:request-create")
    page = client.get(url).content.decode()
    assert '<option value="Lastensuojelun palvelutehtävä">' in page and 'name="service_task"' in page
    today = dt.date.today()
    response = client.post(
        url,
        {
            "system": system_a.pk,
            "domain": "social",
            "service_task": "Iäkkäiden palvelutehtävä",
            "subject_ref": "A-77",
            "purpose": "Asiakkaan aiempien palvelupäätösten selvittäminen.",
            "care_relationship": "on",
            "period_start": today.isoformat(),
            "period_end": (today + dt.timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert AccessRequest.objects.get().service_task == "Iäkkäiden palvelutehtävä"
    assert client.post(url, {"system": system_a.pk, "domain": "social", "service_task": "<script>"}).status_code == 400
