"""FilterSets shared by the OT centre's list pages and its API (one definition, two uses)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ot_centre.choices import AgreementKind, RequestStatus, Urgency
from ot_centre.models import Agreement, ConsultationRequest, Expert, ExpertiseArea


class ExpertFilterSet(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__code", label=_("Organisation (code)"))
    expertise_area = django_filters.ModelChoiceFilter(
        field_name="expertise_areas",
        queryset=ExpertiseArea.objects.all(),
        to_field_name="code",
        label=_("Expertise area"),
    )
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on (YYYY-MM-DD)"))

    class Meta:
        model = Expert
        fields = ["organisation", "expertise_area", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class AgreementFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=AgreementKind.choices, label=_("Kind"))
    party = django_filters.CharFilter(field_name="parties__code", label=_("Party (organisation code)"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on (YYYY-MM-DD)"))

    class Meta:
        model = Agreement
        fields = ["kind", "party", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class RequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, label=_("Status"))
    urgency = django_filters.ChoiceFilter(choices=Urgency.choices, label=_("Urgency"))
    county = django_filters.CharFilter(field_name="county__code", label=_("County (code)"))
    expertise_area = django_filters.ModelChoiceFilter(
        queryset=ExpertiseArea.objects.all(), to_field_name="code", label=_("Expertise area")
    )

    class Meta:
        model = ConsultationRequest
        fields = ["status", "urgency", "county", "expertise_area"]
