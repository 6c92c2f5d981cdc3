"""FilterSets of measures 3.1, 3.5 and 3.6: the API's filters and the list pages' filter forms."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integration.choices_measures import (
    CareSector,
    FlowChannel,
    KantaStage,
    OperatingModelState,
    RolloutStage,
)
from integration.models_measures import (
    ClassificationVersion,
    ClientDataAccess,
    DocumentationReport,
    InformationFlow,
    KantaReadiness,
    NationalClassification,
    OperatingModel,
    OperatingModelAdoption,
    RegionDocumentationFigure,
    UnaRollout,
)


class OperatingModelFilterSet(django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(choices=CareSector.choices, label=_("Sector"))
    state = django_filters.ChoiceFilter(choices=OperatingModelState.choices, label=_("State"))
    owner = django_filters.CharFilter(field_name="owner__code", label=_("Owner organisation (code)"))

    class Meta:
        model = OperatingModel
        fields = ["sector", "state", "owner"]


class AdoptionFilterSet(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__code", label=_("Organisation (code)"))
    operating_model = django_filters.CharFilter(field_name="operating_model__code", label=_("Operating model (code)"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on (YYYY-MM-DD)"))

    class Meta:
        model = OperatingModelAdoption
        fields = ["organisation", "operating_model", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class FlowFilterSet(django_filters.FilterSet):
    from_sector = django_filters.ChoiceFilter(choices=CareSector.choices, label=_("From sector"))
    to_sector = django_filters.ChoiceFilter(choices=CareSector.choices, label=_("To sector"))
    channel = django_filters.ChoiceFilter(choices=FlowChannel.choices, label=_("Channel"))
    organisation = django_filters.CharFilter(
        method="filter_organisation", label=_("Organisation on either side (code)")
    )
    year = django_filters.NumberFilter(method="filter_year", label=_("Year"), min_value=1900, max_value=2100)
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on (YYYY-MM-DD)"))

    class Meta:
        model = InformationFlow
        fields = ["from_sector", "to_sector", "channel", "organisation", "year", "valid_on"]

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(Q(from_organisation__code=value) | Q(to_organisation__code=value))

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.overlapping(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class ClassificationFilterSet(django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(choices=CareSector.choices, label=_("Sector"))
    oid = django_filters.CharFilter(field_name="oid", label=_("OID"))

    class Meta:
        model = NationalClassification
        fields = ["sector", "oid"]


class ClassificationVersionFilterSet(django_filters.FilterSet):
    classification = django_filters.CharFilter(field_name="classification__code", label=_("Classification (code)"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on (YYYY-MM-DD)"))

    class Meta:
        model = ClassificationVersion
        fields = ["classification", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class ReportFilterSet(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__code", label=_("Organisation (code)"))
    classification = django_filters.CharFilter(field_name="classification__code", label=_("Classification (code)"))
    year = django_filters.NumberFilter(field_name="year", label=_("Year"), min_value=1900, max_value=2100)
    quarter = django_filters.ChoiceFilter(choices=[(q, f"Q{q}") for q in range(1, 5)], label=_("Quarter"))

    class Meta:
        model = DocumentationReport
        fields = ["organisation", "classification", "year", "quarter"]


class RegionFigureFilterSet(django_filters.FilterSet):
    classification = django_filters.CharFilter(field_name="classification__code", label=_("Classification (code)"))
    year = django_filters.NumberFilter(field_name="year", label=_("Year"), min_value=1900, max_value=2100)
    quarter = django_filters.ChoiceFilter(choices=[(q, f"Q{q}") for q in range(1, 5)], label=_("Quarter"))

    class Meta:
        model = RegionDocumentationFigure
        fields = ["classification", "year", "quarter"]


class ReadinessFilterSet(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__code", label=_("Organisation (code)"))
    stage = django_filters.ChoiceFilter(choices=KantaStage.choices, label=_("Stage"))

    class Meta:
        model = KantaReadiness
        fields = ["organisation", "stage"]


class RolloutFilterSet(django_filters.FilterSet):
    module = django_filters.CharFilter(field_name="module__code", label=_("Module (code)"))
    organisation = django_filters.CharFilter(field_name="organisation__code", label=_("Organisation (code)"))
    stage = django_filters.ChoiceFilter(choices=RolloutStage.choices, label=_("Stage"))

    class Meta:
        model = UnaRollout
        fields = ["module", "organisation", "stage"]


class AccessFilterSet(django_filters.FilterSet):
    viewer = django_filters.CharFilter(field_name="viewer__code", label=_("Seen by (code)"))
    data_owner = django_filters.CharFilter(field_name="data_owner__code", label=_("Whose client data (code)"))
    channel = django_filters.ChoiceFilter(choices=FlowChannel.choices, label=_("Channel"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on (YYYY-MM-DD)"))

    class Meta:
        model = ClientDataAccess
        fields = ["viewer", "data_owner", "channel", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)
