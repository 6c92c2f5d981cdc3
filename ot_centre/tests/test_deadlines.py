"""Deadlines from editable rules and Finnish public holidays (the holidays library)."""

import datetime as dt

import pytest

from ot_centre import services
from ot_centre.deadlines import HELSINKI, add_period
from ot_centre.models import DeadlineRule


@pytest.mark.django_db
def test_the_exact_case_friday_7_march_2025(submit):
    case = submit()
    assert case.acknowledge_due.astimezone(HELSINKI) == dt.datetime(2025, 3, 11, 10, 0, tzinfo=HELSINKI)
    assert case.answer_due.astimezone(HELSINKI) == dt.datetime(2025, 3, 14, 10, 0, tzinfo=HELSINKI)


@pytest.mark.django_db
def test_urgent_answer_is_one_working_day(submit):
    case = submit(urgency="urgent")
    assert case.answer_due.astimezone(HELSINKI) == dt.datetime(2025, 3, 10, 10, 0, tzinfo=HELSINKI)


def test_public_holidays_are_skipped():
    # Maundy Thursday 2025-04-17 + 2 working days: Good Friday and Easter Monday are holidays.
    start = dt.datetime(2025, 4, 17, 10, 0, tzinfo=HELSINKI)
    assert add_period(start, 2, "working_days") == dt.datetime(2025, 4, 23, 10, 0, tzinfo=HELSINKI)
    # Independence Day (Sat 2025-12-06 is a weekend anyway); Christmas: Wed 24.12-Fri 26.12.
    assert add_period(dt.datetime(2025, 12, 23, 9, 0, tzinfo=HELSINKI), 1, "working_days").date() == dt.date(
        2025, 12, 29
    )


@pytest.mark.django_db
def test_rules_are_editable_data(submit):
    rule = DeadlineRule.objects.get(kind="answer", urgency="normal")
    rule.amount = 10
    rule.save()
    case = submit()
    assert case.answer_due.astimezone(HELSINKI) == dt.datetime(2025, 3, 17, 10, 0, tzinfo=HELSINKI)
    assert services.deadline_rule("redaction", "any").amount == 90
