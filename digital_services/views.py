"""UI views of the digital-services area: declared lists and forms on the portal kit, plus the pages
that do more (overview, region matrix, indicators, inclusion, uploads, reports, the chat)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from digital_services import charts, forms, models, selectors, services
from digital_services.filtersets import (
    ChatStatFilterSet,
    DigitalServiceFilterSet,
    MonthlyFigureFilterSet,
    PilotFilterSet,
    RequirementFilterSet,
    RolloutFilterSet,
)
from portal import permissions, roles
from portal.errors import ServiceErrorFormMixin
from portal.exports import xlsx_response
from portal.generic_views import Column, ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from portal.identity.throttle import client_ip
from portal.views import AreaIndexView


class AreaMixin:
    area_url_name = "digital_services:index"
    area_label = gettext_lazy("Digital services")


class AreaListView(AreaMixin, ObjectListView):
    """A list page of the area: the kit's list with the area's extra links above the table."""

    template_name = "digital_services/list.html"


def _pct(value) -> str:
    return "" if value is None else value


# --- overview ---------------------------------------------------------------------------------------


class IndexView(AreaIndexView):
    """Overview first (figures of the latest month, matrix summary), then links to every page."""

    template_name = "digital_services/index.html"
    app_label = "digital_services"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["signed_in"] = roles.is_signed_in(user)
        ctx["service_count"] = models.DigitalService.objects.visible_to(user).valid_on(timezone.localdate()).count()
        if ctx["signed_in"]:
            month = selectors.latest_figure_month(user)
            ctx["latest_month"] = month
            ctx["region_latest"] = selectors.region_indicators(user, months=[month])[0] if month else None
            matrix = selectors.region_matrix(timezone.localdate(), user=user)
            live = sum(1 for _m, cells in matrix.rows for c in cells if c.state == "live")
            ctx["matrix_live"], ctx["matrix_cells"] = live, sum(len(cells) for _m, cells in matrix.rows)
            ctx["pilot_count"] = models.Pilot.objects.visible_to(user).count()
            ctx["can_upload"] = bool(roles.stewarded_organisation_ids(user)) or roles.is_administrator(user)
            ctx["is_staff"] = roles.is_programme_staff(user) or roles.is_administrator(user)
        return ctx


# --- catalogue (public) ------------------------------------------------------------------------------


class ServiceMixin(AreaMixin):
    model = models.DigitalService


class ServiceListView(ServiceMixin, AreaListView):
    public = True
    title = gettext_lazy("Digital service catalogue")
    intro = gettext_lazy(
        "Digital services for clients in Pohjois-Savo, described like the national service catalogue (Suomi.fi)."
    )
    filterset_class = DigitalServiceFilterSet
    search_fields = ("name_fi", "name_sv", "name_en", "code", "target_groups")
    sort_fields = {"name": "name_fi", "provider": "provider"}
    default_sort = "name"
    create_url_name = "digital_services:service-create"
    export_name = "digital-services"
    export_formats = ("csv", "xlsx", "json")
    columns = (
        Column(gettext_lazy("Service"), "name", sort="name", url="detail"),
        Column(gettext_lazy("Code"), "code"),
        Column(gettext_lazy("Provider"), "provider", sort="provider"),
        Column(gettext_lazy("Funding"), "funding_type"),
        Column(gettext_lazy("Charge"), "charge_type"),
        Column(gettext_lazy("Target groups"), "target_groups"),
        Column(gettext_lazy("Languages"), "languages"),
        Column(gettext_lazy("Medical device"), "medical_device"),
        Column(gettext_lazy("PTV id"), "ptv_id"),
        Column(gettext_lazy("Valid from"), "valid_from"),
        Column(gettext_lazy("Valid to"), "valid_to"),
    )

    def export(self, qs, fmt):
        if fmt != "json":
            return super().export(qs, fmt)
        from digital_services.api.serializers import DigitalServiceSerializer

        data = DigitalServiceSerializer(qs.prefetch_related("features", "channels"), many=True).data
        response = JsonResponse({"services": data}, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = 'attachment; filename="digital-services.json"'
        return response


class ServiceDetailView(ServiceMixin, ObjectDetailView):
    public = True
    template_name = "digital_services/service_detail.html"

    def extra_context(self, obj):
        return {
            "edit_url": reverse("digital_services:service-edit", args=[obj.pk]),
            "delete_url": reverse("digital_services:service-delete", args=[obj.pk]),
            "features": obj.features.all(),
            "channels": obj.channels.all(),
            "can_add": permissions.can_create(self.request.user, models.ServiceFeature),
        }


class ServiceEditView(ServiceMixin, ObjectEditView):
    form_class = forms.DigitalServiceForm


class ServiceDeleteView(ServiceMixin, ObjectDeleteView):
    def success_url(self, obj):
        return reverse("digital_services:service-list")


class FeatureEditView(AreaMixin, ObjectEditView):
    model = models.ServiceFeature
    form_class = forms.ServiceFeatureForm

    def get_form_kwargs(self, instance):
        kwargs = super().get_form_kwargs(instance)
        if not instance.pk and self.request.GET.get("service"):
            kwargs["initial"] = {"service": self.request.GET["service"]}
        return kwargs


class ServiceChannelEditView(FeatureEditView):
    model = models.ServiceChannel
    form_class = forms.ServiceChannelForm


class FeatureDeleteView(AreaMixin, ObjectDeleteView):
    model = models.ServiceFeature

    def success_url(self, obj):
        return obj.service.get_absolute_url()


class ServiceChannelDeleteView(FeatureDeleteView):
    model = models.ServiceChannel


# --- rollouts ----------------------------------------------------------------------------------------


class RolloutMixin(AreaMixin):
    model = models.Rollout


class RolloutListView(RolloutMixin, AreaListView):
    title = gettext_lazy("Rollouts")
    intro = gettext_lazy("Which organisation uses which service or feature, in which state and since when.")
    related = ("service", "feature", "organisation")
    filterset_class = RolloutFilterSet
    search_fields = ("service__name_fi", "feature__name_fi", "organisation__name_fi")
    sort_fields = {"service": "service__name_fi", "organisation": "organisation__name_fi", "live": "live_from"}
    default_sort = "service"
    create_url_name = "digital_services:rollout-create"
    export_name = "rollouts"
    columns = (
        Column(gettext_lazy("Service"), "service.name", sort="service", url="detail"),
        Column(gettext_lazy("Feature"), lambda r: r.feature.name if r.feature_id else ""),
        Column(gettext_lazy("Organisation"), "organisation.name", sort="organisation"),
        Column(gettext_lazy("State today"), lambda r: r.get_state_display()),
        Column(gettext_lazy("Pilot from"), "pilot_from"),
        Column(gettext_lazy("Live from"), "live_from", sort="live"),
        Column(gettext_lazy("Retired on"), "retired_on"),
        Column(gettext_lazy("Linked to e-booking"), "ebooking_linked"),
    )

    def extra_context(self):
        return {"extra_links": [(reverse("digital_services:matrix"), _("Region matrix"))]}


class RolloutDetailView(RolloutMixin, ObjectDetailView):
    template_name = "digital_services/rollout_detail.html"

    def extra_context(self, obj):
        return {
            "edit_url": reverse("digital_services:rollout-edit", args=[obj.pk]),
            "delete_url": reverse("digital_services:rollout-delete", args=[obj.pk]),
        }


class RolloutEditView(RolloutMixin, ObjectEditView):
    form_class = forms.RolloutForm

    def save(self, instance, form):
        return services.save_rollout(instance, actor=self.request.user)


class RolloutDeleteView(RolloutMixin, ObjectDeleteView):
    def success_url(self, obj):
        return reverse("digital_services:rollout-list")


class MatrixView(LoginRequiredMixin, View):
    """Municipalities x services on a chosen day, following the organisation hierarchy of that day."""

    def get(self, request):
        form = forms.MatrixDayForm(request.GET or None)
        day = timezone.localdate()
        if form.is_bound and form.is_valid() and form.cleaned_data["day"]:
            day = form.cleaned_data["day"]
        matrix = selectors.region_matrix(day, user=request.user)
        return render(
            request,
            "digital_services/matrix.html",
            {"form": form, "matrix": matrix, "svg": charts.matrix_svg(matrix), "title": _("Region matrix"), **_area()},
        )


def _area() -> dict:
    return {"area_url": reverse("digital_services:index"), "area_label": _("Digital services")}


# --- monthly figures ------------------------------------------------------------------------------------


class FigureMixin(AreaMixin):
    model = models.MonthlyFigure


class FigureListView(FigureMixin, AreaListView):
    title = gettext_lazy("Monthly figures")
    intro = gettext_lazy("Figures the organisations' data stewards have entered or uploaded, one row per month.")
    related = ("organisation",)
    filterset_class = MonthlyFigureFilterSet
    sort_fields = {"organisation": "organisation__name_fi", "month": "month"}
    default_sort = "-month"
    create_url_name = "digital_services:figure-create"
    export_name = "monthly-figures"
    columns = (
        Column(gettext_lazy("Organisation"), "organisation.name", sort="organisation", url="detail"),
        Column(gettext_lazy("Month"), lambda f: f.month.strftime("%Y-%m"), sort="month"),
        Column(gettext_lazy("Assessments completed"), "assessments_completed", numeric=True),
        Column(gettext_lazy("Referred to booking"), "referred_to_booking", numeric=True),
        Column(gettext_lazy("Suomi.fi Messages recipients"), "messages_recipients", numeric=True),
        Column(gettext_lazy("Paper letters"), "paper_letters", numeric=True),
        Column(gettext_lazy("Returns to paper"), "returns_to_paper", numeric=True),
        Column(gettext_lazy("Virtual contacts"), "virtual_contacts", numeric=True),
        Column(gettext_lazy("Paperless share (%)"), lambda f: _pct(f.paperless_share), numeric=True),
        Column(gettext_lazy("Omaolo conversion (%)"), lambda f: _pct(f.omaolo_conversion), numeric=True),
    )

    def extra_context(self):
        links = [(reverse("digital_services:indicators"), _("Computed indicators"))]
        if roles.stewarded_organisation_ids(self.request.user) or roles.is_administrator(self.request.user):
            links.insert(0, (reverse("digital_services:figure-upload"), _("Upload a file")))
        return {"extra_links": links}


class FigureDetailView(FigureMixin, ObjectDetailView):
    template_name = "digital_services/figure_detail.html"

    def extra_context(self, obj):
        return {
            "edit_url": reverse("digital_services:figure-edit", args=[obj.pk]),
            "delete_url": reverse("digital_services:figure-delete", args=[obj.pk]),
        }


class FigureEditView(FigureMixin, ObjectEditView):
    form_class = forms.MonthlyFigureForm

    def save(self, instance, form):
        return services.save_monthly_figure(instance, actor=self.request.user)


class FigureDeleteView(FigureMixin, ObjectDeleteView):
    def success_url(self, obj):
        return reverse("digital_services:figure-list")


class FigureUploadView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    template_name = "digital_services/figure_upload.html"

    def _allowed(self, user) -> bool:
        return bool(roles.stewarded_organisation_ids(user)) or roles.is_administrator(user)

    def get(self, request):
        if not self._allowed(request.user):
            raise PermissionDenied
        return render(
            request,
            self.template_name,
            {"form": forms.FigureUploadForm(), "title": _("Upload monthly figures"), **_area()},
        )

    def post(self, request):
        if not self._allowed(request.user):
            raise PermissionDenied
        form = forms.FigureUploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = self.run_service(
                form, lambda: services.start_figure_upload(form.cleaned_data["file"], actor=request.user)
            )
            if job is not None:
                return redirect("portal:job-detail", pk=job.pk)
        return render(
            request, self.template_name, {"form": form, "title": _("Upload monthly figures"), **_area()}, status=400
        )


class IndicatorsView(LoginRequiredMixin, View):
    """Paperless share and Omaolo conversion per organisation, the region, and month."""

    def get(self, request):
        organisation_rows = selectors.organisation_indicators(request.user)
        region_rows = selectors.region_indicators(request.user)
        if request.GET.get("export") == "xlsx":
            header = [_("Organisation"), _("Month"), _("Paperless share (%)"), _("Omaolo conversion (%)")]
            rows = [
                [r.organisation_name, r.month.strftime("%Y-%m"), r.paperless_share, r.omaolo_conversion]
                for r in [*region_rows, *organisation_rows]
            ]
            return xlsx_response("digital-indicators.xlsx", header, rows, sheet_title="indicators")
        return render(
            request,
            "digital_services/indicators.html",
            {
                "organisation_rows": organisation_rows,
                "region_rows": region_rows,
                "title": _("Computed indicators"),
                **_area(),
            },
        )


# --- digital inclusion ----------------------------------------------------------------------------------


class InclusionView(LoginRequiredMixin, View):
    """Offline estimates per municipality beside the paper volumes of a chosen month (the latest by default)."""

    def get(self, request):
        form = forms.InclusionMonthForm(request.GET or None)
        month = None
        if form.is_bound and form.is_valid():
            month = form.cleaned_data["month"]
        month = month or selectors.latest_figure_month(request.user)
        return render(
            request,
            "digital_services/inclusion.html",
            {
                "title": _("Digital inclusion"),
                "form": form,
                "rates": models.OfflineRate.objects.visible_to(request.user),
                "rows": selectors.inclusion_rows(request.user),
                "beside": selectors.paper_beside_inclusion(request.user, month),
                "month": month,
                "can_edit_rates": permissions.can_create(request.user, models.OfflineRate),
                "can_add_age": permissions.can_create(request.user, models.AgeStructure),
                **_area(),
            },
        )


class OfflineRateEditView(AreaMixin, ObjectEditView):
    model = models.OfflineRate
    form_class = forms.OfflineRateForm

    def success_url(self, obj):
        return reverse("digital_services:inclusion")


class AgeStructureEditView(AreaMixin, ObjectEditView):
    model = models.AgeStructure
    form_class = forms.AgeStructureForm

    def success_url(self, obj):
        return reverse("digital_services:inclusion")


# --- service paths ------------------------------------------------------------------------------------------


class PathMixin(AreaMixin):
    model = models.ServicePath


class PathListView(PathMixin, AreaListView):
    title = gettext_lazy("Client service paths")
    intro = gettext_lazy("Ordered steps across services, with the changes each step needs per organisation.")
    sort_fields = {"name": "name_fi"}
    default_sort = "name"
    search_fields = ("name_fi", "name_sv", "code")
    create_url_name = "digital_services:path-create"
    export_name = "service-paths"
    columns = (
        Column(gettext_lazy("Path"), "name", sort="name", url="detail"),
        Column(gettext_lazy("Code"), "code"),
        Column(gettext_lazy("Description"), "description"),
    )


class PathDetailView(PathMixin, ObjectDetailView):
    template_name = "digital_services/path_detail.html"

    def extra_context(self, obj):
        steps = list(obj.steps.select_related("service").prefetch_related("changes__organisation"))
        return {
            "edit_url": reverse("digital_services:path-edit", args=[obj.pk]),
            "delete_url": reverse("digital_services:path-delete", args=[obj.pk]),
            "steps": steps,
            "svg": charts.path_svg(obj, steps),
            "can_add_step": permissions.can_create(self.request.user, models.PathStep),
            "can_add_change": permissions.can_create(self.request.user, models.StepChange),
        }


class PathEditView(PathMixin, ObjectEditView):
    form_class = forms.ServicePathForm


class PathDeleteView(PathMixin, ObjectDeleteView):
    def success_url(self, obj):
        return reverse("digital_services:path-list")


class StepEditView(AreaMixin, ObjectEditView):
    model = models.PathStep
    form_class = forms.PathStepForm

    def get_form_kwargs(self, instance):
        kwargs = super().get_form_kwargs(instance)
        if not instance.pk and self.request.GET.get("path"):
            kwargs["initial"] = {"path": self.request.GET["path"]}
        return kwargs


class StepChangeEditView(AreaMixin, ObjectEditView):
    model = models.StepChange
    form_class = forms.StepChangeForm

    def get_form_kwargs(self, instance):
        kwargs = super().get_form_kwargs(instance)
        if not instance.pk and self.request.GET.get("step"):
            kwargs["initial"] = {"step": self.request.GET["step"]}
        return kwargs


# --- pilots ----------------------------------------------------------------------------------------------


class PilotMixin(AreaMixin):
    model = models.Pilot


class PilotListView(PilotMixin, AreaListView):
    title = gettext_lazy("Pilots")
    intro = gettext_lazy("Pilots of remote and mobile services, their results and the decision taken.")
    filterset_class = PilotFilterSet
    related = ("measure",)
    sort_fields = {"name": "name_fi", "starts": "starts_on"}
    default_sort = "-starts"
    search_fields = ("name_fi", "name_sv", "goal")
    create_url_name = "digital_services:pilot-create"
    export_name = "pilots"
    columns = (
        Column(gettext_lazy("Pilot"), "name", sort="name", url="detail"),
        Column(gettext_lazy("Starts"), "starts_on", sort="starts"),
        Column(gettext_lazy("Ends"), "ends_on"),
        Column(gettext_lazy("Decision"), "decision"),
        Column(gettext_lazy("Measure"), lambda p: p.measure.number if p.measure_id else ""),
    )


class PilotDetailView(PilotMixin, ObjectDetailView):
    template_name = "digital_services/pilot_detail.html"

    def extra_context(self, obj):
        return {
            "edit_url": reverse("digital_services:pilot-edit", args=[obj.pk]),
            "delete_url": reverse("digital_services:pilot-delete", args=[obj.pk]),
            "organisations": obj.organisations.order_by("name_fi"),
        }


class PilotEditView(PilotMixin, ObjectEditView):
    form_class = forms.PilotForm


class PilotDeleteView(PilotMixin, ObjectDeleteView):
    def success_url(self, obj):
        return reverse("digital_services:pilot-list")


# --- chat: intents, contacts, statistics (staff), the public page -------------------------------------------


class IntentListView(AreaListView):
    model = models.ChatIntent
    title = gettext_lazy("Chat intents")
    intro = gettext_lazy("The rules of the guidance chat: phrases per language, the answer and the escalation level.")
    sort_fields = {"code": "code", "escalation": "escalation"}
    default_sort = "-escalation"
    search_fields = ("code", "patterns_fi", "patterns_sv", "patterns_en")
    create_url_name = "digital_services:intent-create"
    export_name = "chat-intents"
    columns = (
        Column(
            gettext_lazy("Code"),
            "code",
            sort="code",
            url=lambda i: reverse("digital_services:intent-edit", args=[i.pk]),
        ),
        Column(gettext_lazy("Escalation level"), "escalation", sort="escalation", numeric=True),
        Column(gettext_lazy("Patterns (Finnish)"), lambda i: ", ".join(i.patterns("fi"))),
        Column(gettext_lazy("Answer"), lambda i: i.answer(get_language() or "fi")),
        Column(gettext_lazy("Active"), "active"),
    )

    def extra_context(self):
        return {
            "extra_links": [
                (reverse("digital_services:contact-list"), _("Guidance contacts")),
                (reverse("digital_services:chat-stats"), _("Chat statistics")),
                (reverse("digital_services:chat"), _("The guidance chat")),
            ]
        }


class IntentEditView(AreaMixin, ObjectEditView):
    model = models.ChatIntent
    form_class = forms.ChatIntentForm

    def success_url(self, obj):
        return reverse("digital_services:intent-list")


class ContactListView(AreaListView):
    model = models.GuidanceContact
    title = gettext_lazy("Guidance contacts")
    intro = gettext_lazy("Numbers and services the chat refers to, with the day each was last verified.")
    sort_fields = {"code": "code", "verified": "verified_on"}
    default_sort = "code"
    create_url_name = "digital_services:contact-create"
    export_name = "guidance-contacts"
    columns = (
        Column(gettext_lazy("Name"), "name", url=lambda c: reverse("digital_services:contact-edit", args=[c.pk])),
        Column(gettext_lazy("Number or web address"), "value"),
        Column(gettext_lazy("Verified on"), "verified_on", sort="verified"),
        Column(gettext_lazy("Source"), "source"),
    )

    def visible_queryset(self):
        # Public catalogue data, but the maintenance list is for signed-in users.
        return super().visible_queryset() if roles.is_signed_in(self.request.user) else self.model.objects.none()


class ContactEditView(AreaMixin, ObjectEditView):
    model = models.GuidanceContact
    form_class = forms.GuidanceContactForm

    def success_url(self, obj):
        return reverse("digital_services:contact-list")


class ChatStatListView(AreaListView):
    model = models.ChatDailyStat
    title = gettext_lazy("Chat statistics")
    intro = gettext_lazy("Matched intent codes and counts per day: the chat stores nothing else.")
    filterset_class = ChatStatFilterSet
    sort_fields = {"day": "day", "code": "intent_code", "count": "count"}
    default_sort = "-day"
    export_name = "chat-statistics"
    columns = (
        Column(gettext_lazy("Day"), "day", sort="day"),
        Column(gettext_lazy("Intent code"), "intent_code", sort="code"),
        Column(gettext_lazy("Escalation level"), "escalation", numeric=True),
        Column(gettext_lazy("Count"), "count", sort="count", numeric=True),
    )

    def extra_context(self):
        return {"totals": selectors.chat_totals(self.request.user)}


CHAT_LIMIT = getattr(settings, "DIGITAL_SERVICES_CHAT_RATE", (60, 3600))


def _client_key(request) -> str:
    """A hash of the client address, used only as a cache key with a time-to-live; never stored.
    Behind a proxy (``USE_X_FORWARDED_FOR``) the address is the client's, as for the login throttle;
    otherwise every visitor would share the proxy's one bucket."""
    address = client_ip(request) or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"digital_services:chat:{digest}"


def chat_rate_exceeded(request) -> bool:
    limit, window = CHAT_LIMIT
    key = _client_key(request)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


PEOPLE_CONTACTS = ("mieli-crisis-fi", "mieli-crisis-sv", "sekasin-chat")


def _people_contacts() -> list:
    """Where a person answers: from the contact data (with its "verified on" date), never retyped here."""
    return list(models.GuidanceContact.objects.filter(code__in=PEOPLE_CONTACTS).order_by("code"))


class ChatView(View):
    """The public guidance chat: a form round-trip without JavaScript; with JavaScript (static
    chat.js) the same POST answers JSON and the page updates in place. Nothing of the message is
    kept: no session, no text, no address; only the matched intent code is counted."""

    template_name = "digital_services/chat.html"

    def context(self, form, reply=None, message: str = "") -> dict:
        return {
            "form": form,
            "reply": reply,
            "message": message,
            "title": _("Guidance chat for young people"),
            "people": _people_contacts(),
        }

    def get(self, request):
        return render(request, self.template_name, self.context(forms.ChatForm(initial={"unmatched": 0})))

    def post(self, request):
        wants_json = request.headers.get("Accept", "").startswith("application/json")
        if chat_rate_exceeded(request):
            if wants_json:
                return JsonResponse({"error": _("Too many messages. Please wait a while and try again.")}, status=429)
            return render(
                request,
                "digital_services/chat_limited.html",
                {"title": _("Too many messages"), "people": _people_contacts()},
                status=429,
            )
        form = forms.ChatForm(request.POST)
        if not form.is_valid():
            if wants_json:
                return JsonResponse({"error": " ".join(e for errs in form.errors.values() for e in errs)}, status=400)
            return render(request, self.template_name, self.context(form), status=400)
        reply = services.answer_chat_message(
            form.cleaned_data["message"],
            language=(get_language() or "fi")[:2],
            unmatched_before=form.cleaned_data.get("unmatched") or 0,
        )
        if wants_json:
            return JsonResponse(
                {
                    "answer": reply.answer,
                    "escalation": reply.escalation,
                    "unmatched": reply.unmatched,
                    "human_channel": reply.human_channel,
                    "contacts": [{"name": c.name, "value": c.value, "kind": c.kind} for c in reply.contacts],
                }
            )
        next_form = forms.ChatForm(initial={"unmatched": reply.unmatched})
        return render(request, self.template_name, self.context(next_form, reply, form.cleaned_data["message"]))


# --- counselling model (3.3) ---------------------------------------------------------------------------------


class CounsellingView(LoginRequiredMixin, View):
    """Segments with history and projection, channels and system requirements; XLSX export."""

    def get(self, request):
        user = request.user
        segments = list(models.CounsellingSegment.objects.visible_to(user).prefetch_related("history"))
        projections = [(s, selectors.projection(s, years=5)) for s in segments]
        channels = models.CounsellingChannel.objects.visible_to(user)
        requirements = models.SystemRequirement.objects.visible_to(user)
        if request.GET.get("export") == "xlsx":
            return self.export(projections, requirements)
        return render(
            request,
            "digital_services/counselling.html",
            {
                "title": _("Service counselling model"),
                "projections": projections,
                "channels": channels,
                "requirements": requirements,
                "can_edit": permissions.can_create(user, models.CounsellingSegment),
                **_area(),
            },
        )

    def export(self, projections, requirements):
        header = [_("Kind"), _("Code"), _("Name"), _("Year"), _("Persons"), _("Contacts"), _("Area"), _("Priority")]
        rows = []
        for segment, years in projections:
            for row in years:
                rows.append(
                    [_("projection"), segment.code, segment.name, row["year"], row["persons"], row["contacts"], "", ""]
                )
        for requirement in requirements:
            rows.append(
                [
                    _("requirement"),
                    requirement.code,
                    requirement.text,
                    "",
                    "",
                    "",
                    requirement.get_area_display(),
                    requirement.get_priority_display(),
                ]
            )
        return xlsx_response("service-counselling.xlsx", header, rows, sheet_title="counselling")


class SegmentDetailView(AreaMixin, ObjectDetailView):
    model = models.CounsellingSegment
    template_name = "digital_services/segment_detail.html"

    def extra_context(self, obj):
        return {
            "edit_url": reverse("digital_services:segment-edit", args=[obj.pk]),
            "history_rows": obj.history.all(),
            "projection": selectors.projection(obj, years=5),
            "can_import": permissions.can_create(self.request.user, models.SegmentHistory),
            "bank_form": forms.IndicatorBankImportForm(),
        }


class SegmentBankImportView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    """Import a segment's history from the indicator bank (staff): the verb
    ``services.import_segment_history_from_provider`` reads the bank's published provider."""

    template_name = "digital_services/segment_bank_import.html"

    def _segment(self, request, pk):
        permissions.require_creatable(request.user, models.SegmentHistory)
        return get_object_or_404(models.CounsellingSegment.objects.visible_to(request.user), pk=pk)

    def _render(self, request, segment, form, status=200):
        title = _("Import history from the indicator bank")
        context = {"form": form, "segment": segment, "title": title, **_area()}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        segment = self._segment(request, pk)
        return self._render(request, segment, forms.IndicatorBankImportForm())

    def post(self, request, pk):
        from django.contrib import messages

        segment = self._segment(request, pk)
        form = forms.IndicatorBankImportForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["indicator"]
            count = self.run_service(
                form,
                lambda: services.import_segment_history_from_provider(segment, indicator=code, actor=request.user),
            )
            if self.service_ok and count:
                messages.success(
                    request,
                    _("%(n)s history rows imported from the indicator bank (indicator %(code)s).")
                    % {"n": count, "code": code},
                )
                return redirect(segment.get_absolute_url())
            if self.service_ok:
                form.add_error(
                    "indicator",
                    _(
                        "The indicator bank has no published yearly values of %(code)s for the wellbeing services "
                        "county or the region; nothing was imported."
                    )
                    % {"code": code},
                )
        return self._render(request, segment, form, status=400)


class SegmentEditView(AreaMixin, ObjectEditView):
    model = models.CounsellingSegment
    form_class = forms.CounsellingSegmentForm


class SegmentHistoryEditView(AreaMixin, ObjectEditView):
    model = models.SegmentHistory
    form_class = forms.SegmentHistoryForm


class CounsellingChannelEditView(AreaMixin, ObjectEditView):
    model = models.CounsellingChannel
    form_class = forms.CounsellingChannelForm

    def success_url(self, obj):
        return reverse("digital_services:counselling")


class RequirementListView(AreaListView):
    model = models.SystemRequirement
    title = gettext_lazy("System requirements")
    intro = gettext_lazy("The system needs of region-wide client guidance, as requirements with must or should.")
    filterset_class = RequirementFilterSet
    sort_fields = {"code": "code", "area": "area", "priority": "priority"}
    default_sort = "area"
    create_url_name = "digital_services:requirement-create"
    export_name = "system-requirements"
    columns = (
        Column(
            gettext_lazy("Code"),
            "code",
            sort="code",
            url=lambda r: reverse("digital_services:requirement-edit", args=[r.pk]),
        ),
        Column(gettext_lazy("Area"), "area", sort="area"),
        Column(gettext_lazy("Priority"), "priority", sort="priority"),
        Column(gettext_lazy("Requirement"), "text"),
    )


class RequirementEditView(AreaMixin, ObjectEditView):
    model = models.SystemRequirement
    form_class = forms.SystemRequirementForm

    def success_url(self, obj):
        return reverse("digital_services:requirement-list")


class HistoryUploadView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    template_name = "digital_services/history_upload.html"

    def get(self, request):
        permissions.require_creatable(request.user, models.SegmentHistory)
        return render(
            request,
            self.template_name,
            {"form": forms.HistoryUploadForm(), "title": _("Import segment history"), **_area()},
        )

    def post(self, request):
        permissions.require_creatable(request.user, models.SegmentHistory)
        form = forms.HistoryUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]

            def run():
                from portal.uploads import SPREADSHEETS, check_upload

                check_upload(upload, allowed=SPREADSHEETS)
                return services.import_segment_history(upload.read(), filename=upload.name, actor=request.user)

            count = self.run_service(form, run)
            if count is not None:
                from django.contrib import messages

                messages.success(request, _("%(n)s history rows imported.") % {"n": count})
                return redirect("digital_services:counselling")
        return render(
            request, self.template_name, {"form": form, "title": _("Import segment history"), **_area()}, status=400
        )


# --- reports ----------------------------------------------------------------------------------------------------


class ReportView(LoginRequiredMixin, ServiceErrorFormMixin, View):
    template_name = "digital_services/report.html"

    def get(self, request):
        return render(
            request,
            self.template_name,
            {"form": forms.ReportForm(), "title": _("Municipality report (PDF)"), **_area()},
        )

    def post(self, request):
        form = forms.ReportForm(request.POST)
        if form.is_valid():
            job = self.run_service(
                form,
                lambda: services.start_municipality_report(
                    form.cleaned_data["organisation"], language=form.cleaned_data["language"], actor=request.user
                ),
            )
            if job is not None:
                return redirect("portal:job-detail", pk=job.pk)
        return render(
            request, self.template_name, {"form": form, "title": _("Municipality report (PDF)"), **_area()}, status=400
        )
