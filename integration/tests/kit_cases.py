"""The integration area's models in the generated test kit (portal/testing/test_generated.py).

Measures 3.1, 3.5 and 3.6 have the kit's pages: operating models and flows belong to their
organisation (Kuopio's steward edits, Iisalmi's steward gets the form but cannot choose Kuopio, and
a Kuopio row is a 404 for them); programme staff keep the classifications (a decision-maker gets a
403 on the create form, a 404 on a row). The registers that only have lists and API routes
(training, Kanta readiness, UNA, client data access, the region's figures) are read by a
decision-maker.

The data-package side is driven by files and jobs, so only its list, detail and API routes are
here; the rest is covered elsewhere:

- a ledger upload (``upload-create``, API ``upload`` POST) starts a conversion job: test_views.py,
  test_api.py, test_conversion.py;
- mapping rules are added and removed by POST-only actions on the mapping page
  (``mapping-add-rule``, ``mapping-delete-rule``, ``mapping-new-version``), and mapping and code-list
  imports run as jobs: test_views.py, test_api_imports.py;
- drafts are published, discarded or turned into a mapping by POST actions (``draft-publish``,
  ``draft-discard``, ``draft-start-mapping``): test_publication.py;
- the documentation figures' file upload and the PDF run as jobs: test_measures_routes.py,
  test_measures_pages.py.

Raw ledgers (uploads, drafts, drill-down rows) are the organisation's stewards' and programme staff's
only: their queryset rules are what the anonymous and API checks here assert; a decision-maker's
refusal is tested in test_views.py and test_publication.py. The area holds no confidential
personal records.
"""

from __future__ import annotations

import datetime as dt

from integration import forms, forms_measures
from integration import models as m
from integration.tests import factories as f
from portal.testing.cases import KitCase, form_case, form_data


def _code(obj) -> dict:
    return {"code": obj.code}


def owned(model, factory, form_class, create, edit, **kwargs) -> KitCase:
    """An organisation's row: Kuopio's steward with rights, Iisalmi's steward without."""
    return form_case(
        model,
        factory,
        form_class,
        create=create,
        edit=edit,
        with_rights="steward_a",
        without_rights="steward_b",
        # the form opens for any steward; choosing another's organisation is refused (400)
        create_denied_status=(200, 400),
        edit_denied_status=(404,),
        **kwargs,
    )


def programme(model, factory, form_class=None, create=None, edit=None, **kwargs) -> KitCase:
    """Programme staff's register: staff with rights, a decision-maker reads but changes nothing."""
    return form_case(
        model,
        factory,
        form_class,
        create=create,
        edit=edit,
        with_rights="staff_user",
        without_rights="decision_maker",
        edit_denied_status=(404,),
        **kwargs,
    )


def read(model, factory, reader="decision_maker", **kwargs) -> KitCase:
    """Lists, details and API routes only (no form in the UI)."""
    return KitCase(model=model, factory=factory, with_rights=reader, without_rights="steward_b", **kwargs)


def api_public(model, factory, basename: str) -> KitCase:
    """Programme content the API answers anonymously (its queryset shows it to everyone), while
    the measure's pages are for signed-in users: the API routes as a case of their own."""
    return read(
        model,
        factory,
        public=True,
        api_list=f"api-integration:{basename}-list",
        api_detail=f"api-integration:{basename}-detail",
        name=f"{model._meta.label_lower}-api",
    )


def _report_data(obj) -> dict:
    return {
        "organisation": obj.organisation_id,
        "classification_version": obj.classification_version_id,
        "year": obj.year,
        "quarter": 2,
        "structured_count": 5,
        "total_count": 10,
    }


MEASURES = [
    owned(
        m.OperatingModel,
        f.OperatingModelFactory,
        forms_measures.OperatingModelForm,
        create=lambda o: {"code": "kit-new-model"},
        edit=lambda o: {"name_fi": "Muutettu toimintamalli"},
        list_url="integration:operating-model-list",
        detail_url="integration:operating-model-detail",
        create_url="integration:operating-model-create",
        edit_url="integration:operating-model-edit",
        delete_url="integration:operating-model-delete",
        api_list="api-integration:operating-model-list",
        api_detail="api-integration:operating-model-detail",
    ),
    owned(
        m.InformationFlow,
        f.FlowFactory,
        forms_measures.InformationFlowForm,
        create=lambda o: {"code": "kit-new-flow"},
        edit=lambda o: {"data": "Hoitopalaute"},
        list_url="integration:flow-map",
        detail_url="integration:flow-detail",
        create_url="integration:flow-create",
        edit_url="integration:flow-edit",
        delete_url="integration:flow-delete",
        api_list="api-integration:flow-list",
        api_detail="api-integration:flow-detail",
    ),
    programme(
        m.NationalClassification,
        f.ClassificationFactory,
        forms_measures.NationalClassificationForm,
        create=lambda o: {"code": "kit-new-class", "oid": "1.2.246.537.6.8888"},
        edit=lambda o: {"name_fi": "Muutettu luokitus"},
        list_url="integration:classification-list",
        detail_url="integration:classification-detail",
        create_url="integration:classification-create",
        edit_url="integration:classification-edit",
    ),
    api_public(m.NationalClassification, f.ClassificationFactory, "classification"),
    programme(
        m.ClassificationVersion,
        f.ClassificationVersionFactory,
        forms_measures.ClassificationVersionForm,
        create=lambda o: {"version": "2", "valid_from": dt.date(2026, 1, 1)},
        edit=lambda o: {"valid_to": dt.date(2030, 12, 31)},
        create_url="integration:classification-version-create",
        create_kwargs=lambda o: {"classification_pk": o.classification_id},
        edit_url="integration:classification-version-edit",
    ),
    KitCase(
        model=m.DocumentationReport,
        factory=f.DocumentationReportFactory,
        with_rights="steward_a",
        without_rights="steward_b",
        list_url="integration:report-list",
        create_url="integration:report-create",
        edit_url="integration:report-edit",
        api_list="api-integration:documentation-report-list",
        api_detail="api-integration:documentation-report-detail",
        create_data=_report_data,
        edit_data=lambda o: {"structured_count": 810, "total_count": 1000},
        create_denied_status=(200, 404),  # the form opens for a steward; Kuopio's organisation id is a 404
        edit_denied_status=(404,),
    ),
    read(
        m.TrainingCourse,
        f.TrainingCourseFactory,
        list_url="integration:training-list",
        detail_url="integration:training-detail",
    ),
    api_public(m.TrainingCourse, f.TrainingCourseFactory, "training-course"),
    read(
        m.RegionDocumentationFigure,
        f.RegionFigureFactory,
        api_list="api-integration:documentation-figure-list",
        api_detail="api-integration:documentation-figure-detail",
    ),
    read(
        m.KantaReadiness,
        f.ReadinessFactory,
        list_url="integration:readiness",
        api_list="api-integration:kanta-readiness-list",
        api_detail="api-integration:kanta-readiness-detail",
    ),
    read(
        m.UnaModule,
        f.UnaModuleFactory,
        list_url="integration:una",
    ),
    api_public(m.UnaModule, f.UnaModuleFactory, "una-module"),
    read(
        m.UnaRollout,
        f.RolloutFactory,
        list_url="integration:una-rollouts",
        api_list="api-integration:una-rollout-list",
        api_detail="api-integration:una-rollout-detail",
    ),
    read(
        m.ClientDataAccess,
        f.ClientDataAccessFactory,
        list_url="integration:availability",
        api_list="api-integration:client-data-access-list",
        api_detail="api-integration:client-data-access-detail",
    ),
    read(
        m.OperatingModelAdoption,
        f.AdoptionFactory,
        api_list="api-integration:operating-model-adoption-list",
        api_detail="api-integration:operating-model-adoption-detail",
    ),
]

PACKAGES = [
    read(
        m.CodeList,
        f.CodeListFactory,
        public=True,
        list_url="integration:codelist-list",
        detail_url="integration:codelist-detail",
        url_kwargs=_code,
        api_list="api-integration:code-list-list",
        api_detail="api-integration:code-list-detail",
        api_kwargs=_code,
    ),
    read(
        m.Code,
        f.CodeFactory,
        public=True,
        api_list="api-integration:code-list",
        api_detail="api-integration:code-detail",
    ),
    read(
        m.PackageDefinition,
        f.PackageDefinitionFactory,
        public=True,
        detail_url="integration:definition-detail",
        url_kwargs=_code,
        api_list="api-integration:package-definition-list",
        api_detail="api-integration:package-definition-detail",
        api_kwargs=_code,
    ),
    read(
        m.MappingVersion,
        f.MappingVersionFactory,
        reader="steward_a",
        list_url="integration:mapping-list",
        detail_url="integration:mapping-detail",
        url_kwargs=lambda o: {"code": o.organisation.code, "number": o.number},
        api_list="api-integration:mapping-version-list",
        api_detail="api-integration:mapping-version-detail",
    ),
    read(
        m.CostCentreMapping,
        f.CostCentreMappingFactory,
        reader="steward_a",
        api_list="api-integration:cost-centre-mapping-list",
        api_detail="api-integration:cost-centre-mapping-detail",
    ),
    read(
        m.AccountMapping,
        f.AccountMappingFactory,
        reader="steward_a",
        api_list="api-integration:account-mapping-list",
        api_detail="api-integration:account-mapping-detail",
    ),
    read(
        m.Upload,
        f.UploadFactory,
        reader="steward_a",
        list_url="integration:upload-list",
        api_list="api-integration:upload-list",
        api_detail="api-integration:upload-detail",
    ),
    read(
        m.ConversionDraft,
        f.DraftFactory,
        reader="steward_a",
        list_url="integration:draft-list",
        detail_url="integration:draft-detail",
        api_list="api-integration:conversion-draft-list",
        api_detail="api-integration:conversion-draft-detail",
    ),
    read(
        m.ConversionResult,
        f.ResultFactory,
        reader="steward_a",
        list_url="integration:result-list",
        detail_url="integration:result-detail",
        url_kwargs=lambda o: {"code": o.organisation.code, "year": o.year},
    ),
    read(
        m.PackageRow,
        f.PackageRowFactory,
        reader="steward_a",
        api_list="api-integration:package-row-list",
        api_detail="api-integration:package-row-detail",
    ),
    KitCase(
        model=m.OrganisationSettings,
        factory=f.SettingsFactory,
        with_rights="steward_a",
        without_rights="steward_b",
        edit_url="integration:settings",
        edit_kwargs=lambda o: {"code": o.organisation.code},
        edit_data=lambda o: form_data(
            forms.SettingsForm, o, unmapped_policy="unallocated", max_errors=7, aliases_text="amount = netto"
        ),
        edit_denied_status=(404,),  # another organisation's settings are not revealed
    ),
]

CASES = MEASURES + PACKAGES
