"""The personal-data register, retention jobs, the data report and erasure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client
from django.utils import timezone

from conftest import make_user
from portal import audit, roles
from portal.identity.models import AuthEvent
from portal.identity.services import issue_token, record_event
from portal.models import AccessLog, ChangeLog, Job, Measure
from portal.notifications.services import notify
from portal.privacy import register, retention, services

pytestmark = pytest.mark.django_db


# --- the register --------------------------------------------------------------------------------


def test_every_field_that_looks_personal_is_in_the_register():
    assert register.unregistered_fields() == []
    assert register.stale_entries() == []


def test_a_new_personal_field_would_be_caught():
    """A model with a user link, an e-mail and a name that nobody registered fails the check."""
    from django.apps import apps

    class Forgotten(models.Model):  # noqa: DJ008
        owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)
        contact_email = models.EmailField()
        person_name = models.CharField(max_length=100)
        amount = models.IntegerField()

        class Meta:
            app_label = "privacy"

    try:  # defining the class registered it with the app registry
        assert register.unregistered_fields() == [
            "privacy.forgotten.owner",
            "privacy.forgotten.contact_email",
            "privacy.forgotten.person_name",
        ]
        register.declare("privacy.forgotten", {"text": register.Entry(register.FREE, register.WORK)}, confidential=True)
        assert "privacy.forgotten.owner" in register.unregistered_fields()
    finally:
        register.REGISTER.pop("privacy.forgotten", None)
        register.CONFIDENTIAL_MODELS.discard("privacy.forgotten")
        apps.all_models["privacy"].pop("forgotten", None)
        apps.clear_cache()


def test_register_page_lists_fields_by_their_labels(staff_user):
    client = Client()
    client.force_login(staff_user)
    html = client.get("/fi/privacy/register/").content.decode()
    assert "Sähköpostiosoite" in html and "Lakisääteinen velvoite" in html
    assert "contact_email" not in html  # labels, not field names
    # retention in days, never a setting's name
    assert "RETENTION_" not in html and "ACCOUNT_INACTIVE" not in html
    assert "730 päivää, sitten poistetaan" in html
    sv = client.get("/sv/privacy/register/").content.decode()
    assert "Lästa aviseringar 365 dagar, sedan raderas" in sv and "RETENTION_" not in sv
    assert len(register.register_rows()) == sum(len(f) for f in register.REGISTER.values())


# --- retention ----------------------------------------------------------------------------------


def _age(model, pk, days: int, field: str = "timestamp"):
    model.objects.filter(pk=pk).update(**{field: timezone.now() - dt.timedelta(days=days)})


def test_retention_job_pseudonymises_and_deletes_past_period_and_a_second_run_changes_nothing(
    staff_user, settings, django_capture_on_commit_callbacks
):
    settings.RETENTION_ACCESS_LOG_DAYS = 100
    settings.ACCOUNT_INACTIVE_DAYS = 100
    measure = Measure.objects.get(number="3.4")
    audit.log_access(measure, user=staff_user, purpose="old")
    audit.log_access(measure, user=staff_user, purpose="new")
    old, new = AccessLog.objects.order_by("id")
    _age(AccessLog, old.pk, 101)
    _age(AccessLog, new.pk, 99)
    sleeper = make_user("sleeper")
    get_user_model().objects.filter(pk=sleeper.pk).update(last_login=timezone.now() - dt.timedelta(days=101))
    never = make_user("never-used")
    get_user_model().objects.filter(pk=never.pk).update(date_joined=timezone.now() - dt.timedelta(days=200))
    record_event("login", username="staff", user=staff_user)
    _age(AuthEvent, AuthEvent.objects.get().pk, settings.RETENTION_AUTH_EVENT_DAYS + 1)

    from portal.privacy.tasks import run_retention

    with django_capture_on_commit_callbacks(execute=True):
        first_id = run_retention.delay().get()
    first = Job.objects.get(pk=first_id)
    assert first.status == "succeeded"
    counts = first.output_ref["counts"]
    assert (counts["access_log"], counts["inactive_accounts"], counts["auth_events"]) == (1, 2, 1)
    assert list(AccessLog.objects.values_list("purpose", flat=True)) == ["new"]
    assert sorted(get_user_model().objects.filter(is_active=False).values_list("username", flat=True)) == [
        "never-used",
        "sleeper",
    ]
    assert staff_user.__class__.objects.get(pk=staff_user.pk).is_active  # fixtures' accounts are new

    with django_capture_on_commit_callbacks(execute=True):
        second_id = run_retention.delay().get()
    second = Job.objects.get(pk=second_id)
    assert second.output_ref["changed"] == 0
    assert set(second.output_ref["counts"].values()) == {0}


def test_closed_deviation_reports_free_text_is_pseudonymised_once(reference_data, settings):
    from supervision.models import DeviationReport
    from supervision.retention import REMOVED
    from supervision.tests.factories import UnitFactory

    unit = UnitFactory(code="u1", name="Yksikkö")
    closed_old = DeviationReport.objects.create(
        unit=unit,
        text="Asiakas X kaatui",
        reporter_name="Liisa",
        reporter_contact="040",
        status="closed",
        findings="ok",
    )
    closed_new = DeviationReport.objects.create(unit=unit, text="Tuore", status="closed", findings="ok")
    open_old = DeviationReport.objects.create(unit=unit, text="Avoin", reporter_name="Pekka")
    long_ago = timezone.now() - dt.timedelta(days=settings.RETENTION_DEVIATION_TEXT_DAYS + 1)
    DeviationReport.objects.filter(pk__in=[closed_old.pk, open_old.pk]).update(status_changed_at=long_ago)

    assert retention.run_all()["supervision_deviation_reports"] == 1
    closed_old.refresh_from_db()
    assert (closed_old.text, closed_old.findings, closed_old.reporter_name, closed_old.reporter_contact) == (
        REMOVED,
        REMOVED,
        "",
        "",
    )
    assert DeviationReport.objects.get(pk=closed_new.pk).text == "Tuore"
    assert DeviationReport.objects.get(pk=open_old.pk).reporter_name == "Pekka"
    assert retention.run_all()["supervision_deviation_reports"] == 0


def test_an_app_can_register_its_own_retention_handler():
    calls = []
    retention.register_handler("test_plugin", "Test", lambda now: calls.append(now) or 0)
    try:
        assert retention.run_all()["test_plugin"] == 0 and len(calls) == 1
    finally:
        retention._handlers.pop("test_plugin")


# --- data report and erasure ------------------------------------------------------------------


@pytest.fixture
def departed(reference_data, django_capture_on_commit_callbacks):
    person = make_user("maija", roles.PROGRAMME_STAFF)
    person.first_name, person.last_name = "Maija", "Meikäläinen"
    person.save()
    token = audit.set_context(user=person, source="ui")
    try:
        measure = Measure.objects.get(number="3.4")
        measure.status = "at_risk"
        measure.save()
    finally:
        audit.reset_context(token)
    issue_token(user=person, name="skripti", actor=person)
    notify([person], kind="decision_recorded", subject_params={"title": "x"})
    record_event("login", username="maija", user=person)
    return person


def test_data_report_pdf_for_staff_lists_the_account_actions_and_reads(departed, admin_user):
    reader = make_user("reader")
    audit.log_access(departed, user=reader, purpose="case handling")
    client = Client()
    client.force_login(admin_user)
    response = client.get(f"/fi/privacy/people/{departed.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from portal.privacy.reports import data_report_html
    from portal.privacy.selectors import person_data

    for language, role, heading in (
        ("fi", "Ohjelman valmistelijat", "Henkilötietoraportti: Maija Meikäläinen"),
        ("sv", "Programpersonal", "Rapport om personuppgifter: Maija Meikäläinen"),
    ):
        html = data_report_html(departed, language=language, by=admin_user)
        assert heading in html and role in html and "programme_staff" not in html
        assert 'class="key-figures"' in html  # the shared PDF layout (templates/pdf/base.html)

    data = person_data(departed)
    assert [c.object_repr for c in data["changes"]][:1] == [str(Measure.objects.get(number="3.4"))]
    assert [(r.actor_repr, r.purpose) for r in data["reads"]][-1] == ("reader", "case handling")
    assert [t.name for t in data["tokens"]] == ["skripti"]
    # the report itself is a read of the person's data
    assert (
        AccessLog.objects.filter(
            content_type=ContentType.objects.get_for_model(departed), object_id=str(departed.pk), actor=admin_user
        ).count()
        == 1
    )


def test_data_report_and_erasure_are_for_administrators_only(departed, staff_user):
    client = Client()
    client.force_login(staff_user)
    assert client.get(f"/fi/privacy/people/{departed.pk}/report.pdf").status_code == 403
    departed.is_active = False
    departed.save()
    assert client.post(f"/fi/privacy/people/{departed.pk}/erase/").status_code == 403
    assert get_user_model().objects.get(pk=departed.pk).username == "maija"


def test_erasure_refuses_an_active_account_and_changes_nothing(departed, admin_user):
    with pytest.raises(services.ErasureRefused):
        services.erase_account(departed, actor=admin_user)
    departed.refresh_from_db()
    assert (departed.username, departed.email) == ("maija", "maija@test.invalid")


def test_erasure_keeps_the_audit_trail_with_a_pseudonymous_actor(departed, admin_user):
    departed.is_active = False
    departed.save()
    change = ChangeLog.objects.get(actor=departed)
    client = Client()
    client.force_login(admin_user)
    response = client.post(f"/fi/privacy/people/{departed.pk}/erase/")
    assert response.status_code == 302
    person = get_user_model().objects.get(pk=departed.pk)
    assert (person.username, person.first_name, person.last_name, person.email) == (f"erased-{person.pk}", "", "", "")
    assert not person.has_usable_password() and not person.groups.exists()
    change.refresh_from_db()
    assert (change.actor_id, change.actor_repr, change.after["status"]) == (person.pk, f"erased-{person.pk}", "at_risk")
    assert set(AuthEvent.objects.filter(user=person).values_list("username", flat=True)) == {f"erased-{person.pk}"}
    assert (person.api_tokens.count(), person.notifications.count()) == (0, 0)
    # nothing of the name is left in the rows that pointed to the account
    for model, field in register.user_link_fields():
        for row in model._default_manager.filter(**{field: person}).values():
            assert "maija" not in str(row).lower()


def test_retention_runs_nightly_in_beat_as_an_administrators_job(
    admin_user, staff_user, django_capture_on_commit_callbacks
):
    from django.conf import settings

    from portal import job_kinds
    from portal.celery import app
    from portal.privacy.tasks import RETENTION_JOB, run_retention

    entry = settings.CELERY_BEAT_SCHEDULE["privacy-retention"]
    assert entry["task"] == "portal.privacy.tasks.run_retention" and entry["task"] in app.tasks
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {15})
    with django_capture_on_commit_callbacks(execute=True):
        job_id = run_retention.delay().get()
    job = Job.objects.get(pk=job_id)
    assert job.kind == RETENTION_JOB and job.status == "succeeded"
    assert set(job.output_ref["counts"]) >= {"access_log", "auth_events", "notifications", "inactive_accounts"}
    kind = job_kinds.get(RETENTION_JOB)
    assert Job.objects.visible_to(admin_user).filter(pk=job.pk).exists()
    assert not Job.objects.visible_to(staff_user).filter(pk=job.pk).exists()
    assert str(kind.label) == "Henkilötietojen poisto säilytysajan päätyttyä"
