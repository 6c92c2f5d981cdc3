"""The archiving area's models in the generated test kit (portal/testing/test_generated.py).

Programme staff keep the rules, plans, access rules, requirements and the data contents of every
organisation's retiring systems; a decision-maker reads them (region reader) and changes nothing
(a create form is a 403, a row's edit/delete a 403 or 404). Declared here as far as the pages fit;
covered elsewhere:

- simulations are made by uploading a metadata extract that a job reads, destruction lists by a
  verb from a simulation and approved by an archivist (test_simulation_and_pdfs.py): the kit only
  lists and opens made ones;
- access requests are confidential and every read is logged; their request, decision, reading
  and access-log rules have their own tests (test_views_api.py, test_services.py);
- plan approval and new versions are verbs behind buttons (test_views_api.py, test_services.py);
  the procurement pack is a job (test_downloads_and_overview.py).
"""

from __future__ import annotations

import datetime as dt

from archiving import forms
from archiving import models as m
from archiving.tests import factories as f
from portal.models import InformationSystem
from portal.testing.cases import KitCase, form_case


def _content() -> m.DataContent:
    return f.DataContentFactory(system=f.retiring_system(), retention_rule=f.RetentionRuleFactory())


def case(model, factory, form_class, create=None, edit=None, **kwargs) -> KitCase:
    """A staff-kept case: programme staff with rights, a decision-maker without."""
    return form_case(
        model,
        factory,
        form_class,
        create=create,
        edit=edit,
        with_rights="staff_user",
        without_rights="decision_maker",
        **kwargs,
    )


CASES = [
    case(
        InformationSystem,
        f.retiring_system,
        None,
        list_url="archiving:system-list",
        detail_url="archiving:system-detail",
        name="archiving.system",
    ),
    case(
        m.DataContent,
        _content,
        forms.DataContentForm,
        create=lambda o: {"title": "Uusi tietosisältö"},
        edit=lambda o: {"record_count": 2000},
        list_url="archiving:content-list",
        detail_url="archiving:content-detail",
        create_url="archiving:content-create",
        edit_url="archiving:content-edit",
        delete_url="archiving:content-delete",
        api_list="api-archiving:data-content-list",
        api_detail="api-archiving:data-content-detail",
    ),
    case(
        m.RetentionRule,
        f.RetentionRuleFactory,
        forms.RetentionRuleForm,
        create=lambda o: {"code": "kit-rule"},
        edit=lambda o: {"period_years": 15},
        list_url="archiving:rule-list",
        detail_url="archiving:rule-detail",
        create_url="archiving:rule-create",
        edit_url="archiving:rule-edit",
        api_list="api-archiving:rule-list",
        api_detail="api-archiving:rule-detail",
        api_kwargs=lambda o: {"code": o.code},
    ),
    case(
        m.RetentionSimulation,
        f.SimulationFactory,
        None,
        list_url="archiving:simulation-list",
        detail_url="archiving:simulation-detail",
        api_list="api-archiving:simulation-list",
        api_detail="api-archiving:simulation-detail",
    ),
    case(
        m.DestructionList,
        f.DestructionListFactory,
        None,
        list_url="archiving:destruction-list",
        detail_url="archiving:destruction-detail",
    ),
    case(
        m.ArchivingPlan,
        f.PlanFactory,
        forms.PlanForm,
        create=lambda o: {"code": "kit-plan"},
        edit=lambda o: {"title": "Muutettu suunnitelma"},
        list_url="archiving:plan-list",
        detail_url="archiving:plan-detail",
        create_url="archiving:plan-create",
        edit_url="archiving:plan-edit",
        api_list="api-archiving:plan-list",
        api_detail="api-archiving:plan-detail",
    ),
    case(
        m.PlanItem,
        f.PlanItemFactory,
        forms.PlanItemForm,
        create=lambda o: {"system": f.retiring_system().pk},
        edit=lambda o: {"target_date": dt.date(2028, 1, 31)},
        create_url="archiving:plan-item-create",
        create_kwargs=lambda o: {"plan": o.plan_id},
        create_denied_status=(403, 404),  # the plan is fetched through editable_by
        edit_url="archiving:plan-item-edit",
        url_kwargs=lambda o: {"plan": o.plan_id, "pk": o.pk},
    ),
    case(
        m.AccessRule,
        f.AccessRuleFactory,
        forms.AccessRuleForm,
        create=lambda o: {"service_task": "Uusi tehtävä"},
        edit=lambda o: {"note": "Muutettu"},
        list_url="archiving:access-rule-list",
        create_url="archiving:access-rule-create",
        edit_url="archiving:access-rule-edit",
    ),
    case(
        m.Requirement,
        f.RequirementFactory,
        forms.RequirementForm,
        create=lambda o: {"code": "ARK-899"},
        edit=lambda o: {"priority": "should"},
        list_url="archiving:requirement-list",
        create_url="archiving:requirement-create",
        edit_url="archiving:requirement-edit",
        api_list="api-archiving:requirement-list",
        api_detail="api-archiving:requirement-detail",
    ),
]
