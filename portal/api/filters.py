"""The API's filter backend (``REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

# What a boolean query parameter may be (the schema says ``boolean``; django-filter reads these).
BOOLEAN_VALUES = {"true", "false"}


class PortalFilterBackend(DjangoFilterBackend):
    """django-filter with "sent empty means not given" for every filter.

    The schema marks optional query parameters ``allowEmptyValue`` (the UI's filter forms send
    every field, empty ones too). A plain filter already ignores ``?kind=``, but a multiple-choice
    filter validates ``[""]`` and refused it ("'' is not one of the available choices"), so the
    empty values are dropped before the FilterSet sees them.

    And a boolean filter takes ``true`` or ``false``: django-filter reads anything else as "not
    given", so ``?verified=yes`` silently returned every row.
    """

    def get_filterset_kwargs(self, request: Any, queryset: Any, view: Any) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        data = kwargs["data"].copy()
        for key in list(data.keys()):
            values = [value for value in data.getlist(key) if value != ""]
            if values:
                data.setlist(key, values)
            else:
                del data[key]
        kwargs["data"] = data
        filterset_class = self.get_filterset_class(view, queryset)
        for name, query_filter in getattr(filterset_class, "base_filters", {}).items():
            values = data.getlist(name) if isinstance(query_filter, django_filters.BooleanFilter) else []
            if any(value.lower() not in BOOLEAN_VALUES for value in values):
                raise ValidationError({name: [_("Enter true or false.")]})
        return kwargs
