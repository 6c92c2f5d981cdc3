from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge_mgmt.choices import RespondentRole, Sex, ValueStatus
from knowledge_mgmt.imports import FORMATS
from knowledge_mgmt.models import Indicator
from portal.forms import preselect_single_choice
from portal.models import Organisation
from portal.uploads import SPREADSHEETS, check_upload

# Sotkanet JSON and CSV downloads, and the template as CSV or XLSX.
IMPORT_TYPES = {**SPREADSHEETS, ".json": None}


def breakdown_labels() -> dict[str, str]:
    """Names of breakdown codes (SOTE packages, client groups) from the app that owns the code lists."""
    from portal import providers

    try:
        return providers.get("code_labels")()
    except providers.ProviderMissing:
        return {}


class DashboardFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, required=False, initial=Sex.TOTAL)
    breakdown = forms.ChoiceField(label=_("Breakdown"), required=False)

    def __init__(self, *args, years: list[int], organisations: list[Organisation], breakdowns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = breakdown_labels()
        self.fields["breakdown"].choices = [("", _("Total"))] + [
            (b, f"{labels[b]} ({b})" if b in labels else b) for b in breakdowns if b
        ]
        self.fields["year"].choices = [("", _("Latest"))] + [(y, str(y)) for y in reversed(years)]
        self.fields["organisation"].choices = [("", _("Region"))] + [(o.code, o.name) for o in organisations]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("Sotkanet JSON or CSV, or the portal's CSV/XLSX template."))
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Detect from the file"))] + [(f, f) for f in FORMATS],
    )
    skip_outside = forms.BooleanField(
        label=_("Skip rows of Sotkanet regions that are not organisations of the portal"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, allowed=IMPORT_TYPES)
        return upload


class ValueEntryForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none(), to_field_name="code")
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), to_field_name="code"
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    quarter = forms.IntegerField(label=_("Quarter"), min_value=0, max_value=4, initial=0, required=False)
    month = forms.IntegerField(label=_("Month"), min_value=0, max_value=12, initial=0, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.TOTAL)
    breakdown = forms.CharField(label=_("Breakdown code"), required=False, max_length=60)
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=6)
    absolute_value = forms.DecimalField(label=_("Absolute value"), max_digits=20, decimal_places=6, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ValueStatus.choices, initial=ValueStatus.FINAL)

    def __init__(self, *args, indicators, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["organisation"].queryset = organisations
        preselect_single_choice(self, "organisation")


class ReportForm(forms.Form):
    language = forms.ChoiceField(label=_("Report language"), choices=[("fi", "suomi"), ("sv", "svenska")])


class MunicipalityBatchReportForm(ReportForm):
    """The reports of all municipalities at once: the language and the year (default: each
    indicator's latest year, as in a single report)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("The latest year of each indicator")), *((y, str(y)) for y in years)]


class MaturityImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: response, organisation, role, area, current_state, satisfaction (one row per area)."),
    )


class ConceptLinkForm(forms.Form):
    concept = forms.ModelChoiceField(label=_("Concept"), queryset=None)
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None, to_field_name="code")

    def __init__(self, *args, concepts, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concept"].queryset = concepts
        self.fields["indicator"].queryset = indicators


class TargetForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none(), to_field_name="code")
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), to_field_name="code"
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    value = forms.DecimalField(label=_("Target value"), max_digits=20, decimal_places=6)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, indicators, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["organisation"].queryset = organisations
        preselect_single_choice(self, "organisation")


class MaturityAnswerForm(forms.Form):
    """One anonymous answer: organisation, role and two scores per area (no name is stored)."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), to_field_name="code"
    )
    role = forms.ChoiceField(label=_("Your role"), choices=RespondentRole.choices)

    def __init__(self, *args, survey, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        scale = [(n, str(n)) for n in range(1, survey.scale_max + 1)]
        self.areas = list(survey.areas.order_by("order", "code"))
        for area in self.areas:
            self.fields[f"current_{area.code}"] = forms.TypedChoiceField(
                label=_("%(area)s: current state") % {"area": area.name}, choices=scale, coerce=int
            )
            self.fields[f"satisfaction_{area.code}"] = forms.TypedChoiceField(
                label=_("%(area)s: satisfaction") % {"area": area.name}, choices=scale, coerce=int
            )

    def scores(self) -> list[tuple]:
        return [
            (area, self.cleaned_data[f"current_{area.code}"], self.cleaned_data[f"satisfaction_{area.code}"])
            for area in self.areas
        ]
