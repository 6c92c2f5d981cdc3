"""Meetings, agenda, attachments, minutes approval and decisions (append-only once approved)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from governance import forms, services
from governance.choices import FollowUpStatus
from governance.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingAttachment,
)
from governance.views.base import Column, GovernanceFormView, GovernanceListView
from portal import permissions
from portal.errors import run_with_messages
from portal.views_base import VisibleQuerysetMixin

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

    def get_title(self, obj):
        return _("Attendance and minutes: %(meeting)s") % {"meeting": obj}

    def success_url(self, obj):
        return reverse("governance:meeting-detail", args=[obj.pk])


class MeetingDetailView(LoginRequiredMixin, VisibleQuerysetMixin, View):
    model = Meeting

    def get(self, request, pk):
        meeting = get_object_or_404(self.get_queryset().select_related("body"), pk=pk)
        editable = permissions.can_edit(request.user, meeting)
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

    def new_instance(self):
        meeting = self.meeting()
        return Decision(meeting=meeting, body=meeting.body, date=meeting.date)


class DecisionEditView(GovernanceFormView):
    """Edit a decision of draft minutes; once approved, ``services`` refuses and points to a correction."""

    model = Decision
    form_class = forms.DecisionForm

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
                "can_edit": permissions.can_edit(request.user, decision),
            },
        )


class ApproveMinutesView(LoginRequiredMixin, View):
    def post(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.editable_by(request.user), pk=pk)
        form = forms.ApproveMinutesForm(request.POST)
        if form.is_valid():
            approved, _meeting = run_with_messages(
                request,
                lambda: services.approve_minutes(
                    meeting, approved_on=form.cleaned_data["approved_on"], actor=request.user
                ),
            )
            if approved:
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
