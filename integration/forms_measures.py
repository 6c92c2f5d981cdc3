"""Forms of measures 3.1, 3.5 and 3.6."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from integration.models_measures import (
    ClassificationVersion,
    InformationFlow,
    NationalClassification,
    OperatingModel,
)
from portal import roles
from portal.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OperatingModelForm(forms.ModelForm):
    """Stewards choose among their organisations; programme staff among all."""

    takes_user = True

    class Meta:
        model = OperatingModel
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "sector",
            "owner",
            "description",
            "source_url",
            "state",
            "decision_reference",
            "decided_on",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "decided_on": DATE}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not (roles.is_programme_staff(user) or roles.is_administrator(user)):
            self.fields["owner"].queryset = Organisation.objects.filter(pk__in=roles.stewarded_organisation_ids(user))


class InformationFlowForm(forms.ModelForm):
    takes_user = True

    class Meta:
        model = InformationFlow
        fields = [
            "code",
            "from_organisation",
            "from_sector",
            "from_system",
            "to_organisation",
            "to_sector",
            "to_system",
            "data",
            "legal_basis",
            "channel",
            "operating_model",
            "valid_from",
            "valid_to",
        ]
        widgets = {"valid_from": DATE, "valid_to": DATE}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not (roles.is_programme_staff(user) or roles.is_administrator(user)):
            self.fields["from_organisation"].queryset = Organisation.objects.filter(
                pk__in=roles.stewarded_organisation_ids(user)
            )


class NationalClassificationForm(forms.ModelForm):
    class Meta:
        model = NationalClassification
        fields = ["code", "oid", "name_fi", "name_sv", "name_en", "sector", "source_url"]
        help_texts = {"oid": _("The classification's OID on the national code server, e.g. 1.2.246.537.6.128.")}


class ClassificationVersionForm(forms.ModelForm):
    """A version of a national classification and the period it is valid in (the quarterly
    figures are checked against this period)."""

    class Meta:
        model = ClassificationVersion
        fields = ["classification", "version", "valid_from", "valid_to"]
        widgets = {"valid_from": DATE, "valid_to": DATE}


class DocumentationReportForm(forms.Form):
    """One quarter's figures of one organisation (a steward sees only their organisations)."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"))
    classification_version = forms.ModelChoiceField(
        queryset=ClassificationVersion.objects.select_related("classification"), label=_("Classification version")
    )
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)], coerce=int)
    structured_count = forms.IntegerField(label=_("Structured entries"))
    total_count = forms.IntegerField(label=_("All entries"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if roles.is_administrator(user):
            self.fields["organisation"].queryset = Organisation.objects.all()
        else:
            ids = roles.stewarded_organisation_ids(user)
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids)
            if len(ids) == 1:
                self.fields["organisation"].initial = next(iter(ids))


class DocumentationCorrectionForm(forms.Form):
    structured_count = forms.IntegerField(label=_("Structured entries"))
    total_count = forms.IntegerField(label=_("All entries"))


class FiguresFileForm(forms.Form):
    file = forms.FileField(
        label=_("Figures file (CSV or XLSX)"),
        help_text=_("Columns: organisation, classification, version, year, quarter, structured, total."),
    )


class ReportPdfForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), label=_("Organisation"))
    language = forms.ChoiceField(label=_("Language"), choices=[("fi", _("Finnish")), ("sv", _("Swedish"))])
