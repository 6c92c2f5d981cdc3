import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from conftest import client_for
from governance import services
from governance.models import LegacyDocument, PrinciplesVersion, ServiceEntity, TrainingEvent, TrainingParticipation
from governance.tests.conftest import en
from portal.models import Measure, Organisation, ServiceNetworkCentre


@pytest.mark.django_db
def test_legacy_document_review_and_versions_are_kept(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        en("governance:legacy-create"),
        {
            "title": "Järjestämissuunnitelma 2017",
            "origin": "Maakuntavalmistelu",
            "topic": "Järjestäminen",
            "year": 2017,
            "review_status": "updated",
            "reviewer": "",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["reviewer"] == ["A reviewed document names its reviewer."]
    assert LegacyDocument.objects.count() == 0
    response = client.post(
        en("governance:legacy-create"),
        {
            "title": "Järjestämissuunnitelma 2017",
            "origin": "Maakuntavalmistelu",
            "topic": "Järjestäminen",
            "year": 2017,
            "review_status": "to_review",
            "measure": Measure.objects.get(number="1.2").pk,
        },
    )
    document = LegacyDocument.objects.get()
    for content in (b"alkuperainen 2017", b"paivitetty 2026"):
        response = client.post(
            en("governance:legacy-version-create", document.pk),
            {"file": SimpleUploadedFile("suunnitelma.txt", content), "note": content.decode()},
        )
        assert response.status_code == 302
    assert list(document.versions.order_by("version").values_list("version", "note", "size")) == [
        (1, "alkuperainen 2017", 17),
        (2, "paivitetty 2026", 15),
    ]
    response = client.post(
        en("governance:legacy-version-create", document.pk),
        {"file": SimpleUploadedFile("makro.xlsm", b"PK\x03\x04"), "note": "x"},
    )
    assert response.status_code == 400
    assert document.versions.count() == 2
    first = document.versions.get(version=1)
    download = client.get(en("governance:legacy-version-download", first.pk))
    assert b"".join(download.streaming_content) == b"alkuperainen 2017"


@pytest.mark.django_db
def test_service_matrix_and_exports(client, staff_user, decision_maker):
    entity = services.save_object(
        ServiceEntity(
            code="ikaantyneet", name_fi="=Ikääntyneiden palvelut", client_group="older_people", production_mode="own"
        ),
        actor=staff_user,
        m2m={
            "municipalities": list(Organisation.objects.filter(code__in=["297", "140"])),
            "network_centres": list(ServiceNetworkCentre.objects.filter(organisation__code="297")),
        },
    )
    client.force_login(decision_maker)
    response = client.get(en("governance:service-matrix"))
    assert response.status_code == 200
    row = response.context["rows"][0]
    assert row["entity"] == entity
    assert sum(row["cells"]) == 2 and sum(row["poles"]) == 1
    assert len(response.context["centres"]) == 3
    response = client.get(en("governance:service-matrix") + "?format=csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, data = lines[0], lines[1]
    assert header[:4] == ["Code", "Service entity", "Client group", "Production mode"]
    assert data[:4] == ["ikaantyneet", "'=Ikääntyneiden palvelut", "Older people", "Own production in the enterprise"]
    assert data[header.index("Kuopio (297)")] == "x" and data[header.index("Varkaus (915)")] == ""
    assert len(header) == 4 + 3 + 19
    response = client.get(en("governance:service-matrix") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 1).value == "ikaantyneet"
    assert sheet.max_row == 2
    api = client_for(decision_maker).get("/api/governance/service-entities/?municipality=140").json()
    assert api["results"][0]["network_poles"] == ["centre"]


@pytest.mark.django_db
def test_leadership_training_principles_and_study(client, staff_user, decision_maker):
    training = services.save_object(TrainingEvent(topic="Muutosjohtaminen", date="2026-09-24"), actor=staff_user)
    for code, count in (("297", 14), ("140", 6)):
        services.save_object(
            TrainingParticipation(
                training=training, organisation=Organisation.objects.get(code=code), participants=count
            ),
            actor=staff_user,
        )
    client.force_login(staff_user)
    for text in ("Versio yksi", "Versio kaksi"):
        response = client.post(
            en("governance:principles-create"),
            {"version": PrinciplesVersion.objects.count() + 1, "title": "Etäjohtamisen periaatteet", "text": text},
        )
        assert response.status_code == 302
    response = client.post(
        en("governance:study-create"), {"study": "SavoGrow", "date": "2026-10-01", "status": "ongoing"}
    )
    assert response.status_code == 302
    client.force_login(decision_maker)
    response = client.get(en("governance:leadership"))
    html = response.content.decode()
    assert [p.version for p in response.context["principles"]] == [2, 1]
    assert "Versio kaksi" in html and "Versio yksi" not in html  # the current text; older versions are listed
    assert response.context["trainings"][0].participant_total == 20
    assert response.context["studies"][0].get_status_display() == "Ongoing"
    data = client_for(decision_maker).get("/api/governance/trainings/?organisation=140").json()
    assert data["results"][0]["participant_total"] == 20


@pytest.mark.django_db
def test_api_versions_and_downloads_go_through_permission_checks(staff_user, decision_maker, api_client):
    document = services.save_object(
        LegacyDocument(title="Selvitys 2017", origin="Valmistelu", topic="Palvelut"), actor=staff_user
    )
    api = client_for(staff_user)
    for content in (b"v1", b"v2 paivitetty"):
        response = api.post(
            f"/api/governance/legacy-documents/{document.pk}/versions/",
            {"file": SimpleUploadedFile("selvitys.txt", content), "note": "x"},
            format="multipart",
        )
        assert response.status_code == 201
    data = client_for(decision_maker).get(f"/api/governance/legacy-documents/{document.pk}/").json()
    assert [(v["version"], v["size"]) for v in data["versions"]] == [(2, 13), (1, 2)]
    assert "file" not in data["versions"][0]
    url = data["versions"][1]["download_url"]
    assert url == f"/api/governance/legacy-documents/{document.pk}/versions/1/download/"
    response = client_for(decision_maker).get(url)
    assert b"".join(response.streaming_content) == b"v1"
    assert api_client.get(url).status_code == 404  # anonymous readers do not see the register
