import pytest
from django.urls import reverse

from portal.models import Measure


@pytest.mark.django_db
def test_index_lists_the_measures_this_area_serves(client, reference_data):
    response = client.get(reverse("archiving:index"))
    assert response.status_code == 200
    numbers = [m.number for m in response.context["measures"]]
    assert numbers == list(Measure.objects.filter(app="archiving").order_by("number").values_list("number", flat=True))
    assert numbers  # the seed gives every area at least one measure
    for number in numbers:
        assert number in response.content.decode()
