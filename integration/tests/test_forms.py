"""Forms of the integration area: a steward's only organisation is chosen already."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _select(html: str, name: str) -> str:
    return re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)


def test_upload_form_preselects_a_stewards_only_organisation(client, kuopio, steward_a):
    client.force_login(steward_a)
    select = _select(client.get(reverse("integration:upload-create")).content.decode(), "organisation")
    assert re.findall(r'<option value="([^"]*)"( selected)?', select) == [("297", " selected")]
