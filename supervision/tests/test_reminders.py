"""Contract end and option-date reminders by e-mail: the scheduled task and the command send each once."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from conftest import make_user
from portal import roles
from supervision import services, tasks
from supervision.models import Contract, ContractReminderSent, SupervisorAssignment
from supervision.tests.factories import UnitFactory

D = dt.date


@pytest.fixture
def contracts(organiser, other_organiser, assigned_supervisor, other_supervisor):
    """K-1 (option in 10 days, ends in 40) and K-2 (ends in 200 days, outside 90) of pshva; K-3 of eshva
    ends in 20 days. pshva has two assigned supervisors, one of them also with an ended assignment."""
    unit = UnitFactory(code="yksikko", name="Yksikkö")
    today = timezone.localdate()
    second = make_user("supervisor-pshva-2", roles.SUPERVISOR)
    SupervisorAssignment.objects.create(user=second, organiser=organiser)
    ended = make_user("supervisor-ended", roles.SUPERVISOR)
    SupervisorAssignment.objects.create(
        user=ended, organiser=organiser, valid_from=D(2020, 1, 1), valid_to=today - dt.timedelta(days=1)
    )
    common = {"producer": unit.producer, "valid_from": D(2023, 1, 1)}
    k1 = Contract.objects.create(
        number="K-1",
        title="Hoiva",
        organiser=organiser,
        valid_to=today + dt.timedelta(days=40),
        option_decision_date=today + dt.timedelta(days=10),
        **common,
    )
    Contract.objects.create(
        number="K-2", title="Kaukana", organiser=organiser, valid_to=today + dt.timedelta(days=200), **common
    )
    k3 = Contract.objects.create(
        number="K-3", title="Muu", organiser=other_organiser, valid_to=today + dt.timedelta(days=20), **common
    )
    return k1, k3


def _fi(msgid: str) -> str:
    with translation.override("fi"):
        return gettext(msgid)


def _line(kind: str, date: dt.date, contract: Contract) -> str:
    msgid = "%(date)s option decision: %(contract)s" if kind == "option" else "%(date)s ends: %(contract)s"
    return _fi(msgid) % {"date": date.isoformat(), "contract": contract}


def _messages():
    """(to, subject, the lines of the message); the rest of the body is the frame's link and footer."""
    return sorted((m.to, m.subject, m.body.split("\n\n")[0]) for m in mail.outbox)


@pytest.fixture
def run_task(django_capture_on_commit_callbacks):
    """Run the daily task and the e-mails the notification frame queues after commit."""

    def run() -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.send_contract_reminders.delay().get()

    return run


def test_task_sends_each_reminder_once_and_a_second_run_sends_nothing(contracts, run_task):
    k1, k3 = contracts
    k1_body = "\n".join([_line("option", k1.option_decision_date, k1), _line("expiry", k1.valid_to, k1)])
    subject = _fi("Contract reminders")
    assert subject == "Sopimusmuistutukset"

    task = tasks.send_contract_reminders
    assert (task.name, task.acks_late) == ("supervision.tasks.send_contract_reminders", True)  # beat entry
    assert run_task() == 3

    assert _messages() == [
        (["supervisor-eshva@test.invalid"], subject, _line("expiry", k3.valid_to, k3)),
        (["supervisor-pshva-2@test.invalid"], subject, k1_body),
        (["supervisor-pshva@test.invalid"], subject, k1_body),
    ]
    assert ContractReminderSent.objects.count() == 5  # 2 x 2 for K-1, 1 for K-3; none for the ended assignment

    assert run_task() == 0
    assert len(mail.outbox) == 3
    assert ContractReminderSent.objects.count() == 5
    # the command is the same implementation: nothing new either
    out = io.StringIO()
    call_command("send_contract_reminders", stdout=out)
    assert out.getvalue() == "0 reminder message(s) sent.\n"
    assert len(mail.outbox) == 3


def test_a_changed_date_or_a_new_supervisor_gets_only_what_is_new(contracts, organiser, run_task):
    k1, _k3 = contracts
    assert run_task() == 3
    mail.outbox.clear()

    k1.valid_to += dt.timedelta(days=5)  # the end date moves: a new reminder; the option date did not
    k1.save()
    newcomer = make_user("supervisor-new", roles.SUPERVISOR)
    SupervisorAssignment.objects.create(user=newcomer, organiser=organiser)

    assert run_task() == 3
    expiry = _line("expiry", k1.valid_to, k1)
    both = _line("option", k1.option_decision_date, k1) + "\n" + expiry
    assert [(m.to, m.body.split("\n\n")[0]) for m in sorted(mail.outbox, key=lambda m: m.to)] == [
        (["supervisor-new@test.invalid"], both),
        (["supervisor-pshva-2@test.invalid"], expiry),
        (["supervisor-pshva@test.invalid"], expiry),
    ]


def test_a_failed_send_is_retried_by_the_notification_frame_and_nothing_is_sent_twice(
    contracts, settings, django_capture_on_commit_callbacks
):
    from portal.notifications.models import Notification
    from portal.notifications.tests.backends import FlakyBackend

    settings.EMAIL_BACKEND = "portal.notifications.tests.backends.FlakyBackend"
    FlakyBackend.failures_left = 2  # the SMTP server is down for two attempts
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_contract_reminders(today=timezone.localdate()) == 3
    assert len(mail.outbox) == 3
    assert ContractReminderSent.objects.count() == 5
    assert sorted(Notification.objects.values_list("email_status", "email_attempts")) == [
        ("sent", 1),
        ("sent", 1),
        ("sent", 3),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_contract_reminders(today=timezone.localdate()) == 0
    assert (len(mail.outbox), Notification.objects.count()) == (3, 3)


def test_the_window_is_the_days_argument(contracts):
    assert services.send_contract_reminders(today=timezone.localdate(), within_days=15) == 2  # K-1's option only
    assert sorted(ContractReminderSent.objects.values_list("contract__number", "kind", "recipient__username")) == [
        ("K-1", "option", "supervisor-pshva"),
        ("K-1", "option", "supervisor-pshva-2"),
    ]
