"""Editing the concept and data-model catalogue: programme staff edit, everyone else is refused."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from conftest import client_for
from portal.models import ChangeLog, Concept, ConceptRelation, DataModel


@pytest.fixture
def model_with_concepts(reference_data):
    dm = DataModel.objects.create(code="sote-kasitemalli", name_fi="SOTE-käsitemalli", status="draft")
    client_group = Concept.objects.create(data_model=dm, code="asiakasryhma", name_fi="Asiakasryhmä")
    service = Concept.objects.create(data_model=dm, code="palvelu", name_fi="Palvelu")
    return dm, client_group, service


def _concept_form(**overrides):
    data = {
        "code": "palvelutehtava",
        "name_fi": "Palvelutehtävä",
        "name_sv": "Serviceuppgift",
        "name_en": "Service task",
        "definition_fi": "Järjestäjän vastuulla oleva tehtävä.",
        "definition_sv": "",
        "definition_en": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_staff_create_and_edit_a_data_model_in_the_browser(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("portal:datamodel-create"),
        {
            "code": "tuottajavalvonta",
            "name_fi": "Tuottajavalvonnan tietomalli",
            "name_sv": "",
            "name_en": "",
            "description_fi": "",
            "description_sv": "",
            "description_en": "",
            "version": "0.1",
            "status": "draft",
            "measure": "",
        },
    )
    assert response.status_code == 302
    dm = DataModel.objects.get(code="tuottajavalvonta")
    response = client.post(
        reverse("portal:datamodel-edit", args=["tuottajavalvonta"]),
        {
            "code": "tuottajavalvonta",
            "name_fi": "Tuottajavalvonnan tietomalli",
            "name_sv": "",
            "name_en": "",
            "description_fi": "",
            "description_sv": "",
            "description_en": "",
            "version": "0.2",
            "status": "approved",
            "measure": "",
        },
    )
    assert response.status_code == 302
    dm.refresh_from_db()
    assert (dm.version, dm.status) == ("0.2", "approved")
    log = ChangeLog.objects.filter(content_type=ContentType.objects.get_for_model(DataModel), object_id=str(dm.pk))
    assert sorted(log.values_list("action", "source")) == [("create", "ui"), ("update", "ui")]


@pytest.mark.django_db
def test_staff_add_edit_relate_and_delete_concepts(client, staff_user, model_with_concepts):
    dm, client_group, service = model_with_concepts
    client.force_login(staff_user)
    response = client.post(reverse("portal:concept-create", args=[dm.code]), _concept_form())
    assert response.status_code == 302
    task = Concept.objects.get(data_model=dm, code="palvelutehtava")
    assert (task.name_sv, task.definition_fi) == ("Serviceuppgift", "Järjestäjän vastuulla oleva tehtävä.")

    url = reverse("portal:concept-relation-add", args=[dm.code, "palvelutehtava"])
    assert client.post(url, {"kind": "part_of", "target": service.pk}).status_code == 302
    relation = ConceptRelation.objects.get(source=task)
    assert (relation.kind, relation.target) == ("part_of", service)
    duplicate = client.post(url, {"kind": "part_of", "target": service.pk})
    assert duplicate.status_code == 400
    assert ConceptRelation.objects.filter(source=task).count() == 1

    page = client.get(reverse("portal:datamodel-detail", args=[dm.code])).content.decode()
    assert "Palvelutehtävä" in page and "#concept-palvelu" in page

    delete_relation = reverse("portal:concept-relation-delete", args=[dm.code, "palvelutehtava", relation.pk])
    assert client.post(delete_relation).status_code == 302
    assert not ConceptRelation.objects.filter(pk=relation.pk).exists()

    confirm = client.get(reverse("portal:concept-delete", args=[dm.code, "palvelutehtava"]))
    assert confirm.status_code == 200 and Concept.objects.filter(pk=task.pk).exists()  # GET only asks
    assert client.post(reverse("portal:concept-delete", args=[dm.code, "palvelutehtava"])).status_code == 302
    assert not Concept.objects.filter(pk=task.pk).exists()
    actions = list(
        ChangeLog.objects.filter(content_type=ContentType.objects.get_for_model(Concept), object_id=str(task.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]


@pytest.mark.django_db
def test_duplicate_code_and_self_relation_are_refused(client, staff_user, model_with_concepts):
    dm, client_group, service = model_with_concepts
    client.force_login(staff_user)
    response = client.post(
        reverse("portal:concept-create", args=[dm.code]), _concept_form(code="palvelu", name_fi="Toinen")
    )
    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert Concept.objects.filter(data_model=dm).count() == 2
    response = client.post(
        reverse("portal:concept-relation-add", args=[dm.code, "palvelu"]), {"kind": "related", "target": service.pk}
    )
    assert response.status_code == 400
    assert not ConceptRelation.objects.exists()


@pytest.mark.django_db
def test_decision_maker_and_steward_cannot_edit_the_catalogue(client, decision_maker, steward_a, model_with_concepts):
    dm, client_group, service = model_with_concepts
    before = (list(DataModel.objects.values()), list(Concept.objects.values()), ConceptRelation.objects.count())
    for user in (decision_maker, steward_a):
        client.force_login(user)
        assert client.get(reverse("portal:datamodel-create")).status_code == 404
        assert client.get(reverse("portal:datamodel-edit", args=[dm.code])).status_code == 404
        assert client.post(reverse("portal:concept-create", args=[dm.code]), _concept_form()).status_code == 404
        assert client.post(reverse("portal:concept-delete", args=[dm.code, "palvelu"])).status_code == 404
        assert (
            client.post(
                reverse("portal:concept-relation-add", args=[dm.code, "palvelu"]),
                {"kind": "related", "target": client_group.pk},
            ).status_code
            == 404
        )
        api = client_for(user)
        assert (
            api.post(
                "/api/portal/concepts/", {"data_model": dm.code, "code": "x", "name_fi": "X"}, format="json"
            ).status_code
            == 403
        )
        assert api.delete(f"/api/portal/concepts/{service.pk}/").status_code == 404
    assert (list(DataModel.objects.values()), list(Concept.objects.values()), ConceptRelation.objects.count()) == before
    client.logout()
    assert client.get(reverse("portal:datamodel-create")).status_code == 302  # to the login page


@pytest.mark.django_db
def test_api_staff_create_concepts_and_relations(staff_user, model_with_concepts, api_client):
    dm, client_group, service = model_with_concepts
    api = client_for(staff_user)
    response = api.post(
        "/api/portal/concepts/", {"data_model": dm.code, "code": "kustannus", "name_fi": "Kustannus"}, format="json"
    )
    assert response.status_code == 201, response.content
    new_id = response.json()["id"]
    response = api.post(
        "/api/portal/concept-relations/", {"source": new_id, "kind": "associated", "target": service.pk}, format="json"
    )
    assert response.status_code == 201
    assert (
        api.post(
            "/api/portal/concept-relations/", {"source": new_id, "kind": "related", "target": new_id}, format="json"
        ).status_code
        == 400
    )
    listed = api_client.get("/api/portal/concepts/", {"data_model__code": dm.code}).json()
    assert [c["code"] for c in listed["results"]] == ["asiakasryhma", "kustannus", "palvelu"]
    assert api_client.get(f"/api/portal/data-models/{dm.code}/").json()["concepts"][1]["relations"] == [
        {"kind": "associated", "target": "palvelu"}
    ]


@pytest.mark.django_db
def test_only_staff_remove_relations(client, decision_maker, staff_user, model_with_concepts):
    dm, client_group, service = model_with_concepts
    relation = ConceptRelation.objects.create(source=service, target=client_group, kind="associated")
    url = reverse("portal:concept-relation-delete", args=[dm.code, "palvelu", relation.pk])
    client.force_login(decision_maker)
    assert client.post(url).status_code == 404
    assert client_for(decision_maker).delete(f"/api/portal/concept-relations/{relation.pk}/").status_code == 404
    assert ConceptRelation.objects.filter(pk=relation.pk).exists()
    client.force_login(staff_user)
    assert client.post(url).status_code == 302
    assert not ConceptRelation.objects.filter(pk=relation.pk).exists()
