from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from integration.models import CodeListKind, OrganisationSettings, UnmappedPolicy
from integration.parsing import FIELDS
from portal.forms import preselect_single_choice
from portal.models import Organisation


def _choices(kind: str) -> list[tuple[str, str]]:
    from integration.selectors import code_names

    return [("", "—")] + [(code, f"{code} {name}") for code, (name, _lang) in code_names(kind).items()]


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation"), to_field_name="code"
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    file = forms.FileField(label=_("Ledger file (CSV or XLSX)"))
    sheet = forms.CharField(
        label=_("Sheet (XLSX)"), required=False, help_text=_("Empty: the first sheet that has a header row.")
    )
    mapping_version = forms.IntegerField(
        label=_("Mapping version number"), required=False, min_value=1, help_text=_("Empty: the latest version.")
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        preselect_single_choice(self, "organisation")

    def clean(self):
        cleaned = super().clean()
        organisation, number = cleaned.get("organisation"), cleaned.get("mapping_version")
        cleaned["mapping_version_obj"] = None
        if organisation is not None and number:
            from integration.models import MappingVersion

            version = MappingVersion.objects.filter(organisation=organisation, number=number).first()
            if version is None:
                self.add_error(
                    "mapping_version",
                    _("%(org)s has no mapping version %(n)s.") % {"org": organisation.code, "n": number},
                )
            cleaned["mapping_version_obj"] = version
        return cleaned


class CostCentreRuleForm(forms.Form):
    cost_centre = forms.CharField(label=_("Cost centre"), max_length=60)
    service_class_code = forms.ChoiceField(label=_("Service class"))
    client_group_code = forms.ChoiceField(label=_("Client group"))
    production_mode_code = forms.ChoiceField(label=_("Production mode"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_class_code"].choices = _choices(CodeListKind.SERVICE_CLASS)
        self.fields["client_group_code"].choices = _choices(CodeListKind.CLIENT_GROUP)
        self.fields["production_mode_code"].choices = _choices(CodeListKind.PRODUCTION_MODE)


class AccountRuleForm(forms.Form):
    account_from = forms.CharField(label=_("Account (or first of a range)"), max_length=30)
    account_to = forms.CharField(label=_("Last account of the range"), max_length=30, required=False)
    cost_type_code = forms.ChoiceField(label=_("Cost type"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost_type_code"].choices = _choices(CodeListKind.COST_TYPE)


class FileImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))


class SettingsForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label=_("Extra column names"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: field = name, name. Fields: %(fields)s.") % {"fields": ", ".join(FIELDS)},
    )

    class Meta:
        model = OrganisationSettings
        fields = ["unmapped_policy", "max_errors"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unmapped_policy"].choices = UnmappedPolicy.choices
        aliases = self.instance.column_aliases or {}
        self.fields["aliases_text"].initial = "\n".join(
            f"{name} = {', '.join(values if isinstance(values, list) else [values])}"
            for name, values in aliases.items()
        )

    def clean_aliases_text(self) -> dict:
        result: dict[str, list[str]] = {}
        for number, line in enumerate(self.cleaned_data["aliases_text"].splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, values = line.partition("=")
            name = name.strip()
            if not sep or name not in FIELDS:
                raise forms.ValidationError(
                    _("Line %(n)s: write field = name, name; the field must be one of %(fields)s.")
                    % {"n": number, "fields": ", ".join(FIELDS)}
                )
            result[name] = [v.strip() for v in values.split(",") if v.strip()]
        return result
