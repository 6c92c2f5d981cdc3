"""The core's models in the generated test kit (portal/testing/test_generated.py)."""

from __future__ import annotations

from portal.models import DataModel, InformationSystem, Measure, Organisation
from portal.testing.cases import KitCase
from portal.tests import factories


def _system_data(obj, **changes):
    data = {"code": "kit-new", "name": "Uusi", "owner": obj.owner_id, "sector": "social", "lifecycle": "in_use"}
    return {**data, **changes}


def _kuopio() -> Organisation:
    return Organisation.objects.get(code="297")


CASES = [
    KitCase(
        model=InformationSystem,
        factory=factories.InformationSystemFactory,
        with_rights="steward_a",
        without_rights="steward_b",
        list_url="portal:information-system-list",
        detail_url="portal:information-system-detail",
        create_url="portal:information-system-create",
        edit_url="portal:information-system-edit",
        delete_url="portal:information-system-delete",
        api_list="api-portal:information-system-list",
        api_detail="api-portal:information-system-detail",
        create_data=_system_data,
        edit_data=lambda obj: _system_data(obj, code=obj.code, name="Muutettu"),
        create_denied_status=(200, 400),  # the form opens; the owner choice offers only their own organisations
    ),
    KitCase(
        model=Organisation,
        factory=_kuopio,
        with_rights="steward_a",
        without_rights="steward_b",
        public=True,
        list_url="portal:organisation-list",
        detail_url="portal:organisation-detail",
        edit_url="portal:organisation-edit",
        api_list="api-portal:organisation-list",
        api_detail="api-portal:organisation-detail",
        url_kwargs=lambda obj: {"code": obj.code},
        api_kwargs=lambda obj: {"code": obj.code},
        edit_data=lambda obj: {"name_fi": obj.name_fi, "name_sv": obj.name_sv, "website": "https://kuopio.example"},
    ),
    KitCase(
        model=Measure,
        factory=factories.MeasureFactory,
        with_rights="staff_user",
        without_rights="steward_a",
        public=True,
        list_url="portal:measure-list",
        detail_url="portal:measure-detail",
        edit_url="portal:measure-edit",
        api_list="api-portal:measure-list",
        api_detail="api-portal:measure-detail",
        url_kwargs=lambda obj: {"number": obj.number},
        api_kwargs=lambda obj: {"number": obj.number},
        edit_data=lambda obj: {"title_fi": "Muutettu otsikko", "version": obj.version},
    ),
    KitCase(
        model=DataModel,
        factory=factories.DataModelFactory,
        with_rights="staff_user",
        without_rights="steward_a",
        public=True,
        list_url="portal:datamodel-list",
        detail_url="portal:datamodel-detail",
        create_url="portal:datamodel-create",
        edit_url="portal:datamodel-edit",
        api_list="api-portal:data-model-list",
        api_detail="api-portal:data-model-detail",
        url_kwargs=lambda obj: {"code": obj.code},
        api_kwargs=lambda obj: {"code": obj.code},
        create_data=lambda obj: {"code": "kit-model", "name_fi": "Uusi malli", "version": "1.0", "status": "draft"},
        edit_data=lambda obj: {"code": obj.code, "name_fi": "Muutettu", "version": "1.1", "status": "draft"},
        create_denied_status=(404,),
        edit_denied_status=(404,),
    ),
]
