"""Forms of the supervision app."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import preselect_single_choice
from portal.models import Organisation
from portal.uploads import SPREADSHEETS, check_upload
from supervision.choices import DeviationStatus, Severity
from supervision.models import (
    DEVIATION_TEXT_MAX,
    Contract,
    DeviationReport,
    Producer,
    ProfessionalGroup,
    ServiceUnit,
    StaffingThreshold,
    SupervisionVisit,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ServiceUnit) -> str:
        return f"{obj.name}, {obj.municipality.name}"


class DeviationReportForm(forms.Form):
    """The public form: no login; contact details optional (anonymous reports are allowed)."""

    unit = UnitChoiceField(
        label=_("Service unit"), queryset=ServiceUnit.objects.none(), empty_label=_("Choose the unit")
    )
    occurred_on = forms.DateField(
        label=_("Date of the event"), required=False, widget=DateInput(), help_text=_("If you know it.")
    )
    text = forms.CharField(
        label=_("What happened?"),
        max_length=DEVIATION_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe the deviation: what, when and to whom. At most %(n)s characters.")
        % {"n": DEVIATION_TEXT_MAX},
    )
    reporter_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    reporter_contact = forms.CharField(
        label=_("Phone or e-mail (optional)"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to report anonymously; we contact you only about this report."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = ServiceUnit.objects.public_directory()

    def clean_occurred_on(self):
        value = self.cleaned_data.get("occurred_on")
        if value and value > dt.date.today() + dt.timedelta(days=1):
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class StatusLookupForm(forms.Form):
    code = forms.CharField(label=_("Reference code"), max_length=20, help_text=_("For example PM-ABCDE-FGHJK."))

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()


class TriageForm(forms.ModelForm):
    class Meta:
        model = DeviationReport
        fields = ["status", "findings"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == DeviationStatus.CLOSED and not (cleaned.get("findings") or "").strip():
            self.add_error("findings", _("A report is closed with findings: write the findings."))
        return cleaned


class StaffingImportForm(forms.Form):
    file = forms.FileField(label=_("Staffing file (CSV or XLSX)"))
    period_start = forms.DateField(label=_("Period start"), widget=DateInput())
    period_end = forms.DateField(label=_("Period end"), widget=DateInput())

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, allowed=SPREADSHEETS)
        return upload

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        if start and end and (end - start).days > 400:
            self.add_error("period_end", _("One file covers at most 400 days."))
        return cleaned


class StaffingDayForm(forms.Form):
    """Form entry of one day for small units: clients and direct/indirect hours per group."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    clients = forms.IntegerField(label=_("Clients in 24-hour care"), min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = list(ProfessionalGroup.objects.all())
        for group in self.groups:
            self.fields[f"{group.code}_direct"] = forms.DecimalField(
                label=_("%(group)s: direct hours") % {"group": group.name},
                min_value=Decimal(0),
                max_digits=7,
                decimal_places=2,
                required=False,
            )
            self.fields[f"{group.code}_indirect"] = forms.DecimalField(
                label=_("%(group)s: indirect hours") % {"group": group.name},
                min_value=Decimal(0),
                max_digits=7,
                decimal_places=2,
                required=False,
            )
            self.fields[f"{group.code}_persons"] = forms.IntegerField(
                label=_("%(group)s: persons") % {"group": group.name}, min_value=0, required=False
            )

    def clean(self):
        cleaned = super().clean()
        for group in self.groups:
            direct = cleaned.get(f"{group.code}_direct") or Decimal(0)
            indirect = cleaned.get(f"{group.code}_indirect") or Decimal(0)
            persons = cleaned.get(f"{group.code}_persons")
            if persons is not None and direct + indirect > 24 * persons:
                self.add_error(f"{group.code}_persons", _("More than 24 hours per person-day."))
        return cleaned

    def hours(self) -> dict[str, tuple[Decimal, Decimal, int | None]]:
        result = {}
        for group in self.groups:
            direct = self.cleaned_data.get(f"{group.code}_direct")
            indirect = self.cleaned_data.get(f"{group.code}_indirect")
            persons = self.cleaned_data.get(f"{group.code}_persons")
            if direct is None and indirect is None and persons is None:
                continue
            result[group.code] = (direct or Decimal(0), indirect or Decimal(0), persons)
        return result


class PeriodForm(forms.Form):
    """Period of a unit page: a month, an ISO week or custom dates."""

    KINDS = [("month", _("Month")), ("week", _("Week")), ("custom", _("Custom"))]
    kind = forms.ChoiceField(label=_("Period"), choices=KINDS, required=False)
    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "pattern": "[0-9]{4}-[0-9]{2}"}),
    )
    start = forms.DateField(label=_("Start"), required=False, widget=DateInput())
    end = forms.DateField(label=_("End"), required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        month = cleaned.get("month")
        if month:
            try:
                year, mon = (int(p) for p in month.split("-"))
                dt.date(year, mon, 1)
            except ValueError:
                self.add_error("month", _("Write the month as YYYY-MM."))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and (end < start or (end - start).days > 731):
            self.add_error("end", _("The period must end after it starts and span at most two years."))
        return cleaned


class ResponseForm(forms.Form):
    response = forms.CharField(label=_("Response"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class CloseActionForm(forms.Form):
    follow_up = forms.CharField(label=_("Follow-up"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class VisitForm(forms.ModelForm):
    class Meta:
        model = SupervisionVisit
        fields = ["unit", "kind", "planned_on", "visited_on", "status", "summary"]
        widgets = {"planned_on": DateInput(), "visited_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else ServiceUnit.objects.none()
        if not self.instance.pk:
            preselect_single_choice(self, "unit")


class FindingForm(forms.Form):
    description = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)


class ActionForm(forms.Form):
    finding = forms.ModelChoiceField(label=_("Finding"), queryset=None)
    description = forms.CharField(label=_("Required action"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())

    def __init__(self, *args, findings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = findings


class ProducerForm(forms.ModelForm):
    class Meta:
        model = Producer
        fields = ["name", "business_id", "organisation", "contact_name", "contact_email", "contact_phone"]


class ServiceUnitForm(forms.ModelForm):
    class Meta:
        model = ServiceUnit
        fields = [
            "code",
            "name",
            "producer",
            "organiser",
            "municipality",
            "address",
            "service_type",
            "places",
            "accepts_reports",
        ]

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        if not self.instance.pk:
            preselect_single_choice(self, "organiser")
        self.fields["municipality"].queryset = Organisation.objects.municipalities().order_by("name_fi")


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = [
            "number",
            "title",
            "organiser",
            "producer",
            "units",
            "services",
            "valid_from",
            "valid_to",
            "option_description",
            "option_decision_date",
            "staffing_minimum",
            "obligations",
        ]
        widgets = {
            "units": forms.CheckboxSelectMultiple,
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "option_decision_date": DateInput(),
            "services": forms.Textarea(attrs={"rows": 3}),
            "option_description": forms.Textarea(attrs={"rows": 3}),
            "obligations": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisers=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        self.fields["units"].queryset = units
        if not self.instance.pk:
            preselect_single_choice(self, "organiser")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The contract ends before it starts."))
        return cleaned


class ThresholdForm(forms.ModelForm):
    class Meta:
        model = StaffingThreshold
        fields = ["valid_from", "valid_to", "min_staff_per_client", "legal_basis", "status", "source"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput(), "source": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The period ends before it starts."))
        return cleaned
