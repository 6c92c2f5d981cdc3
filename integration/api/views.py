from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from integration import selectors, services
from integration.api import serializers as s
from integration.api.renderers import CSVDownloadRenderer, CSVRenderer, XLSXDownloadRenderer
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
    ConversionDraft,
    CostCentreMapping,
    MappingVersion,
    Package,
    PackageDefinition,
    PackageRow,
    Upload,
)
from portal import roles
from portal.api.base import HistoryMixin, PortalModelViewSet, PortalReadOnlyViewSet, ServiceModelViewSet
from portal.api.serializers import JobSerializer
from portal.exports import csv_response, xlsx_response
from portal.models import Organisation
from portal.permissions import can_edit

XLSX_MEDIA_TYPE = XLSXDownloadRenderer.media_type


def _job_accepted(request, job) -> Response:
    """202 with the import job; the job's page and API show its progress and result or errors."""
    job.refresh_from_db()
    location = request.build_absolute_uri(reverse("api-portal:job-detail", args=[job.pk]))
    return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED, headers={"Location": location})


def _import_refused(errors: list[str]) -> Response:
    """400 of an import: nothing stored, every problem with its row number."""
    return Response({"detail": _("Nothing was imported."), "errors": errors}, status=status.HTTP_400_BAD_REQUEST)


class CodeListViewSet(PortalReadOnlyViewSet):
    """Code lists (service classes, JHS 192 cost types, client groups, ...) with their versions."""

    queryset = CodeList.objects.prefetch_related("versions").order_by("code")
    serializer_class = s.CodeListSerializer
    lookup_field = "code"

    @extend_schema(
        request={"multipart/form-data": s.CodeListImportSerializer},
        responses={
            202: JobSerializer,
            400: OpenApiResponse(s.ImportErrorSerializer, description="nothing imported; problems by row"),
        },
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser, FormParser])
    def import_file(self, request, *args, **kwargs):
        """Import a code list version from CSV/XLSX (the same import as the UI and ``import_code_list``).

        Programme staff and administrators only. Duplicate codes, unknown parents or missing names
        refuse the whole file (400, every problem with its row); nothing is stored then.
        """
        if not CodeList.objects.can_create(request.user):
            raise PermissionDenied(_("Only programme staff and administrators import code lists."))
        form = s.CodeListImportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        code_list = CodeList.objects.editable_by(request.user).filter(code=data["code_list"]).first()
        if code_list is None:
            raise ValidationError({"code_list": [_("Unknown code list %(code)s.") % {"code": data["code_list"]}]})
        upload_file = data["file"]
        if upload_file.size > services.max_upload_bytes():
            return _import_refused([_("The file is too large.")])
        if (
            data["valid_from_year"] is not None
            and data["valid_to_year"] is not None
            and data["valid_from_year"] > data["valid_to_year"]
        ):
            return _import_refused(
                [
                    _("The first valid year %(first)s is after the last valid year %(last)s.")
                    % {"first": data["valid_from_year"], "last": data["valid_to_year"]}
                ]
            )
        job = services.request_code_list_import(
            code_list,
            upload_file.read(),
            filename=upload_file.name,
            actor=request.user,
            source=data["source"],
            activate=not data["draft"],
            valid_from_year=data["valid_from_year"],
            valid_to_year=data["valid_to_year"],
        )
        return _job_accepted(request, job)


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


class MappingVersionViewSet(HistoryMixin, ServiceModelViewSet):
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
        serializer.instance = services.create_mapping_version(
            organisation, actor=self.request.user, note=serializer.validated_data.get("note", "")
        )

    def perform_update(self, serializer):
        super().perform_update(serializer)

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["csv", "xlsx"], required=False, description="default csv")],
        responses={(200, "text/csv"): OpenApiTypes.BINARY, (200, XLSX_MEDIA_TYPE): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], renderer_classes=[CSVDownloadRenderer, XLSXDownloadRenderer])
    def export(self, request, *args, **kwargs):
        """The version's rules as CSV or XLSX in the import format (formula-like cells neutralised)."""
        version = self.get_object()
        rows = services.mapping_rows(version)
        name = f"mapping-{version.organisation.code}-v{version.number}"
        if request.accepted_renderer.format == "xlsx":
            return xlsx_response(f"{name}.xlsx", services.MAPPING_COLUMNS, rows, sheet_title="mapping")
        return csv_response(f"{name}.csv", services.MAPPING_COLUMNS, rows)

    @extend_schema(
        request={"multipart/form-data": s.MappingImportSerializer},
        responses={
            202: JobSerializer,
            400: OpenApiResponse(s.ImportErrorSerializer, description="nothing imported; problems by row"),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_file(self, request, *args, **kwargs):
        """Import rules from CSV/XLSX (the export format) as a NEW mapping version; all or nothing.

        Only the organisation's stewards and administrators; an existing (frozen or not) version is
        never changed.
        """
        form = s.MappingImportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        organisation = Organisation.objects.filter(code=form.validated_data["organisation"]).first()
        if organisation is None:
            raise ValidationError({"organisation": [_("Unknown organisation.")]})
        if not roles.is_steward_of(request.user, organisation):
            raise PermissionDenied(_("You are not a data steward of %(org)s.") % {"org": organisation.code})
        upload_file = form.validated_data["file"]
        if upload_file.size > services.max_upload_bytes():
            return _import_refused([_("The file is too large.")])
        job = services.request_mapping_import(
            organisation, upload_file.read(), filename=upload_file.name, actor=request.user
        )
        return _job_accepted(request, job)


class _RuleViewSet(HistoryMixin, ServiceModelViewSet):
    save_rule = None
    validation_errors_as_detail = True  # a refused rule: {"detail": [messages]} (portal.api.exceptions)

    def _version(self, serializer) -> MappingVersion:
        version = serializer.validated_data.get("version") or serializer.instance.version
        if not can_edit(self.request.user, version):
            raise PermissionDenied("You cannot change this organisation's mapping.")
        return version

    def perform_create(self, serializer):
        version = self._version(serializer)
        values = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        serializer.instance = type(self).save_rule(version, actor=self.request.user, **values)

    def perform_update(self, serializer):
        self._version(serializer)
        services.validate_rule_update(serializer.instance, serializer.validated_data)
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        services.delete_rule(instance, actor=self.request.user)


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
    validation_errors_as_detail = True  # a refused upload: {"detail": [messages]} (portal.api.exceptions)

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
        outcome = services.upload_ledger(
            organisation=organisation,
            year=data["year"],
            file=upload_file,
            filename=upload_file.name,
            actor=request.user,
            sheet=data.get("sheet", ""),
            mapping_version=version,
        )
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

    queryset = PackageRow.objects.select_related(
        "organisation", "mapping_version", "package_definition", "upload"
    ).order_by(
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


class CoverageView(APIView):
    """Mapping coverage (the UI's coverage page): which cost centres and accounts of the latest
    upload map nowhere under the latest mapping version, and how many euros that is."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[s.CoverageQuerySerializer], responses={200: s.CoverageSerializer})
    def get(self, request, *args, **kwargs):
        query = s.CoverageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        code, year = query.validated_data["organisation"], query.validated_data["year"]
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise ValidationError({"organisation": [_("Unknown organisation.")]})
        upload = selectors.latest_upload(organisation, year=year)
        if upload is not None and not Upload.objects.visible_to(request.user).filter(pk=upload.pk).exists():
            # as on the page: the ledger itself is for its stewards, programme staff and administrators
            raise PermissionDenied(_("The organisation's ledgers are for its data stewards and programme staff."))
        version = selectors.latest_mapping_version(organisation)
        body = {
            "organisation": organisation.code,
            "year": year,
            "mapping_version": version.number if version else None,
            "upload": s.CoverageUploadSerializer(upload).data if upload else None,
            "detail": "",
            "rows_read": None,
            "input_euros": None,
            "unallocated_euros": None,
            "cost_centres": [],
            "accounts": [],
            "unpackaged": [],
        }
        if version is None:
            body["detail"] = _("The organisation has no mapping yet.")
        elif upload is None:
            body["detail"] = _("No upload to check the mapping against.")
        else:
            info = selectors.coverage(organisation, version, upload=upload)
            if info is None:
                body["detail"] = _("No active package definition.")
            elif info["error"]:
                body["detail"] = info["error"]
            else:
                body.update({key: info[key] for key in ("rows_read", "input_euros", "unallocated_euros")})
                body["cost_centres"] = info["cost_centres"]
                body["accounts"] = info["accounts"]
                body["unpackaged"] = info["unpackaged"]
        return Response(s.CoverageSerializer(body).data)


class ConversionDraftViewSet(PortalReadOnlyViewSet):
    """Draft results awaiting review (the stewards of the organisation, programme staff and
    administrators read them). ``publish`` makes one the organisation-year's published result;
    ``discard`` drops it. Nothing reaches the package rows or the indicators before publishing."""

    queryset = ConversionDraft.objects.select_related(
        "organisation", "upload", "mapping_version", "decided_by"
    ).order_by("-created_at", "-pk")
    serializer_class = s.ConversionDraftSerializer
    filterset_fields = {"organisation__code": ["exact"], "year": ["exact"], "status": ["exact"]}
    validation_errors_as_detail = True  # a refused decision: {"detail": [messages]} (portal.api.exceptions)

    def _decide(self, request, verb):
        from integration import publication

        draft = self.get_object()
        getattr(publication, verb)(draft, actor=request.user)
        draft.refresh_from_db()
        return Response(s.ConversionDraftSerializer(draft).data)

    @extend_schema(request=None, responses={200: s.ConversionDraftSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._decide(request, "publish_draft")

    @extend_schema(request=None, responses={200: s.ConversionDraftSerializer})
    @action(detail=True, methods=["post"])
    def discard(self, request, pk=None):
        return self._decide(request, "discard_draft")
