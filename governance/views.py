"""UI of the governance area. Every row is reached through ``visible_to``/``editable_by``; every
change goes through ``governance.services``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from governance import charts, forms, selectors, services
from governance.choices import BodyKind, FollowUpStatus, ReviewStatus
from governance.models import (
    AgendaItem,
    Body,
    CommunicationItem,
    Decision,
    LegacyDocument,
    LegacyDocumentVersion,
    MeasureBaseline,
    Meeting,
    MeetingAttachment,
    Membership,
    Milestone,
    NewsItem,
    PrinciplesVersion,
    ServiceEntity,
    StakeholderEvent,
    StatusReport,
    StudyStatusEntry,
    TrainingEvent,
    TrainingParticipation,
)
from portal import exports, roles
from portal.models import Measure
from portal.views_base import ListControlsMixin, VisibleQuerysetMixin


def can_edit(user, model) -> bool:
    return model.objects.can_create(user)


def add_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- Generic list ---------------------------------------------------------------------------


@dataclass
class Column:
    label: str
    value: Callable
    sort: str = ""
    url: Callable | None = None
    numeric: bool = False


class GovernanceListView(LoginRequiredMixin, ListControlsMixin, VisibleQuerysetMixin, View):
    """A table of rows the user may see, with search, sorting, pagination and a create link."""

    title = ""
    columns: list[Column] = []
    create_url_name = ""
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    template_name = "governance/object_list.html"
    intro = ""

    def base_queryset(self):
        return self.model.objects.select_related(*self.related).prefetch_related(*self.prefetch)

    def filter_queryset(self, qs):
        return qs

    def get(self, request, **kwargs):
        qs = self.filter_queryset(self.get_queryset())
        qs, query, sort = self.apply_list_controls(qs)
        page = self.paginate(qs)
        editor = can_edit(request.user, self.model)

        def link(column: Column, obj) -> str:
            if column.url is None:
                return ""
            url = column.url(obj)
            # Edit pages are linked only for those who may edit (others would get a 404).
            return url if editor or not url.endswith("/edit/") else ""

        rows = [
            [
                {
                    "text": column.value(obj),
                    "url": link(column, obj),
                    "numeric": column.numeric,
                }
                for column in self.columns
            ]
            for obj in page.object_list
        ]
        headers = [
            {"label": c.label, "sort": c.sort if c.sort in self.sort_fields else "", "numeric": c.numeric}
            for c in self.columns
        ]
        create_url = reverse(self.create_url_name) if self.create_url_name and editor else ""
        return render(
            request,
            self.template_name,
            {
                "title": self.title,
                "intro": self.intro,
                "headers": headers,
                "rows": rows,
                "page": page,
                "q": query,
                "sort": sort,
                "searchable": bool(self.search_fields),
                "create_url": create_url,
                **self.extra_context(),
            },
        )

    def extra_context(self) -> dict:
        return {}


# --- Generic create/edit --------------------------------------------------------------------


class GovernanceFormView(LoginRequiredMixin, View):
    """Create (no ``pk``) or edit (``pk``) one record through ``services.save_object``."""

    model = None
    form_class = None
    title = ""
    template_name = "governance/object_form.html"
    m2m_fields: tuple[str, ...] = ()

    def new_instance(self):
        return self.model()

    def get_instance(self):
        if "pk" in self.kwargs:
            return get_object_or_404(self.model.objects.editable_by(self.request.user), pk=self.kwargs["pk"])
        if not self.model.objects.can_create(self.request.user):
            raise PermissionDenied
        return self.new_instance()

    def success_url(self, obj) -> str:
        raise NotImplementedError

    def cancel_url(self, obj) -> str:
        return self.success_url(obj) if obj.pk else reverse("governance:index")

    def get_title(self, obj) -> str:
        return self.title if obj.pk is None else _("Edit: %(object)s") % {"object": obj}

    def render_form(self, form, obj, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "object": obj, "title": self.get_title(obj), "cancel_url": self.cancel_url(obj)},
            status=status,
        )

    def get(self, request, **kwargs):
        obj = self.get_instance()
        return self.render_form(self.form_class(instance=obj), obj)

    def post(self, request, **kwargs):
        obj = self.get_instance()
        form = self.form_class(request.POST, request.FILES, instance=obj)
        if form.is_valid():
            instance = form.save(commit=False)
            m2m = {name: form.cleaned_data[name] for name in self.m2m_fields if name in form.cleaned_data}
            try:
                services.save_object(instance, actor=request.user, m2m=m2m)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(self.success_url(instance))
        return self.render_form(form, obj, status=400)


# --- Landing page ---------------------------------------------------------------------------


# --- Programme organisation -----------------------------------------------------------------


class BodyListView(GovernanceListView):
    model = Body
    title = gettext_lazy("Bodies of the programme organisation")
    search_fields = ("name_fi", "name_sv", "name_en", "code", "task")
    sort_fields = {"name": "name_fi", "kind": "kind", "from": "valid_from"}
    default_sort = "kind"
    create_url_name = "governance:body-create"
    related = ("measure",)
    columns = [
        Column(
            gettext_lazy("Name"), lambda o: o.name, "name", lambda o: reverse("governance:body-detail", args=[o.pk])
        ),
        Column(gettext_lazy("Kind"), lambda o: o.get_kind_display(), "kind"),
        Column(gettext_lazy("Measure"), lambda o: o.measure.number if o.measure else "–"),
        Column(gettext_lazy("Valid from"), lambda o: o.valid_from, "from"),
        Column(gettext_lazy("Valid to"), lambda o: o.valid_to or "–"),
    ]

    def filter_queryset(self, qs):
        kind = self.request.GET.get("kind", "")
        return qs.filter(kind=kind) if kind in BodyKind.values else qs


class BodyDetailView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = Body

    def get(self, request, pk):
        body = get_object_or_404(self.get_queryset().select_related("measure"), pk=pk)
        return render(
            request,
            "governance/body_detail.html",
            {
                "body": body,
                "memberships": body.memberships.select_related("organisation"),
                "meetings": body.meetings.order_by("-date"),
                "can_edit": Body.objects.editable_by(request.user).filter(pk=body.pk).exists(),
            },
        )


class BodyFormView(GovernanceFormView):
    model = Body
    form_class = forms.BodyForm
    title = gettext_lazy("New body")

    def success_url(self, obj):
        return reverse("governance:body-detail", args=[obj.pk])


class MembershipFormView(GovernanceFormView):
    model = Membership
    form_class = forms.MembershipForm
    title = gettext_lazy("New member")

    def new_instance(self):
        body = get_object_or_404(Body.objects.editable_by(self.request.user), pk=self.kwargs["body_pk"])
        return Membership(body=body, term_start=body.valid_from, term_end=body.valid_to)

    def success_url(self, obj):
        return reverse("governance:body-detail", args=[obj.body_id])

    def cancel_url(self, obj):
        return self.success_url(obj)


class RepresentationView(LoginRequiredMixin, View):
    def get(self, request):
        return render(request, "governance/representation.html", selectors.representation(request.user))


# --- Meetings and decisions -----------------------------------------------------------------


class MeetingListView(GovernanceListView):
    model = Meeting
    title = gettext_lazy("Meetings")
    search_fields = ("number", "body__name_fi", "location", "minutes")
    sort_fields = {"date": "date", "body": "body__name_fi"}
    default_sort = "-date"
    create_url_name = "governance:meeting-create"
    related = ("body",)
    columns = [
        Column(
            gettext_lazy("Date"), lambda o: o.date, "date", lambda o: reverse("governance:meeting-detail", args=[o.pk])
        ),
        Column(gettext_lazy("Body"), lambda o: o.body.name, "body"),
        Column(gettext_lazy("Meeting number"), lambda o: o.number),
        Column(gettext_lazy("Minutes"), lambda o: o.get_minutes_status_display()),
    ]


class MeetingFormView(GovernanceFormView):
    model = Meeting
    form_class = forms.MeetingForm
    title = gettext_lazy("New meeting")

    def success_url(self, obj):
        return reverse("governance:meeting-detail", args=[obj.pk])


class MeetingRecordView(GovernanceFormView):
    """Attendance and minutes of a meeting."""

    model = Meeting
    form_class = forms.MeetingRecordForm
    m2m_fields = ("attendees",)

    def get_title(self, obj):
        return _("Attendance and minutes: %(meeting)s") % {"meeting": obj}

    def success_url(self, obj):
        return reverse("governance:meeting-detail", args=[obj.pk])


class MeetingDetailView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = Meeting

    def get(self, request, pk):
        meeting = get_object_or_404(self.get_queryset().select_related("body"), pk=pk)
        editable = Meeting.objects.editable_by(request.user).filter(pk=meeting.pk).exists()
        return render(
            request,
            "governance/meeting_detail.html",
            {
                "meeting": meeting,
                "agenda": meeting.agenda_items.select_related("measure"),
                "attendees": meeting.attendees.select_related("organisation"),
                "attachments": meeting.attachments.all(),
                "decisions": meeting.decisions.prefetch_related("measures").select_related("corrects"),
                "can_edit": editable,
                "approve_form": forms.ApproveMinutesForm(initial={"approved_on": timezone.localdate()})
                if editable and not meeting.minutes_approved
                else None,
            },
        )


class MeetingChildFormView(GovernanceFormView):
    """A record that belongs to a meeting (agenda item, attachment, decision)."""

    def meeting(self) -> Meeting:
        return get_object_or_404(Meeting.objects.editable_by(self.request.user), pk=self.kwargs["meeting_pk"])

    def success_url(self, obj):
        return reverse("governance:meeting-detail", args=[obj.meeting_id])

    def cancel_url(self, obj):
        return self.success_url(obj)


class AgendaItemFormView(MeetingChildFormView):
    model = AgendaItem
    form_class = forms.AgendaItemForm
    title = gettext_lazy("New agenda item")

    def new_instance(self):
        meeting = self.meeting()
        return AgendaItem(meeting=meeting, position=meeting.agenda_items.count() + 1)


class AttachmentFormView(MeetingChildFormView):
    model = MeetingAttachment
    form_class = forms.AttachmentForm
    title = gettext_lazy("New attachment")

    def new_instance(self):
        return MeetingAttachment(meeting=self.meeting(), uploaded_by=self.request.user)


class DecisionCreateView(MeetingChildFormView):
    model = Decision
    form_class = forms.DecisionForm
    title = gettext_lazy("New decision")
    m2m_fields = ("measures",)

    def new_instance(self):
        meeting = self.meeting()
        return Decision(meeting=meeting, body=meeting.body, date=meeting.date)


class DecisionEditView(GovernanceFormView):
    """Edit a decision of draft minutes; once approved, ``services`` refuses and points to a correction."""

    model = Decision
    form_class = forms.DecisionForm
    m2m_fields = ("measures",)

    def get_instance(self):
        decision = super().get_instance()
        if decision.is_locked:
            messages.error(
                self.request,
                _("The minutes are approved: this decision is not edited. Record a correcting decision instead."),
            )
            raise _Redirect(reverse("governance:decision-detail", args=[decision.pk]))
        return decision

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except _Redirect as redirect_to:
            return HttpResponseRedirect(redirect_to.url)

    def success_url(self, obj):
        return reverse("governance:decision-detail", args=[obj.pk])


class _Redirect(Exception):
    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


class DecisionCorrectView(GovernanceFormView):
    """A correcting decision: a new decision of the same body that refers to the original."""

    model = Decision
    form_class = forms.DecisionForm
    m2m_fields = ("measures",)

    def original(self) -> Decision:
        return get_object_or_404(Decision.objects.editable_by(self.request.user), pk=self.kwargs["decision_pk"])

    def new_instance(self):
        original = self.original()
        return Decision(body=original.body, corrects=original, date=timezone.localdate())

    def get(self, request, **kwargs):
        obj = self.get_instance()
        initial = {"text": obj.corrects.text, "measures": list(obj.corrects.measures.all())}
        return self.render_form(self.form_class(instance=obj, initial=initial), obj)

    def get_title(self, obj):
        return _("Correcting decision for %(decision)s") % {"decision": obj.corrects}

    def success_url(self, obj):
        return reverse("governance:decision-detail", args=[obj.pk])

    def cancel_url(self, obj):
        return reverse("governance:decision-detail", args=[obj.corrects_id])


class FollowUpView(GovernanceFormView):
    model = Decision
    form_class = forms.FollowUpForm

    def get_title(self, obj):
        return _("Implementation follow-up: %(decision)s") % {"decision": obj}

    def success_url(self, obj):
        return reverse("governance:decision-detail", args=[obj.pk])


class DecisionListView(GovernanceListView):
    model = Decision
    title = gettext_lazy("Decisions")
    search_fields = ("number", "text", "body__name_fi", "follow_up_notes")
    sort_fields = {"date": "date", "number": "number", "status": "follow_up_status"}
    default_sort = "-date"
    related = ("body", "corrects")
    prefetch = ("measures",)
    columns = [
        Column(
            gettext_lazy("Number"),
            lambda o: o.number,
            "number",
            lambda o: reverse("governance:decision-detail", args=[o.pk]),
        ),
        Column(gettext_lazy("Date"), lambda o: o.date, "date"),
        Column(gettext_lazy("Body"), lambda o: o.body.name),
        Column(gettext_lazy("Measures"), lambda o: ", ".join(m.number for m in o.measures.all()) or "–"),
        Column(gettext_lazy("Implementation"), lambda o: o.get_follow_up_status_display(), "status"),
        Column(gettext_lazy("Corrects"), lambda o: o.corrects.number if o.corrects else "–"),
    ]

    def filter_queryset(self, qs):
        status = self.request.GET.get("status", "")
        measure = self.request.GET.get("measure", "")
        if status in FollowUpStatus.values:
            qs = qs.filter(follow_up_status=status)
        if measure:
            qs = qs.filter(measures__number=measure)
        return qs


class DecisionDetailView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = Decision

    def get(self, request, pk):
        decision = get_object_or_404(
            self.get_queryset().select_related("body", "meeting", "corrects").prefetch_related("measures"), pk=pk
        )
        return render(
            request,
            "governance/decision_detail.html",
            {
                "decision": decision,
                "corrections": decision.corrections.order_by("date", "pk"),
                "can_edit": Decision.objects.editable_by(request.user).filter(pk=decision.pk).exists(),
            },
        )


class ApproveMinutesView(LoginRequiredMixin, View):
    def post(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.editable_by(request.user), pk=pk)
        form = forms.ApproveMinutesForm(request.POST)
        if form.is_valid():
            try:
                services.approve_minutes(meeting, approved_on=form.cleaned_data["approved_on"], actor=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The minutes were approved; the decisions are now final."))
        else:
            messages.error(request, _("Give the approval date."))
        return redirect("governance:meeting-detail", pk=pk)


class AttachmentDownloadView(LoginRequiredMixin, View):
    model = MeetingAttachment

    def get(self, request, pk):
        attachment = get_object_or_404(MeetingAttachment.objects.visible_to(request.user), pk=pk)
        return FileResponse(
            attachment.file.open("rb"), as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1]
        )


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
                "can_edit": can_edit(request.user, Milestone),
            },
        )


class ProgressReportView(LoginRequiredMixin, View):
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
            try:
                services.submit_progress_report(
                    measure,
                    percent=form.cleaned_data["percent"],
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    date=form.cleaned_data["date"],
                    risks=form.risks(),
                    actor=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
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


# --- Communications -------------------------------------------------------------------------


class CommunicationListView(GovernanceListView):
    model = CommunicationItem
    title = gettext_lazy("Communications plan")
    search_fields = ("target_group", "message", "owner")
    sort_fields = {"date": "planned_date", "channel": "channel"}
    default_sort = "date"
    create_url_name = "governance:communication-create"
    related = ("measure",)
    columns = [
        Column(gettext_lazy("Planned date"), lambda o: o.planned_date, "date"),
        Column(
            gettext_lazy("Target group"),
            lambda o: o.target_group,
            "",
            lambda o: reverse("governance:communication-edit", args=[o.pk]),
        ),
        Column(gettext_lazy("Channel"), lambda o: o.get_channel_display(), "channel"),
        Column(gettext_lazy("Message"), lambda o: o.message),
        Column(gettext_lazy("Owner"), lambda o: o.owner),
        Column(gettext_lazy("Done"), lambda o: _("yes") if o.done else _("no")),
    ]


class CommunicationFormView(GovernanceFormView):
    model = CommunicationItem
    form_class = forms.CommunicationItemForm
    title = gettext_lazy("New communications plan item")

    def success_url(self, obj):
        return reverse("governance:communication-list")


class NewsListView(VisibleQuerysetMixin, ListControlsMixin, View):
    """Public: published news (editors also see drafts)."""

    model = NewsItem
    paginate_by = 20

    def get(self, request):
        page = self.paginate(self.get_queryset())
        return render(
            request,
            "governance/news_list.html",
            {"page": page, "can_edit": can_edit(request.user, NewsItem)},
        )


class NewsDetailView(VisibleQuerysetMixin, View):
    model = NewsItem

    def get(self, request, slug):
        item = get_object_or_404(self.get_queryset(), slug=slug)
        return render(
            request,
            "governance/news_detail.html",
            {"item": item, "can_edit": NewsItem.objects.editable_by(request.user).filter(pk=item.pk).exists()},
        )


class NewsFormView(GovernanceFormView):
    model = NewsItem
    form_class = forms.NewsItemForm
    title = gettext_lazy("New news item")

    def success_url(self, obj):
        return reverse("governance:news-detail", args=[obj.slug])


class NewsFeed(Feed):
    """Atom feed of the published news (public)."""

    feed_type = Atom1Feed
    link = reverse_lazy("governance:news-list")

    def title(self):
        return _("Pohjois-Savo sote preparation: news")

    def subtitle(self):
        return _("News of the social- and health-care reform preparation programme")

    def items(self):
        return NewsItem.objects.published().order_by("-published_at", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body[:400]

    def item_link(self, item):
        return reverse("governance:news-detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.author or None


class EventListView(GovernanceListView):
    model = StakeholderEvent
    title = gettext_lazy("Stakeholder events")
    search_fields = ("title", "target_group", "feedback")
    sort_fields = {"date": "date", "participants": "participants"}
    default_sort = "-date"
    create_url_name = "governance:event-create"
    columns = [
        Column(gettext_lazy("Date"), lambda o: o.date, "date"),
        Column(gettext_lazy("Event"), lambda o: o.title, "", lambda o: reverse("governance:event-edit", args=[o.pk])),
        Column(gettext_lazy("Target group"), lambda o: o.target_group or "–"),
        Column(gettext_lazy("Participants"), lambda o: o.participants, "participants", numeric=True),
        Column(gettext_lazy("Feedback responses"), lambda o: o.feedback_responses, numeric=True),
        Column(gettext_lazy("Average feedback (1-5)"), lambda o: o.feedback_score or "–", numeric=True),
        Column(gettext_lazy("Feedback summary"), lambda o: o.feedback or "–"),
    ]


class EventFormView(GovernanceFormView):
    model = StakeholderEvent
    form_class = forms.StakeholderEventForm
    title = gettext_lazy("New stakeholder event")

    def success_url(self, obj):
        return reverse("governance:event-list")


# --- Legacy material ------------------------------------------------------------------------


class LegacyListView(GovernanceListView):
    model = LegacyDocument
    title = gettext_lazy("Legacy material of the 2017 preparation")
    search_fields = ("title", "origin", "topic", "reviewer")
    sort_fields = {"title": "title", "status": "review_status", "topic": "topic"}
    default_sort = "status"
    create_url_name = "governance:legacy-create"
    related = ("measure",)
    columns = [
        Column(
            gettext_lazy("Title"),
            lambda o: o.title,
            "title",
            lambda o: reverse("governance:legacy-detail", args=[o.pk]),
        ),
        Column(gettext_lazy("Origin"), lambda o: o.origin),
        Column(gettext_lazy("Topic"), lambda o: o.topic, "topic"),
        Column(gettext_lazy("Measure served"), lambda o: o.measure.number if o.measure else "–"),
        Column(gettext_lazy("Review status"), lambda o: o.get_review_status_display(), "status"),
        Column(gettext_lazy("Reviewer"), lambda o: o.reviewer or "–"),
    ]

    def filter_queryset(self, qs):
        status = self.request.GET.get("status", "")
        return qs.filter(review_status=status) if status in ReviewStatus.values else qs


class LegacyDetailView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = LegacyDocument

    def get(self, request, pk):
        document = get_object_or_404(self.get_queryset().select_related("measure"), pk=pk)
        return render(
            request,
            "governance/legacy_detail.html",
            {
                "document": document,
                "versions": document.versions.select_related("uploaded_by"),
                "can_edit": LegacyDocument.objects.editable_by(request.user).filter(pk=document.pk).exists(),
            },
        )


class LegacyFormView(GovernanceFormView):
    model = LegacyDocument
    form_class = forms.LegacyDocumentForm
    title = gettext_lazy("New legacy document")

    def success_url(self, obj):
        return reverse("governance:legacy-detail", args=[obj.pk])


class LegacyVersionView(LoginRequiredMixin, View):
    def document(self):
        return get_object_or_404(LegacyDocument.objects.editable_by(self.request.user), pk=self.kwargs["pk"])

    def render_form(self, form, document, status=200):
        return render(
            self.request,
            "governance/object_form.html",
            {
                "form": form,
                "title": _("New version: %(document)s") % {"document": document},
                "cancel_url": reverse("governance:legacy-detail", args=[document.pk]),
            },
            status=status,
        )

    def get(self, request, pk):
        return self.render_form(forms.LegacyVersionForm(), self.document())

    def post(self, request, pk):
        document = self.document()
        form = forms.LegacyVersionForm(
            request.POST, request.FILES, instance=LegacyDocumentVersion(document=document, version=1)
        )
        if form.is_valid():
            try:
                services.add_legacy_version(
                    document, file=form.cleaned_data["file"], note=form.cleaned_data["note"], actor=request.user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The new version was stored; earlier versions are kept."))
                return redirect("governance:legacy-detail", pk=pk)
        return self.render_form(form, document, status=400)


class LegacyVersionDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        version = get_object_or_404(LegacyDocumentVersion.objects.visible_to(request.user), pk=pk)
        return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.file.name.rsplit("/", 1)[-1])


# --- Service network ------------------------------------------------------------------------


def matrix_table(user) -> tuple[list[str], list[list]]:
    data = selectors.service_matrix(user)
    header = [
        _("Code"),
        _("Service entity"),
        _("Client group"),
        _("Production mode"),
        *[_("Pole: %(centre)s") % {"centre": c.organisation.name} for c in data["centres"]],
        *[f"{m.name} ({m.code})" for m in data["municipalities"]],
    ]
    rows = [
        [
            row["entity"].code,
            row["entity"].name,
            row["entity"].get_client_group_display(),
            row["entity"].get_production_mode_display(),
            *["x" if flag else "" for flag in row["poles"]],
            *["x" if flag else "" for flag in row["cells"]],
        ]
        for row in data["rows"]
    ]
    return header, rows


class ServiceMatrixView(LoginRequiredMixin, View):
    def get(self, request):
        fmt = request.GET.get("format", "")
        if fmt in ("csv", "xlsx"):
            header, rows = matrix_table(request.user)
            name = f"palveluverkko-{timezone.localdate().isoformat()}.{fmt}"
            if fmt == "csv":
                return exports.csv_response(name, header, rows)
            return exports.xlsx_response(name, header, rows, sheet_title="palveluverkko")
        return render(
            request,
            "governance/service_matrix.html",
            {**selectors.service_matrix(request.user), "can_edit": can_edit(request.user, ServiceEntity)},
        )


class ServiceEntityFormView(GovernanceFormView):
    model = ServiceEntity
    form_class = forms.ServiceEntityForm
    title = gettext_lazy("New service entity")
    m2m_fields = ("municipalities", "network_centres")

    def success_url(self, obj):
        return reverse("governance:service-matrix")


# --- Leadership -----------------------------------------------------------------------------


class LeadershipView(LoginRequiredMixin, View):
    def get(self, request):
        user = request.user
        return render(
            request,
            "governance/leadership.html",
            {
                "trainings": TrainingEvent.objects.visible_to(user).prefetch_related("participations__organisation"),
                "principles": PrinciplesVersion.objects.visible_to(user),
                "studies": StudyStatusEntry.objects.visible_to(user),
                "can_edit": can_edit(user, TrainingEvent),
            },
        )


class TrainingFormView(GovernanceFormView):
    model = TrainingEvent
    form_class = forms.TrainingEventForm
    title = gettext_lazy("New training event")

    def success_url(self, obj):
        return reverse("governance:leadership")


class ParticipationFormView(GovernanceFormView):
    model = TrainingParticipation
    form_class = forms.TrainingParticipationForm
    title = gettext_lazy("Participants of an organisation")

    def new_instance(self):
        training = get_object_or_404(
            TrainingEvent.objects.editable_by(self.request.user), pk=self.kwargs["training_pk"]
        )
        return TrainingParticipation(training=training)

    def success_url(self, obj):
        return reverse("governance:leadership")


class PrinciplesFormView(GovernanceFormView):
    model = PrinciplesVersion
    form_class = forms.PrinciplesVersionForm
    title = gettext_lazy("New version of the remote-leadership principles")

    def new_instance(self):
        latest = PrinciplesVersion.objects.order_by("-version").first()
        if latest is None:
            return PrinciplesVersion(version=1)
        return PrinciplesVersion(version=latest.version + 1, title=latest.title, text=latest.text)

    def get_instance(self):
        if "pk" in self.kwargs:
            raise Http404  # versions are kept as they were: a change is a new version
        return super().get_instance()

    def success_url(self, obj):
        return reverse("governance:leadership")


class StudyStatusFormView(GovernanceFormView):
    model = StudyStatusEntry
    form_class = forms.StudyStatusForm
    title = gettext_lazy("New SavoGrow study status")

    def success_url(self, obj):
        return reverse("governance:leadership")


# --- Status reports -------------------------------------------------------------------------


class StatusReportListView(LoginRequiredMixin, VisibleQuerysetMixin, ListControlsMixin, View):
    model = StatusReport

    def get(self, request):
        page = self.paginate(self.get_queryset().select_related("created_by"))
        form = forms.StatusReportRequestForm() if can_edit(request.user, StatusReport) else None
        return render(request, "governance/report_list.html", {"page": page, "form": form})

    def post(self, request):
        if not can_edit(request.user, StatusReport):
            raise PermissionDenied
        form = forms.StatusReportRequestForm(request.POST)
        if not form.is_valid():
            page = self.paginate(self.get_queryset())
            return render(request, "governance/report_list.html", {"page": page, "form": form}, status=400)
        job = services.request_status_report(language=form.cleaned_data["language"], actor=request.user)
        return HttpResponseRedirect(reverse("portal:job-detail", args=[job.pk]))


class StatusReportDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        report = get_object_or_404(StatusReport.objects.visible_to(request.user), pk=pk)
        return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file.name.rsplit("/", 1)[-1])


# --- Search ---------------------------------------------------------------------------------


class SearchView(LoginRequiredMixin, View):
    def get(self, request):
        query = request.GET.get("q", "").strip()[:200]
        results = selectors.search(request.user, query) if query else None
        return render(request, "governance/search.html", {"q": query, "results": results})
