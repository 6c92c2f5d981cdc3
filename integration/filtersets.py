from __future__ import annotations

import django_filters

from integration.models import AccountMapping, Code, CostCentreMapping, MappingVersion, PackageRow, Upload
from portal.filtersets import CodeListFilter


class PackageRowFilterSet(django_filters.FilterSet):
    organisation = CodeListFilter(
        field_name="organisation__code", lookup_expr="in", label="Organisation codes (comma list)"
    )
    year = django_filters.NumberFilter(field_name="year")
    package = CodeListFilter(field_name="package_code", lookup_expr="in", label="Package codes (comma list)")
    service_class = CodeListFilter(field_name="service_class_code", lookup_expr="in", label="Service class codes")
    cost_type = CodeListFilter(field_name="cost_type_code", lookup_expr="in", label="Cost type codes")
    client_group = CodeListFilter(field_name="client_group_code", lookup_expr="in", label="Client group codes")
    unallocated = django_filters.BooleanFilter(field_name="is_unallocated")

    class Meta:
        model = PackageRow
        fields = ["organisation", "year", "package", "service_class", "cost_type", "client_group", "unallocated"]


class CodeFilterSet(django_filters.FilterSet):
    code_list = django_filters.CharFilter(field_name="version__code_list__code", label="Code list code")
    version = django_filters.NumberFilter(field_name="version__number", label="Version number")

    class Meta:
        model = Code
        fields = ["code_list", "version", "level"]


class MappingVersionFilterSet(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__code")

    class Meta:
        model = MappingVersion
        fields = ["organisation", "number"]


class RuleFilterSet(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="version__organisation__code")
    version = django_filters.NumberFilter(field_name="version__number", label="Version number")


class CostCentreMappingFilterSet(RuleFilterSet):
    class Meta:
        model = CostCentreMapping
        fields = ["organisation", "version", "cost_centre", "service_class_code"]


class AccountMappingFilterSet(RuleFilterSet):
    class Meta:
        model = AccountMapping
        fields = ["organisation", "version", "cost_type_code"]


class UploadFilterSet(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__code")

    class Meta:
        model = Upload
        fields = ["organisation", "year", "sha256"]
