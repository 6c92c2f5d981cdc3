"""Pages of measures 3.1, 3.5 and 3.6, built on the portal kit (generic views, permissions,
service errors). Signed-in users read (decision-makers included); stewards write their own
organisation's figures; programme staff keep the registers."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from integration import selectors_measures as sel
from integration import services_measures as svc
from integration.choices_measures import CareSector, FlowChannel
from integration.filtersets_measures import (
    OperatingModelFilterSet,
    ReadinessFilterSet,
    ReportFilterSet,
    RolloutFilterSet,
)
from integration.forms_measures import (
    ClassificationVersionForm,
    DocumentationCorrectionForm,
    DocumentationReportForm,
    FiguresFileForm,
    InformationFlowForm,
    NationalClassificationForm,
    OperatingModelForm,
    ReportPdfForm,
)
from integration.models_measures import (
    ClassificationVersion,
    DocumentationReport,
    InformationFlow,
    KantaReadiness,
    NationalClassification,
    OperatingModel,
    TrainingCourse,
    UnaModule,
    UnaReplacedSystem,
    UnaRollout,
    UnaTariff,
)
from portal import permissions
from portal.errors import ServiceErrorFormMixin
from portal.exports import xlsx_response
from portal.generic_views import Column, ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from portal.models import Organisation

AREA = {"area_url_name": "integration:index", "area_label": gettext_lazy("Integration and data packages")}


class AreaMixin:
    area_url_name = "integration:index"
    area_label = gettext_lazy("Integration and data packages")


def _area_context() -> dict:
    return {"area_url": reverse("integration:index"), "area_label": AREA["area_label"]}


def _pct(value) -> str:
    return "" if value is None else f"{value}"


# --- 3.1 operating models -------------------------------------------------------------------------


class OperatingModelMixin(AreaMixin):
    model = OperatingModel


class OperatingModelListView(OperatingModelMixin, ObjectListView):
    title = gettext_lazy("Operating models")
    intro = gettext_lazy(
        "Candidate region-wide operating models chosen from the existing regional solutions, with the "
        "deciding body's decision reference."
    )
    related = ("owner",)
    filterset_class = OperatingModelFilterSet
    search_fields = ("name_fi", "name_sv", "name_en", "code", "description")
    sort_fields = {"name": "name_fi", "sector": "sector", "state": "state"}
    default_sort = "name"
    create_url_name = "integration:operating-model-create"
    export_name = "operating-models"
    columns = (
        Column(gettext_lazy("Name"), "name", sort="name", url="detail"),
        Column(gettext_lazy("Sector"), "sector", sort="sector"),
        Column(gettext_lazy("Owner"), "owner.name"),
        Column(gettext_lazy("State"), "state", sort="state"),
        Column(gettext_lazy("Decision reference"), "decision_reference"),
    )


class OperatingModelDetailView(OperatingModelMixin, ObjectDetailView):
    template_name = "integration/measures/operating_model_detail.html"

    def extra_context(self, obj):
        user = self.request.user
        return {
            "edit_url": reverse("integration:operating-model-edit", args=[obj.pk]),
            "delete_url": reverse("integration:operating-model-delete", args=[obj.pk]),
            "adoptions": obj.adoptions.visible_to(user).select_related("organisation"),
            "needs": obj.information_needs.visible_to(user).select_related("concept", "concept__data_model"),
            "flows": obj.flows.visible_to(user).select_related("from_organisation", "to_organisation"),
        }


class OperatingModelEditView(OperatingModelMixin, ObjectEditView):
    form_class = OperatingModelForm
    title = gettext_lazy("New operating model")


class OperatingModelDeleteView(OperatingModelMixin, ObjectDeleteView):
    pass


# --- 3.1 flow map -----------------------------------------------------------------------------------


class FlowMapView(LoginRequiredMixin, View):
    """One sector boundary's flows as an SVG and a table: "what does primary care see of
    specialised care in Kuopio in 2024" is ``?from=specialised_care&to=primary_care&organisation=297&year=2024``."""

    def get(self, request):
        sectors = dict(CareSector.choices)
        from_sector = request.GET.get("from", CareSector.SPECIALISED_CARE)
        to_sector = request.GET.get("to", CareSector.PRIMARY_CARE)
        if from_sector not in sectors or to_sector not in sectors:
            from_sector, to_sector = CareSector.SPECIALISED_CARE, CareSector.PRIMARY_CARE
        code = request.GET.get("organisation", "")
        organisation = Organisation.objects.filter(code=code).first() if code else None
        year = _year_or_none(request.GET.get("year"))
        day = _date_or_none(request.GET.get("on"))
        flows = list(
            sel.flows_for(
                from_sector=from_sector, to_sector=to_sector, organisation=organisation, year=year, day=day
            ).visible_to(request.user)
        )
        layout = sel.flow_map_layout(flows)
        boundaries = [
            {"from": f, "to": t, "label": f"{sectors[f]} → {sectors[t]}", "current": (f, t) == (from_sector, to_sector)}
            for f, t in sel.SECTOR_BOUNDARIES
        ]
        organisations = Organisation.objects.filter(
            kind__in=["municipality", "wellbeing_services_county", "joint_authority"]
        ).order_by("name_fi")
        return render(
            request,
            "integration/measures/flow_map.html",
            {
                "title": _("Information flows across sector boundaries"),
                "from_label": sectors[from_sector],
                "to_label": sectors[to_sector],
                "from_sector": from_sector,
                "to_sector": to_sector,
                "organisation": organisation,
                "organisations": organisations,
                "year": year,
                "day": day,
                "flows": flows,
                "layout": layout,
                "boundaries": boundaries,
                "channels": FlowChannel.choices,
                "can_create": permissions.can_create(request.user, InformationFlow),
                **_area_context(),
            },
        )


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _year_or_none(value) -> int | None:
    """A year filter within 1900-2100; anything else means "no year" (a -1 or 23-digit year cannot be a date)."""
    year = _int_or_none(value)
    return year if year is not None and 1900 <= year <= 2100 else None


def _date_or_none(value) -> dt.date | None:
    """An ISO date filter (YYYY-MM-DD) within the years of ``_year_or_none``; anything else means "no date"."""
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2100 else None


class FlowDetailView(AreaMixin, ObjectDetailView):
    model = InformationFlow
    template_name = "integration/measures/flow_detail.html"

    def extra_context(self, obj):
        return {
            "edit_url": reverse("integration:flow-edit", args=[obj.pk]),
            "delete_url": reverse("integration:flow-delete", args=[obj.pk]),
        }


class FlowEditView(AreaMixin, ObjectEditView):
    model = InformationFlow
    form_class = InformationFlowForm
    title = gettext_lazy("New information flow")


class FlowDeleteView(AreaMixin, ObjectDeleteView):
    model = InformationFlow

    def success_url(self, obj):
        return reverse("integration:flow-map")


# --- 3.1 training -----------------------------------------------------------------------------------


class TrainingListView(LoginRequiredMixin, View):
    def get(self, request):
        courses = (
            TrainingCourse.objects.visible_to(request.user)
            .select_related("organiser")
            .prefetch_related("participations__organisation")
        )
        rows = [{"course": c, "total": sum(p.participants for p in c.participations.all())} for c in courses]
        return render(
            request,
            "integration/measures/training_list.html",
            {"title": _("KYS training programme"), "rows": rows, **_area_context()},
        )


class TrainingDetailView(AreaMixin, ObjectDetailView):
    model = TrainingCourse
    template_name = "integration/measures/training_detail.html"

    def extra_context(self, obj):
        parts = list(obj.participations.visible_to(self.request.user).select_related("organisation"))
        return {"participations": parts, "total": sum(p.participants for p in parts)}


# --- 3.5 classifications and figures ----------------------------------------------------------------


class ClassificationListView(LoginRequiredMixin, View):
    def get(self, request):
        classifications = NationalClassification.objects.visible_to(request.user).prefetch_related("versions")
        return render(
            request,
            "integration/measures/classification_list.html",
            {
                "title": _("National classifications"),
                "classifications": classifications,
                "can_create": permissions.can_create(request.user, NationalClassification),
                **_area_context(),
            },
        )


class ClassificationDetailView(AreaMixin, ObjectDetailView):
    model = NationalClassification
    template_name = "integration/measures/classification_detail.html"

    def extra_context(self, obj):
        user = self.request.user
        return {
            "versions": ClassificationVersion.objects.visible_to(user).filter(classification=obj),
            "edit_url": reverse("integration:classification-edit", args=[obj.pk]),
            "version_create_url": reverse("integration:classification-version-create", args=[obj.pk]),
            "can_edit_versions": permissions.can_create(user, ClassificationVersion),
        }


class ClassificationEditView(AreaMixin, ObjectEditView):
    """Programme staff keep the classifications; the form refuses an OID off the national pattern."""

    model = NationalClassification
    form_class = NationalClassificationForm
    title = gettext_lazy("New national classification")


class ClassificationVersionEditView(AreaMixin, ObjectEditView):
    """A version and its validity; new versions start from the classification in the URL."""

    model = ClassificationVersion
    form_class = ClassificationVersionForm
    title = gettext_lazy("New classification version")

    def get_form_kwargs(self, instance):
        kwargs = super().get_form_kwargs(instance)
        if instance.pk is None and "classification_pk" in self.kwargs:
            classification = get_object_or_404(
                NationalClassification.objects.visible_to(self.request.user), pk=self.kwargs["classification_pk"]
            )
            kwargs["initial"] = {"classification": classification.pk}
        return kwargs

    def success_url(self, obj):
        return obj.classification.get_absolute_url()

    def cancel_url(self, obj):
        if obj.classification_id:
            return obj.classification.get_absolute_url()
        if "classification_pk" in self.kwargs:
            return reverse("integration:classification-detail", args=[self.kwargs["classification_pk"]])
        return reverse("integration:classification-list")


def _selected_quarter(request) -> tuple[int, int]:
    quarters = sel.quarters_with_reports()
    year = _year_or_none(request.GET.get("year"))
    quarter = _int_or_none(request.GET.get("quarter"))
    if year and quarter in (1, 2, 3, 4):
        return year, quarter
    if quarters:
        return quarters[0]
    today = dt.date.today()
    return today.year, (today.month - 1) // 3 + 1


class DocumentationFiguresView(LoginRequiredMixin, View):
    """The quarter's figures per organisation and the region's volume-weighted share."""

    def get(self, request):
        year, quarter = _selected_quarter(request)
        classifications = list(NationalClassification.objects.visible_to(request.user))
        code = request.GET.get("classification", "")
        chosen = next((c for c in classifications if c.code == code), None)
        figures = sel.documentation_figures(year, quarter, classification=chosen)
        matrix_classes, matrix_rows = sel.adoption_matrix(year, quarter)
        matrix = [
            {"organisation": r["organisation"], "cells": [r["cells"].get(c.pk) for c in matrix_classes]}
            for r in matrix_rows
        ]
        chart = [
            {"name": r.organisation.name, "share": r.share, "y": 10 + i * 24, "width": int((r.share or 0) * 4)}
            for i, r in enumerate(figures.rows)
        ]
        return render(
            request,
            "integration/measures/documentation_figures.html",
            {
                "title": _("Structured documentation"),
                "year": year,
                "quarter": quarter,
                "quarters": sel.quarters_with_reports(),
                "classifications": classifications,
                "chosen": chosen,
                "figures": figures,
                "chart": chart,
                "chart_height": 20 + 24 * len(chart),
                "matrix_classes": matrix_classes,
                "matrix": matrix,
                "can_report": DocumentationReport.objects.can_create(request.user),
                "pdf_form": ReportPdfForm(),
                **_area_context(),
            },
        )


class DocumentationMatrixXlsxView(LoginRequiredMixin, View):
    def get(self, request):
        year, quarter = _selected_quarter(request)
        classes, rows = sel.adoption_matrix(year, quarter)
        header = [_("Organisation"), _("Code")]
        for c in classes:
            header += [f"{c.name} ({c.oid}) " + _("structured"), f"{c.name} " + _("all"), f"{c.name} %"]
        out = []
        for r in rows:
            line = [r["organisation"].name, r["organisation"].code]
            for c in classes:
                rep = r["cells"].get(c.pk)
                if rep is None:
                    line += [None, None, None]
                else:
                    share = sel.weighted_share(rep.structured_count, rep.total_count)
                    line += [rep.structured_count, rep.total_count, float(share) if share is not None else None]
            out.append(line)
        return xlsx_response(
            f"structured-documentation-{year}-Q{quarter}.xlsx", header, out, sheet_title=f"{year} Q{quarter}"
        )


class ReportListView(AreaMixin, ObjectListView):
    model = DocumentationReport
    title = gettext_lazy("Documentation figures by organisation")
    intro = gettext_lazy("Quarterly structured and all entries per organisation and classification version.")
    related = ("organisation", "classification", "classification_version")
    filterset_class = ReportFilterSet
    sort_fields = {"year": "year", "organisation": "organisation__name_fi"}
    default_sort = "-year"
    create_url_name = "integration:report-create"
    export_name = "documentation-figures"
    columns = (
        Column(gettext_lazy("Organisation"), "organisation.name", sort="organisation"),
        Column(gettext_lazy("Year"), lambda r: str(r.year), sort="year"),
        Column(gettext_lazy("Quarter"), lambda r: f"Q{r.quarter}"),
        Column(gettext_lazy("Classification"), "classification.name"),
        Column(gettext_lazy("Version"), "classification_version.version"),
        Column(gettext_lazy("Structured entries"), "structured_count", numeric=True),
        Column(gettext_lazy("All entries"), "total_count", numeric=True),
        Column(
            gettext_lazy("Structured %"), lambda r: sel.weighted_share(r.structured_count, r.total_count), numeric=True
        ),
        Column(
            gettext_lazy("Correct"),
            lambda r: _("Correct"),
            url=lambda r: reverse("integration:report-edit", args=[r.pk]),
            export=False,
        ),
    )

    def get_columns(self):
        # Only the organisation's stewards see the correction link column's target work; others
        # would get a 404 there, so the column is hidden for readers without any steward grant.
        if DocumentationReport.objects.can_create(self.request.user):
            return self.columns
        return self.columns[:-1]

    def extra_context(self):
        return {"upload_url": reverse("integration:report-upload")}


class ReportCreateView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    """A steward's form for one quarter. Another organisation's id in the post is a 404."""

    def _render(self, form, status=200):
        return render(
            self.request,
            "integration/measures/report_form.html",
            {"form": form, "title": _("Report documentation figures"), **_area_context()},
            status=status,
        )

    def get(self, request):
        if not DocumentationReport.objects.can_create(request.user):
            raise PermissionDenied
        return self._render(DocumentationReportForm(user=request.user))

    def post(self, request):
        if not DocumentationReport.objects.can_create(request.user):
            raise PermissionDenied
        org = Organisation.objects.filter(pk=_int_or_none(request.POST.get("organisation"))).first()
        if org is not None and not DocumentationReport.objects.can_create_for(request.user, org):
            raise Http404
        form = DocumentationReportForm(request.POST, user=request.user)
        if not form.is_valid():
            return self._render(form, status=400)
        data = form.cleaned_data
        version = data["classification_version"]
        row = svc.ReportRow(
            data["organisation"],
            version.classification,
            version,
            data["year"],
            data["quarter"],
            data["structured_count"],
            data["total_count"],
        )
        saved = self.run_service(form, lambda: svc.report_documentation(row, actor=request.user))
        if saved is None:
            return self._render(form, status=self.form_error_status)
        messages.success(request, _("Saved."))
        return redirect(reverse("integration:report-list"))


class ReportCorrectView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    def _report(self, pk):
        return get_object_or_404(
            DocumentationReport.objects.editable_by(self.request.user).select_related("organisation", "classification"),
            pk=pk,
        )

    def _render(self, form, report, status=200):
        return render(
            self.request,
            "integration/measures/report_form.html",
            {"form": form, "title": _("Correct: %(report)s") % {"report": report}, "report": report, **_area_context()},
            status=status,
        )

    def get(self, request, pk):
        report = self._report(pk)
        form = DocumentationCorrectionForm(
            initial={"structured_count": report.structured_count, "total_count": report.total_count}
        )
        return self._render(form, report)

    def post(self, request, pk):
        report = self._report(pk)
        form = DocumentationCorrectionForm(request.POST)
        if not form.is_valid():
            return self._render(form, report, status=400)
        saved = self.run_service(
            form,
            lambda: svc.correct_documentation(
                report,
                structured_count=form.cleaned_data["structured_count"],
                total_count=form.cleaned_data["total_count"],
                actor=request.user,
            ),
        )
        if saved is None:
            return self._render(form, report, status=self.form_error_status)
        messages.success(request, _("Saved."))
        return redirect(reverse("integration:report-list"))


class ReportUploadView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    def _render(self, form, status=200):
        return render(
            self.request,
            "integration/measures/report_upload.html",
            {"form": form, "title": _("Upload documentation figures"), **_area_context()},
            status=status,
        )

    def get(self, request):
        if not DocumentationReport.objects.can_create(request.user):
            raise PermissionDenied
        return self._render(FiguresFileForm())

    def post(self, request):
        if not DocumentationReport.objects.can_create(request.user):
            raise PermissionDenied
        form = FiguresFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(form, status=400)
        job = self.run_service(
            form, lambda: svc.upload_documentation_file(form.cleaned_data["file"], actor=request.user)
        )
        if job is None:
            return self._render(form, status=self.form_error_status)
        return redirect(reverse("portal:job-detail", args=[job.pk]))


class ReportPdfView(LoginRequiredMixin, View):
    def post(self, request):
        form = ReportPdfForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose an organisation and a language."))
            return redirect(reverse("integration:documentation"))
        job = svc.request_documentation_pdf(
            form.cleaned_data["organisation"], language=form.cleaned_data["language"], actor=request.user
        )
        return redirect(reverse("portal:job-detail", args=[job.pk]))


class ReadinessListView(LoginRequiredMixin, View):
    def get(self, request):
        current = sel.current_readiness()
        history = KantaReadiness.objects.visible_to(request.user).select_related("organisation", "system")
        filterset = ReadinessFilterSet(request.GET or None, queryset=history, request=request)
        if filterset.is_bound and filterset.is_valid():
            history = filterset.qs
        return render(
            request,
            "integration/measures/readiness.html",
            {
                "title": _("Social welfare's Kanta readiness"),
                "current": current,
                "history": history,
                **_area_context(),
            },
        )


# --- 3.6 UNA ---------------------------------------------------------------------------------------


class UnaView(LoginRequiredMixin, View):
    """Modules, cost (tariff x population, example prices labelled) and the systems UNA replaces."""

    def get(self, request):
        tariffs = list(UnaTariff.objects.visible_to(request.user).select_related("module"))
        chosen_codes = request.GET.getlist("tariff")
        chosen = [t for t in tariffs if t.code in chosen_codes] or tariffs
        residents, pop_year = sel.region_population(_year_or_none(request.GET.get("population_year")))
        costs = sel.una_costs(residents, chosen)
        return render(
            request,
            "integration/measures/una.html",
            {
                "title": _("Client data availability and UNA"),
                "modules": UnaModule.objects.visible_to(request.user),
                "tariffs": tariffs,
                "chosen_codes": {t.code for t in chosen},
                "costs": costs,
                "population_year": pop_year,
                "replaced": UnaReplacedSystem.objects.visible_to(request.user).select_related(
                    "system", "system__owner", "module"
                ),
                **_area_context(),
            },
        )


class RolloutListView(AreaMixin, ObjectListView):
    model = UnaRollout
    title = gettext_lazy("UNA rollouts")
    intro = gettext_lazy("Where each UNA module is per organisation, with pilot dates.")
    related = ("module", "organisation")
    filterset_class = RolloutFilterSet
    sort_fields = {"module": "module__code", "organisation": "organisation__name_fi", "stage": "stage"}
    default_sort = "module"
    export_name = "una-rollouts"
    columns = (
        Column(gettext_lazy("Module"), "module.name", sort="module"),
        Column(gettext_lazy("Organisation"), "organisation.name", sort="organisation"),
        Column(gettext_lazy("Stage"), "stage", sort="stage"),
        Column(gettext_lazy("Pilot starts"), "pilot_start"),
        Column(gettext_lazy("Pilot ends"), "pilot_end"),
        Column(gettext_lazy("In production from"), "production_from"),
    )


class AvailabilityView(LoginRequiredMixin, View):
    """Which organisation's client data a professional of another can see, how, and since when."""

    def get(self, request):
        day = _date_or_none(request.GET.get("day")) or dt.date.today()
        matrix = sel.availability_matrix(day)
        return render(
            request,
            "integration/measures/availability.html",
            {"title": _("Client data availability"), "day": day, "matrix": matrix, **_area_context()},
        )
