"""Routes of the core that no other test requested (issue 9 point 5: every URL name is requested).

The API entry points and documentation, the health check, the language switch, the history of the
catalogue's records, a job's download over the API, a concept's edit page, the notification inbox
over the API and the administrator's list of people.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse
from rest_framework.test import APIClient

from conftest import client_for
from portal.models import ChangeLog, Concept, DataModel, InformationSystem, Organisation
from portal.notifications import services as notifications
from portal.tests import factories

pytestmark = pytest.mark.django_db


def assert_history(user, url_name: str, kwargs: dict, obj) -> list[dict]:
    """The object's history over the API: refused to anonymous callers, and for a signed-in user
    exactly the object's change-log rows, newest first."""
    url = reverse(url_name, kwargs=kwargs)
    anonymous = APIClient().get(url)
    # The change log names people: anonymous callers are refused, or (public records) see no rows.
    assert anonymous.status_code in (401, 403, 404) or anonymous.json()["count"] == 0
    response = client_for(user).get(url)
    assert response.status_code == 200
    body = response.json()
    expected = list(ChangeLog.objects.for_object(obj).values_list("id", flat=True))
    assert [row["id"] for row in body["results"]] == expected
    assert {row["object_id"] for row in body["results"]} <= {str(obj.pk)}
    return body["results"]


def test_api_root_lists_the_entry_points_of_every_area(reference_data):
    assert resolve("/api/").view_name == "api-root"
    assert reverse("api-root") == "/api/"
    response = APIClient().get("/api/")
    assert response.status_code == 200
    body = response.json()
    assert body["schema"].endswith("/api/schema/") and body["docs"].endswith("/api/docs/")
    assert body["portal"]["organisations"].endswith("/api/portal/organisations/")
    assert body["areas"]["ot_centre"].endswith("/api/ot-centre/")
    assert set(body["areas"]) == {
        "governance",
        "knowledge_mgmt",
        "integration",
        "digital_services",
        "supervision",
        "archiving",
        "ot_centre",
    }


def test_portal_api_root_lists_its_collections(staff_user):
    response = client_for(staff_user).get(reverse("api-portal:api-root"))
    assert response.status_code == 200
    assert response.json()["organisations"].endswith("/api/portal/organisations/")
    assert response.json()["jobs"].endswith("/api/portal/jobs/")


def test_schema_docs_and_redoc_answer(reference_data):
    client = APIClient()
    schema = client.get(reverse("schema"), {"format": "json"})
    assert schema.status_code == 200
    assert schema["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert "/api/portal/organisations/" in schema.json()["paths"]
    for name in ("api-docs", "api-redoc"):
        page = Client().get(reverse(name))
        assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
        assert reverse("schema") in page.content.decode()


def test_healthz_reports_the_database_and_the_broker(db):
    response = Client().get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["broker"] in {"ok", "eager (no broker configured)"}


def test_set_language_redirects_and_sets_the_cookie(db):
    response = Client().post(reverse("set_language"), {"language": "sv", "next": "/fi/"})
    assert response.status_code == 302
    assert response["Location"] == "/sv/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"


def test_organisation_and_information_system_histories(steward_a):
    kuopio = Organisation.objects.get(code="297")
    rows = assert_history(steward_a, "api-portal:organisation-history", {"code": "297"}, kuopio)
    assert rows and rows[-1]["action"] == "create"
    system = factories.InformationSystemFactory()
    rows = assert_history(steward_a, "api-portal:information-system-history", {"pk": system.pk}, system)
    assert [row["action"] for row in rows] == ["create"]
    assert rows[0]["object_type"] == "portal.informationsystem"
    assert InformationSystem.objects.filter(pk=system.pk).exists()


def test_data_model_and_concept_histories(staff_user):
    model = factories.DataModelFactory()
    rows = assert_history(staff_user, "api-portal:data-model-history", {"code": model.code}, model)
    assert [row["action"] for row in rows] == ["create"]
    concept = Concept.objects.create(data_model=model, code="palvelu", name_fi="Palvelu")
    rows = assert_history(staff_user, "api-portal:concept-history", {"pk": concept.pk}, concept)
    assert [row["action"] for row in rows] == ["create"]


def test_concept_edit_page_opens_for_staff_and_not_for_a_steward(client, staff_user, steward_a):
    model = DataModel.objects.create(code="kit-kasitteet", name_fi="Käsitteet", status="draft")
    Concept.objects.create(data_model=model, code="palvelu", name_fi="Palvelu")
    url = reverse("portal:concept-edit", args=[model.code, "palvelu"])
    client.force_login(steward_a)
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["concept"].code == "palvelu"
    assert 'value="Palvelu"' in response.content.decode()


def test_job_download_over_the_api(staff_user, decision_maker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        started = client_for(staff_user).post(
            reverse("api-portal:job-organisation-export"), {"kinds": ["region"]}, format="json"
        )
    assert started.status_code == 202
    url = reverse("api-portal:job-download", args=[started.json()["id"]])
    assert client_for(decision_maker).get(url).status_code == 404
    download = client_for(staff_user).get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    content = b"".join(download.streaming_content) if download.streaming else download.content
    assert content  # the region's register


def test_notification_detail_over_the_api_only_for_its_recipient(reference_data):
    from conftest import make_user

    anna, bertil = make_user("anna"), make_user("bertil")
    [row] = notifications.notify(
        [anna], kind="deadline_near", subject_params={"title": "Raportti", "date": "2025-01-31"}
    )
    url = reverse("notification-detail", args=[row.pk])
    assert APIClient().get(url).status_code in (401, 403, 404)
    assert client_for(bertil).get(url).status_code == 404
    response = client_for(anna).get(url)
    assert response.status_code == 200
    assert (response.json()["id"], response.json()["kind"], response.json()["read_at"]) == (
        row.pk,
        "deadline_near",
        None,
    )


def test_read_all_marks_the_inbox_read(client, reference_data):
    from conftest import make_user

    anna = make_user("anna")
    rows = notifications.notify([anna], kind="deadline_near", subject_params={"title": "A", "date": "2025-01-31"})
    client.force_login(anna)
    response = client.post(reverse("notifications:read-all"))
    assert response.status_code == 302 and response["Location"] == reverse("notifications:inbox")
    for row in rows:
        row.refresh_from_db()
        assert row.read_at is not None


def test_people_list_for_administrators_only(client, admin_user, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("privacy:people")).status_code == 403
    client.force_login(admin_user)
    response = client.get(reverse("privacy:people"), {"q": "staff"})
    assert response.status_code == 200
    assert [person.username for person in response.context["people"]] == ["staff"]


def test_oidc_logout_ends_the_session_and_sends_the_browser_to_the_providers_end_session(client, staff_user, settings):
    """RP-initiated logout needs no provider in the test: the portal only builds the redirect."""
    settings.OIDC_OP_END_SESSION_ENDPOINT = "https://idp.example/end-session"
    client.force_login(staff_user)
    session = client.session
    session["oidc_id_token"] = "id-token-of-the-login"
    session.save()
    assert client.get(reverse("oidc_logout")).status_code == 405  # POST only
    response = client.post(reverse("oidc_logout"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (location.scheme, location.netloc, location.path) == ("https", "idp.example", "/end-session")
    query = parse_qs(location.query)
    assert query["id_token_hint"] == ["id-token-of-the-login"]
    assert query["post_logout_redirect_uri"][0].startswith("http://testserver/")
    assert "_auth_user_id" not in client.session
