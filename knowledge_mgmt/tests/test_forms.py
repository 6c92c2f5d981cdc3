"""Entry forms of knowledge management: a steward's only organisation is chosen already."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"( selected)?', select)


@pytest.mark.parametrize("url_name", ["knowledge_mgmt:value-entry", "knowledge_mgmt:target-entry"])
def test_entry_forms_preselect_a_stewards_only_organisation(client, steward_a, url_name):
    client.force_login(steward_a)
    html = client.get(reverse(url_name)).content.decode()
    assert _options(html, "organisation") == [("297", " selected")]


def test_entry_form_leaves_the_choice_to_programme_staff(client, staff_user):
    client.force_login(staff_user)
    options = _options(client.get(reverse("knowledge_mgmt:value-entry")).content.decode(), "organisation")
    assert options[0] == ("", " selected") and len(options) > 2


def test_breakdown_filter_shows_package_and_client_group_names(reference_data):
    from django.utils import translation

    from integration.loaders import load_code_lists
    from knowledge_mgmt.forms import DashboardFilterForm

    load_code_lists()
    with translation.override("fi"):
        form = DashboardFilterForm(
            years=[2024], organisations=[], breakdowns=["", "ESIM-IAKKAAT", "ikaantyneet", "other"]
        )
        choices = [(value, str(label)) for value, label in form.fields["breakdown"].choices]
    assert choices[1:] == [
        ("ESIM-IAKKAAT", "Esimerkki: ikääntyneiden palvelut (ESIM-IAKKAAT)"),
        ("ikaantyneet", "Ikääntyneet (ikaantyneet)"),
        ("other", "other"),
    ]
