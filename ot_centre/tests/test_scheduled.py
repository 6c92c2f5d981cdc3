"""Hourly reminders (one per case and kind, idempotent) and redaction after closing."""

import datetime as dt

import pytest
from django.core import mail

from ot_centre import services, tasks
from ot_centre.deadlines import HELSINKI
from ot_centre.models import CaseMessage, ReminderSent


@pytest.mark.django_db
def test_reminders_once_per_case_and_kind(submit, coordinator, django_capture_on_commit_callbacks):
    coordinator.email = "coord@test.invalid"
    coordinator.save()
    case = submit()
    early = dt.datetime(2025, 3, 10, 9, 0, tzinfo=HELSINKI)  # acknowledgement due 11.3 10:00, reminder 4 h before
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders(now=early) == 0
    late = dt.datetime(2025, 3, 14, 12, 0, tzinfo=HELSINKI)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders(now=late) == 2
    assert sorted(ReminderSent.objects.filter(request=case).values_list("kind", flat=True)) == ["acknowledge", "answer"]
    sent = len(mail.outbox)
    assert sent == 2 and all(case.case_code in m.body and "neuropsykiatrinen" not in m.body for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders(now=late) == 0
        assert services.send_due_reminders(now=late + dt.timedelta(hours=1)) == 0
    assert len(mail.outbox) == sent and ReminderSent.objects.count() == 2


@pytest.mark.django_db
def test_beat_task_is_scheduled_hourly_and_runs():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["ot-centre-deadline-reminders"]
    assert entry["task"] == "ot_centre.tasks.send_deadline_reminders"
    assert entry["schedule"].minute == {5} and len(entry["schedule"].hour) == 24
    assert tasks.send_deadline_reminders.apply().get() == 0


@pytest.mark.django_db
def test_redaction_replaces_free_text_and_keeps_statistics(assigned_case, requester, assigned_expert, coordinator):
    services.post_message(assigned_case, actor=requester, body="Perheen tilanne on vaikea.")
    services.record_conference(
        assigned_case,
        actor=assigned_expert.user,
        held_on=dt.date(2025, 3, 12),
        attendees="sosiaalityö",
        statement="Lausunto",
    )
    case = services.answer_request(
        assigned_case, actor=assigned_expert.user, answer="Vastaus", now=dt.datetime(2025, 3, 12, 9, tzinfo=HELSINKI)
    )
    closed_at = dt.datetime(2025, 3, 13, 9, tzinfo=HELSINKI)
    case = services.close_request(
        case,
        actor=requester,
        survey={"usefulness": 4, "plan_changed": False, "referral_avoided": True, "identity_needed": False},
        now=closed_at,
    )
    assert case.redaction_due == closed_at + dt.timedelta(days=90)
    assert services.redact_due_requests(now=closed_at + dt.timedelta(days=89)) == 0
    assert services.redact_due_requests(now=closed_at + dt.timedelta(days=90)) == 1
    case.refresh_from_db()
    summary = "[neuropsychiatric | 7-12 | kshva | normal | anonymous]"
    assert (case.question, case.answer, case.triage_note) == (summary, summary, "")
    assert list(CaseMessage.objects.filter(request=case).values_list("body", flat=True)) == [summary]
    assert case.conference.statement == summary and case.conference.attendees == ""
    assert case.survey.usefulness == 4 and case.answered_at is not None  # statistics stay
    assert services.redact_due_requests(now=closed_at + dt.timedelta(days=200)) == 0


@pytest.mark.django_db
def test_case_page_says_when_redaction_happens(assigned_case, coordinator):
    from django.test import Client

    from conftest import PASSWORD

    services.close_request(assigned_case, actor=coordinator, now=dt.datetime(2025, 3, 13, 9, tzinfo=HELSINKI))
    client = Client()
    client.login(username=coordinator.username, password=PASSWORD)
    html = client.get(assigned_case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "11.6.2025" in html  # closed 13.3. + 90 days (Finnish page)


@pytest.mark.django_db
def test_redaction_is_part_of_the_portal_retention_run_and_the_daily_task(assigned_case, coordinator):
    from portal.privacy import retention

    closed_at = dt.datetime(2025, 3, 13, 9, tzinfo=HELSINKI)
    services.close_request(assigned_case, actor=coordinator, now=closed_at)
    counts = retention.run_all(now=closed_at + dt.timedelta(days=90))
    assert counts["ot_centre_closed_consultations"] == 1
    assigned_case.refresh_from_db()
    assert assigned_case.redacted_at is not None and "neuropsykiatrinen" not in assigned_case.question
    assert tasks.redact_closed_cases.apply().get() == 0  # already redacted: nothing to do
