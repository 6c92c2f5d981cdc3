"""The pilot report's month is a month picker whose value is the first day of the month."""

from __future__ import annotations

import datetime as dt

from ot_centre.forms import ReportRequestForm


def test_report_month_is_a_month_picker():
    form = ReportRequestForm({"month": "2025-03", "language": "fi"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["month"] == dt.date(2025, 3, 1)
    assert 'type="month"' in str(form["month"])
    bound = ReportRequestForm(initial={"month": dt.date(2025, 3, 15)})
    assert 'value="2025-03"' in str(bound["month"])


def test_report_month_still_accepts_a_full_date():
    form = ReportRequestForm({"month": "2025-03-15", "language": "sv"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["month"] == dt.date(2025, 3, 1)
