"""Milestones are a deadline source of the notification frame (issue 18 point 4, "deadline near")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from governance.models import Milestone
from portal.models import Measure, Organisation
from portal.notifications import deadlines
from portal.notifications.models import Notification


@pytest.mark.django_db
def test_a_near_unreached_milestone_tells_staff_and_the_stewards_once(
    staff_user, steward_a, steward_b, django_capture_on_commit_callbacks
):
    today = dt.date(2026, 5, 4)
    Measure.objects.update(end_date=None)  # only the milestones' deadlines in this test
    measure = Measure.objects.get(number="1.1")
    kuopio = Organisation.objects.get(code="297")
    near = Milestone.objects.create(
        measure=measure,
        title="Hallintosääntö valmis",
        planned_date=dt.date(2026, 5, 12),
        responsible_organisation=kuopio,
    )
    Milestone.objects.create(
        measure=measure, title="Jo saavutettu", planned_date=dt.date(2026, 5, 10), actual_date=dt.date(2026, 5, 1)
    )
    Milestone.objects.create(measure=measure, title="Myöhemmin", planned_date=dt.date(2026, 8, 1))

    assert "milestones" in dict(deadlines.sources())  # registered by GovernanceConfig.ready()
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.send_deadline_notifications(today=today, lead_days=14) == 2
    rows = Notification.objects.filter(kind="deadline_near").order_by("recipient__username")
    assert [r.recipient.username for r in rows] == ["staff", "steward-a"]  # not the other organisation's steward
    assert rows[0].params["key"] == f"milestone:{near.pk}:2026-05-12"
    assert rows[0].params["title"] == "1.1: Hallintosääntö valmis"
    assert rows[0].link == f"/fi/governance/milestones/{near.pk}/edit/"
    assert len(mail.outbox) == 2
    # a second run tells nobody again; a reached milestone is no longer a deadline
    near.actual_date = dt.date(2026, 5, 5)
    near.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.send_deadline_notifications(today=today, lead_days=14) == 0
