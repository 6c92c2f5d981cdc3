import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from portal.models import Measure


@pytest.mark.django_db
def test_index_lists_the_measures_and_links_every_page(coordinator):
    client = Client()
    assert client.login(username=coordinator.username, password=PASSWORD)
    response = client.get(reverse("ot_centre:index"))
    assert response.status_code == 200
    numbers = [m.number for m in response.context["measures"]]
    assert numbers == list(Measure.objects.filter(app="ot_centre").order_by("number").values_list("number", flat=True))
    assert numbers
    html = response.content.decode()
    for name in (
        "request-list",
        "request-create",
        "expert-list",
        "network-map",
        "expertise-area-list",
        "agreement-list",
        "working-group-list",
        "rule-list",
        "usecase-list",
        "regional-picture",
        "demand-list",
        "report-list",
    ):
        assert f'href="{reverse("ot_centre:" + name)}"' in html, name
    assert f'href="{reverse("ot_centre:area-detail", args=["ita-suomi"])}"' in html


@pytest.mark.django_db
def test_the_public_sees_nothing(ot_reference):
    response = Client().get(reverse("ot_centre:index"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
