# Over 600 lines: public deviation forms, dashboards and register pages of one area; the register pages are the next to move onto the kit's generic views.
"""UI views of the supervision app."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from portal import audit, roles
from portal.errors import ServiceErrorFormMixin
from portal.exports import csv_response, xlsx_response
from portal.models import Organisation
from portal.permissions import can_edit
from portal.views import AreaIndexView
from portal.views_base import ListControlsMixin, VisibleQuerysetMixin
from supervision import charts, permissions, selectors, services
from supervision.choices import DeviationStatus
from supervision.forms import (
    ActionForm,
    CloseActionForm,
    ContractForm,
    DeviationReportForm,
    FindingForm,
    PeriodForm,
    ProducerForm,
    ResponseForm,
    ServiceUnitForm,
    StaffingDayForm,
    StaffingImportForm,
    StatusLookupForm,
    ThresholdForm,
    TriageForm,
    VisitForm,
)
from supervision.models import (
    BelowMinimumNotice,
    Contract,
    CorrectiveAction,
    DeviationReport,
    PersonDayRule,
    Producer,
    ProfessionalGroup,
    ServiceUnit,
    StaffingThreshold,
    SupervisionVisit,
)

# Public form: at most RATE[0] submissions per client address in RATE[1] seconds (Django's cache).
REPORT_RATE = getattr(settings, "SUPERVISION_REPORT_RATE", (10, 3600))
SESSION_CODE_KEY = "supervision_last_reference_code"


def _client_address(request) -> str:
    """REMOTE_ADDR: behind a reverse proxy the proxy must set it (X-Forwarded-For is not trusted here)."""
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(request, scope: str, limit: int, window: int) -> bool:
    """Count this request; True when the address has used up its allowance in the window."""
    key = f"supervision:rate:{scope}:{_client_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


# --- public: deviation reports ----------------------------------------------------------------------


class IndexView(AreaIndexView):
    """The area's front page: for readers of supervision data the overview of the latest month with
    staffing data first (units below the minimum, overdue corrective actions, contract dates, new
    deviation reports for assigned supervisors), then the public pages and the work pages."""

    app_label = "supervision"
    template_name = "supervision/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        if permissions.reads_all(user) or permissions.producer_ids(user):
            year, month = _month_from(self.request, ServiceUnit.objects.visible_to(user))
            ctx["overview"] = selectors.overview(user, year, month, timezone.localdate())
        return ctx


class DeviationReportCreateView(View):
    """Anyone may report; no login. Rate-limited per address; the text is stored as plain text."""

    template_name = "supervision/report_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": DeviationReportForm()})

    def post(self, request):
        limit, window = REPORT_RATE
        if rate_limited(request, "deviation-report", limit, window):
            return render(
                request,
                self.template_name,
                {"form": DeviationReportForm(request.POST), "rate_limited": True},
                status=429,
            )
        form = DeviationReportForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        report = services.submit_deviation_report(
            unit=form.cleaned_data["unit"],
            text=form.cleaned_data["text"],
            occurred_on=form.cleaned_data["occurred_on"],
            reporter_name=form.cleaned_data["reporter_name"],
            reporter_contact=form.cleaned_data["reporter_contact"],
        )
        request.session[SESSION_CODE_KEY] = report.reference_code
        return redirect("supervision:report-received")


class DeviationReceivedView(View):
    def get(self, request):
        code = request.session.get(SESSION_CODE_KEY)
        if not code:
            return redirect("supervision:report-create")
        return render(request, "supervision/report_received.html", {"code": code})


class StatusLookupView(View):
    """Public status by reference code: status and dates only, never the content."""

    def get(self, request):
        form = StatusLookupForm(request.GET or None)
        result = None
        searched = False
        if form.is_bound and form.is_valid():
            searched = True
            result = (
                DeviationReport.objects.filter(reference_code=form.cleaned_data["code"])
                .only("reference_code", "status", "received_at", "status_changed_at")
                .first()
            )
        return render(request, "supervision/report_status.html", {"form": form, "result": result, "searched": searched})


# --- confidential queue -----------------------------------------------------------------------------


class DeviationQueueView(LoginRequiredMixin, ListControlsMixin, VisibleQuerysetMixin, View):
    model = DeviationReport
    sort_fields = {"received": "received_at", "status": "status", "unit": "unit__name"}
    default_sort = "-received"

    def get(self, request):
        qs = self.get_queryset().select_related("unit", "unit__municipality")
        status = request.GET.get("status", "")
        if status in DeviationStatus.values:
            qs = qs.filter(status=status)
        qs, query, sort = self.apply_list_controls(qs)
        page = self.paginate(qs)
        for report in page.object_list:
            audit.log_access(report, user=request.user, purpose="deviation report queue (list)")
        return render(
            request,
            "supervision/deviation_list.html",
            {"page": page, "sort": sort, "status": status, "statuses": DeviationStatus.choices},
        )


class DeviationDetailView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = DeviationReport

    def get_report(self, request, code):
        report = get_object_or_404(self.get_queryset().select_related("unit", "unit__producer"), reference_code=code)
        audit.log_access(report, user=request.user, purpose="deviation report (detail)")
        return report

    def get(self, request, code):
        report = self.get_report(request, code)
        return render(
            request, "supervision/deviation_detail.html", {"report": report, "form": TriageForm(instance=report)}
        )

    def post(self, request, code):
        report = self.get_report(request, code)
        form = TriageForm(request.POST, instance=DeviationReport.objects.get(pk=report.pk))
        if form.is_valid():
            services.triage_deviation_report(
                report, status=form.cleaned_data["status"], findings=form.cleaned_data["findings"], actor=request.user
            )
            messages.success(request, _("The report was saved."))
            return redirect("supervision:deviation-detail", code=code)
        return render(request, "supervision/deviation_detail.html", {"report": report, "form": form}, status=400)


# --- compliance -------------------------------------------------------------------------------------


def _month_from(request, units) -> tuple[int, int]:
    value = request.GET.get("month", "")
    try:
        year, month = (int(p) for p in value.split("-"))
        dt.date(year, month, 1)
        return year, month
    except ValueError:
        latest = selectors.latest_data_month(units)
        today = timezone.localdate()
        return latest or (today.year, today.month)


class ComplianceDashboardView(LoginRequiredMixin, View):
    def get(self, request):
        units = ServiceUnit.objects.visible_to(request.user)
        year, month = _month_from(request, units)
        start, end = selectors.month_bounds(year, month)
        pairs, municipalities = selectors.compliance(units, start, end)
        below = [(u, p) for u, p in pairs if p.is_below or p.is_below_contract]
        no_data = [u for u, p in pairs if not p.has_data]
        today = timezone.localdate()
        return render(
            request,
            "supervision/dashboard.html",
            {
                "overview": selectors.overview(request.user, year, month, today),
                "month": f"{year:04d}-{month:02d}",
                "start": start,
                "end": end,
                "below": below,
                "no_data": no_data,
                "unit_count": len(pairs),
                "municipalities": municipalities,
                "reminders": selectors.contract_reminders(Contract.objects.visible_to(request.user), today),
                "open_actions": selectors.open_actions(CorrectiveAction.objects.visible_to(request.user), today)[:20],
                "notices": BelowMinimumNotice.objects.visible_to(request.user).select_related("unit")[:10],
                "today": today,
            },
        )


class ComplianceExportView(LoginRequiredMixin, View):
    def get(self, request, fmt):
        units = ServiceUnit.objects.visible_to(request.user)
        year, month = _month_from(request, units)
        start, end = selectors.month_bounds(year, month)
        pairs, _municipalities = selectors.compliance(units, start, end)
        header = [
            "unit",
            "unit_name",
            "municipality",
            "start",
            "end",
            "ratio",
            "legal_minimum",
            "legal_minimum_unverified",
            "days_with_data",
            "missing_days",
            "days_below_legal",
            "days_below_contract",
            "days_only_non_qualifying",
        ]
        rows = [
            [
                u.code,
                u.name,
                u.municipality.code,
                start.isoformat(),
                end.isoformat(),
                str(p.ratio_display) if p.ratio_display is not None else "",
                str(p.legal_minimum) if p.legal_minimum is not None else "",
                "unverified" if p.uses_unverified else "",
                len(p.days_with_data),
                p.missing_days,
                p.days_below_legal,
                p.days_below_contract,
                p.days_only_non_qualifying,
            ]
            for u, p in pairs
        ]
        name = f"staffing-compliance-{year:04d}-{month:02d}"
        if fmt == "xlsx":
            return xlsx_response(f"{name}.xlsx", header, rows, sheet_title="compliance")
        return csv_response(f"{name}.csv", header, rows)


# --- units ------------------------------------------------------------------------------------------


class UnitListView(LoginRequiredMixin, ListControlsMixin, VisibleQuerysetMixin, View):
    model = ServiceUnit
    search_fields = ("name", "code", "producer__name", "municipality__name_fi")
    sort_fields = {
        "name": "name",
        "municipality": "municipality__name_fi",
        "producer": "producer__name",
        "places": "places",
    }
    default_sort = "name"

    def get(self, request):
        qs = self.get_queryset().select_related("producer", "municipality", "organiser")
        qs, query, sort = self.apply_list_controls(qs)
        return render(
            request,
            "supervision/unit_list.html",
            {
                "page": self.paginate(qs),
                "q": query,
                "sort": sort,
                "can_create": ServiceUnit.objects.can_create(request.user),
                "editable": set(ServiceUnit.objects.editable_by(request.user).values_list("pk", flat=True)),
            },
        )


def unit_period(request, unit, data=None) -> tuple[PeriodForm, dt.date, dt.date, str]:
    data = request.GET if data is None else data
    form = PeriodForm(data or None)
    kind = "month"
    year, month = _month_from(request, ServiceUnit.objects.filter(pk=unit.pk))
    start, end = selectors.month_bounds(year, month)
    if form.is_bound and form.is_valid():
        kind = form.cleaned_data.get("kind") or "month"
        if kind == "week":
            anchor = form.cleaned_data.get("start") or start
            start, end = selectors.week_bounds(anchor)
        elif kind == "custom" and form.cleaned_data.get("start") and form.cleaned_data.get("end"):
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end, kind


class UnitDetailView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = ServiceUnit

    def get(self, request, code):
        unit = get_object_or_404(self.get_queryset().select_related("producer", "municipality", "organiser"), code=code)
        form, start, end, kind = unit_period(request, unit)
        period = selectors.unit_ratio(unit, start, end)
        chart = charts.ratio_trend_svg(
            period.days,
            title=_("Staffing ratio of %(unit)s") % {"unit": unit.name},
            chart_id=f"trend-{unit.pk}",
        )
        months = selectors.split_by_month(selectors.unit_ratio(unit, *_trend_window(end)))
        user = request.user
        return render(
            request,
            "supervision/unit_detail.html",
            {
                "unit": unit,
                "form": form,
                "kind": kind,
                "period": period,
                "chart": chart,
                "months": months,
                "contracts": Contract.objects.visible_to(user).filter(units=unit),
                "visits": SupervisionVisit.objects.visible_to(user).filter(unit=unit)[:10],
                "deviation_rows": _deviation_rows(user, unit),
                "can_report": services.reportable_units(user).filter(pk=unit.pk).exists(),
                "can_edit": can_edit(user, unit),
                "query": request.GET.urlencode(),
            },
        )


def _deviation_rows(user, unit) -> list[tuple[str, int]] | None:
    """Report counts by status, for the organiser's supervisors only (counts, not contents)."""
    if unit.organiser_id not in permissions.supervised_organiser_ids(user):
        return None
    counts = selectors.deviation_counts(DeviationReport.objects.visible_to(user).filter(unit=unit))
    return [(label, counts.get(value, 0)) for value, label in DeviationStatus.choices]


def _trend_window(end: dt.date) -> tuple[dt.date, dt.date]:
    """The last twelve months up to the period's end (the monthly trend table)."""
    first_year, first_month = (end.year - 1, end.month + 1) if end.month < 12 else (end.year, 1)
    return dt.date(first_year, first_month, 1), selectors.month_bounds(end.year, end.month)[1]


class UnitReportView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    """POST: queue the unit's (or its producer's) PDF report for the period shown, in Finnish or Swedish."""

    model = ServiceUnit

    def post(self, request, code):
        unit = get_object_or_404(self.get_queryset(), code=code)
        language = request.POST.get("language", "fi")
        if language not in ("fi", "sv"):
            language = "fi"
        _form, start, end, _kind = unit_period(request, unit, data=request.POST)
        if request.POST.get("scope") == "producer":
            job = services.request_producer_report(
                unit.producer, actor=request.user, start=start, end=end, language=language
            )
        else:
            job = services.request_unit_report(unit, actor=request.user, start=start, end=end, language=language)
        return redirect(reverse("portal:job-detail", args=[job.pk]))


class UnitStaffingExportView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = ServiceUnit

    def get(self, request, code, fmt):
        unit = get_object_or_404(self.get_queryset(), code=code)
        _form, start, end, _kind = unit_period(request, unit)
        period = selectors.unit_ratio(unit, start, end)
        header = [
            "unit",
            "date",
            "clients",
            "counted_direct_hours",
            "persons",
            "ratio",
            "legal_minimum",
            "legal_minimum_verified",
            "contract_minimum",
            "below_legal",
            "below_contract",
            "only_non_qualifying_groups",
        ]

        def text(value):
            return "" if value is None else str(value)

        rows = [
            [
                unit.code,
                d.date.isoformat(),
                text(d.clients),
                text(d.counted_hours),
                text(d.persons.quantize(selectors.RATIO_PLACES) if d.persons is not None else None),
                text(d.ratio_display),
                text(d.legal_minimum),
                text(d.legal_minimum_verified),
                text(d.contract_minimum),
                text(d.below_legal),
                text(d.below_contract),
                str(d.only_non_qualifying),
            ]
            for d in period.days
        ]
        name = f"staffing-{unit.code}-{start.isoformat()}-{end.isoformat()}"
        if fmt == "xlsx":
            return xlsx_response(f"{name}.xlsx", header, rows, sheet_title="staffing")
        return csv_response(f"{name}.csv", header, rows)


class StaffingDayEntryView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    """Form entry of one day for a small unit (a refused right is a 404, as for a unit out of reach)."""

    denied_as_not_found = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.unit = get_object_or_404(services.reportable_units(request.user), code=kwargs["code"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, code):
        form = StaffingDayForm(initial={"date": timezone.localdate() - dt.timedelta(days=1)})
        return render(request, "supervision/staffing_day_form.html", {"form": form, "unit": self.unit})

    def post(self, request, code):
        form = StaffingDayForm(request.POST)
        if not form.is_valid():
            return render(request, "supervision/staffing_day_form.html", {"form": form, "unit": self.unit}, status=400)
        self.run_service(
            form,
            lambda: services.save_staffing_day(
                self.unit,
                date=form.cleaned_data["date"],
                clients=form.cleaned_data["clients"],
                hours=form.hours(),
                actor=request.user,
            ),
        )
        if not self.service_ok:
            return render(
                request,
                "supervision/staffing_day_form.html",
                {"form": form, "unit": self.unit},
                status=self.form_error_status,
            )
        messages.success(request, _("The day was saved."))
        return redirect("supervision:unit-detail", code=self.unit.code)


class StaffingImportView(LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "supervision/staffing_import.html",
            {
                "form": StaffingImportForm(),
                "groups": ProfessionalGroup.objects.all(),
                "allowed": self._allowed(request),
            },
        )

    def _allowed(self, request) -> bool:
        return services.reportable_units(request.user).exists()

    def post(self, request):
        form = StaffingImportForm(request.POST, request.FILES)
        if not self._allowed(request):
            raise PermissionDenied
        if not form.is_valid():
            return render(
                request,
                "supervision/staffing_import.html",
                {"form": form, "groups": ProfessionalGroup.objects.all(), "allowed": True},
                status=400,
            )
        job = services.request_staffing_import(
            actor=request.user,
            uploaded_file=form.cleaned_data["file"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
        )
        return redirect(reverse("portal:job-detail", args=[job.pk]))


# --- registers --------------------------------------------------------------------------------------


class ThresholdListView(View):
    """The legal thresholds and the person-day rule: public, with their verification status."""

    def get(self, request):
        return render(
            request,
            "supervision/threshold_list.html",
            {
                "thresholds": StaffingThreshold.objects.visible_to(request.user),
                "rules": PersonDayRule.objects.visible_to(request.user),
                "groups": ProfessionalGroup.objects.visible_to(request.user),
                "can_edit": StaffingThreshold.objects.can_create(request.user),
                "editable": set(StaffingThreshold.objects.editable_by(request.user).values_list("pk", flat=True)),
                # The English research notes are for administrators; others read the translated note.
                "show_research_notes": roles.is_administrator(request.user),
            },
        )


class ContractListView(LoginRequiredMixin, ListControlsMixin, VisibleQuerysetMixin, View):
    model = Contract
    search_fields = ("number", "title", "producer__name")
    sort_fields = {"number": "number", "valid_to": "valid_to", "option": "option_decision_date"}
    default_sort = "number"

    def get(self, request):
        qs = self.get_queryset().select_related("producer", "organiser").prefetch_related("units")
        qs, query, sort = self.apply_list_controls(qs)
        today = timezone.localdate()
        return render(
            request,
            "supervision/contract_list.html",
            {
                "page": self.paginate(qs),
                "q": query,
                "sort": sort,
                "reminders": selectors.contract_reminders(self.get_queryset(), today),
                "can_create": Contract.objects.can_create(request.user),
                "editable": set(Contract.objects.editable_by(request.user).values_list("pk", flat=True)),
            },
        )


class VisitListView(LoginRequiredMixin, ListControlsMixin, VisibleQuerysetMixin, View):
    model = SupervisionVisit
    sort_fields = {"planned": "planned_on", "unit": "unit__name", "status": "status"}
    default_sort = "-planned"

    def get(self, request):
        qs = self.get_queryset().select_related("unit")
        qs, query, sort = self.apply_list_controls(qs)
        return render(
            request,
            "supervision/visit_list.html",
            {
                "page": self.paginate(qs),
                "sort": sort,
                "can_create": ServiceUnit.objects.editable_by(request.user).exists(),
            },
        )


class VisitDetailView(LoginRequiredMixin, ServiceErrorFormMixin, VisibleQuerysetMixin, View):
    """A visit, its findings and corrective actions; the producer responds, the supervisor closes.

    Someone who may not respond or close gets a 404; a response to an action already closed is an
    error message on the visit page."""

    model = SupervisionVisit
    denied_as_not_found = True

    def get_visit(self, pk):
        return get_object_or_404(self.get_queryset().select_related("unit", "unit__producer"), pk=pk)

    def context(self, request, visit, **extra):
        actions = CorrectiveAction.objects.visible_to(request.user).filter(finding__visit=visit)
        editable = set(
            CorrectiveAction.objects.editable_by(request.user).filter(finding__visit=visit).values_list("pk", flat=True)
        )
        return {
            "visit": visit,
            "findings": visit.findings.all(),
            "actions": actions.select_related("finding"),
            "editable_actions": editable,
            "is_producer": visit.unit.producer_id in permissions.producer_ids(request.user),
            "today": timezone.localdate(),
            "can_edit": can_edit(request.user, visit),
            "finding_form": extra.pop("finding_form", None) or FindingForm(auto_id="finding_%s"),
            "action_form": extra.pop("action_form", None)
            or ActionForm(findings=visit.findings.all(), auto_id="action_%s"),
            **extra,
        }

    def get(self, request, pk):
        visit = self.get_visit(pk)
        return render(request, "supervision/visit_detail.html", self.context(request, visit))

    def post(self, request, pk):
        visit = self.get_visit(pk)
        verb = request.POST.get("verb")
        if verb in ("finding", "action"):
            return self.add(request, visit, verb)
        action_pk = request.POST.get("action", "")
        if not action_pk.isdigit():
            raise Http404
        action = get_object_or_404(
            CorrectiveAction.objects.visible_to(request.user).filter(finding__visit=visit), pk=action_pk
        )
        if request.POST.get("verb") == "respond":
            form = ResponseForm(request.POST)
            if form.is_valid():
                # form=None: the service's refusal becomes an error message on the visit page
                self.run_service(
                    None,
                    lambda: services.respond_to_action(
                        action, response=form.cleaned_data["response"], actor=request.user
                    ),
                )
                if self.service_ok:
                    messages.success(request, _("The response was saved."))
                return redirect("supervision:visit-detail", pk=visit.pk)
        else:
            form = CloseActionForm(request.POST)
            if form.is_valid():
                self.run_service(
                    None,
                    lambda: services.close_action(action, follow_up=form.cleaned_data["follow_up"], actor=request.user),
                )
                if self.service_ok:
                    messages.success(request, _("The action was closed."))
                return redirect("supervision:visit-detail", pk=visit.pk)
        return render(request, "supervision/visit_detail.html", self.context(request, visit), status=400)

    def add(self, request, visit, verb):
        if not can_edit(request.user, visit):
            raise Http404
        if verb == "finding":
            form = FindingForm(request.POST, auto_id="finding_%s")
            if form.is_valid():
                services.add_finding(visit, **form.cleaned_data, actor=request.user)
                messages.success(request, _("The finding was saved."))
                return redirect("supervision:visit-detail", pk=visit.pk)
            extra = {"finding_form": form}
        else:
            form = ActionForm(request.POST, findings=visit.findings.all(), auto_id="action_%s")
            if form.is_valid():
                services.require_action(
                    form.cleaned_data["finding"],
                    description=form.cleaned_data["description"],
                    deadline=form.cleaned_data["deadline"],
                    actor=request.user,
                )
                messages.success(request, _("The corrective action was saved."))
                return redirect("supervision:visit-detail", pk=visit.pk)
            extra = {"action_form": form}
        return render(request, "supervision/visit_detail.html", self.context(request, visit, **extra), status=400)


class VisitEditView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    """Plan a new visit (no pk) or edit one: the organiser's supervisors and administrators
    (anyone else gets a 404)."""

    denied_as_not_found = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.units = ServiceUnit.objects.editable_by(request.user).select_related("municipality")
        pk = kwargs.get("pk")
        self.visit = get_object_or_404(SupervisionVisit.objects.editable_by(request.user), pk=pk) if pk else None
        if self.visit is None and not self.units.exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk=None):
        initial = {"unit": request.GET.get("unit")} if request.GET.get("unit") else None
        form = VisitForm(instance=self.visit, initial=initial, units=self.units)
        return render(request, "supervision/visit_form.html", {"form": form, "visit": self.visit})

    def post(self, request, pk=None):
        instance = SupervisionVisit.objects.get(pk=self.visit.pk) if self.visit else None
        form = VisitForm(request.POST, instance=instance, units=self.units)
        if not form.is_valid():
            return render(request, "supervision/visit_form.html", {"form": form, "visit": self.visit}, status=400)
        visit = self.run_service(form, lambda: services.save_visit(form.save(commit=False), actor=request.user))
        if visit is None:
            return render(
                request,
                "supervision/visit_form.html",
                {"form": form, "visit": self.visit},
                status=self.form_error_status,
            )
        messages.success(request, _("The visit was saved."))
        return redirect("supervision:visit-detail", pk=visit.pk)


# --- register editing -------------------------------------------------------------------------------


def _organisers_for(user):
    if roles.is_administrator(user):
        return Organisation.objects.exclude(kind="municipality").order_by("name_fi")
    return Organisation.objects.filter(pk__in=permissions.supervised_organiser_ids(user)).order_by("name_fi")


class RegisterEditView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    """Create (no key) or edit a register row: producers, units, contracts, thresholds.

    Reaches rows only through ``editable_by``; creating asks ``can_create``; another organiser's
    row is a 404. The save goes through ``services.save_register``."""

    denied_as_not_found = True

    model = None
    form_class = None
    lookup = "pk"
    list_url = ""
    title_new = ""
    title_edit = ""

    def form_kwargs(self, request) -> dict:
        return {}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        key = kwargs.get(self.lookup)
        if key is None:
            if not self.model.objects.can_create(request.user):
                raise Http404
            self.object = None
        else:
            self.object = get_object_or_404(self.model.objects.editable_by(request.user), **{self.lookup: key})
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, request, form, status=200):
        title = self.title_edit if self.object else self.title_new
        return render(
            request,
            "supervision/register_form.html",
            {"form": form, "title": title, "object": self.object, "cancel_url": reverse(self.list_url)},
            status=status,
        )

    def get(self, request, **kwargs):
        return self.render_form(request, self.form_class(instance=self.object, **self.form_kwargs(request)))

    def post(self, request, **kwargs):
        instance = self.model.objects.get(pk=self.object.pk) if self.object else None
        form = self.form_class(request.POST, instance=instance, **self.form_kwargs(request))
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        self.run_service(form, lambda: services.save_register(form.save(commit=False), actor=request.user, form=form))
        if not self.service_ok:
            return self.render_form(request, form, status=self.form_error_status)
        messages.success(request, _("Saved."))
        return redirect(self.list_url)


class ProducerEditView(RegisterEditView):
    model = Producer
    form_class = ProducerForm
    list_url = "supervision:producer-list"
    title_new = gettext_lazy("Add a producer")
    title_edit = gettext_lazy("Edit the producer")


class ServiceUnitEditView(RegisterEditView):
    model = ServiceUnit
    form_class = ServiceUnitForm
    lookup = "code"
    list_url = "supervision:unit-list"
    title_new = gettext_lazy("Add a service unit")
    title_edit = gettext_lazy("Edit the service unit")

    def form_kwargs(self, request) -> dict:
        return {"organisers": _organisers_for(request.user)}


class ContractEditView(RegisterEditView):
    model = Contract
    form_class = ContractForm
    list_url = "supervision:contract-list"
    title_new = gettext_lazy("Add a contract")
    title_edit = gettext_lazy("Edit the contract")

    def form_kwargs(self, request) -> dict:
        return {"organisers": _organisers_for(request.user), "units": ServiceUnit.objects.editable_by(request.user)}


class ThresholdEditView(RegisterEditView):
    model = StaffingThreshold
    form_class = ThresholdForm
    list_url = "supervision:threshold-list"
    title_new = gettext_lazy("Add a staffing threshold")
    title_edit = gettext_lazy("Edit the staffing threshold")


class ProducerListView(LoginRequiredMixin, ListControlsMixin, VisibleQuerysetMixin, View):
    model = Producer
    search_fields = ("name", "business_id")
    sort_fields = {"name": "name", "business_id": "business_id"}
    default_sort = "name"

    def get(self, request):
        qs, query, sort = self.apply_list_controls(self.get_queryset())
        return render(
            request,
            "supervision/producer_list.html",
            {
                "page": self.paginate(qs),
                "q": query,
                "sort": sort,
                "can_create": Producer.objects.can_create(request.user),
                "editable": set(Producer.objects.editable_by(request.user).values_list("pk", flat=True)),
            },
        )
