"""Forms of the digital-services area. Organisation choices narrow to what the user may write."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from digital_services import models
from portal import roles
from portal.models import Organisation


def _date_widgets(*names: str) -> dict:
    return {name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d") for name in names}


def _narrow_organisations(form: forms.ModelForm, user, field: str = "organisation", *, staff: bool = True) -> None:
    queryset = Organisation.objects.order_by("name_fi")
    if user is not None and not (roles.is_administrator(user) or (staff and roles.is_programme_staff(user))):
        queryset = queryset.filter(pk__in=roles.stewarded_organisation_ids(user))
    form.fields[field].queryset = queryset
    if queryset.count() == 1 and not form.instance.pk:
        form.fields[field].initial = queryset.first().pk


class DigitalServiceForm(forms.ModelForm):
    class Meta:
        model = models.DigitalService
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "provider",
            "funding_type",
            "charge_type",
            "target_groups",
            "languages",
            "medical_device",
            "ptv_id",
            "source",
            "valid_from",
            "valid_to",
        ]
        widgets = {
            **_date_widgets("valid_from", "valid_to"),
            **{f"description_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in ("fi", "sv", "en")},
            "source": forms.Textarea(attrs={"rows": 2}),
        }


class ServiceFeatureForm(forms.ModelForm):
    class Meta:
        model = models.ServiceFeature
        fields = ["service", "code", "name_fi", "name_sv", "name_en", "medical_device"]


class ServiceChannelForm(forms.ModelForm):
    class Meta:
        model = models.ServiceChannel
        fields = ["service", "kind", "name_fi", "name_sv", "name_en", "address", "requires_identification"]


class RolloutForm(forms.ModelForm):
    takes_user = True

    class Meta:
        model = models.Rollout
        fields = [
            "service",
            "feature",
            "organisation",
            "planned_on",
            "pilot_from",
            "live_from",
            "retired_on",
            "ebooking_linked",
            "needed_changes",
        ]
        widgets = {
            **_date_widgets("planned_on", "pilot_from", "live_from", "retired_on"),
            "needed_changes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        _narrow_organisations(self, user)
        self.fields["feature"].label_from_instance = lambda f: f"{f.service.name}: {f.name}"


class MonthInput(forms.DateInput):
    input_type = "month"

    def format_value(self, value):
        if isinstance(value, dt.date):
            return value.strftime("%Y-%m")
        return value


class MonthField(forms.DateField):
    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class MonthlyFigureForm(forms.ModelForm):
    takes_user = True
    month = MonthField(label=_("month"), help_text=_("Year and month, e.g. 2025-03."))

    class Meta:
        model = models.MonthlyFigure
        fields = [
            "organisation",
            "month",
            "assessments_completed",
            "referred_to_booking",
            "messages_recipients",
            "paper_letters",
            "returns_to_paper",
            "virtual_contacts",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        _narrow_organisations(self, user, staff=False)
        for name in self.fields:
            if name not in ("organisation", "month"):
                # Negative counts get the service's message naming the field, not the browser's.
                self.fields[name].min_value = None
                self.fields[name].validators = []
                self.fields[name].widget.attrs.pop("min", None)

    def _post_clean(self):
        # The model's own validation runs in the verb, which names the month, the organisation and
        # the population in its messages; here the instance only takes the form's values.
        self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)


class FigureUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "Columns: organisation, month (YYYY-MM), assessments_completed, referred_to_booking, "
            "messages_recipients, paper_letters, returns_to_paper, virtual_contacts."
        ),
    )


class OfflineRateForm(forms.ModelForm):
    class Meta:
        model = models.OfflineRate
        fields = ["min_age", "max_age", "rate_percent", "source", "reference_year"]
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}


class AgeStructureForm(forms.ModelForm):
    takes_user = True

    class Meta:
        model = models.AgeStructure
        fields = ["organisation", "year", "min_age", "max_age", "residents", "source"]
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        _narrow_organisations(self, user)


class ServicePathForm(forms.ModelForm):
    class Meta:
        model = models.ServicePath
        fields = ["code", "name_fi", "name_sv", "name_en", "description"]


class PathStepForm(forms.ModelForm):
    class Meta:
        model = models.PathStep
        fields = ["path", "position", "name_fi", "name_sv", "name_en", "service"]


class StepChangeForm(forms.ModelForm):
    takes_user = True

    class Meta:
        model = models.StepChange
        fields = ["step", "organisation", "change", "done"]
        widgets = {"change": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        _narrow_organisations(self, user)
        self.fields["step"].label_from_instance = lambda s: f"{s.path.name}: {s}"


class PilotForm(forms.ModelForm):
    class Meta:
        model = models.Pilot
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "goal",
            "organisations",
            "starts_on",
            "ends_on",
            "actions",
            "results",
            "decision",
            "measure",
        ]
        widgets = {
            **_date_widgets("starts_on", "ends_on"),
            **{n: forms.Textarea(attrs={"rows": 3}) for n in ("goal", "actions", "results")},
        }


class GuidanceContactForm(forms.ModelForm):
    class Meta:
        model = models.GuidanceContact
        fields = ["code", "kind", "name_fi", "name_sv", "name_en", "value", "verified_on", "source"]
        widgets = _date_widgets("verified_on")


class ChatIntentForm(forms.ModelForm):
    class Meta:
        model = models.ChatIntent
        fields = [
            "code",
            "escalation",
            "priority",
            "patterns_fi",
            "patterns_sv",
            "patterns_en",
            "answer_fi",
            "answer_sv",
            "answer_en",
            "contacts",
            "active",
        ]
        widgets = {
            n: forms.Textarea(attrs={"rows": 3})
            for n in ("patterns_fi", "patterns_sv", "patterns_en", "answer_fi", "answer_sv", "answer_en")
        }


class CounsellingSegmentForm(forms.ModelForm):
    class Meta:
        model = models.CounsellingSegment
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "base_year",
            "base_persons",
            "contact_rate",
            "growth_percent",
            "source",
        ]
        widgets = {"source": forms.Textarea(attrs={"rows": 2})}


class SegmentHistoryForm(forms.ModelForm):
    class Meta:
        model = models.SegmentHistory
        fields = ["segment", "year", "persons", "contacts", "source_kind", "source"]


class CounsellingChannelForm(forms.ModelForm):
    class Meta:
        model = models.CounsellingChannel
        fields = ["code", "name_fi", "name_sv", "name_en", "share_percent"]


class SystemRequirementForm(forms.ModelForm):
    class Meta:
        model = models.SystemRequirement
        fields = ["code", "area", "priority", "text_fi", "text_sv", "text_en"]
        widgets = {n: forms.Textarea(attrs={"rows": 3}) for n in ("text_fi", "text_sv", "text_en")}


class HistoryUploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"), help_text=_("Columns: segment, year, persons, contacts."))


class IndicatorBankImportForm(forms.Form):
    indicator = forms.SlugField(
        label=_("Indicator code"),
        max_length=80,
        help_text=_(
            "The code of an indicator in the indicator bank, e.g. digital-exclusion-estimate. Its published "
            "yearly values for the wellbeing services county (or the region) become the segment's persons per year."
        ),
    )


class ReportForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Municipality"), queryset=Organisation.objects.none())
    language = forms.ChoiceField(label=_("Language"), choices=[("fi", _("Finnish")), ("sv", _("Swedish"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.municipalities().order_by("name_fi")


class MatrixDayForm(forms.Form):
    day = forms.DateField(
        label=_("State on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class InclusionMonthForm(forms.Form):
    month = MonthField(label=_("Paper volumes of"), required=False, help_text=_("Year and month, e.g. 2025-03."))


class ChatForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"), max_length=500, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    unmatched = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=10)
