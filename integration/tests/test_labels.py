"""People read code names and readable sources, not code slugs and repository paths."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from integration import selectors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", "Portaalitiimin työlista, ei virallinen luokitus"),
        ("sv", "Portalteamets arbetslista, inte en officiell klassificering"),
    ],
)
def test_code_list_source_is_readable_text_without_repository_paths(client, code_lists, lang, expected):
    html = client.get(f"/{lang}/integration/code-lists/asiakasryhmat/").content.decode()
    assert expected in html
    assert "integration/data" not in html and ".csv" not in html
    definition = client.get(f"/{lang}/integration/package-definitions/esimerkki/").content.decode()
    assert "integration/data" not in definition and "example_packages" not in definition


def test_codes_in_tables_are_shown_with_their_names(code_lists):
    template = Template("{% load integration_tags %}{% code_with_name names code %}|{% code_with_name names '' %}")
    with translation.override("fi"):
        names = selectors.code_name_maps()
        labels = selectors.breakdown_labels()
        html = template.render(Context({"names": names["client"], "code": "ikaantyneet"}))
        cost = Template("{% load integration_tags %}{% code_with_name names code %}").render(
            Context({"names": names["cost"], "code": "palkat-ja-palkkiot"})
        )
    assert html == "Ikääntyneet (ikaantyneet)|–"
    assert cost == "Palkat ja palkkiot (palkat-ja-palkkiot)"
    assert labels["ikaantyneet"] == "Ikääntyneet"
    assert labels["ESIM-IAKKAAT"] == "Esimerkki: ikääntyneiden palvelut"
