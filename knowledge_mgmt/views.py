"""UI of the indicator bank: indicators, dashboards, municipality pages, imports, manual entry,
the maturity survey."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from knowledge_mgmt import computed, maturity, selectors, services
from knowledge_mgmt.choices import Sex
from knowledge_mgmt.dashboards import DOWNLOAD_HEADER, DashboardData, region_code
from knowledge_mgmt.forms import (
    DashboardFilterForm,
    ImportForm,
    MaturityAnswerForm,
    MaturityImportForm,
    MunicipalityBatchReportForm,
    ReportForm,
    TargetForm,
    ValueEntryForm,
)
from knowledge_mgmt.models import Indicator, IndicatorSet, IndicatorValue, MaturitySurvey, Target
from knowledge_mgmt.receivers import KNOWLEDGE
from portal import datacache, roles
from portal.choices import JobStatus
from portal.errors import ServiceErrorFormMixin, run_with_messages
from portal.exports import csv_response, xlsx_response
from portal.jobs import start_job
from portal.models import Job, Organisation
from portal.views import AreaIndexView
from portal.views_base import ListControlsMixin, VisibleQuerysetMixin

# The key-indicator set lives in the selectors; the names stay importable from here (reports.py).
KEY_SET_SETTING = selectors.KEY_SET_SETTING
key_indicators = selectors.key_indicators
_set_indicators = selectors.set_indicators

# The anonymous rendering of the bank's public pages comes from the cache until the bank's rows or
# the organisations change (portal/datacache.py); signed-in readers always get a fresh page.
public_page_cache = method_decorator(datacache.cache_page(KNOWLEDGE, "organisations"), name="get")


class IndexView(AreaIndexView):
    """The area's front page: the overview first (what the bank holds for the reader, the region's
    key figures against their targets, drafts awaiting publishing), then the pages."""

    app_label = "knowledge_mgmt"
    template_name = "knowledge_mgmt/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["overview"] = selectors.area_overview(self.request.user)
        return ctx


class IndicatorListView(ListControlsMixin, VisibleQuerysetMixin, View):
    model = Indicator
    search_fields = ("code", "title_fi", "title_sv", "title_en")
    sort_fields = {"code": "code", "title": "title_fi", "updated": "updated_at"}
    default_sort = "code"

    def get(self, request):
        qs = self.get_queryset().prefetch_related("themes")
        qs, query, sort = self.apply_list_controls(qs)
        return render(
            request, "knowledge_mgmt/indicator_list.html", {"page": self.paginate(qs), "q": query, "sort": sort}
        )


def _filters(request, data: DashboardData):
    municipalities = sorted([o for o in data.organisations.values() if o.kind == "municipality"], key=lambda o: o.name)
    form = DashboardFilterForm(
        request.GET or None, years=data.all_years, organisations=municipalities, breakdowns=data.breakdowns
    )
    year = focus = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data.get("year") or None
        code = form.cleaned_data.get("organisation")
        focus = data.by_code.get(code) if code else None
    return form, year, focus or data.by_code.get(region_code())


def _sex_breakdown(request) -> tuple[str, str]:
    sex = request.GET.get("sex") or Sex.TOTAL
    if sex not in Sex.values:
        sex = Sex.TOTAL
    return sex, (request.GET.get("breakdown") or "").strip()[:60]


@method_decorator(datacache.cache_page(KNOWLEDGE, "organisations", "concepts"), name="get")
class IndicatorDetailView(VisibleQuerysetMixin, View):
    model = Indicator

    def get(self, request, code):
        indicator = get_object_or_404(
            self.get_queryset().prefetch_related("themes", "concept_links__concept__data_model"), code=code
        )
        sex, breakdown = _sex_breakdown(request)
        data = DashboardData(request.user, [indicator], sex=sex, breakdown=breakdown)
        form, year, focus = _filters(request, data)
        panel = data.panel(indicator, year=year, focus=focus)
        return render(
            request,
            "knowledge_mgmt/indicator_detail.html",
            {"indicator": indicator, "panel": panel, "form": form, "focus": focus},
        )


class DashboardListView(VisibleQuerysetMixin, View):
    model = IndicatorSet

    def get(self, request):
        return render(request, "knowledge_mgmt/dashboard_list.html", {"sets": self.get_queryset()})


@public_page_cache
class DashboardView(VisibleQuerysetMixin, View):
    """A curated set: comparison bars, time series and target status per indicator."""

    model = IndicatorSet

    def get(self, request, code):
        indicator_set = get_object_or_404(self.get_queryset(), code=code)
        indicators = _set_indicators(request.user, indicator_set)
        sex, breakdown = _sex_breakdown(request)
        data = DashboardData(request.user, indicators, sex=sex, breakdown=breakdown)
        download = request.GET.get("download")
        if download in ("csv", "xlsx"):
            rows = data.rows_for_download()
            name = f"{indicator_set.code}.{download}"
            if download == "csv":
                return csv_response(name, DOWNLOAD_HEADER, rows, delimiter=";")
            return xlsx_response(name, DOWNLOAD_HEADER, rows, sheet_title=indicator_set.code)
        form, year, focus = _filters(request, data)
        panels = [data.panel(indicator, year=year, focus=focus) for indicator in indicators]
        region = data.by_code.get(region_code())
        focus_name = focus.name if focus else (region.name if region else "")
        return render(
            request,
            "knowledge_mgmt/dashboard.html",
            {
                "set": indicator_set,
                "panels": panels,
                "form": form,
                "focus": focus,
                "focus_name": focus_name,
                "overview": selectors.panels_overview(panels, focus_name),
            },
        )


class MunicipalityListView(View):
    def get(self, request):
        municipalities = Organisation.objects.visible_to(request.user).municipalities().order_by("name_fi")
        context = {"municipalities": municipalities}
        if roles.is_programme_editor(request.user):  # the reports of all municipalities at once
            from knowledge_mgmt import reports

            context["batch_form"] = MunicipalityBatchReportForm(
                initial={"language": (get_language() or "fi")[:2]}, years=reports.report_years()
            )
            context["batches"] = list(
                Job.objects.visible_to(request.user)
                .filter(kind=services.MUNICIPALITY_REPORT_BATCH, status=JobStatus.SUCCEEDED)
                .order_by("-created_at")[:3]
            )
        return render(request, "knowledge_mgmt/municipality_list.html", context)


@login_required
@require_POST
def municipality_report_batch(request):
    """Start the reports of all municipalities (the verb lets programme staff only)."""
    from knowledge_mgmt import reports

    form = MunicipalityBatchReportForm(request.POST, years=reports.report_years())
    if not form.is_valid():
        raise Http404
    job = services.start_municipality_report_batch(
        actor=request.user, year=form.cleaned_data["year"], language=form.cleaned_data["language"]
    )
    return redirect(reverse("portal:job-detail", args=[job.pk]))


@public_page_cache
class MunicipalityView(View):
    """Key indicators of one municipality against the region and its targets, and its PDF reports."""

    def get(self, request, code):
        organisation = get_object_or_404(Organisation.objects.visible_to(request.user), code=code)
        indicator_set, indicators = key_indicators(request.user)
        data = DashboardData(request.user, indicators)
        panels = [data.panel(indicator, year=None, focus=organisation) for indicator in indicators]
        reports = []
        if roles.is_signed_in(request.user):
            reports = list(
                Job.objects.visible_to(request.user)
                .filter(kind="knowledge_report", organisation=organisation, status=JobStatus.SUCCEEDED)
                .order_by("-created_at")[:5]
            )
        return render(
            request,
            "knowledge_mgmt/municipality.html",
            {
                "organisation": organisation,
                "panels": panels,
                "overview": selectors.panels_overview(panels, organisation.name),
                "indicator_set": indicator_set,
                "reports": reports,
                "report_form": ReportForm(initial={"language": (get_language() or "fi")[:2]}),
            },
        )


@login_required
@require_POST
def municipality_report(request, code):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), code=code)
    form = ReportForm(request.POST)
    if not form.is_valid():
        raise Http404
    from knowledge_mgmt.tasks import municipality_report as task

    job = start_job(
        task,
        kind="knowledge_report",
        actor=request.user,
        organisation=organisation,
        input_ref={"organisation": organisation.code, "report_language": form.cleaned_data["language"]},
    )
    return redirect(reverse("portal:job-detail", args=[job.pk]))


class ImportView(LoginRequiredMixin, View):
    """Upload a Sotkanet file or the template; the import runs as a job (programme staff)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not roles.is_programme_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, "knowledge_mgmt/import.html", {"form": ImportForm()})

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "knowledge_mgmt/import.html", {"form": form}, status=400)
        upload = form.cleaned_data["file"]
        job = services.start_import(
            actor=request.user,
            filename=upload.name,
            content=upload.read(),
            fmt=form.cleaned_data["format"],
            skip_outside=form.cleaned_data["skip_outside"],
        )
        return redirect(reverse("portal:job-detail", args=[job.pk]))


def _entry_organisations(user):
    if roles.is_programme_editor(user):
        return Organisation.objects.all().order_by("name_fi")
    return Organisation.objects.filter(pk__in=roles.stewarded_organisation_ids(user)).order_by("name_fi")


class ValueEntryView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    """Manual entry of a value: programme staff for any organisation, stewards for their own."""

    def _form(self, request, data=None):
        user = request.user
        return ValueEntryForm(
            data,
            indicators=Indicator.objects.visible_to(user).order_by("code"),
            organisations=_entry_organisations(user),
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not IndicatorValue.objects.can_create(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, "knowledge_mgmt/value_form.html", {"form": self._form(request)})

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            report = self.run_service(
                form,
                lambda: services.enter_value(
                    actor=request.user,
                    indicator=data["indicator"],
                    organisation=data["organisation"],
                    year=data["year"],
                    value=data["value"],
                    absolute_value=data["absolute_value"],
                    sex=data["sex"],
                    quarter=data["quarter"] or 0,
                    month=data["month"] or 0,
                    breakdown=data["breakdown"],
                    status=data["status"],
                ),
            )
            if report is not None:
                messages.success(request, report.summary())
                return redirect(reverse("knowledge_mgmt:indicator-detail", args=[data["indicator"].code]))
        return render(request, "knowledge_mgmt/value_form.html", {"form": form}, status=400)


def _recompute(request, start):
    """Start a computed-indicator job as the signed-in user (the verb checks programme staff)."""
    job = start(actor=request.user)
    return redirect(reverse("portal:job-detail", args=[job.pk]))


@login_required
@require_POST
def recompute_packages(request):
    return _recompute(request, computed.start_package_recompute)


@login_required
@require_POST
def recompute_digital_exclusion(request):
    return _recompute(request, computed.start_digital_exclusion_recompute)


@login_required
@require_POST
def recompute_structured_documentation(request):
    return _recompute(request, computed.start_structured_documentation_recompute)


class SurveyListView(VisibleQuerysetMixin, View):
    model = MaturitySurvey

    def get(self, request):
        return render(request, "knowledge_mgmt/survey_list.html", {"surveys": self.get_queryset()})


class SurveyResultsView(VisibleQuerysetMixin, View):
    model = MaturitySurvey

    def get(self, request, code):
        survey = get_object_or_404(self.get_queryset(), code=code)
        results = maturity.results(survey)
        return render(
            request,
            "knowledge_mgmt/survey_results.html",
            {"survey": survey, "results": results, "can_import": roles.is_programme_editor(request.user)},
        )


class SurveyImportView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not roles.is_programme_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, code):
        survey = get_object_or_404(MaturitySurvey.objects.editable_by(request.user), code=code)
        return render(request, "knowledge_mgmt/survey_import.html", {"survey": survey, "form": MaturityImportForm()})

    def post(self, request, code):
        survey = get_object_or_404(MaturitySurvey.objects.editable_by(request.user), code=code)
        form = MaturityImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            job = services.start_maturity_import(
                actor=request.user, survey=survey, filename=upload.name, content=upload.read()
            )
            messages.success(request, _("The import was queued; this page shows its progress."))
            return redirect(reverse("portal:job-detail", args=[job.pk]))
        return render(request, "knowledge_mgmt/survey_import.html", {"survey": survey, "form": form}, status=400)


def import_template(request, fmt: str):
    """The empty import template (header and one example row) as CSV or XLSX."""
    from knowledge_mgmt.imports import TEMPLATE_COLUMNS

    example = [["example-indicator", "297", 2024, "", "", "total", "", "12.5", "15", "final"]]
    if fmt == "csv":
        return csv_response("indicator-template.csv", TEMPLATE_COLUMNS, example, delimiter=";")
    if fmt == "xlsx":
        return xlsx_response("indicator-template.xlsx", TEMPLATE_COLUMNS, example, sheet_title="values")
    raise Http404


class TargetEntryView(LoginRequiredMixin, View):
    """Set a target: programme staff for any organisation, stewards for their own."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not Target.objects.can_create(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _form(self, request, data=None):
        return TargetForm(
            data,
            indicators=Indicator.objects.visible_to(request.user).order_by("code"),
            organisations=_entry_organisations(request.user),
        )

    def get(self, request):
        return render(request, "knowledge_mgmt/target_form.html", {"form": self._form(request)})

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.set_target(
                actor=request.user,
                indicator=data["indicator"],
                organisation=data["organisation"],
                year=data["year"],
                value=data["value"],
                note=data["note"],
            )
            messages.success(request, _("The target was saved."))
            return redirect(reverse("knowledge_mgmt:indicator-detail", args=[data["indicator"].code]))
        return render(request, "knowledge_mgmt/target_form.html", {"form": form}, status=400)


class SurveyAnswerView(LoginRequiredMixin, View):
    """Answer the maturity survey. Signed-in users answer; the answer records no user."""

    def _form(self, request, survey, data=None):
        organisations = Organisation.objects.visible_to(request.user).filter(
            kind__in=["municipality", "wellbeing_services_county", "region", "joint_authority"]
        )
        return MaturityAnswerForm(data, survey=survey, organisations=organisations.order_by("name_fi"))

    def get(self, request, code):
        survey = get_object_or_404(MaturitySurvey.objects.visible_to(request.user), code=code)
        return render(
            request, "knowledge_mgmt/survey_answer.html", {"survey": survey, "form": self._form(request, survey)}
        )

    def post(self, request, code):
        survey = get_object_or_404(MaturitySurvey.objects.visible_to(request.user), code=code)
        form = self._form(request, survey, request.POST)
        if form.is_valid():
            maturity.submit_answer(
                survey,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                scores=form.scores(),
            )
            messages.success(request, _("Thank you. Your answer was saved anonymously."))
            return redirect(reverse("knowledge_mgmt:survey-results", args=[survey.code]))
        return render(request, "knowledge_mgmt/survey_answer.html", {"survey": survey, "form": form}, status=400)


def _import_draft_action(request, pk: int, verb):
    from knowledge_mgmt import publication
    from knowledge_mgmt.models import ImportDraft

    draft = get_object_or_404(ImportDraft.objects.visible_to(request.user).select_related("job"), pk=pk)
    done, outcome = run_with_messages(request, lambda: getattr(publication, verb)(draft, actor=request.user))
    if not done:
        return redirect(reverse("portal:job-detail", args=[draft.job_id]))
    if verb == "publish_import":
        return redirect(reverse("portal:job-detail", args=[outcome.pk]))
    messages.success(request, _("The import was discarded."))
    return redirect(reverse("portal:job-detail", args=[draft.job_id]))


@login_required
@require_POST
def import_publish(request, pk: int):
    """Publish an import draft (programme staff): the import runs for real as a new job."""
    return _import_draft_action(request, pk, "publish_import")


@login_required
@require_POST
def import_discard(request, pk: int):
    return _import_draft_action(request, pk, "discard_import")
