"""FilterSets shared by the list pages (as filter forms) and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from digital_services import choices, models


class DigitalServiceFilterSet(django_filters.FilterSet):
    funding_type = django_filters.ChoiceFilter(choices=choices.FundingType.choices, label=_("Funding type"))
    charge_type = django_filters.ChoiceFilter(choices=choices.ChargeType.choices, label=_("Charge type"))
    medical_device = django_filters.BooleanFilter(label=_("Medical device"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on (YYYY-MM-DD)"))

    class Meta:
        model = models.DigitalService
        fields = ["funding_type", "charge_type", "medical_device", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class RolloutFilterSet(django_filters.FilterSet):
    service = django_filters.CharFilter(field_name="service__code", label=_("Service (code)"))
    organisation = django_filters.CharFilter(field_name="organisation__code", label=_("Organisation (code)"))
    ebooking_linked = django_filters.BooleanFilter(label=_("Linked to e-booking"))

    class Meta:
        model = models.Rollout
        fields = ["service", "organisation", "ebooking_linked"]


class MonthlyFigureFilterSet(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__code", label=_("Organisation (code)"))
    month_from = django_filters.DateFilter(field_name="month", lookup_expr="gte", label=_("From month (YYYY-MM-DD)"))
    month_to = django_filters.DateFilter(field_name="month", lookup_expr="lte", label=_("To month (YYYY-MM-DD)"))

    class Meta:
        model = models.MonthlyFigure
        fields = ["organisation", "month_from", "month_to"]


class PilotFilterSet(django_filters.FilterSet):
    decision = django_filters.ChoiceFilter(choices=choices.PilotDecision.choices, label=_("Decision"))
    organisation = django_filters.CharFilter(field_name="organisations__code", label=_("Organisation (code)"))

    class Meta:
        model = models.Pilot
        fields = ["decision", "organisation"]


class ChatStatFilterSet(django_filters.FilterSet):
    day_from = django_filters.DateFilter(field_name="day", lookup_expr="gte", label=_("From (YYYY-MM-DD)"))
    day_to = django_filters.DateFilter(field_name="day", lookup_expr="lte", label=_("To (YYYY-MM-DD)"))
    intent_code = django_filters.CharFilter(label=_("Intent code"))

    class Meta:
        model = models.ChatDailyStat
        fields = ["day_from", "day_to", "intent_code"]


class RequirementFilterSet(django_filters.FilterSet):
    area = django_filters.ChoiceFilter(choices=choices.RequirementArea.choices, label=_("Area"))
    priority = django_filters.ChoiceFilter(choices=choices.Priority.choices, label=_("Priority"))

    class Meta:
        model = models.SystemRequirement
        fields = ["area", "priority"]
