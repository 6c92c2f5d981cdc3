"""The indicator bank's models in the generated test kit (portal/testing/test_generated.py).

Public indicators, curated sets, maturity surveys and municipality pages are open to everyone; a
restricted indicator is answered to signed-in users only (its API case checks that anonymous
visitors do not get it). Values and targets are entered by programme staff and stewards (here
Kuopio's steward, for Kuopio); a decision-maker is refused the entry forms (403), and Iisalmi's
steward gets the forms but cannot choose Kuopio (400, nothing stored).

Not in the kit, covered elsewhere:

- file imports of values and maturity answers run as jobs, and their drafts are published or
  discarded by POST actions (``import``, ``import-publish``, ``import-discard``,
  ``survey-import``): test_imports.py, test_maturity.py;
- the maturity survey's answer form writes an anonymous answer that is not change-logged (no
  persona is refused it): test_maturity.py;
- the recompute actions and the municipality reports are POST-only job starts
  (``recompute-*``, ``municipality-report``, ``municipality-report-batch``): test_computed.py,
  test_digital_exclusion.py, test_structured_documentation.py, test_report_batch.py,
  test_reporting.py;
- the data and report API endpoints are not model lists (JSON, CSV, JSON-stat): test_api.py.

The area holds no confidential personal records (maturity answers are anonymous and read row by
row only by programme staff; test_maturity.py checks the small-group suppression).
"""

from __future__ import annotations

from knowledge_mgmt import models as m
from knowledge_mgmt.tests import factories as f
from portal.models import Organisation
from portal.testing.cases import KitCase


def _code(obj) -> dict:
    return {"code": obj.code}


def read(model, factory, **kwargs) -> KitCase:
    return KitCase(model=model, factory=factory, with_rights="decision_maker", without_rights="steward_b", **kwargs)


def _value_data(obj) -> dict:
    """A Kuopio value of the anchor's indicator for a year it has none."""
    return {
        "indicator": obj.indicator.code,
        "organisation": obj.organisation.code,
        "year": 2025,
        "sex": "total",
        "value": "14",
        "status": "final",
    }


def _target_data(obj) -> dict:
    return {"indicator": obj.indicator.code, "organisation": obj.organisation.code, "year": 2030, "value": "9"}


CASES = [
    read(
        m.Indicator,
        f.IndicatorFactory,
        public=True,
        list_url="knowledge_mgmt:indicator-list",
        detail_url="knowledge_mgmt:indicator-detail",
        url_kwargs=_code,
        api_list="api-knowledge_mgmt:indicator-list",
        api_detail="api-knowledge_mgmt:indicator-detail",
        api_kwargs=_code,
    ),
    read(
        m.Indicator,
        lambda: f.IndicatorFactory(public=False),
        api_list="api-knowledge_mgmt:indicator-list",
        api_detail="api-knowledge_mgmt:indicator-detail",
        api_kwargs=_code,
        name="knowledge_mgmt.indicator-restricted",
    ),
    read(
        m.IndicatorSet,
        f.IndicatorSetFactory,
        public=True,
        list_url="knowledge_mgmt:dashboard-list",
        detail_url="knowledge_mgmt:dashboard",
        url_kwargs=_code,
    ),
    read(
        m.MaturitySurvey,
        f.SurveyFactory,
        public=True,
        list_url="knowledge_mgmt:survey-list",
        detail_url="knowledge_mgmt:survey-results",
        url_kwargs=_code,
    ),
    read(
        Organisation,
        lambda: Organisation.objects.get(code="297"),
        public=True,
        list_url="knowledge_mgmt:municipality-list",
        detail_url="knowledge_mgmt:municipality",
        url_kwargs=_code,
        name="knowledge_mgmt.municipality",
    ),
    KitCase(
        model=m.IndicatorValue,
        factory=f.IndicatorValueFactory,
        with_rights="steward_a",
        without_rights="decision_maker",
        create_url="knowledge_mgmt:value-entry",
        create_data=_value_data,
    ),
    KitCase(
        model=m.Target,
        factory=f.TargetFactory,
        with_rights="steward_a",
        without_rights="decision_maker",
        public=True,  # targets of public indicators are read anonymously through the API
        create_url="knowledge_mgmt:target-entry",
        create_data=_target_data,
        api_list="api-knowledge_mgmt:target-list",
        api_detail="api-knowledge_mgmt:target-detail",
    ),
    KitCase(
        model=m.IndicatorValue,
        factory=f.IndicatorValueFactory,
        with_rights="steward_a",
        without_rights="steward_b",
        create_url="knowledge_mgmt:value-entry",
        create_data=_value_data,
        create_denied_status=(200, 400),  # Iisalmi's steward gets the form; Kuopio is not among its choices
        name="knowledge_mgmt.indicatorvalue-other-steward",
    ),
    KitCase(
        model=m.Target,
        factory=f.TargetFactory,
        with_rights="steward_a",
        without_rights="steward_b",
        create_url="knowledge_mgmt:target-entry",
        create_data=_target_data,
        create_denied_status=(200, 400),
        name="knowledge_mgmt.target-other-steward",
    ),
]
