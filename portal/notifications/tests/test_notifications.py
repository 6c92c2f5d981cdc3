"""The notification frame: inbox, preferences, e-mail through Celery with retries, confidential kinds."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from conftest import make_user
from portal.notifications import registry, services, tasks
from portal.notifications.models import Notification, NotificationPreference
from portal.notifications.registry import NotificationKind
from portal.notifications.tests.backends import FlakyBackend

pytestmark = pytest.mark.django_db
SECRET = "SALAINEN-ASIAKASTIETO-4711"


@pytest.fixture
def people(reference_data):
    return make_user("anna"), make_user("bertil"), make_user("no-mail")


def test_notify_puts_one_row_in_each_inbox_and_emails_after_commit(people, django_capture_on_commit_callbacks):
    anna, bertil, _ = people
    with django_capture_on_commit_callbacks(execute=True):
        rows = services.notify(
            [anna, bertil, anna],
            kind="deadline_near",
            subject_params={"title": "Raportti", "date": "2025-01-31"},
            link="/fi/",
        )
    assert [r.recipient for r in rows] == [anna, bertil]
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("anna@test.invalid", "Määräaika lähestyy: Raportti"),
        ("bertil@test.invalid", "Määräaika lähestyy: Raportti"),
    ]
    body = mail.outbox[0].body
    assert body.startswith("Kohteen Raportti määräaika on 2025-01-31.\n\n")
    assert "Avaa portaalissa: http://127.0.0.1:8000/fi/\n" in body
    assert set(Notification.objects.values_list("email_status", flat=True)) == {"sent"}


def test_nothing_is_sent_when_the_transaction_rolls_back(people, django_capture_on_commit_callbacks):
    from django.db import transaction

    anna, _, _ = people
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.notify([anna], kind="contract_reminder", lines=["x"])
        raise RuntimeError("the caller failed")
    assert (Notification.objects.count(), len(mail.outbox)) == (0, 0)


def test_preferences_immediate_daily_off(people, django_capture_on_commit_callbacks):
    anna, bertil, nomail = people
    services.set_preferences(actor=anna, choices={"decision_recorded": "immediate"})
    services.set_preferences(actor=bertil, choices={"decision_recorded": "off"})
    with django_capture_on_commit_callbacks(execute=True):
        services.notify([anna, bertil, nomail], kind="decision_recorded", subject_params={"title": "Talousarvio"})
    assert [m.to for m in mail.outbox] == [["anna@test.invalid"]]
    # no-mail has the kind's default (daily digest) but the digest goes only to those with an address
    statuses = dict(Notification.objects.values_list("recipient__username", "email_status"))
    assert statuses == {"anna": "sent", "bertil": "none", "no-mail": "digest"}
    assert Notification.objects.filter(recipient=bertil).count() == 1  # still in the inbox


def test_daily_digest_sends_one_message_per_person_once(people, django_capture_on_commit_callbacks):
    anna, bertil, _ = people
    with django_capture_on_commit_callbacks(execute=True):
        services.notify([anna, bertil], kind="decision_recorded", subject_params={"title": "A"})
        services.notify([anna], kind="decision_recorded", subject_params={"title": "B"})
        services.notify([anna], kind="consultation_assigned", subject_params={"reference": SECRET})
    assert len(mail.outbox) == 1  # the confidential one is immediate: a link-only message
    mail.outbox.clear()
    assert tasks.send_daily_digests.delay().get() == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    assert by_to["anna@test.invalid"].subject == "Päivän kooste: 2 uutta ilmoitusta"
    assert "- Päätös kirjattu: A\n" in by_to["anna@test.invalid"].body
    assert "- Päätös kirjattu: B\n" in by_to["anna@test.invalid"].body
    assert tasks.send_daily_digests.delay().get() == 0
    assert len(mail.outbox) == 2


def test_a_failing_smtp_server_is_retried_then_marked_failed(people, settings, django_capture_on_commit_callbacks):
    anna, _, _ = people
    settings.EMAIL_BACKEND = "portal.notifications.tests.backends.FlakyBackend"
    settings.NOTIFICATION_EMAIL_MAX_RETRIES = 2
    FlakyBackend.failures_left = 2
    with django_capture_on_commit_callbacks(execute=True):
        (ok,) = services.notify([anna], kind="contract_reminder", lines=["K-1 päättyy"])
    ok.refresh_from_db()
    assert (ok.email_status, ok.email_attempts, len(mail.outbox)) == ("sent", 3, 1)

    FlakyBackend.failures_left = 10
    with django_capture_on_commit_callbacks(execute=True):
        (bad,) = services.notify([anna], kind="contract_reminder", lines=["K-2 päättyy"])
    bad.refresh_from_db()
    assert (bad.email_status, bad.email_attempts, len(mail.outbox)) == ("failed", 3, 1)
    FlakyBackend.failures_left = 0
    # a redelivered task does not send a failed or sent one again
    assert tasks.deliver_email.apply(args=[ok.pk]).get() == "skipped"
    assert len(mail.outbox) == 1


def test_confidential_kind_never_puts_content_into_an_email(people, django_capture_on_commit_callbacks):
    anna, _, _ = people
    with django_capture_on_commit_callbacks(execute=True):
        (n,) = services.notify(
            [anna], kind="consultation_assigned", subject_params={"reference": SECRET}, lines=[SECRET], link="/fi/x/"
        )
    (message,) = mail.outbox
    assert SECRET not in message.subject and SECRET not in message.body
    assert message.subject == "Uusi ilmoitus portaalissa: Konsultaatiopyyntö osoitettu sinulle"
    assert "http://127.0.0.1:8000/fi/x/" in message.body
    # the inbox, behind sign-in, shows it
    client = Client()
    client.force_login(anna)
    assert SECRET in client.get("/fi/account/notifications/").content.decode()


@pytest.mark.parametrize("kind", registry.all_kinds(), ids=lambda k: k.slug)
def test_no_email_template_of_any_kind_includes_a_field_it_may_not(kind, people):
    """Every registered kind, rendered with a sentinel in every parameter and line: a confidential
    kind's e-mail must contain none; another kind's only those it lists in email_fields."""
    anna, _, _ = people
    params = {
        name: f"{SECRET}-{name}" for name in ("title", "date", "unit", "reference", "job", "status", "subject", "extra")
    }
    n = Notification.objects.create(recipient=anna, kind=kind.slug, params=params, lines=[f"{SECRET}-line"])
    subject, body = services.render_email(n)
    leaked = {name for name in params if f"{SECRET}-{name}" in subject + body}
    if kind.confidential:
        assert leaked == set() and f"{SECRET}-line" not in body
    else:
        assert leaked <= set(kind.email_fields)
        assert "extra" not in leaked


def test_a_confidential_kind_cannot_be_registered_with_email_content():
    with pytest.raises(ImproperlyConfigured, match="confidential"):
        registry.register(
            NotificationKind(
                slug="test_leaky", label="x", subject="x %(name)s", confidential=True, email_fields=("name",)
            )
        )
    with pytest.raises(ImproperlyConfigured, match="confidential"):
        registry.register(
            NotificationKind(
                slug="test_leaky2",
                label="x",
                subject="x",
                confidential=True,
                email_lines=False,
                email_template="portal/notifications/email/default.txt.custom",
            )
        )
    assert "test_leaky" not in {k.slug for k in registry.all_kinds()}
    with pytest.raises(ImproperlyConfigured, match="Unknown notification kind"):
        services.notify([], kind="no_such_kind")


def test_inbox_is_private_and_preferences_page_saves(people):
    anna, bertil, _ = people
    (n,) = services.notify([anna], kind="decision_recorded", subject_params={"title": "Zeta-7"}, link="/fi/")
    other = Client()
    other.force_login(bertil)
    assert "Zeta-7" not in other.get("/fi/account/notifications/").content.decode()
    assert other.get(f"/fi/account/notifications/{n.pk}/").status_code == 404
    n.refresh_from_db()
    assert n.read_at is None
    client = Client()
    client.force_login(anna)
    assert client.get(f"/sv/account/notifications/{n.pk}/")["Location"] == "/fi/"
    n.refresh_from_db()
    assert n.read_at is not None
    page = client.get("/sv/account/notifications/preferences/")
    assert page.status_code == 200 and "Beslut registrerat" in page.content.decode()
    client.post("/fi/account/notifications/preferences/", {"decision_recorded": "off", "job_finished": "bogus"})
    assert list(NotificationPreference.objects.values_list("user__username", "kind", "delivery")) == [
        ("anna", "decision_recorded", "off")
    ]


def test_inbox_api_lists_own_and_marks_read(people):
    from conftest import client_for

    anna, bertil, _ = people
    (n,) = services.notify([anna], kind="decision_recorded", subject_params={"title": "Oma"})
    data = client_for(anna).get("/api/notifications/notifications/").json()
    assert [(r["id"], r["subject"]) for r in data["results"]] == [(n.pk, "Päätös kirjattu: Oma")]
    assert client_for(bertil).get("/api/notifications/notifications/").json()["count"] == 0
    assert client_for(bertil).post(f"/api/notifications/notifications/{n.pk}/read/").status_code == 404
    assert client_for(anna).post(f"/api/notifications/notifications/{n.pk}/read/").json()["read_at"] is not None


def test_a_finished_job_notifies_its_starter(staff_user, django_capture_on_commit_callbacks):
    from portal.jobs import start_job
    from portal.tasks import export_organisation_register

    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            export_organisation_register, kind="organisation_register_export", actor=staff_user, input_ref={}
        )
    (n,) = Notification.objects.filter(recipient=staff_user, kind="job_finished")
    assert (n.params["job"], n.link, n.email_status) == (str(job.pk), f"/fi/jobs/{job.pk}/", "none")


# --- "deadline near" ----------------------------------------------------------------------------


def test_deadline_near_tells_staff_and_the_stewards_once_per_deadline(
    staff_user, steward_a, steward_b, decision_maker, django_capture_on_commit_callbacks
):
    import datetime as dt

    from portal.models import Measure, Organisation
    from portal.notifications import deadlines

    today = dt.date(2026, 5, 4)
    kuopio = Organisation.objects.get(code="297")
    Measure.objects.update(end_date=None)
    Measure.objects.filter(number="3.4").update(end_date=dt.date(2026, 5, 15), responsible_organisation=kuopio)
    Measure.objects.filter(number="2.3").update(end_date=dt.date(2026, 5, 10), status="done")  # done: no reminder
    Measure.objects.filter(number="1.1").update(end_date=dt.date(2026, 6, 30))  # beyond the lead time
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.send_deadline_notifications(today=today, lead_days=14) == 2
    rows = Notification.objects.filter(kind="deadline_near").order_by("recipient__username")
    assert [r.recipient.username for r in rows] == ["staff", "steward-a"]
    title = f"3.4 {Measure.objects.get(number='3.4').title_fi}"
    assert rows[0].params == {"title": title, "date": "2026-05-15", "key": "measure:3.4:2026-05-15"}
    assert rows[0].link == "/fi/measures/3.4/"
    assert sorted(m.to[0] for m in mail.outbox) == ["staff@test.invalid", "steward-a@test.invalid"]
    assert mail.outbox[0].subject == f"Määräaika lähestyy: {title}"
    assert f"Kohteen {title} määräaika on 2026-05-15." in mail.outbox[0].body
    assert "measure:3.4" not in mail.outbox[0].body  # the key is not for people
    # the next day's run and a redelivered task send nothing twice
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.send_deadline_notifications(today=today + dt.timedelta(days=1), lead_days=14) == 0
        assert tasks.send_deadline_notifications.delay().get() == 0
    assert len(mail.outbox) == 2
    # a moved date is a new deadline
    Measure.objects.filter(number="3.4").update(end_date=dt.date(2026, 5, 12))
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.send_deadline_notifications(today=today, lead_days=14) == 2


def test_deadline_near_runs_daily_in_beat():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["notifications-deadlines"]
    assert entry["task"] == "portal.notifications.tasks.send_deadline_notifications"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({7}, {15})
    from portal.celery import app

    assert "portal.notifications.tasks.send_deadline_notifications" in app.tasks


# --- what an e-mail template may name -----------------------------------------------------------

# The names each e-mail template may use. The confidential template gets only the kind's label and
# the link: a template naming anything else (the parameters, the lines, the notification itself)
# would carry confidential content into an e-mail, and the test below fails.
TEMPLATE_NAMES = {
    registry.CONFIDENTIAL_EMAIL_TEMPLATE: {"label", "link"},
    registry.DEFAULT_EMAIL_TEMPLATE: {"label", "link", "intro", "lines"},
    "portal/notifications/email/digest.txt": {"items", "item.text", "item.link"},
}


def template_names(source: str) -> set[str]:
    """The context variables a Django template reads: {{ x.y|f }}, {% if x %}, {% for a in x %},
    {% blocktranslate with a=x %}; the names a template binds itself (loop and with variables) are left out."""
    import re

    names: set[str] = set()
    bound: set[str] = set()
    for expr in re.findall(r"{{\s*(.+?)\s*}}", source):
        names.add(expr.split("|")[0].strip())
    for tag in re.findall(r"{%\s*(.+?)\s*%}", source):
        words = tag.split()
        if words[0] in ("if", "elif"):
            names |= {w for w in words[1:] if re.fullmatch(r"[A-Za-z_][\w.]*", w) and w not in ("and", "or", "not")}
        elif words[0] == "for":
            bound |= {w.strip(",") for w in words[1 : words.index("in")]}
            names.add(words[words.index("in") + 1])
        elif words[0] in ("blocktranslate", "blocktrans") and "with" in words:
            for pair in words[words.index("with") + 1 :]:
                if "=" in pair:
                    bound.add(pair.split("=")[0])
                    names.add(pair.split("=")[1].split("|")[0])
    return {n for n in names if n not in bound}


def test_template_names_finds_what_a_template_reads():
    source = (
        "{% load i18n %}{{ label }} {% if link %}{{ link|upper }}{% endif %}{% for x in lines %}{{ x }}{% endfor %}"
    )
    assert template_names(source) == {"label", "link", "lines"}
    leaky = "{% blocktranslate with q=notification.params.question %}{{ q }}{% endblocktranslate %}"
    assert template_names(leaky) == {"notification.params.question"}
    # the confidential template with the lines in it would fail the check below
    assert template_names(source) - TEMPLATE_NAMES[registry.CONFIDENTIAL_EMAIL_TEMPLATE] == {"lines"}


@pytest.mark.parametrize("name", sorted(TEMPLATE_NAMES))
def test_email_templates_name_only_what_they_may(name):
    from django.template.loader import get_template

    used = template_names(get_template(name).template.source)
    assert used <= TEMPLATE_NAMES[name], f"{name} reads {sorted(used - TEMPLATE_NAMES[name])}"


def test_every_kind_uses_a_checked_template_and_confidential_kinds_the_link_only_one():
    for kind in registry.all_kinds():
        assert kind.effective_email_template in TEMPLATE_NAMES, kind.slug
        if kind.confidential:
            assert kind.effective_email_template == registry.CONFIDENTIAL_EMAIL_TEMPLATE
            assert (kind.email_fields, kind.email_lines) == ((), False)
