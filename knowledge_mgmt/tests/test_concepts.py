import json

import pytest
from django.urls import reverse

from knowledge_mgmt.models import ConceptIndicatorLink
from knowledge_mgmt.tests.conftest import make_indicator
from portal.models import Concept, ConceptRelation, DataModel

pytestmark = pytest.mark.django_db


@pytest.fixture
def model(reference_data):
    dm = DataModel.objects.create(code="sote-kasitemalli", name_fi="SOTE-käsitemalli", version="1.0")
    client_concept = Concept.objects.create(data_model=dm, code="asiakas", name_fi="Asiakas", name_sv="Klient")
    service = Concept.objects.create(data_model=dm, code="palvelu", name_fi="Palvelu")
    ConceptRelation.objects.create(source=client_concept, target=service, kind="associated")
    return dm


def test_staff_links_a_concept_and_exports_the_model(client, model, staff_user, decision_maker):
    indicator = make_indicator("clients")
    concept = Concept.objects.get(code="asiakas")
    url = reverse("knowledge_mgmt:concept-links")
    client.force_login(decision_maker)
    assert client.post(url, {"concept": concept.pk, "indicator": "clients"}).status_code == 403
    assert ConceptIndicatorLink.objects.count() == 0
    client.force_login(staff_user)
    assert client.post(url, {"concept": concept.pk, "indicator": "clients"}).status_code == 302
    assert list(ConceptIndicatorLink.objects.values_list("concept__code", "indicator__code")) == [
        ("asiakas", "clients")
    ]
    html = client.get(reverse("knowledge_mgmt:indicator-detail", args=["clients"])).content.decode()
    assert "Asiakas" in html

    exported = client.get(reverse("knowledge_mgmt:datamodel-export", args=[model.code, "json"]))
    data = json.loads(exported.content)
    assert data["concepts"][0] == {
        "code": "asiakas",
        "name": {"fi": "Asiakas", "sv": "Klient", "en": ""},
        "definition": {"fi": "", "sv": "", "en": ""},
        "indicators": ["clients"],
    }
    assert data["relations"] == [{"source": "asiakas", "kind": "associated", "target": "palvelu"}]
    csv_text = client.get(reverse("knowledge_mgmt:datamodel-export", args=[model.code, "csv"])).content.decode(
        "utf-8-sig"
    )
    assert csv_text.splitlines()[1].split(";") == [
        "sote-kasitemalli", "1.0", "asiakas", "Asiakas", "Klient", "", "", "", "", "associated:palvelu", "clients"
    ]  # fmt: skip
    assert client.get(reverse("knowledge_mgmt:datamodel-export", args=[model.code, "xml"])).status_code == 404
    assert indicator.concept_links.count() == 1


def test_anonymous_reads_the_links_page(client, model):
    response = client.get(reverse("knowledge_mgmt:concept-links"))
    assert response.status_code == 200
    assert "Asiakas" in response.content.decode()
    assert '<form method="post" class="stacked-form">' not in response.content.decode()
