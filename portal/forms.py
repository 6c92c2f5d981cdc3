from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from portal import roles
from portal.choices import ConceptRelationKind, MeasureStatus, OrganisationKind
from portal.models import Concept, DataModel, InformationSystem, Measure, Organisation


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name_fi", "name_sv", "website", "contact_email", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class MeasureForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Measure
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "deliverables_fi",
            "deliverables_sv",
            "deliverables_en",
            "responsible_organisation",
            "responsible_person",
            "start_date",
            "end_date",
        ]
        widgets = {
            "title_fi": forms.Textarea(attrs={"rows": 2}),
            "title_sv": forms.Textarea(attrs={"rows": 2}),
            "title_en": forms.Textarea(attrs={"rows": 2}),
            "deliverables_fi": forms.Textarea(attrs={"rows": 3}),
            "deliverables_sv": forms.Textarea(attrs={"rows": 3}),
            "deliverables_en": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    note = forms.CharField(label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class OrganisationExportForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Kinds to include (none: all)"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DataModelForm(forms.ModelForm):
    class Meta:
        model = DataModel
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "version",
            "status",
            "measure",
        ]
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 3}),
            "description_sv": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }


class ConceptForm(forms.ModelForm):
    class Meta:
        model = Concept
        fields = ["code", "name_fi", "name_sv", "name_en", "definition_fi", "definition_sv", "definition_en"]
        widgets = {
            "definition_fi": forms.Textarea(attrs={"rows": 3}),
            "definition_sv": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, data_model=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_model = data_model

    def clean_code(self):
        code = self.cleaned_data["code"]
        clash = Concept.objects.filter(data_model=self.data_model, code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This data model has a concept with this code already."))
        return code


class ConceptRelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Relation"), choices=[])
    target = forms.ModelChoiceField(label=_("Related concept"), queryset=None)

    def __init__(self, *args, source=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ConceptRelationKind.choices
        targets = Concept.objects.select_related("data_model").order_by("data_model__code", "name_fi")
        self.fields["target"].queryset = targets.exclude(pk=source.pk) if source is not None else targets
        self.fields["target"].label_from_instance = lambda c: f"{c.data_model.code}: {c.name}"


class EuroCentsField(forms.DecimalField):
    """Money typed in euros (``1 234,50``) and kept as integer cents."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("max_digits", 14)
        super().__init__(**kwargs)
        self.localize = True
        self.widget.is_localized = True

    def prepare_value(self, value):
        if isinstance(value, int):
            return Decimal(value) / 100
        return super().prepare_value(value)

    def clean(self, value):
        cleaned = super().clean(value)
        return None if cleaned is None else int((cleaned * 100).to_integral_value())


class MonthField(forms.DateField):
    """A month picker (``<input type="month">``) whose value is the first day of the month.

    Accepts YYYY-MM (what the browser sends) and, for old links and browsers without a month
    picker, a full date YYYY-MM-DD; renders the value as YYYY-MM.
    """

    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.DateInput(attrs={"type": "month", "pattern": "[0-9]{4}-[0-9]{2}"}, format="%Y-%m")
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        day = super().to_python(value)
        return None if day is None else day.replace(day=1)


def preselect_single_choice(form: forms.BaseForm, name: str) -> None:
    """Preselect the only choice of a narrowed model choice field.

    A steward of one organisation should not have to pick it from a list that starts with
    "---------": when the field's queryset holds exactly one row and nothing is chosen yet (no
    initial value, no saved instance value), that row becomes the initial value and a required
    field drops its empty choice.
    """
    field = form.fields[name]
    if form.initial.get(name) not in (None, ""):
        return
    rows = list(field.queryset[:2])
    if len(rows) != 1:
        return
    form.initial[name] = rows[0]
    if field.required:
        field.empty_label = None


class InformationSystemForm(forms.ModelForm):
    """Stewards choose among the organisations they steward; programme staff among all."""

    takes_user = True
    annual_licence_cents = EuroCentsField(label=_("annual licence cost (EUR)"), required=False)
    annual_maintenance_cents = EuroCentsField(label=_("annual maintenance cost (EUR)"), required=False)

    class Meta:
        model = InformationSystem
        fields = [
            "code",
            "name",
            "owner",
            "vendor",
            "purpose",
            "sector",
            "lifecycle",
            "in_use_since",
            "replacement_planned_on",
            "read_only_since",
            "archived_on",
            "decommissioned_on",
            "replaced_by",
            "annual_licence_cents",
            "annual_maintenance_cents",
            "contract_end",
            "valid_from",
            "valid_to",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            **{
                name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                for name in (
                    "in_use_since",
                    "replacement_planned_on",
                    "read_only_since",
                    "archived_on",
                    "decommissioned_on",
                    "contract_end",
                    "valid_from",
                    "valid_to",
                )
            },
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        owners = Organisation.objects.order_by("name_fi")
        if user is not None and not (roles.is_administrator(user) or roles.is_programme_staff(user)):
            owners = owners.filter(pk__in=roles.stewarded_organisation_ids(user))
        self.fields["owner"].queryset = owners
        if not self.instance.pk:
            preselect_single_choice(self, "owner")
        others = InformationSystem.objects.order_by("name")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["replaced_by"].queryset = others

    def clean_annual_licence_cents(self):
        return self.cleaned_data["annual_licence_cents"] or 0

    def clean_annual_maintenance_cents(self):
        return self.cleaned_data["annual_maintenance_cents"] or 0
