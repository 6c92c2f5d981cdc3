"""Measure tracking: timeline, progress reports, milestones and baselines."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from governance import charts, forms, selectors, services
from governance.models import (
    MeasureBaseline,
    Milestone,
)
from governance.views.base import Column, GovernanceFormView, GovernanceListView
from portal import permissions, roles
from portal.errors import ServiceErrorFormMixin
from portal.models import Measure
from portal.views import AreaIndexView

# --- Front page -------------------------------------------------------------------------------


class IndexView(AreaIndexView):
    """The area's front page: the overview first (measures, milestones, decisions, minutes), then
    the measures of the area and the pages."""

    app_label = "governance"
    template_name = "governance/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["overview"] = selectors.area_overview(self.request.user)
        return ctx


# --- Measure tracking -----------------------------------------------------------------------


class TimelineView(LoginRequiredMixin, View):
    def get(self, request):
        rows = selectors.timeline_rows(request.user)
        today = timezone.localdate()
        return render(
            request,
            "governance/timeline.html",
            {
                "rows": rows,
                "svg": charts.timeline_svg(rows, today=today),
                "today": today,
                "can_edit": permissions.can_create(request.user, Milestone),
            },
        )


class ProgressReportView(ServiceErrorFormMixin, LoginRequiredMixin, View):
    """A progress report of a measure: the core's journal entry plus risks and mitigations."""

    def measure(self, number):
        if not roles.is_programme_staff(self.request.user) and not roles.is_administrator(self.request.user):
            raise PermissionDenied
        return get_object_or_404(Measure.objects.editable_by(self.request.user), number=number)

    def get(self, request, number):
        measure = self.measure(number)
        form = forms.ProgressReportForm(
            initial={"date": timezone.localdate(), "percent": measure.progress, "status": measure.status}
        )
        return self.render_page(measure, form)

    def render_page(self, measure, form, status=200):
        entries = measure.progress_entries.select_related("actor").prefetch_related("governance_risks")[:10]
        return render(
            self.request,
            "governance/progress_report.html",
            {"measure": measure, "form": form, "entries": entries},
            status=status,
        )

    def post(self, request, number):
        measure = self.measure(number)
        form = forms.ProgressReportForm(request.POST)
        if form.is_valid():
            self.run_service(
                form,
                lambda: services.submit_progress_report(
                    measure,
                    percent=form.cleaned_data["percent"],
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    date=form.cleaned_data["date"],
                    risks=form.risks(),
                    actor=request.user,
                ),
            )
            if self.service_ok:
                messages.success(request, _("The progress report was recorded."))
                return redirect("governance:timeline")
        return self.render_page(measure, form, status=400)


class MilestoneListView(GovernanceListView):
    model = Milestone
    title = gettext_lazy("Milestones")
    search_fields = ("title", "measure__number", "responsible_person")
    sort_fields = {"measure": "measure__number", "planned": "planned_date", "actual": "actual_date"}
    default_sort = "planned"
    create_url_name = "governance:milestone-create"
    related = ("measure", "responsible_organisation")
    columns = [
        Column(gettext_lazy("Measure"), lambda o: o.measure.number, "measure"),
        Column(
            gettext_lazy("Milestone"),
            lambda o: o.title,
            "",
            lambda o: reverse("governance:milestone-edit", args=[o.pk]),
        ),
        Column(gettext_lazy("Baseline date"), lambda o: o.baseline_date or "–"),
        Column(gettext_lazy("Planned date"), lambda o: o.planned_date, "planned"),
        Column(gettext_lazy("Actual date"), lambda o: o.actual_date or "–", "actual"),
        Column(gettext_lazy("Responsible"), lambda o: o.responsible_person or (o.responsible_organisation or "–")),
    ]


class MilestoneFormView(GovernanceFormView):
    model = Milestone
    form_class = forms.MilestoneForm
    title = gettext_lazy("New milestone")

    def success_url(self, obj):
        return reverse("governance:milestone-list")


class BaselineListView(GovernanceListView):
    model = MeasureBaseline
    title = gettext_lazy("Baseline plans")
    sort_fields = {"measure": "measure__number"}
    default_sort = "measure"
    create_url_name = "governance:baseline-create"
    related = ("measure",)
    columns = [
        Column(
            gettext_lazy("Measure"),
            lambda o: o.measure.number,
            "measure",
            lambda o: reverse("governance:baseline-edit", args=[o.pk]),
        ),
        Column(gettext_lazy("Baseline start"), lambda o: o.start_date),
        Column(gettext_lazy("Baseline end"), lambda o: o.end_date),
        Column(gettext_lazy("Current start"), lambda o: o.measure.start_date or "–"),
        Column(gettext_lazy("Current end"), lambda o: o.measure.end_date or "–"),
    ]


class BaselineFormView(GovernanceFormView):
    model = MeasureBaseline
    form_class = forms.BaselineForm
    title = gettext_lazy("New baseline plan")

    def success_url(self, obj):
        return reverse("governance:baseline-list")
