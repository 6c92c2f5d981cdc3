"""Supervision's register and visit pages in the generated test kit.

The persona with rights is a supervisor assigned to the organiser (pshva); a decision-maker reads
the registers but changes nothing. Confidential deviation reports are not in the kit: their access
log and triage rules have their own tests (test_deviation.py).
"""

from __future__ import annotations

import datetime as dt

from portal.testing.cases import KitCase, form_case
from supervision import forms
from supervision import models as m
from supervision.tests import factories as f


def case(model, factory, form_class, create=None, edit=None, **kwargs) -> KitCase:
    return form_case(
        model,
        factory,
        form_class,
        create=create,
        edit=edit,
        with_rights=f.supervisor_of,
        without_rights="decision_maker",
        create_denied_status=(404,),  # the register pages answer a user who may not add with a 404
        edit_denied_status=(404,),
        **kwargs,
    )


CASES = [
    case(
        m.Producer,
        f.ProducerFactory,
        forms.ProducerForm,
        create=lambda o: {"name": "Uusi Hoiva Oy", "business_id": f.business_id(2000000)},
        edit=lambda o: {"contact_name": "Maija Meikäläinen"},
        list_url="supervision:producer-list",
        create_url="supervision:producer-create",
        edit_url="supervision:producer-edit",
        api_list="api-supervision:producer-list",
        api_detail="api-supervision:producer-detail",
        api_kwargs=lambda o: {"business_id": o.business_id},
    ),
    case(
        m.ServiceUnit,
        f.UnitFactory,
        forms.ServiceUnitForm,
        create=lambda o: {"code": "kit-unit", "name": "Uusi palvelukoti"},
        edit=lambda o: {"name": "Muutettu palvelukoti"},
        list_url="supervision:unit-list",
        detail_url="supervision:unit-detail",
        create_url="supervision:unit-create",
        edit_url="supervision:unit-edit",
        url_kwargs=lambda o: {"code": o.code},
        api_list="api-supervision:unit-list",
        api_detail="api-supervision:unit-detail",
        api_kwargs=lambda o: {"code": o.code},
    ),
    case(
        m.Contract,
        f.ContractFactory,
        forms.ContractForm,
        create=lambda o: {"number": "SOP-KIT"},
        edit=lambda o: {"title": "Muutettu sopimus"},
        list_url="supervision:contract-list",
        create_url="supervision:contract-create",
        edit_url="supervision:contract-edit",
        api_list="api-supervision:contract-list",
        api_detail="api-supervision:contract-detail",
    ),
    case(
        m.StaffingThreshold,
        f.ThresholdFactory,
        forms.ThresholdForm,
        create=lambda o: {"valid_from": dt.date(2050, 1, 1), "valid_to": dt.date(2050, 12, 31)},
        edit=lambda o: {"legal_basis": "Muutettu peruste"},
        public=True,  # the thresholds are published
        list_url="supervision:threshold-list",
        create_url="supervision:threshold-create",
        edit_url="supervision:threshold-edit",
        api_list="api-supervision:threshold-list",
        api_detail="api-supervision:threshold-detail",
    ),
    case(
        m.SupervisionVisit,
        f.VisitFactory,
        forms.VisitForm,
        create=lambda o: {"planned_on": dt.date(2026, 6, 1)},
        edit=lambda o: {"summary": "Käynti tehty."},
        list_url="supervision:visit-list",
        detail_url="supervision:visit-detail",
        create_url="supervision:visit-create",
        edit_url="supervision:visit-edit",
        api_list="api-supervision:visit-list",
        api_detail="api-supervision:visit-detail",
    ),
]
