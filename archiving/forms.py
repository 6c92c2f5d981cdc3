"""Forms of the archiving area. Choices are narrowed to the user's reach (a steward's own systems)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from archiving import selectors
from archiving.models import (
    AccessRequest,
    AccessRule,
    ArchivingPlan,
    DataContent,
    PlanItem,
    Requirement,
    RetentionRule,
    RetentionSimulation,
)
from archiving.services import max_extract_bytes, megabytes
from portal.forms import EuroCentsField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class SystemChoiceMixin:
    """The system field lists the retiring systems the user may work on."""

    takes_user = True

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("system")
        if field is not None and user is not None:
            field.queryset = selectors.systems_visible_to(user).order_by("name")
            if field.queryset.count() == 1 and not self.initial.get("system"):
                self.initial["system"] = field.queryset.first().pk


class DataContentForm(SystemChoiceMixin, forms.ModelForm):
    class Meta:
        model = DataContent
        fields = [
            "system",
            "title",
            "domain",
            "first_year",
            "last_year",
            "record_count",
            "size_gb",
            "retention_rule",
            "publicity",
            "personal_data",
            "disposition",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        localized_fields = ["size_gb"]


class RetentionRuleForm(forms.ModelForm):
    class Meta:
        model = RetentionRule
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "domain",
            "service_task",
            "permanent",
            "period_years",
            "trigger",
            "fallback_years",
            "fallback_trigger",
            "sampling_days",
            "legal_source",
            "source_url",
            "verified",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class SimulationForm(SystemChoiceMixin, forms.ModelForm):
    upload = forms.FileField(
        label=_("Metadata extract (CSV or XLSX)"),
        help_text=_(
            "Columns: record_id, record_type, birth_date, death_date, case_closed_date, created_date. "
            "No names, no content, no personal identity codes."
        ),
    )

    class Meta:
        model = RetentionSimulation
        fields = ["system"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = _("At most %(limit)s MB.") % {"limit": megabytes(max_extract_bytes())}
        self.fields["upload"].help_text = f"{self.fields['upload'].help_text} {limit}"


class PlanForm(forms.ModelForm):
    archive_one_off_cents = EuroCentsField(label=_("archive one-off cost (EUR)"), required=False)
    archive_annual_cents = EuroCentsField(label=_("archive annual cost (EUR)"), required=False)

    class Meta:
        model = ArchivingPlan
        fields = ["code", "title", "start_date", "archive_one_off_cents", "archive_annual_cents", "scope"]
        widgets = {"start_date": DateInput(), "scope": forms.Textarea(attrs={"rows": 4})}

    def clean_archive_one_off_cents(self):
        return self.cleaned_data["archive_one_off_cents"] or 0

    def clean_archive_annual_cents(self):
        return self.cleaned_data["archive_annual_cents"] or 0


class PlanItemForm(SystemChoiceMixin, forms.ModelForm):
    one_off_cents = EuroCentsField(label=_("one-off cost (EUR)"), required=False)
    annual_cents = EuroCentsField(label=_("annual cost after switch-off (EUR)"), required=False)

    class Meta:
        model = PlanItem
        fields = ["system", "method", "target_date", "one_off_cents", "annual_cents"]
        widgets = {"target_date": DateInput()}

    def clean_one_off_cents(self):
        return self.cleaned_data["one_off_cents"] or 0

    def clean_annual_cents(self):
        return self.cleaned_data["annual_cents"] or 0


class AccessRuleForm(forms.ModelForm):
    class Meta:
        model = AccessRule
        fields = ["role", "domain", "service_task", "care_relationship_required", "purpose_required", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class AccessRequestForm(forms.ModelForm):
    takes_user = True

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from portal.models import InformationSystem

        self.fields["system"].queryset = InformationSystem.objects.retiring().order_by("name")
        # The service tasks the retention and access rules name (the social-welfare records' tasks).
        tasks = sorted(
            set(RetentionRule.objects.exclude(service_task="").values_list("service_task", flat=True))
            | set(AccessRule.objects.exclude(service_task="").values_list("service_task", flat=True))
        )
        self.fields["service_task"] = forms.ChoiceField(
            label=self.fields["service_task"].label,
            help_text=self.fields["service_task"].help_text,
            required=False,
            choices=[("", _("Not a social-welfare service task"))] + [(t, t) for t in tasks],
        )

    class Meta:
        model = AccessRequest
        fields = [
            "system",
            "domain",
            "service_task",
            "subject_ref",
            "purpose",
            "care_relationship",
            "period_start",
            "period_end",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "period_start": DateInput(),
            "period_end": DateInput(),
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.RadioSelect
    )
    decision_note = forms.CharField(label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DestructionListForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2300)


class PersonReportForm(forms.Form):
    subject_ref = forms.CharField(label=_("Person's archive number"), max_length=40)


class RequirementForm(forms.ModelForm):
    class Meta:
        model = Requirement
        fields = ["code", "category", "priority", "text_fi", "text_sv", "text_en", "source"]
        widgets = {f"text_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in ("fi", "sv", "en")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Leave empty for the next free code (ARK-001, ARK-002, ...).")
