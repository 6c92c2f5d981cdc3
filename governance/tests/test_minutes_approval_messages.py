"""Approving minutes: the service's refusals are messages on the meeting page (portal.errors.run_with_messages)."""

import datetime as dt

import pytest

from governance.models import Meeting
from governance.tests.conftest import en


@pytest.mark.django_db
def test_refused_approvals_are_messages_and_change_nothing(client, staff_user, steering_group):
    client.force_login(staff_user)
    approved = Meeting.objects.create(
        body=steering_group,
        number="1/2026",
        date=dt.date(2026, 3, 10),
        minutes="Pöytäkirja.",
        minutes_status="approved",
        minutes_approved_on=dt.date(2026, 3, 17),
    )
    unwritten = Meeting.objects.create(body=steering_group, number="2/2026", date=dt.date(2026, 3, 24))
    for meeting, expected in [
        (approved, ["The minutes are already approved."]),
        (unwritten, ["Write the minutes before approving them."]),
    ]:
        response = client.post(en("governance:meeting-approve", meeting.pk), {"approved_on": "2026-04-01"}, follow=True)
        assert response.redirect_chain == [(en("governance:meeting-detail", meeting.pk), 302)]
        assert [str(m) for m in response.context["messages"]] == expected
    approved.refresh_from_db()
    unwritten.refresh_from_db()
    assert (approved.minutes_status, approved.minutes_approved_on) == ("approved", dt.date(2026, 3, 17))
    assert (unwritten.minutes_status, unwritten.minutes_approved_on) == ("draft", None)
