from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.choices import JobStatus, MeasureStatus, OrganisationKind, PortalApp, SystemLifecycle, SystemSector
from portal.models import DataModel, InformationSystem, Job, Measure, Organisation
from portal.models.base import validity_q


class CodeListFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """``?code=297,140``: a comma list of codes."""


class OrganisationFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=OrganisationKind.choices)
    code = CodeListFilter(field_name="code", lookup_expr="in")
    parent = django_filters.CharFilter(field_name="parent__code")
    valid_on = django_filters.DateFilter(method="filter_valid_on", label="Valid on (YYYY-MM-DD)")
    member_of = django_filters.CharFilter(field_name="member_of__organisation__code", label="Member of (code)")

    class Meta:
        model = Organisation
        fields = ["kind", "code", "parent", "valid_on", "member_of"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.filter(validity_q(value))


class MeasureFilterSet(django_filters.FilterSet):
    app = django_filters.ChoiceFilter(choices=PortalApp.choices)
    status = django_filters.MultipleChoiceFilter(choices=MeasureStatus.choices)
    responsible_organisation = django_filters.CharFilter(field_name="responsible_organisation__code")

    class Meta:
        model = Measure
        fields = ["sub_area", "app", "status", "responsible_organisation"]


class DataModelFilterSet(django_filters.FilterSet):
    measure = django_filters.CharFilter(field_name="measure__number")

    class Meta:
        model = DataModel
        fields = ["status", "measure"]


class JobFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=JobStatus.choices)
    organisation = django_filters.CharFilter(field_name="organisation__code")

    class Meta:
        model = Job
        fields = ["kind", "status", "organisation"]


class InformationSystemFilterSet(django_filters.FilterSet):
    owner = django_filters.CharFilter(field_name="owner__code", label=_("Owner organisation (code)"))
    sector = django_filters.ChoiceFilter(choices=SystemSector.choices, label=_("Sector"))
    lifecycle = django_filters.MultipleChoiceFilter(choices=SystemLifecycle.choices, label=_("Lifecycle"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on (YYYY-MM-DD)"))

    class Meta:
        model = InformationSystem
        fields = ["owner", "sector", "lifecycle", "valid_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)
