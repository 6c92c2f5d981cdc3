"""Knowledge management routes that no other test requested (issue 9 point 5: every URL name is
requested): a target's change history over the API, the area's API root and discarding an
import draft from its job page."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from conftest import client_for
from knowledge_mgmt.models import ImportDraft, ImportDraftStatus
from knowledge_mgmt.tests import factories as f
from portal.models import ChangeLog, Job

pytestmark = pytest.mark.django_db


def test_target_history(staff_user, decision_maker):
    target = f.TargetFactory()
    url = reverse("api-knowledge_mgmt:target-history", args=[target.pk])
    anonymous = APIClient().get(url)
    assert anonymous.status_code in (401, 403, 404) or anonymous.json()["count"] == 0
    response = client_for(decision_maker).get(url)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == list(ChangeLog.objects.for_object(target).values_list("id", flat=True))
    assert rows and rows[-1]["action"] == "create" and rows[0]["object_type"] == "knowledge_mgmt.target"


def test_api_root_lists_the_collections(decision_maker):
    response = client_for(decision_maker).get(reverse("api-knowledge_mgmt:api-root"))
    assert response.status_code == 200
    assert response.json()["targets"].endswith("/api/knowledge/targets/")


def test_staff_discard_an_import_draft_once(staff_user, decision_maker):
    job = Job.objects.create(
        kind="knowledge_import", task_name="knowledge_mgmt.tasks.import_file", started_by=staff_user
    )
    draft = ImportDraft.objects.create(job=job)
    with translation.override("en"):
        url = reverse("knowledge_mgmt:import-discard", args=[draft.pk])
        job_url = reverse("portal:job-detail", args=[job.pk])
    client = Client()
    client.force_login(decision_maker)
    assert client.post(url).status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.status == ImportDraftStatus.DRAFT
    client.force_login(staff_user)
    assert client.get(url).status_code == 405  # POST only
    response = client.post(url)
    assert (response.status_code, response["Location"]) == (302, job_url)
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["The import was discarded."]
    draft.refresh_from_db()
    assert (draft.status, draft.decided_by, draft.publish_job) == (ImportDraftStatus.DISCARDED, staff_user, None)
    again = client.post(url)
    # (the first message was never shown: the redirect was not followed)
    assert [str(m) for m in get_messages(again.wsgi_request)][-1] == "This import was already published or discarded."
