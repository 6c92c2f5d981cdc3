from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from integration import services
from integration.api import serializers as s
from integration.api.renderers import CSVRenderer
from integration.filtersets import (
    AccountMappingFilterSet,
    CodeFilterSet,
    CostCentreMappingFilterSet,
    MappingVersionFilterSet,
    PackageRowFilterSet,
    UploadFilterSet,
)
from integration.models import (
    AccountMapping,
    Code,
    CodeList,
    CostCentreMapping,
    MappingVersion,
    Package,
    PackageDefinition,
    PackageRow,
    Upload,
)
from portal.api.base import HistoryMixin, PortalModelViewSet, PortalReadOnlyViewSet
from portal.models import Organisation


def _raise(exc: DjangoValidationError):
    raise ValidationError({"detail": exc.messages}) from exc


class CodeListViewSet(PortalReadOnlyViewSet):
    """Code lists (service classes, JHS 192 cost types, client groups, ...) with their versions."""

    queryset = CodeList.objects.prefetch_related("versions").order_by("code")
    serializer_class = s.CodeListSerializer
    lookup_field = "code"


class CodeViewSet(PortalReadOnlyViewSet):
    """Codes of code-list versions; filter with ``code_list`` and ``version``."""

    queryset = Code.objects.select_related("version__code_list", "parent").order_by(
        "version__code_list__code", "version__number", "sort_order", "code"
    )
    serializer_class = s.CodeSerializer
    filterset_class = CodeFilterSet


class PackageDefinitionViewSet(PortalReadOnlyViewSet):
    """SOTE package definitions; ``is_example``/``label`` mark the shipped EXAMPLE (not official)."""

    queryset = PackageDefinition.objects.prefetch_related(
        Prefetch("packages", Package.objects.prefetch_related("members"))
    ).order_by("code")
    serializer_class = s.PackageDefinitionSerializer
    lookup_field = "code"


class MappingVersionViewSet(HistoryMixin, PortalModelViewSet):
    """Mapping versions of organisations. POST makes a new version copied from the latest."""

    queryset = MappingVersion.objects.select_related("organisation", "based_on").order_by(
        "organisation__code", "-number"
    )
    serializer_class = s.MappingVersionSerializer
    filterset_class = MappingVersionFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        organisation = Organisation.objects.filter(code=serializer.validated_data["organisation_code"]).first()
        if organisation is None:
            raise ValidationError({"organisation_code": ["Unknown organisation."]})
        try:
            serializer.instance = services.create_mapping_version(
                organisation, actor=self.request.user, note=serializer.validated_data.get("note", "")
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc

    def perform_update(self, serializer):
        serializer.save()


class _RuleViewSet(HistoryMixin, PortalModelViewSet):
    save_rule = None

    def _version(self, serializer) -> MappingVersion:
        version = serializer.validated_data.get("version") or serializer.instance.version
        if not MappingVersion.objects.editable_by(self.request.user).filter(pk=version.pk).exists():
            raise PermissionDenied("You cannot change this organisation's mapping.")
        return version

    def perform_create(self, serializer):
        version = self._version(serializer)
        values = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        try:
            serializer.instance = type(self).save_rule(version, actor=self.request.user, **values)
        except DjangoValidationError as exc:
            _raise(exc)

    def perform_update(self, serializer):
        self._version(serializer)
        try:
            services.validate_rule_update(serializer.instance, serializer.validated_data)
        except DjangoValidationError as exc:
            _raise(exc)
        serializer.save()

    def perform_destroy(self, instance):
        try:
            services.delete_rule(instance, actor=self.request.user)
        except DjangoValidationError as exc:
            _raise(exc)


class CostCentreMappingViewSet(_RuleViewSet):
    """Cost centre -> service class, client group, production mode. Only unfrozen versions change."""

    queryset = CostCentreMapping.objects.select_related("version__organisation").order_by("version", "cost_centre")
    serializer_class = s.CostCentreMappingSerializer
    filterset_class = CostCentreMappingFilterSet
    save_rule = staticmethod(services.save_cost_centre_rule)


class AccountMappingViewSet(_RuleViewSet):
    """Account or account range -> cost type. Only unfrozen versions change."""

    queryset = AccountMapping.objects.select_related("version__organisation").order_by("version", "account_from")
    serializer_class = s.AccountMappingSerializer
    filterset_class = AccountMappingFilterSet
    save_rule = staticmethod(services.save_account_rule)


class UploadViewSet(PortalModelViewSet):
    """Ledger uploads. POST (multipart: organisation, year, file, [sheet], [mapping_version]) answers
    202 with the conversion job's URL."""

    queryset = Upload.objects.select_related("organisation", "uploaded_by").order_by("-uploaded_at", "-pk")
    serializer_class = s.UploadSerializer
    filterset_class = UploadFilterSet
    parser_classes = [MultiPartParser, FormParser]
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=s.UploadCreateSerializer, responses={202: s.UploadAcceptedSerializer})
    def create(self, request, *args, **kwargs):
        form = s.UploadCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        organisation = Organisation.objects.filter(code=data["organisation"]).first()
        if organisation is None:
            raise ValidationError({"organisation": ["Unknown organisation."]})
        version = None
        if data.get("mapping_version") is not None:
            version = MappingVersion.objects.filter(organisation=organisation, number=data["mapping_version"]).first()
            if version is None:
                raise ValidationError({"mapping_version": ["No such mapping version for the organisation."]})
        upload_file = data["file"]
        try:
            outcome = services.upload_ledger(
                organisation=organisation,
                year=data["year"],
                file=upload_file,
                filename=upload_file.name,
                actor=request.user,
                sheet=data.get("sheet", ""),
                mapping_version=version,
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            _raise(exc)
        job_url = reverse("api-portal:job-detail", args=[outcome.job.pk])
        body = {
            "upload": s.UploadSerializer(outcome.upload).data,
            "job_id": outcome.job.pk,
            "job_url": request.build_absolute_uri(job_url),
            "job_page": request.build_absolute_uri(reverse("portal:job-detail", args=[outcome.job.pk])),
            "duplicate_of": outcome.duplicate_of.pk if outcome.duplicate_of else None,
            "notes": outcome.notes,
        }
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["job_url"]})


class PackageRowViewSet(PortalReadOnlyViewSet):
    """SOTE package rows (current results) with lineage. ``?format=csv`` downloads every matching row."""

    queryset = PackageRow.objects.select_related("organisation", "mapping_version", "package_definition").order_by(
        "organisation__code",
        "year",
        "is_unallocated",
        "package_code",
        "service_class_code",
        "client_group_code",
        "cost_type_code",
        "production_mode_code",
        "pk",
    )
    serializer_class = s.PackageRowSerializer
    filterset_class = PackageRowFilterSet
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]

    @extend_schema(parameters=[OpenApiParameter("format", str, enum=["json", "csv"], required=False)])
    def list(self, request, *args, **kwargs):
        if getattr(request.accepted_renderer, "format", "") == "csv":
            queryset = self.filter_queryset(self.get_queryset())
            response = Response(self.get_serializer(queryset, many=True).data)
            response["Content-Disposition"] = 'attachment; filename="sote-package-rows.csv"'
            return response
        return super().list(request, *args, **kwargs)
