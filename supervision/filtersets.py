"""API filters of the supervision app (codes, not display names)."""

from __future__ import annotations

import django_filters

from supervision.choices import DeviationStatus, ServiceType
from supervision.models import Contract, DeviationReport, ServiceUnit, StaffingDay, SupervisionVisit


class ServiceUnitFilterSet(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__code")
    organiser = django_filters.CharFilter(field_name="organiser__code")
    producer = django_filters.CharFilter(field_name="producer__business_id", label="Producer business ID")
    service_type = django_filters.ChoiceFilter(choices=ServiceType.choices)

    class Meta:
        model = ServiceUnit
        fields = ["municipality", "organiser", "producer", "service_type"]


class ContractFilterSet(django_filters.FilterSet):
    organiser = django_filters.CharFilter(field_name="organiser__code")
    producer = django_filters.CharFilter(field_name="producer__business_id", label="Producer business ID")
    unit = django_filters.CharFilter(field_name="units__code", label="Unit code")

    class Meta:
        model = Contract
        fields = ["organiser", "producer", "unit"]


class StaffingDayFilterSet(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__code", label="Unit code")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = StaffingDay
        fields = ["unit", "date_from", "date_to"]


class DeviationReportFilterSet(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__code", label="Unit code")
    status = django_filters.ChoiceFilter(choices=DeviationStatus.choices)

    class Meta:
        model = DeviationReport
        fields = ["unit", "status"]


class VisitFilterSet(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__code", label="Unit code")

    class Meta:
        model = SupervisionVisit
        fields = ["unit", "kind", "status"]
