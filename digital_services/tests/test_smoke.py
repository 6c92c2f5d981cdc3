import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD


@pytest.mark.django_db
def test_every_page_opens_for_staff_and_decision_maker(ds_demo, staff_user, decision_maker):
    from digital_services import models

    for user in (staff_user, decision_maker):
        client = Client()
        assert client.login(username=user.username, password=PASSWORD)
        index = client.get(reverse("digital_services:index"))
        assert index.status_code == 200
        names = [
            "service-list",
            "rollout-list",
            "matrix",
            "figure-list",
            "indicators",
            "inclusion",
            "path-list",
            "pilot-list",
            "intent-list",
            "contact-list",
            "chat-stats",
            "counselling",
            "requirement-list",
            "report",
            "chat",
        ]
        for name in names:
            response = client.get(reverse(f"digital_services:{name}"))
            assert response.status_code == 200, (user.username, name)
        for model, name in (
            (models.DigitalService, "service-detail"),
            (models.Rollout, "rollout-detail"),
            (models.MonthlyFigure, "figure-detail"),
            (models.ServicePath, "path-detail"),
            (models.Pilot, "pilot-detail"),
            (models.CounsellingSegment, "segment-detail"),
        ):
            obj = model.objects.first()
            assert client.get(reverse(f"digital_services:{name}", args=[obj.pk])).status_code == 200, name
