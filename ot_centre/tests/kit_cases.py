"""The OT centre's network pages in the generated test kit (portal/testing/test_generated.py).

The co-ordinator keeps the network (experts, agreements, deadline rules, use cases, demand
estimates); a decision-maker reads it but changes nothing (a create form is a 403, a row's edit
a 404). Not in the kit, and covered elsewhere: consultation cases are confidential, written only
through the case verbs and every read is logged (test_flow.py, test_personas.py); experience
reports are anonymous answers to a pilot whose figures are suppressed below five
(test_personas.py); the monthly pilot reports are jobs (test_statistics.py, test_scheduled.py).
"""

from __future__ import annotations

import datetime as dt

from conftest import make_user
from ot_centre import forms
from ot_centre import models as m
from ot_centre.tests import factories as f
from portal import roles
from portal.testing.cases import KitCase, form_case


def coordinator():
    return make_user("kit-ot-coordinator", roles.OT_COORDINATOR)


def case(model, factory, form_class, create=None, edit=None, **kwargs) -> KitCase:
    return form_case(
        model,
        factory,
        form_class,
        create=create,
        edit=edit,
        with_rights=coordinator,
        without_rights="decision_maker",
        edit_denied_status=(404,),
        **kwargs,
    )


CASES = [
    case(
        m.Expert,
        f.ExpertFactory,
        forms.ExpertForm,
        create=lambda o: {"user": f.UserFactory().pk},
        edit=lambda o: {"title": "Neuropsykologi"},
        list_url="ot_centre:expert-list",
        detail_url="ot_centre:expert-detail",
        create_url="ot_centre:expert-create",
        edit_url="ot_centre:expert-edit",
        api_list="api-ot_centre:expert-list",
        api_detail="api-ot_centre:expert-detail",
    ),
    case(
        m.Agreement,
        f.AgreementFactory,
        forms.AgreementForm,
        create=lambda o: {"title": "Uusi sopimus"},
        edit=lambda o: {"note": "Jatkettu vuodella."},
        list_url="ot_centre:agreement-list",
        detail_url="ot_centre:agreement-detail",
        create_url="ot_centre:agreement-create",
        edit_url="ot_centre:agreement-edit",
        api_list="api-ot_centre:agreement-list",
        api_detail="api-ot_centre:agreement-detail",
    ),
    case(
        m.ExpertiseArea,
        f.ExpertiseAreaFactory,
        None,
        list_url="ot_centre:expertise-area-list",
        api_list="api-ot_centre:expertise-area-list",
        api_detail="api-ot_centre:expertise-area-detail",
        api_kwargs=lambda o: {"code": o.code},
    ),
    case(
        m.CooperationArea,
        f.CooperationAreaFactory,
        None,
        detail_url="ot_centre:area-detail",
        url_kwargs=lambda o: {"key": o.key},
        api_list="api-ot_centre:area-list",
        api_detail="api-ot_centre:area-detail",
        api_kwargs=lambda o: {"key": o.key},
    ),
    case(m.WorkingGroup, f.WorkingGroupFactory, None, list_url="ot_centre:working-group-list"),
    case(
        m.DeadlineRule,
        f.deadline_rule,
        forms.DeadlineRuleForm,
        edit=lambda o: {"amount": o.amount + 1},
        list_url="ot_centre:rule-list",
        edit_url="ot_centre:rule-edit",
    ),
    case(m.Pilot, f.PilotFactory, None, detail_url="ot_centre:pilot-detail"),
    case(
        m.UseCase,
        f.UseCaseFactory,
        forms.UseCaseForm,
        create=lambda o: {"title": "Uusi käyttötapaus"},
        list_url="ot_centre:usecase-list",
        create_url="ot_centre:usecase-create",
    ),
    case(
        m.DemandEstimate,
        f.DemandEstimateFactory,
        forms.DemandEstimateForm,
        create=lambda o: {"year": dt.date.today().year + 1},
        list_url="ot_centre:demand-list",
        create_url="ot_centre:demand-create",
    ),
]
