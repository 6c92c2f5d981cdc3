"""Supervision forms: a supervisor's only organiser is chosen already; months are month pickers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from supervision.tests.conftest import ui_client

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"( selected)?', select)


@pytest.mark.parametrize("url_name", ["supervision:unit-create", "supervision:contract-create"])
def test_register_forms_preselect_the_only_supervised_organiser(assigned_supervisor, organiser, url_name):
    html = ui_client(assigned_supervisor).get(reverse(url_name)).content.decode()
    assert _options(html, "organiser") == [(str(organiser.pk), " selected")]


def test_compliance_month_is_a_month_picker_and_keeps_the_url_format(assigned_supervisor):
    client = ui_client(assigned_supervisor)
    html = client.get(reverse("supervision:dashboard") + "?month=2023-05").content.decode()
    assert re.search(r'<input id="dash-month" type="month" name="month" value="2023-05"', html)
    assert "YYYY-MM" not in html and "VVVV-KK" not in html


def test_unit_period_month_is_a_month_picker():
    from supervision.forms import PeriodForm

    form = PeriodForm({"kind": "month", "month": "2023-05"})
    assert form.is_valid()
    assert form.cleaned_data["month"] == "2023-05"
    assert 'type="month"' in str(form["month"])
    with translation.override("en"):
        assert PeriodForm({"kind": "month", "month": "5/2023"}).errors == {"month": ["Write the month as YYYY-MM."]}
