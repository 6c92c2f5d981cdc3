"""Filters of the indicator API (codes are the keys)."""

from __future__ import annotations

import django_filters

from knowledge_mgmt.choices import Obtained, ValueType
from knowledge_mgmt.models import Indicator


class IndicatorFilterSet(django_filters.FilterSet):
    code = django_filters.BaseInFilter(field_name="code", label="Indicator codes (comma-separated)")
    theme = django_filters.CharFilter(field_name="themes__code", label="Theme code")
    value_type = django_filters.ChoiceFilter(choices=ValueType.choices)
    obtained = django_filters.ChoiceFilter(choices=Obtained.choices)
    public = django_filters.BooleanFilter()
    sotkanet_id = django_filters.NumberFilter()
    indicator_set = django_filters.CharFilter(field_name="sets__code", label="Indicator set code")

    class Meta:
        model = Indicator
        fields = ["code", "theme", "value_type", "obtained", "public", "sotkanet_id", "indicator_set"]
