"""FilterSets shared by the list pages (as the filter form) and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from archiving import choices as c
from archiving.models import (
    AccessRequest,
    ArchivingPlan,
    DataContent,
    DestructionList,
    Requirement,
    RetentionRule,
    RetentionSimulation,
)


class DataContentFilterSet(django_filters.FilterSet):
    system = django_filters.CharFilter(field_name="system__code", label=_("System (code)"))
    owner = django_filters.CharFilter(field_name="system__owner__code", label=_("Owner organisation (code)"))
    domain = django_filters.ChoiceFilter(choices=c.Domain.choices, label=_("Domain"))
    disposition = django_filters.ChoiceFilter(choices=c.Disposition.choices, label=_("Planned disposition"))

    class Meta:
        model = DataContent
        fields = ["system", "owner", "domain", "disposition"]


class RetentionRuleFilterSet(django_filters.FilterSet):
    domain = django_filters.ChoiceFilter(choices=c.RuleDomain.choices, label=_("Records"))
    verified = django_filters.BooleanFilter(label=_("Source verified"))

    class Meta:
        model = RetentionRule
        fields = ["domain", "verified"]


class SimulationFilterSet(django_filters.FilterSet):
    system = django_filters.CharFilter(field_name="system__code", label=_("System (code)"))

    class Meta:
        model = RetentionSimulation
        fields = ["system"]


class PlanFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=c.PlanStatus.choices, label=_("Status"))
    code = django_filters.CharFilter(label=_("Plan code"))

    class Meta:
        model = ArchivingPlan
        fields = ["status", "code"]


class RequirementFilterSet(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=c.RequirementCategory.choices, label=_("Category"))
    priority = django_filters.ChoiceFilter(choices=c.Priority.choices, label=_("Priority"))

    class Meta:
        model = Requirement
        fields = ["category", "priority"]


class AccessRequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=c.RequestStatus.choices, label=_("Status"))
    domain = django_filters.ChoiceFilter(choices=c.Domain.choices, label=_("Domain"))

    class Meta:
        model = AccessRequest
        fields = ["status", "domain"]


class DestructionListFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=c.ApprovalStatus.choices, label=_("Status"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = DestructionList
        fields = ["status", "year"]
