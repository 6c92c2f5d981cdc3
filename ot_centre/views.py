"""Pages of the OT centre, built on the portal kit (generic views, permissions, exports).

Case pages reach a consultation only through ``selectors.get_case`` / ``cases_for`` (404 for anyone
but the requester, the assigned expert and the coordinator) and log every read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ot_centre import forms, selectors, services
from ot_centre.choices import RequestStatus
from ot_centre.filtersets import AgreementFilterSet, ExpertFilterSet, RequestFilterSet
from ot_centre.models import (
    Agreement,
    ConsultationRequest,
    CooperationArea,
    DeadlineRule,
    DemandEstimate,
    ExperienceReport,
    Expert,
    ExpertiseArea,
    Pilot,
    PilotReport,
    UseCase,
    WorkingGroup,
    is_coordinator,
)
from portal import exports, permissions
from portal.errors import ServiceErrorFormMixin
from portal.generic_views import Column, ObjectDetailView, ObjectEditView, ObjectListView
from portal.models import Measure


class AreaMixin:
    area_url_name = "ot_centre:index"
    area_label = gettext_lazy("OT centre")


def _area_context() -> dict[str, Any]:
    return {"area_url": reverse("ot_centre:index"), "area_label": _("OT centre")}


# --- Overview ---------------------------------------------------------------------------------------


class IndexView(LoginRequiredMixin, View):
    """Overview first: key figures and cases past their deadline, then links to every page."""

    def get(self, request):
        data = selectors.overview(request.user)
        selectors.log_reads(data["my_overdue"], request.user, "overview: cases past deadline")
        return render(
            request,
            "ot_centre/index.html",
            {
                **data,
                "area_label": _("OT centre"),
                "measures": Measure.objects.visible_to(request.user).filter(app="ot_centre").order_by("number"),
                "can_request": permissions.can_create(request.user, ConsultationRequest),
                "is_coordinator": is_coordinator(request.user),
                "anonymity": selectors.anonymity_answer(),
                "pilot": Pilot.objects.visible_to(request.user).first(),
            },
        )


# --- Consultation cases -----------------------------------------------------------------------------


class RequestListView(AreaMixin, ObjectListView):
    model = ConsultationRequest
    title = gettext_lazy("Consultation requests")
    intro = gettext_lazy(
        "The cases you may see: your own requests, cases assigned to you, or all cases for the coordinator."
    )
    filterset_class = RequestFilterSet
    related = ("county", "expertise_area", "assigned_expert__user")
    sort_fields = {"submitted": "submitted_at", "status": "status", "answer_due": "answer_due"}
    default_sort = "-submitted"
    export_formats = ()
    create_url_name = "ot_centre:request-create"
    columns = (
        Column(gettext_lazy("Case code"), "case_code", url="detail"),
        Column(gettext_lazy("Status"), "status", sort="status"),
        Column(gettext_lazy("County"), "county.name_fi"),
        Column(gettext_lazy("Expertise area"), "expertise_area.name"),
        Column(gettext_lazy("Urgency"), "urgency"),
        Column(
            gettext_lazy("Submitted"),
            lambda r: timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M"),
            sort="submitted",
        ),
        Column(
            gettext_lazy("Answer due"),
            lambda r: timezone.localtime(r.answer_due).strftime("%Y-%m-%d %H:%M"),
            sort="answer_due",
        ),
    )

    def paginate(self, qs):
        page = super().paginate(qs)
        selectors.log_reads(page.object_list, self.request.user, "consultation request list")
        return page


class RequestCreateView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    def _check(self, request):
        if not permissions.can_create(request.user, ConsultationRequest):
            raise PermissionDenied

    def render_form(self, request, form, status=200):
        return render(
            request,
            "ot_centre/request_form.html",
            {"form": form, "title": _("New consultation request"), **_area_context()},
            status=status,
        )

    def get(self, request):
        self._check(request)
        return self.render_form(request, forms.RequestForm())

    def post(self, request):
        self._check(request)
        form = forms.RequestForm(request.POST)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        data = form.cleaned_data
        case = self.run_service(form, lambda: services.submit_request(actor=request.user, **data))
        if case is None:
            return self.render_form(request, form, status=self.form_error_status)
        messages.success(request, _("Your request was sent. Case code: %(code)s") % {"code": case.case_code})
        return redirect(case.get_absolute_url())


class RequestDetailView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    """The case page: facts, deadlines, thread and the actions the reader may take."""

    ACTIONS = ("triage", "assign", "message", "conference", "answer", "close")

    def forms_for(self, case, user, bound: dict | None = None) -> dict[str, Any]:
        bound = bound or {}
        is_coord = is_coordinator(user)
        is_expert = case.assigned_expert is not None and case.assigned_expert.user_id == user.pk
        is_requester = case.requester_id == user.pk
        result: dict[str, Any] = {}
        if is_coord and case.status == RequestStatus.SUBMITTED:
            result["triage"] = bound.get("triage") or forms.TriageForm(
                initial={"expertise_area": case.expertise_area.code, "urgency": case.urgency}, prefix="triage"
            )
        if is_coord and case.status in (RequestStatus.TRIAGED, RequestStatus.ASSIGNED):
            result["assign"] = bound.get("assign") or forms.AssignForm(case=case, prefix="assign")
        if case.status != RequestStatus.CLOSED:
            result["message"] = bound.get("message") or forms.MessageForm(prefix="message")
        if (is_coord or is_expert) and case.status in (RequestStatus.ASSIGNED, RequestStatus.ANSWERED):
            result["conference"] = bound.get("conference") or forms.ConferenceForm(prefix="conference")
        if is_expert and case.status in (RequestStatus.ASSIGNED, RequestStatus.ANSWERED):
            result["answer"] = bound.get("answer") or forms.AnswerForm(prefix="answer", initial={"answer": case.answer})
        if (is_requester and case.status == RequestStatus.ANSWERED) or (
            is_coord and case.status != RequestStatus.CLOSED
        ):
            result["close"] = bound.get("close") or forms.CloseForm(prefix="close")
        return result

    def render_case(self, request, case, bound=None, status=200):
        return render(
            request,
            "ot_centre/request_detail.html",
            {
                "object": case,
                "title": _("Consultation %(code)s") % {"code": case.case_code},
                "messages_thread": case.messages.select_related("author").order_by("created_at", "id"),
                "conference": getattr(case, "conference", None) if hasattr(case, "conference") else None,
                "survey": getattr(case, "survey", None) if hasattr(case, "survey") else None,
                "forms": self.forms_for(case, request.user, bound),
                "is_requester": case.requester_id == request.user.pk,
                "now": timezone.now(),
                **_area_context(),
            },
            status=status,
        )

    def get(self, request, code):
        case = selectors.get_case(request.user, code, purpose="consultation request (page)")
        return self.render_case(request, case)

    def post(self, request, code):
        case = selectors.get_case(request.user, code, purpose="consultation request (action)")
        action = request.POST.get("action", "")
        if action not in self.ACTIONS:
            raise Http404
        form_class = {
            "triage": forms.TriageForm,
            "assign": forms.AssignForm,
            "message": forms.MessageForm,
            "conference": forms.ConferenceForm,
            "answer": forms.AnswerForm,
            "close": forms.CloseForm,
        }[action]
        kwargs = {"case": case} if action == "assign" else {}
        form = form_class(request.POST, prefix=action, **kwargs)
        if not form.is_valid():
            return self.render_case(request, case, {action: form}, status=400)
        d = form.cleaned_data
        user = request.user
        calls = {
            "triage": lambda: services.triage_request(
                case, actor=user, expertise_area=d["expertise_area"], urgency=d["urgency"], note=d["note"]
            ),
            "assign": lambda: services.assign_expert(case, actor=user, expert=d["expert"]),
            "message": lambda: services.post_message(case, actor=user, body=d["body"]),
            "conference": lambda: services.record_conference(
                case, actor=user, held_on=d["held_on"], attendees=d["attendees"], statement=d["statement"]
            ),
            "answer": lambda: services.answer_request(case, actor=user, answer=d["answer"]),
            "close": lambda: services.close_request(case, actor=user, survey=form.survey()),
        }
        result = self.run_service(form, calls[action])
        if result is None:
            return self.render_case(request, case, {action: form}, status=self.form_error_status)
        messages.success(request, _("Saved."))
        return redirect(case.get_absolute_url())


# --- Network: directory, map, expertise areas, agreements, working groups, areas ----------------------


class ExpertListView(AreaMixin, ObjectListView):
    model = Expert
    title = gettext_lazy("Expert directory")
    intro = gettext_lazy("Members of the multi-professional expert network, their expertise areas and capacity.")
    filterset_class = ExpertFilterSet
    related = ("user", "organisation")
    prefetch = ("expertise_areas",)
    search_fields = ("title", "user__first_name", "user__last_name", "key_role")
    sort_fields = {"organisation": "organisation__code", "capacity": "capacity_per_month"}
    default_sort = "organisation"
    create_url_name = "ot_centre:expert-create"
    export_name = "ot-centre-experts"
    columns = (
        Column(gettext_lazy("Expert"), lambda e: e.user.get_full_name() or e.user.get_username(), url="detail"),
        Column(gettext_lazy("Title"), "title"),
        Column(gettext_lazy("Organisation"), "organisation.name_fi", sort="organisation"),
        Column(gettext_lazy("Expertise areas"), lambda e: ", ".join(a.name for a in e.expertise_areas.all())),
        Column(gettext_lazy("Capacity per month"), "capacity_per_month", sort="capacity", numeric=True),
        Column(gettext_lazy("Key role"), "key_role"),
    )

    def extra_context(self):
        return {"map_url": reverse("ot_centre:network-map")}


class ExpertDetailView(AreaMixin, ObjectDetailView):
    model = Expert
    template_name = "ot_centre/expert_detail.html"

    def extra_context(self, obj):
        return {"edit_url": reverse("ot_centre:expert-edit", args=[obj.pk])}


class ExpertEditView(AreaMixin, ObjectEditView):
    model = Expert
    form_class = forms.ExpertForm


class NetworkMapView(LoginRequiredMixin, View):
    def get(self, request):
        day = timezone.localdate()
        data = selectors.network_map(day)
        max_capacity = max([c["capacity"] for r in data["rows"] for c in r["cells"]] or [1]) or 1
        cell_w, cell_h, left, top = 90, 44, 230, 120
        for y, row in enumerate(data["rows"]):
            for x, cell in enumerate(row["cells"]):
                cell["cx"] = left + x * cell_w + cell_w // 2
                cell["cy"] = top + y * cell_h + cell_h // 2
                cell["r"] = round(4 + 16 * (cell["capacity"] / max_capacity), 1) if cell["capacity"] else 0
            row["ty"] = top + y * cell_h + cell_h // 2 + 5
        for x, area in enumerate(data["areas"]):
            area.lx = left + x * cell_w + cell_w // 2
        return render(
            request,
            "ot_centre/network_map.html",
            {
                **data,
                "day": day,
                "width": left + cell_w * len(data["areas"]) + 20,
                "height": top + cell_h * len(data["rows"]) + 20,
                "title": _("Network map"),
                **_area_context(),
            },
        )


class ExpertiseAreaListView(AreaMixin, ObjectListView):
    model = ExpertiseArea
    title = gettext_lazy("Expertise areas")
    intro = gettext_lazy("The special expertise areas of the network, seeded from the OT-centre pilot.")
    export_name = "ot-centre-expertise-areas"
    columns = (
        Column(gettext_lazy("Expertise area"), "name"),
        Column(gettext_lazy("Code"), "code"),
        Column(gettext_lazy("Source"), "source"),
    )


class AgreementListView(AreaMixin, ObjectListView):
    model = Agreement
    title = gettext_lazy("Agreements")
    intro = gettext_lazy("Agreements between the regions and partners on which the network rests.")
    filterset_class = AgreementFilterSet
    prefetch = ("parties",)
    create_url_name = "ot_centre:agreement-create"
    export_name = "ot-centre-agreements"
    columns = (
        Column(gettext_lazy("Title"), "title", url="detail"),
        Column(gettext_lazy("Kind"), "kind"),
        Column(gettext_lazy("Parties"), lambda a: ", ".join(p.name_fi for p in a.parties.all())),
        Column(gettext_lazy("Valid from"), "valid_from"),
        Column(gettext_lazy("Valid to"), "valid_to"),
    )


class AgreementDetailView(AreaMixin, ObjectDetailView):
    model = Agreement
    template_name = "ot_centre/agreement_detail.html"

    def extra_context(self, obj):
        return {"edit_url": reverse("ot_centre:agreement-edit", args=[obj.pk])}


class AgreementEditView(AreaMixin, ObjectEditView):
    model = Agreement
    form_class = forms.AgreementForm


class WorkingGroupListView(AreaMixin, ObjectListView):
    model = WorkingGroup
    title = gettext_lazy("Working groups and key persons")
    intro = gettext_lazy("Regional working groups of the network, their chairs and members.")
    related = ("chair__user", "expertise_area")
    prefetch = ("members__user",)
    export_name = "ot-centre-working-groups"
    columns = (
        Column(gettext_lazy("Working group"), "name"),
        Column(gettext_lazy("Expertise area"), "expertise_area"),
        Column(gettext_lazy("Chair"), "chair"),
        Column(gettext_lazy("Members"), lambda g: ", ".join(str(m) for m in g.members.all())),
        Column(gettext_lazy("Purpose"), "purpose"),
    )

    def extra_context(self):
        key = (
            Expert.objects.visible_to(self.request.user).filter(key_person=True).select_related("user", "organisation")
        )
        return {"key_persons": key}

    template_name = "ot_centre/working_group_list.html"


class AreaDetailView(LoginRequiredMixin, View):
    def get(self, request, key):
        area = get_object_or_404(CooperationArea.objects.visible_to(request.user), key=key)
        raw = request.GET.get("date", "")
        error = ""
        try:
            day = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError:
            day = timezone.localdate()
            error = _("The date %(value)s is not a date of the form YYYY-MM-DD; showing today.") % {"value": raw}
        return render(
            request,
            "ot_centre/area_detail.html",
            {
                "object": area,
                "title": area.name,
                "day": day,
                "error": error,
                "members": selectors.area_members(area, day),
                "memberships": area.memberships.select_related("organisation").order_by(
                    "valid_from", "organisation__code"
                ),
                **_area_context(),
            },
            status=400 if error else 200,
        )


class DeadlineRuleListView(AreaMixin, ObjectListView):
    model = DeadlineRule
    title = gettext_lazy("Deadline rules")
    intro = gettext_lazy(
        "Deadlines are data: working days skip weekends and Finnish public holidays (the holidays library)."
    )
    export_formats = ()
    columns = (
        Column(gettext_lazy("Deadline"), "kind", url=lambda r: reverse("ot_centre:rule-edit", args=[r.pk])),
        Column(gettext_lazy("Urgency"), "urgency"),
        Column(gettext_lazy("Length"), "amount", numeric=True),
        Column(gettext_lazy("Unit"), "unit"),
        Column(gettext_lazy("Reminder (hours before)"), "remind_before_hours", numeric=True),
        Column(gettext_lazy("Source"), "source"),
    )


class DeadlineRuleEditView(AreaMixin, ObjectEditView):
    model = DeadlineRule
    form_class = forms.DeadlineRuleForm

    def success_url(self, obj):
        return reverse("ot_centre:rule-list")


# --- Pilot and concept evidence ---------------------------------------------------------------------


class PilotDetailView(AreaMixin, ObjectDetailView):
    model = Pilot
    template_name = "ot_centre/pilot_detail.html"

    def extra_context(self, obj):
        reports = ExperienceReport.objects.filter(pilot=obj)
        n = reports.count()
        enough = n >= selectors.SMALL_NUMBER

        def avg(f):
            return round(sum(reports.values_list(f, flat=True)) / n, 1) if enough else None

        return {
            "phases": obj.phases.prefetch_related("participants"),
            "use_cases": obj.use_cases.select_related("expertise_area"),
            "experience_count": selectors.suppress(n),
            "ease_of_use": avg("ease_of_use"),
            "support_for_work": avg("support_for_work"),
            "would_use_again": round(100 * reports.filter(would_use_again=True).count() / n, 1) if enough else None,
            "can_read_experiences": permissions.can_view(self.request.user, reports.first()) if n else False,
            "experiences": ExperienceReport.objects.visible_to(self.request.user)
            .filter(pilot=obj)
            .select_related("county")[:50],
        }


class ExperienceCreateView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    def render_form(self, request, pilot, form, status=200):
        return render(
            request,
            "ot_centre/experience_form.html",
            {"form": form, "pilot": pilot, "title": _("Experience report"), **_area_context()},
            status=status,
        )

    def get(self, request, pk):
        pilot = get_object_or_404(Pilot.objects.visible_to(request.user), pk=pk)
        return self.render_form(request, pilot, forms.ExperienceForm())

    def post(self, request, pk):
        pilot = get_object_or_404(Pilot.objects.visible_to(request.user), pk=pk)
        form = forms.ExperienceForm(request.POST)
        if not form.is_valid():
            return self.render_form(request, pilot, form, status=400)
        d = dict(form.cleaned_data)
        d["would_use_again"] = d["would_use_again"] == "yes"
        saved = self.run_service(form, lambda: services.submit_experience_report(actor=request.user, pilot=pilot, **d))
        if saved is None:
            return self.render_form(request, pilot, form, status=self.form_error_status)
        messages.success(request, _("Thank you: your experience report was saved without your name."))
        return redirect(pilot.get_absolute_url())


class UseCaseListView(AreaMixin, ObjectListView):
    model = UseCase
    title = gettext_lazy("Use cases")
    intro = gettext_lazy("Concrete use cases of the network collected in the pilot, and the needs they show.")
    related = ("pilot", "expertise_area")
    create_url_name = "ot_centre:usecase-create"
    export_name = "ot-centre-use-cases"
    columns = (
        Column(gettext_lazy("Title"), "title"),
        Column(gettext_lazy("Expertise area"), "expertise_area"),
        Column(gettext_lazy("Research need"), "research_need"),
        Column(gettext_lazy("Training need"), "training_need"),
        Column(gettext_lazy("Development need"), "development_need"),
        Column(gettext_lazy("System tools needed"), "system_tools"),
    )


class UseCaseEditView(AreaMixin, ObjectEditView):
    model = UseCase
    form_class = forms.UseCaseForm

    def success_url(self, obj):
        return reverse("ot_centre:usecase-list")


class RegionalPictureView(LoginRequiredMixin, View):
    """County x expertise area x year, with the anonymity answer and demand against capacity."""

    def get(self, request):
        years = selectors.picture_years()
        raw = request.GET.get("year", "")
        # ASCII digits only: "²" passes isdigit() but int() refuses it (a 500 before).
        year = int(raw) if raw.isascii() and raw.isdigit() else None
        if raw and (year is None or year not in years):
            return render(
                request,
                "ot_centre/regional_picture.html",
                {
                    "title": _("Regional picture"),
                    "error": _("No cases for the year %(v)s; choose one of the listed years.") % {"v": raw},
                    "years": years,
                    **_area_context(),
                },
                status=400,
            )
        rows = selectors.regional_picture(year)
        if request.GET.get("export") == "xlsx":
            return exports.xlsx_response(
                f"ot-centre-regional-picture-{year or 'all'}.xlsx",
                selectors.picture_header(),
                (selectors.picture_cells(r) for r in rows),
                sheet_title="regional-picture",
            )
        demand_year = year or (years[-1] if years else timezone.localdate().year)
        return render(
            request,
            "ot_centre/regional_picture.html",
            {
                "title": _("Regional picture"),
                "years": years,
                "year": year,
                "header": selectors.picture_header(),
                "rows": [selectors.picture_cells(r) for r in rows],
                "anonymity": selectors.anonymity_answer(year),
                "demand": selectors.demand_vs_capacity(demand_year),
                "demand_year": demand_year,
                "estimates_url": reverse("ot_centre:demand-list"),
                **_area_context(),
            },
        )


class DemandEstimateListView(AreaMixin, ObjectListView):
    model = DemandEstimate
    title = gettext_lazy("Demand estimates")
    intro = gettext_lazy("First estimates of consultation needs per county, expertise area and year.")
    related = ("county", "expertise_area")
    create_url_name = "ot_centre:demand-create"
    export_name = "ot-centre-demand-estimates"
    columns = (
        Column(gettext_lazy("County"), "county.name_fi"),
        Column(gettext_lazy("Expertise area"), "expertise_area"),
        Column(gettext_lazy("Year"), lambda d: str(d.year)),
        Column(gettext_lazy("Estimated consultations per year"), "estimated_cases", numeric=True),
        Column(gettext_lazy("Basis of the estimate"), "basis"),
    )


class DemandEstimateEditView(AreaMixin, ObjectEditView):
    model = DemandEstimate
    form_class = forms.DemandEstimateForm

    def success_url(self, obj):
        return reverse("ot_centre:demand-list")


class ReportListView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    def render_page(self, request, form, status=200):
        return render(
            request,
            "ot_centre/reports.html",
            {
                "title": _("Monthly pilot reports"),
                "reports": PilotReport.objects.visible_to(request.user),
                "form": form,
                "can_create": permissions.can_create(request.user, PilotReport),
                **_area_context(),
            },
            status=status,
        )

    def get(self, request):
        return self.render_page(request, forms.ReportRequestForm())

    def post(self, request):
        if not permissions.can_create(request.user, PilotReport):
            raise PermissionDenied
        form = forms.ReportRequestForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        job = self.run_service(
            form,
            lambda: services.request_pilot_report(
                actor=request.user, month=form.cleaned_data["month"], language=form.cleaned_data["language"]
            ),
        )
        if job is None:
            return self.render_page(request, form, status=self.form_error_status)
        messages.success(request, _("The report is being made."))
        return redirect(reverse("ot_centre:report-list"))


class ReportDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        report = get_object_or_404(PilotReport.objects.visible_to(request.user), pk=pk)
        return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file.name.rsplit("/", 1)[-1])
