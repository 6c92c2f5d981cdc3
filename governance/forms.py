from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance import choices
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
    StudyStatusEntry,
    TrainingEvent,
    TrainingParticipation,
)
from governance.validators import allowed_extensions_text
from portal.choices import MeasureStatus
from portal.models import Organisation

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GovernanceModelForm(forms.ModelForm):
    """Dates as date inputs, short text areas; the model's ``clean`` gives the cross-field checks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)


class BodyForm(GovernanceModelForm):
    class Meta:
        model = Body
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "kind",
            "measure",
            "task",
            "mandate",
            "valid_from",
            "valid_to",
        ]


class MembershipForm(GovernanceModelForm):
    class Meta:
        model = Membership
        fields = ["person_name", "organisation", "role", "term_start", "term_end", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("kind", "name_fi")
        self.fields["organisation"].error_messages["required"] = _("A member represents an organisation: choose it.")


class MeetingForm(GovernanceModelForm):
    class Meta:
        model = Meeting
        fields = ["body", "number", "date", "location"]


class MeetingRecordForm(GovernanceModelForm):
    """Attendance and minutes of a held meeting."""

    class Meta:
        model = Meeting
        fields = ["location", "attendees", "minutes"]
        widgets = {"attendees": forms.CheckboxSelectMultiple, "minutes": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = self.instance.body.memberships.select_related("organisation")
        self.fields["attendees"].label = _("Present")


class AgendaItemForm(GovernanceModelForm):
    class Meta:
        model = AgendaItem
        fields = ["position", "title", "description", "measure"]


class AttachmentForm(GovernanceModelForm):
    class Meta:
        model = MeetingAttachment
        fields = ["kind", "title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Allowed types: %(types)s.") % {"types": allowed_extensions_text()}


class DecisionForm(GovernanceModelForm):
    class Meta:
        model = Decision
        fields = ["number", "date", "text", "measures"]
        widgets = {"measures": forms.CheckboxSelectMultiple}


class FollowUpForm(GovernanceModelForm):
    class Meta:
        model = Decision
        fields = ["follow_up_status", "follow_up_notes"]


class ApproveMinutesForm(forms.Form):
    approved_on = forms.DateField(label=_("Minutes approved on"), widget=DATE_WIDGET)


class ProgressReportForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    percent = forms.IntegerField(label=_("Progress (%)"))
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    note = forms.CharField(label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    risk_1 = forms.CharField(label=_("Risk 1"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    level_1 = forms.ChoiceField(label=_("Level of risk 1"), choices=choices.RiskLevel.choices, required=False)
    mitigation_1 = forms.CharField(
        label=_("Mitigation of risk 1"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    risk_2 = forms.CharField(label=_("Risk 2"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    level_2 = forms.ChoiceField(label=_("Level of risk 2"), choices=choices.RiskLevel.choices, required=False)
    mitigation_2 = forms.CharField(
        label=_("Mitigation of risk 2"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean_percent(self) -> int:
        percent = self.cleaned_data["percent"]
        if not 0 <= percent <= 100:
            raise forms.ValidationError(_("Progress must be between 0 and 100."))
        return percent

    def risks(self) -> list[dict]:
        return [
            {
                "description": self.cleaned_data.get(f"risk_{n}", ""),
                "level": self.cleaned_data.get(f"level_{n}") or choices.RiskLevel.MEDIUM,
                "mitigation": self.cleaned_data.get(f"mitigation_{n}", ""),
            }
            for n in (1, 2)
        ]


class BaselineForm(GovernanceModelForm):
    class Meta:
        model = MeasureBaseline
        fields = ["measure", "start_date", "end_date", "approved_on"]


class MilestoneForm(GovernanceModelForm):
    class Meta:
        model = Milestone
        fields = [
            "measure",
            "title",
            "baseline_date",
            "planned_date",
            "actual_date",
            "responsible_organisation",
            "responsible_person",
        ]


class CommunicationItemForm(GovernanceModelForm):
    class Meta:
        model = CommunicationItem
        fields = ["target_group", "channel", "message", "planned_date", "owner", "measure", "done"]


class NewsItemForm(GovernanceModelForm):
    class Meta:
        model = NewsItem
        fields = ["slug", "title", "language", "summary", "body", "author", "published_at"]
        widgets = {"published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}


class StakeholderEventForm(GovernanceModelForm):
    class Meta:
        model = StakeholderEvent
        fields = [
            "title",
            "date",
            "target_group",
            "location",
            "participants",
            "feedback_responses",
            "feedback_score",
            "feedback",
        ]


class LegacyDocumentForm(GovernanceModelForm):
    class Meta:
        model = LegacyDocument
        fields = ["title", "origin", "topic", "year", "measure", "review_status", "reviewer", "reviewed_on", "note"]


class LegacyVersionForm(GovernanceModelForm):
    class Meta:
        model = LegacyDocumentVersion
        fields = ["file", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Allowed types: %(types)s.") % {"types": allowed_extensions_text()}


class ServiceEntityForm(GovernanceModelForm):
    class Meta:
        model = ServiceEntity
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "client_group",
            "production_mode",
            "network_centres",
            "municipalities",
            "note",
        ]
        widgets = {"municipalities": forms.CheckboxSelectMultiple, "network_centres": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = Organisation.objects.municipalities().order_by("name_fi")


class TrainingEventForm(GovernanceModelForm):
    class Meta:
        model = TrainingEvent
        fields = ["topic", "date", "description"]


class TrainingParticipationForm(GovernanceModelForm):
    class Meta:
        model = TrainingParticipation
        fields = ["organisation", "participants"]


class PrinciplesVersionForm(GovernanceModelForm):
    class Meta:
        model = PrinciplesVersion
        fields = ["version", "title", "text", "approved_on", "change_note"]


class StudyStatusForm(GovernanceModelForm):
    class Meta:
        model = StudyStatusEntry
        fields = ["study", "date", "status", "summary"]


class StatusReportRequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the report"), choices=choices.ReportLanguage.choices)
