"""Pages of the archiving area, built on portal.generic_views. Views declare; verbs decide."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from archiving import choices as c
from archiving import filtersets, forms, selectors, services
from archiving.models import (
    AccessRequest,
    AccessRule,
    ArchivingPlan,
    DataContent,
    DestructionList,
    PlanItem,
    ProcurementPack,
    Requirement,
    RetentionRule,
    RetentionSimulation,
    is_archivist,
    is_staff_or_admin,
    reads_region,
)
from portal import audit, exports, permissions, roles
from portal.errors import ServiceErrorFormMixin, run_with_messages
from portal.generic_views import (
    Column,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PortalViewMixin,
)
from portal.models import InformationSystem
from portal.views import AreaIndexView

AREA = gettext_lazy("Archiving")


def euros(cents: int | None) -> float:
    return (cents or 0) / 100


def unverified_text(rule: RetentionRule | None) -> str:
    if rule is None:
        return ""
    return str(_("verified")) if rule.verified else str(_("UNVERIFIED"))


def _plain(value):
    """A cell as a spreadsheet holds it: lazy translations as text, times as local wall-clock time."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def table_response(name: str, fmt: str, header: list, rows, *, sheet_title: str = "") -> HttpResponse:
    """A table shown on a page as its CSV or XLSX download (the core's formula-safe writers)."""
    header = [str(h) for h in header]
    cells = ([_plain(v) for v in row] for row in rows)
    if fmt == "xlsx":
        return exports.xlsx_response(f"{name}.xlsx", header, cells, sheet_title=(sheet_title or name)[:31])
    return exports.csv_response(f"{name}.csv", header, cells)


def contents_table(contents) -> tuple[list, list]:
    """The header and rows of a data-contents table (``_contents_table.html``) for its download."""
    header = [
        _("System"),
        _("Title"),
        _("Domain"),
        _("Years"),
        _("Records"),
        _("Retention rule"),
        _("Rule source"),
        _("Planned disposition"),
    ]
    rows = [
        [
            d.system.name,
            d.title,
            d.get_domain_display(),
            f"{d.first_year}–{d.last_year}",
            d.record_count,
            d.retention_rule.name if d.retention_rule else "",
            unverified_text(d.retention_rule),
            d.get_disposition_display(),
        ]
        for d in contents
    ]
    return header, rows


class AreaMixin:
    area_url_name = "archiving:index"
    area_label = AREA


class ButtonMixin(ServiceErrorFormMixin):
    """A button that posts to a verb (portal.errors): a refused value is a message on the page it
    returns to; a conflict with the data's state (approved, frozen, decided) is the 409 conflict page."""

    conflict_template = "archiving/conflict.html"
    conflict_title = gettext_lazy("Conflict")


class SignedInView(AreaMixin, PortalViewMixin, View):
    """A plain page of the area for signed-in users."""


# --- Overview and dashboard ---------------------------------------------------------------------------


class IndexView(AreaIndexView):
    """The area's overview: key figures first, then what needs attention, then every page."""

    app_label = "archiving"
    template_name = "archiving/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        if not roles.is_signed_in(user):
            return ctx
        systems = selectors.systems_visible_to(user)
        retired, retired_total = selectors.retired_still_paid(user)
        rows = selectors.timeline(user)
        plan = selectors.current_plan()
        ctx.update(
            {
                "signed_in": True,
                "system_count": systems.count(),
                "owner_count": systems.values("owner").distinct().count(),
                "retired_total": retired_total,
                "past_due": [r for r in rows if r.past_due],
                "plan": plan,
                "cost": selectors.plan_cost(plan) if plan else None,
                "attention": selectors.attention(user),
                "reads_region": reads_region(user),
                "is_archivist": is_archivist(user),
                "is_staff": is_staff_or_admin(user),
                "is_professional": roles.has_role(user, roles.PROFESSIONAL),
            }
        )
        return ctx


DASHBOARD_TABLES = ("timeline", "retired", "past-due")


class DashboardView(SignedInView):
    """The region's retiring systems: timeline (SVG and table), costs still paid, systems past switch-off."""

    def get(self, request):
        rows = selectors.timeline(request.user)
        retired, retired_total = selectors.retired_still_paid(request.user)
        past_due = [r for r in rows if r.past_due]
        table = request.GET.get("table", "")
        fmt = request.GET.get("export", "")
        if fmt in ("csv", "xlsx") and table in DASHBOARD_TABLES:
            return self.export(table, fmt, rows, retired, past_due)
        return render(
            request,
            "archiving/dashboard.html",
            {
                "title": _("Retiring systems of the region"),
                "rows": rows,
                "chart": selectors.timeline_svg(rows),
                "retired": retired,
                "retired_total": retired_total,
                "past_due": past_due,
                "owner_count": len({r.system.owner_id for r in rows}),
                "attention": selectors.attention(request.user),
                **self.area_context(),
            },
        )

    def export(self, table, fmt, rows, retired, past_due) -> HttpResponse:
        if table == "retired":
            header = [_("System"), _("Owner"), _("Lifecycle"), _("Licence EUR/year"), _("Maintenance EUR/year")]
            data = [
                [
                    s.name,
                    s.owner.name,
                    s.get_lifecycle_display(),
                    euros(s.annual_licence_cents),
                    euros(s.annual_maintenance_cents),
                ]
                for s in retired
            ]
        else:
            source = past_due if table == "past-due" else rows
            header = [
                _("System"),
                _("Owner"),
                _("Lifecycle"),
                _("Start"),
                _("Switch-off"),
                _("Method"),
                _("Cost EUR/year"),
            ]
            data = [
                [
                    r.system.name,
                    r.system.owner.name,
                    r.system.get_lifecycle_display(),
                    r.start,
                    r.switch_off,
                    r.method,
                    euros(r.annual_cents),
                ]
                for r in source
            ]
        return table_response(f"archiving-{table}", fmt, header, data)


# --- Systems ------------------------------------------------------------------------------------------


class SystemListView(AreaMixin, ObjectListView):
    model = InformationSystem
    title = gettext_lazy("Retiring systems")
    intro = gettext_lazy("Systems to be replaced or already out of operational use, with their data contents.")
    search_fields = ("name", "code", "vendor")
    sort_fields = {"name": "name", "owner": "owner__name_fi", "planned": "replacement_planned_on"}
    default_sort = "planned"
    export_name = "retiring-systems"
    columns = (
        Column(
            gettext_lazy("Name"), "name", sort="name", url=lambda s: reverse("archiving:system-detail", args=[s.pk])
        ),
        Column(gettext_lazy("Owner"), "owner.name", sort="owner"),
        Column(gettext_lazy("Lifecycle"), "lifecycle"),
        Column(gettext_lazy("Replacement planned for"), "replacement_planned_on", sort="planned"),
        Column(gettext_lazy("Data contents"), "contents", numeric=True),
        Column(gettext_lazy("Cost EUR/year"), lambda s: euros(s.annual_cost_cents), numeric=True),
    )

    def visible_queryset(self):
        return selectors.systems_visible_to(self.request.user).annotate(contents=Count("data_contents"))

    def can_create(self) -> bool:
        return False


class SystemDetailView(AreaMixin, ObjectDetailView):
    model = InformationSystem
    template_name = "archiving/system_detail.html"
    show_history = False

    def visible_queryset(self):
        return selectors.systems_visible_to(self.request.user)

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export", "")
        if fmt in ("csv", "xlsx"):
            obj = self.get_object()
            contents = (
                DataContent.objects.visible_to(request.user)
                .filter(system=obj)
                .select_related("system", "retention_rule")
            )
            header, rows = contents_table(contents)
            return table_response(f"data-contents-{obj.code}", fmt, header, rows)
        return super().get(request, *args, **kwargs)

    def extra_context(self, obj):
        user = self.request.user
        return {
            "can_edit": False,
            "can_delete": False,
            "contents": DataContent.objects.visible_to(user).filter(system=obj).select_related("retention_rule"),
            "simulations": RetentionSimulation.objects.visible_to(user).filter(system=obj)[:10],
            "plan_items": PlanItem.objects.filter(system=obj).select_related("plan").order_by("-plan__version"),
            "can_add_content": DataContent.objects.can_create_for(user, obj.owner),
        }


# --- Data contents --------------------------------------------------------------------------------------


class ContentMixin(AreaMixin):
    model = DataContent


class ContentListView(ContentMixin, ObjectListView):
    title = gettext_lazy("Data contents")
    intro = gettext_lazy("What each retiring system holds, which rule keeps it and where it goes.")
    filterset_class = filtersets.DataContentFilterSet
    related = ("system", "system__owner", "retention_rule")
    search_fields = ("title", "system__name")
    sort_fields = {"system": "system__name", "title": "title", "domain": "domain", "records": "record_count"}
    default_sort = "system"
    create_url_name = "archiving:content-create"
    export_name = "data-contents"
    columns = (
        Column(gettext_lazy("Title"), "title", sort="title", url="detail"),
        Column(gettext_lazy("System"), "system.name", sort="system"),
        Column(gettext_lazy("Owner"), "system.owner.name"),
        Column(gettext_lazy("Domain"), "domain", sort="domain"),
        Column(gettext_lazy("Years"), lambda d: f"{d.first_year}–{d.last_year}"),
        Column(gettext_lazy("Records"), "record_count", sort="records", numeric=True),
        Column(gettext_lazy("Retention rule"), lambda d: d.retention_rule.name if d.retention_rule else ""),
        Column(gettext_lazy("Rule source"), lambda d: unverified_text(d.retention_rule)),
        Column(gettext_lazy("Planned disposition"), "disposition"),
    )


class ContentDetailView(ContentMixin, ObjectDetailView):
    template_name = "archiving/content_detail.html"

    def extra_context(self, obj):
        return {
            "edit_url": reverse("archiving:content-edit", args=[obj.pk]),
            "delete_url": reverse("archiving:content-delete", args=[obj.pk]),
        }


class ContentEditView(ContentMixin, ObjectEditView):
    form_class = forms.DataContentForm
    title = gettext_lazy("New data content")

    def new_instance(self):
        content = DataContent()
        system = self.request.GET.get("system")
        if system and system.isdigit():
            content.system_id = int(system)
        return content

    def get_form_kwargs(self, instance):
        kwargs = super().get_form_kwargs(instance)
        if instance.pk is None and instance.system_id:
            kwargs["initial"] = {"system": instance.system_id}
        return kwargs

    def save(self, instance, form):
        return services.save_content(instance, actor=self.request.user)


class ContentDeleteView(ContentMixin, ObjectDeleteView):
    def success_url(self, obj):
        return reverse("archiving:content-list")


# --- Retention rules --------------------------------------------------------------------------------------


class RuleMixin(AreaMixin):
    model = RetentionRule


def rule_period(rule: RetentionRule) -> str:
    if rule.permanent:
        return str(_("permanent"))
    text = _("%(years)s years from %(trigger)s") % {
        "years": rule.period_years,
        "trigger": rule.get_trigger_display().lower(),
    }
    if rule.fallback_years:
        text += "; " + _("if not known, %(years)s years from %(trigger)s") % {
            "years": rule.fallback_years,
            "trigger": rule.get_fallback_trigger_display().lower(),
        }
    return text


class RuleListView(RuleMixin, ObjectListView):
    title = gettext_lazy("Retention rules")
    intro = gettext_lazy(
        "Retention periods as data with their legal sources. Rules without a verified source are marked UNVERIFIED."
    )
    filterset_class = filtersets.RetentionRuleFilterSet
    search_fields = ("name_fi", "name_sv", "name_en", "code", "service_task")
    sort_fields = {"code": "code", "domain": "domain"}
    default_sort = "domain"
    create_url_name = "archiving:rule-create"
    export_name = "retention-rules"
    columns = (
        Column(gettext_lazy("Rule"), "name", url="detail"),
        Column(gettext_lazy("Code"), "code", sort="code"),
        Column(gettext_lazy("Records"), "domain", sort="domain"),
        Column(gettext_lazy("Retention"), rule_period),
        Column(gettext_lazy("Birthday sampling days"), "sampling_days"),
        Column(gettext_lazy("Legal source"), "legal_source"),
        Column(gettext_lazy("Source address"), "source_url"),
        Column(gettext_lazy("Source"), unverified_text),
    )


class RuleDetailView(RuleMixin, ObjectDetailView):
    template_name = "archiving/rule_detail.html"

    def extra_context(self, obj):
        return {"edit_url": reverse("archiving:rule-edit", args=[obj.pk]), "period": rule_period(obj)}


class RuleEditView(RuleMixin, ObjectEditView):
    form_class = forms.RetentionRuleForm
    title = gettext_lazy("New retention rule")


# --- Simulations --------------------------------------------------------------------------------------------


class SimulationMixin(AreaMixin):
    model = RetentionSimulation


class SimulationListView(SimulationMixin, ObjectListView):
    title = gettext_lazy("Retention simulations")
    intro = gettext_lazy("Metadata extracts of retiring systems and when their records become destroyable.")
    filterset_class = filtersets.SimulationFilterSet
    related = ("system", "system__owner", "job")
    create_url_name = "archiving:simulation-create"
    export_name = "retention-simulations"
    columns = (
        Column(gettext_lazy("System"), "system.name", url="detail"),
        Column(gettext_lazy("Owner"), "system.owner.name"),
        Column(gettext_lazy("Simulated on"), "as_of"),
        Column(gettext_lazy("Records"), "record_count", numeric=True),
        Column(gettext_lazy("Kept permanently"), "permanent_count", numeric=True),
        Column(gettext_lazy("Job status"), lambda s: s.job.get_status_display() if s.job else ""),
    )


class SimulationCreateView(SimulationMixin, ObjectEditView):
    form_class = forms.SimulationForm
    title = gettext_lazy("New retention simulation")

    def save(self, instance, form):
        return services.start_simulation(
            system=instance.system, upload=form.cleaned_data["upload"], actor=self.request.user
        )

    def success_url(self, obj):
        return obj.get_absolute_url()


class SimulationDetailView(SimulationMixin, ObjectDetailView):
    template_name = "archiving/simulation_detail.html"
    show_history = False

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export", "")
        if fmt in ("csv", "xlsx"):
            obj = self.get_object()
            table = request.GET.get("table", "")
            if table == "switch-off":
                header = [_("Disposition"), _("Earliest switch-off")]
                rows = [
                    [label, day or _("never: records kept permanently")] for label, day in self.switch_off_rows(obj)
                ]
            elif table == "rules":
                header = [_("Retention rule"), _("Code"), _("Records"), _("Kept permanently"), _("Source")]
                rows = [
                    [
                        rule.name if rule else r["rule"],
                        r["rule"],
                        r["records"],
                        r["permanent"],
                        str(_("verified")) if r["verified"] else str(_("UNVERIFIED")),
                    ]
                    for rule, r in self.rule_rows(obj)
                ]
            else:
                table = "years"
                header = [
                    _("Year"),
                    _("Becomes destroyable"),
                    _("Kept at year end"),
                    _("Of which permanently"),
                    _("To Kanta if switched off"),
                ]
                rows = [
                    [r["year"], r["destroyable"], r["kept"], r["permanent"], r["kanta"]]
                    for r in obj.result.get("years", [])
                ]
            suffix = "" if table == "years" else f"-{table}"
            return table_response(f"retention-simulation-{obj.pk}{suffix}", fmt, header, rows)
        return super().get(request, *args, **kwargs)

    @staticmethod
    def switch_off_rows(obj) -> list[tuple[str, dt.date | None]]:
        labels = dict(c.Disposition.choices)
        return [(labels.get(k, k), _parse_date(v)) for k, v in obj.result.get("switch_off", {}).items()]

    @staticmethod
    def rule_rows(obj) -> list[tuple[RetentionRule | None, dict]]:
        rules = {r.code: r for r in RetentionRule.objects.all()}
        return [(rules.get(r["rule"]), r) for r in obj.result.get("rules", [])]

    def extra_context(self, obj):
        return {
            "switch_off": self.switch_off_rows(obj),
            "years": [r for r in obj.result.get("years", []) if r["destroyable"] or r["year"] == obj.as_of.year],
            "rule_rows": self.rule_rows(obj),
            "lists": obj.destruction_lists.all(),
            "list_form": forms.DestructionListForm(initial={"year": obj.as_of.year}),
            "can_edit": permissions.can_edit(self.request.user, obj),
            "can_delete": False,
        }


def _parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# --- Destruction lists ---------------------------------------------------------------------------------------


class DestructionListCreateView(SimulationMixin, View):
    """POST from a simulation page: make the destruction list of a year (a refusal or a conflict is
    a message on the simulation page)."""

    def post(self, request, pk):
        if not request.user.is_authenticated:
            return redirect(reverse("login"))
        simulation = get_object_or_404(RetentionSimulation.objects.visible_to(request.user), pk=pk)
        form = forms.DestructionListForm(request.POST)
        if form.is_valid():
            ok, made = run_with_messages(
                request,
                lambda: services.create_destruction_list(
                    simulation=simulation, year=form.cleaned_data["year"], actor=request.user
                ),
            )
            return redirect(made.get_absolute_url() if ok and made else simulation.get_absolute_url())
        messages.error(request, _("Give the year as a number."))
        return redirect(simulation.get_absolute_url())


class DestructionListListView(AreaMixin, ObjectListView):
    model = DestructionList
    title = gettext_lazy("Destruction lists")
    intro = gettext_lazy(
        "Records whose retention ends, for the archivist's approval. The portal itself never deletes anything."
    )
    filterset_class = filtersets.DestructionListFilterSet
    related = ("simulation__system", "approved_by")
    export_name = "destruction-lists"
    columns = (
        Column(gettext_lazy("List"), lambda d: str(d), url="detail"),
        Column(gettext_lazy("Year"), lambda d: str(d.year)),
        Column(gettext_lazy("Records"), "line_count", numeric=True),
        Column(gettext_lazy("Status"), "status"),
        Column(gettext_lazy("Approved by"), lambda d: d.approved_by.get_username() if d.approved_by else ""),
    )


class DestructionListDetailView(AreaMixin, ObjectDetailView):
    model = DestructionList
    template_name = "archiving/destruction_detail.html"
    show_history = True

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export", "")
        if fmt in ("csv", "xlsx", "pdf"):
            return self.export(self.get_object(), fmt)
        return super().get(request, *args, **kwargs)

    def export(self, obj, fmt):
        name = f"destruction-list-{obj.simulation.system.code}-{obj.year}"
        if fmt == "pdf":
            from archiving.tasks import destruction_list_pdf

            response = HttpResponse(
                destruction_list_pdf(obj, language=get_language() or "fi"), content_type="application/pdf"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
            return response
        header = [
            _("Record id"),
            _("Record type"),
            _("Destroyable on"),
            _("Retention rule"),
            _("Legal source"),
            _("Source address"),
            _("Source"),
        ]
        rows = (
            [
                line.record_id,
                line.record_type,
                line.destroyable_on,
                line.rule.name,
                line.rule.legal_source,
                line.rule.source_url,
                unverified_text(line.rule),
            ]
            for line in obj.lines.select_related("rule").iterator(chunk_size=2000)
        )
        return table_response(name, fmt, header, rows, sheet_title=f"{obj.year}")

    def extra_context(self, obj):
        return {
            "lines": obj.lines.select_related("rule")[:200],
            "can_approve": is_archivist(self.request.user) and obj.status == c.ApprovalStatus.DRAFT,
            "can_edit": False,
            "can_delete": False,
        }


class DestructionListApproveView(AreaMixin, ButtonMixin, View):
    def post(self, request, pk):
        if not request.user.is_authenticated:
            return redirect(reverse("login"))
        obj = get_object_or_404(DestructionList.objects.visible_to(request.user), pk=pk)
        self.conflict_back = obj.get_absolute_url()
        services.approve_destruction_list(obj, actor=request.user)
        messages.success(request, _("The destruction list was approved."))
        return redirect(obj.get_absolute_url())


# --- Plans ---------------------------------------------------------------------------------------------------------


class PlanMixin(AreaMixin):
    model = ArchivingPlan


class PlanListView(PlanMixin, ObjectListView):
    title = gettext_lazy("Switch-off plans")
    intro = gettext_lazy("Versioned plans: the archivist's approval freezes a version.")
    filterset_class = filtersets.PlanFilterSet
    create_url_name = "archiving:plan-create"
    export_name = "archiving-plans"
    columns = (
        Column(gettext_lazy("Plan"), "title", url="detail"),
        Column(gettext_lazy("Version"), "version", numeric=True),
        Column(gettext_lazy("Status"), "status"),
        Column(gettext_lazy("Plan starts"), "start_date"),
        # local wall-clock time: the spreadsheet download cannot hold a time zone
        Column(gettext_lazy("Approved"), lambda p: timezone.make_naive(p.approved_at) if p.approved_at else None),
    )


class PlanDetailView(PlanMixin, ObjectDetailView):
    template_name = "archiving/plan_detail.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") in ("csv", "xlsx") and request.GET.get("table") == "cost":
            obj = self.get_object()
            cost = selectors.plan_cost(obj)
            header = [_("Figure"), _("Value")]
            rows = [
                [_("Retiring systems cost a year") + " (EUR)", euros(cost.retiring_annual_cents)],
                [_("Costs a year after the switch-off") + " (EUR)", euros(cost.new_annual_cents)],
                [_("One-off costs") + " (EUR)", euros(cost.one_off_cents)],
                [_("Annual saving") + " (EUR)", euros(cost.annual_saving_cents)],
                [_("Break-even month"), cost.break_even_month or _("never")],
                [_("Net over %(y)s years") % {"y": cost.years} + " (EUR)", euros(cost.net_cents)],
                [_("Cost of each month's delay") + " (EUR)", euros(cost.monthly_delay_cents)],
            ]
            return table_response(f"plan-{obj.code}-v{obj.version}-cost", request.GET["export"], header, rows)
        if request.GET.get("export") in ("csv", "xlsx"):
            obj = self.get_object()
            header = [
                _("System"),
                _("Owner"),
                _("Method"),
                _("Switch-off date"),
                _("One-off EUR"),
                _("Annual EUR after"),
                _("Cost now EUR/year"),
                _("A month's delay EUR"),
            ]
            rows = [
                [
                    i.system.name,
                    i.system.owner.name,
                    i.get_method_display(),
                    i.target_date,
                    euros(i.one_off_cents),
                    euros(i.annual_cents),
                    euros(i.system.annual_cost_cents),
                    euros(selectors.item_delay_cost(i)),
                ]
                for i in obj.items.select_related("system", "system__owner")
            ]
            return table_response(f"plan-{obj.code}-v{obj.version}", request.GET["export"], header, rows)
        return super().get(request, *args, **kwargs)

    def extra_context(self, obj):
        user = self.request.user
        items = list(obj.items.select_related("system", "system__owner"))
        return {
            "edit_url": reverse("archiving:plan-edit", args=[obj.pk]) if not obj.is_approved else "",
            "items": [(i, selectors.item_delay_cost(i)) for i in items],
            "cost": selectors.plan_cost(obj),
            "can_approve": is_archivist(user) and not obj.is_approved,
            "can_version": obj.is_approved
            and permissions.can_edit(user, obj)
            and not ArchivingPlan.objects.filter(previous=obj).exists(),
            "can_add_item": permissions.can_edit(user, obj) and not obj.is_approved,
            "can_delete": False,
        }


class PlanEditView(PlanMixin, ObjectEditView):
    form_class = forms.PlanForm
    title = gettext_lazy("New switch-off plan")

    def save(self, instance, form):
        return services.save_plan(instance, actor=self.request.user)


class PlanItemEditView(AreaMixin, ObjectEditView):
    model = PlanItem
    form_class = forms.PlanItemForm
    title = gettext_lazy("Add a system to the plan")

    def new_instance(self):
        plan = get_object_or_404(ArchivingPlan.objects.editable_by(self.request.user), pk=self.kwargs["plan"])
        return PlanItem(plan=plan)

    def get_instance(self):
        if "pk" in self.kwargs:
            return get_object_or_404(self.editable_queryset(), pk=self.kwargs["pk"], plan_id=self.kwargs["plan"])
        if not permissions.can_create(self.request.user, PlanItem):
            raise PermissionDenied
        return self.new_instance()

    def save(self, instance, form):
        return services.save_plan_item(instance, actor=self.request.user)

    def cancel_url(self, obj):
        return obj.plan.get_absolute_url()


class PlanActionView(AreaMixin, ButtonMixin, View):
    """POST: approve a plan (archivist) or make its next version (programme staff)."""

    verbs = {
        "approve": (services.approve_plan, gettext_lazy("The plan was approved and is now frozen.")),
        "new-version": (services.new_plan_version, gettext_lazy("A new draft version was made.")),
    }

    def post(self, request, pk, action):
        if not request.user.is_authenticated:
            return redirect(reverse("login"))
        plan = get_object_or_404(ArchivingPlan.objects.visible_to(request.user), pk=pk)
        if action not in self.verbs:
            raise Http404
        verb, done = self.verbs[action]
        self.conflict_back = plan.get_absolute_url()
        result = self.run_service(None, lambda: verb(plan, actor=request.user))
        if self.service_ok:
            plan = result
            messages.success(request, done)
        return redirect(plan.get_absolute_url())


# --- Access rules and requests -----------------------------------------------------------------------------------


class EditLinkOnlyForEditorsMixin:
    """The first column links to the edit form only for users who may edit (others get plain text)."""

    def get_columns(self):
        columns = list(super().get_columns())
        if not self.can_create():
            first = columns[0]
            columns[0] = Column(first.label, first.value, sort=first.sort, numeric=first.numeric)
        return columns


class AccessRuleListView(EditLinkOnlyForEditorsMixin, AreaMixin, ObjectListView):
    model = AccessRule
    title = gettext_lazy("Access rules for archived data")
    intro = gettext_lazy("Who may read which archived data, and what a request must show.")
    create_url_name = "archiving:access-rule-create"
    export_name = "access-rules"
    columns = (
        Column(gettext_lazy("Role"), "role", url=lambda r: reverse("archiving:access-rule-edit", args=[r.pk])),
        Column(gettext_lazy("Domain"), "domain"),
        Column(gettext_lazy("Service task"), "service_task"),
        Column(gettext_lazy("Care or client relationship required"), "care_relationship_required"),
        Column(gettext_lazy("Purpose required"), "purpose_required"),
        Column(gettext_lazy("Note"), "note"),
    )


class AccessRuleEditView(AreaMixin, ObjectEditView):
    model = AccessRule
    form_class = forms.AccessRuleForm
    title = gettext_lazy("New access rule")

    def success_url(self, obj):
        return reverse("archiving:access-rule-list")


def log_request_read(request_obj: AccessRequest, user, purpose: str) -> None:
    audit.log_access(request_obj, user=user, purpose=purpose)


class AccessRequestListView(AreaMixin, ObjectListView):
    model = AccessRequest
    title = gettext_lazy("Access requests")
    intro = gettext_lazy("Professionals' requests to read archived data. Every read is logged.")
    filterset_class = filtersets.AccessRequestFilterSet
    related = ("system", "requester")
    create_url_name = "archiving:request-create"
    export_name = "access-requests"
    columns = (
        Column(gettext_lazy("Request"), lambda r: str(r), url="detail"),
        Column(gettext_lazy("Requested by"), lambda r: r.requester.get_username()),
        Column(gettext_lazy("System"), "system.name"),
        Column(gettext_lazy("Domain"), "domain"),
        Column(gettext_lazy("Service task"), "service_task"),
        Column(gettext_lazy("Access from"), "period_start"),
        Column(gettext_lazy("Access until"), "period_end"),
        Column(gettext_lazy("Status"), "status"),
    )

    def paginate(self, qs):
        page = super().paginate(qs)
        for obj in page.object_list:
            log_request_read(obj, self.request.user, str(_("Access request list")))
        return page

    def export(self, qs, fmt):
        rows = list(qs)
        for obj in rows:
            log_request_read(obj, self.request.user, str(_("Access request export")))
        return super().export(qs, fmt)


class AccessRequestDetailView(AreaMixin, ObjectDetailView):
    model = AccessRequest
    template_name = "archiving/request_detail.html"
    show_history = False

    def on_read(self, obj):
        log_request_read(obj, self.request.user, str(_("Access request review")))

    def extra_context(self, obj):
        user = self.request.user
        return {
            "can_edit": False,
            "can_delete": False,
            "can_decide": is_archivist(user) and obj.status == c.RequestStatus.PENDING,
            "decision_form": forms.DecisionForm(),
            "can_read": obj.requester_id == user.pk and obj.is_open_on(timezone.localdate()),
        }


class AccessRequestCreateView(AreaMixin, ObjectEditView):
    model = AccessRequest
    form_class = forms.AccessRequestForm
    title = gettext_lazy("Request access to archived data")

    def save(self, instance, form):
        return services.request_access(instance, actor=self.request.user)


class AccessRequestDecideView(AreaMixin, ButtonMixin, View):
    def post(self, request, pk):
        if not request.user.is_authenticated:
            return redirect(reverse("login"))
        obj = get_object_or_404(AccessRequest.objects.visible_to(request.user), pk=pk)
        form = forms.DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose approve or reject."))
            return redirect(obj.get_absolute_url())
        self.conflict_back = obj.get_absolute_url()
        self.run_service(
            None,
            lambda: services.decide_access_request(
                obj,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["decision_note"],
                actor=request.user,
            ),
        )
        if not self.service_ok:
            return redirect(obj.get_absolute_url())
        messages.success(request, _("The decision was saved."))
        return redirect(obj.get_absolute_url())


class ArchivedDataView(AreaMixin, ButtonMixin, PortalViewMixin, View):
    """The professional's view into the archived data an approved request covers (logged)."""

    def get(self, request, pk):
        obj = get_object_or_404(AccessRequest.objects.visible_to(request.user), pk=pk)
        fmt = request.GET.get("export", "")
        if fmt not in ("csv", "xlsx"):
            fmt = ""
        # a download is a read of its own: one access-log row per page view and per file; a request
        # not open (any more) is the conflict page
        self.conflict_back = obj.get_absolute_url()
        services.read_archived_data(obj, actor=request.user, download=fmt.upper())
        contents = DataContent.objects.filter(system=obj.system, domain=obj.domain).select_related(
            "system", "retention_rule"
        )
        if fmt:
            header, rows = contents_table(contents)
            return table_response(f"archived-data-request-{obj.pk}", fmt, header, rows)
        return render(
            request,
            "archiving/archived_data.html",
            {"title": _("Archived data"), "object": obj, "contents": contents, **self.area_context()},
        )


class PersonReportView(AreaMixin, PortalViewMixin, View):
    """Who has read archived data about a person, when and why (law 703/2023 § 11), for staff."""

    def get(self, request):
        if not (is_archivist(request.user) or roles.is_programme_staff(request.user)):
            raise PermissionDenied
        form = forms.PersonReportForm(request.GET or None)
        rows = None
        if form.is_bound and form.is_valid():
            rows = selectors.person_access_report(form.cleaned_data["subject_ref"])
            fmt = request.GET.get("export", "")
            # The report shows whose data was asked for and by whom: reading it, on the page or as a
            # file, is a read of each of the person's requests and is logged like any other.
            if fmt in ("csv", "xlsx"):
                purpose = _("Access report of the person downloaded (%(format)s)") % {"format": fmt.upper()}
            else:
                purpose = _("Access report of the person")
            for access_request in {r["request"].pk: r["request"] for r in rows}.values():
                log_request_read(access_request, request.user, purpose)
            if fmt in ("csv", "xlsx"):
                header = [_("Time"), _("Reader"), _("System"), _("Purpose")]
                data = [
                    [
                        timezone.localtime(r["timestamp"]).strftime("%Y-%m-%d %H:%M"),
                        r["reader"],
                        r["system"],
                        r["purpose"],
                    ]
                    for r in rows
                ]
                return table_response("access-report", fmt, header, data)
        return render(
            request,
            "archiving/person_report.html",
            {"title": _("Who has read data about a person"), "form": form, "rows": rows, **self.area_context()},
        )


# --- Requirements and procurement ---------------------------------------------------------------------------------


class RequirementListView(EditLinkOnlyForEditorsMixin, AreaMixin, ObjectListView):
    model = Requirement
    title = gettext_lazy("Requirements of the archive system")
    intro = gettext_lazy("The requirement matrix of the procurement, as editable data.")
    filterset_class = filtersets.RequirementFilterSet
    search_fields = ("code", "text_fi", "text_sv", "text_en")
    create_url_name = "archiving:requirement-create"
    export_name = "archive-requirements"
    columns = (
        Column(gettext_lazy("Code"), "code", url=lambda r: reverse("archiving:requirement-edit", args=[r.pk])),
        Column(gettext_lazy("Category"), "category"),
        Column(gettext_lazy("Priority"), "priority"),
        Column(gettext_lazy("Requirement"), lambda r: r.text_in(get_language() or "fi")),
        Column(gettext_lazy("Source"), lambda r: r.source_label),
    )


class RequirementEditView(AreaMixin, ObjectEditView):
    model = Requirement
    form_class = forms.RequirementForm
    title = gettext_lazy("New requirement")

    def save(self, instance, form):
        return services.save_requirement(instance, actor=self.request.user)

    def success_url(self, obj):
        return reverse("archiving:requirement-list")


class ProcurementView(SignedInView):
    def get(self, request):
        packs = ProcurementPack.objects.visible_to(request.user).select_related("job", "plan")[:10]
        fmt = request.GET.get("export", "")
        if fmt in ("csv", "xlsx"):
            header = [_("Created"), _("Plan"), _("Status"), _("Files")]
            rows = [
                [
                    timezone.localtime(p.created_at).strftime("%Y-%m-%d %H:%M"),
                    str(p.plan) if p.plan else "",
                    p.job.get_status_display() if p.job else "",
                    ", ".join(label for field, label in self.file_labels() if getattr(p, field)),
                ]
                for p in packs
            ]
            return table_response("procurement-packs", fmt, header, rows)
        return render(
            request,
            "archiving/procurement.html",
            {
                "title": _("Procurement pack"),
                "packs": packs,
                "plan": selectors.current_plan(),
                "can_start": is_staff_or_admin(request.user),
                **self.area_context(),
            },
        )

    @staticmethod
    def file_labels() -> list[tuple[str, str]]:
        return [
            ("specification_fi", _("Specification (Finnish, PDF)")),
            ("specification_sv", _("Specification (Swedish, PDF)")),
            ("matrix", _("Requirement matrix (XLSX)")),
        ]

    def post(self, request):
        plan = selectors.current_plan()
        job = services.start_procurement_pack(plan=plan, actor=request.user)
        messages.success(request, _("The procurement pack is being made."))
        return redirect(reverse("portal:job-detail", args=[job.pk]))


class ProcurementDownloadView(SignedInView):
    FILES = {"fi": "specification_fi", "sv": "specification_sv", "matrix": "matrix"}

    def get(self, request, pk, part):
        pack = get_object_or_404(ProcurementPack.objects.visible_to(request.user), pk=pk)
        field = self.FILES.get(part)
        if field is None or not getattr(pack, field):
            raise Http404
        handle = getattr(pack, field)
        return FileResponse(handle.open("rb"), as_attachment=True, filename=handle.name.rsplit("/", 1)[-1])
