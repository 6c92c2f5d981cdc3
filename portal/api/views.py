from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from portal import audit, services
from portal.api.base import HistoryMixin, PortalModelViewSet, PortalReadOnlyViewSet, ServiceModelViewSet
from portal.api.serializers import (
    ConceptDetailSerializer,
    ConceptRelationDetailSerializer,
    DataModelSerializer,
    InformationSystemSerializer,
    JobSerializer,
    MeasureSerializer,
    OrganisationExportRequestSerializer,
    OrganisationSerializer,
)
from portal.filtersets import (
    DataModelFilterSet,
    InformationSystemFilterSet,
    JobFilterSet,
    MeasureFilterSet,
    OrganisationFilterSet,
)
from portal.jobs import can_rerun, job_errors_response, rerun_job
from portal.models import (
    Concept,
    ConceptRelation,
    DataModel,
    InformationSystem,
    Job,
    Measure,
    Organisation,
    OrganisationMembership,
)

# What a job's result file can be (FileResponse names the type from the file name): the PDF
# reports, the batch of reports as a ZIP, the organisation register as XLSX or CSV.
JOB_RESULT_TYPES = (
    "application/pdf",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/csv",
)


class OrganisationViewSet(HistoryMixin, PortalModelViewSet):
    """Organisations with their memberships and yearly populations. Read: anyone. Edit: stewards."""

    queryset = (
        Organisation.objects.select_related("parent", "successor")
        .prefetch_related(
            "populations", Prefetch("memberships", OrganisationMembership.objects.select_related("member"))
        )
        .order_by("kind", "code")
    )
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    lookup_field = "code"
    ordering_fields = ["code", "name_fi", "kind", "valid_from"]
    search_fields = ["name_fi", "name_sv", "code"]
    http_method_names = ["get", "patch", "put", "head", "options"]

    def perform_update(self, serializer):
        serializer.instance = services.update_organisation(
            serializer.instance, changes=dict(serializer.validated_data), actor=self.request.user
        )


class MeasureViewSet(HistoryMixin, PortalModelViewSet):
    """The programme's measures. Updates need the ``version`` read earlier; a stale one answers 409."""

    queryset = Measure.objects.select_related("responsible_organisation").order_by("sub_area", "number")
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilterSet
    lookup_field = "number"
    lookup_value_regex = r"[0-9]+\.[0-9]+"
    ordering_fields = ["number", "status", "progress", "end_date"]
    search_fields = ["title_fi", "title_sv", "title_en"]
    http_method_names = ["get", "patch", "put", "head", "options"]

    @extend_schema(responses={200: MeasureSerializer})  # 409 (stale version): portal.api.schema's Conflict
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if "version" not in changes:
            raise ValidationError(
                {"version": "Send the version you read; it guards against overwriting others' edits."}
            )
        expected = changes.pop("version")
        # A stale version is a 409 with the current object, a refused change a 400 (portal.api.exceptions).
        measure = services.update_measure(instance, changes=changes, expected_version=expected, actor=request.user)
        return Response(MeasureSerializer(measure).data)


class DataModelViewSet(HistoryMixin, PortalModelViewSet):
    """Concept and data models of the programme with their concepts and relations."""

    queryset = (
        DataModel.objects.select_related("measure")
        .prefetch_related(Prefetch("concepts", Concept.objects.prefetch_related("relations_out__target")))
        .order_by("code")
    )
    serializer_class = DataModelSerializer
    filterset_class = DataModelFilterSet
    lookup_field = "code"
    ordering_fields = ["code", "status"]
    search_fields = ["name_fi", "name_sv", "name_en", "concepts__name_fi"]


class ConceptViewSet(HistoryMixin, PortalModelViewSet):
    """Concepts of the catalogue; ``?data_model=CODE`` narrows to one model. Programme staff edit."""

    queryset = (
        Concept.objects.select_related("data_model")
        .prefetch_related("relations_out__target")
        .order_by("data_model__code", "code")
    )
    serializer_class = ConceptDetailSerializer
    filterset_fields = {"data_model__code": ["exact"], "code": ["exact"]}
    ordering_fields = ["code", "name_fi"]
    search_fields = ["name_fi", "name_sv", "name_en", "definition_fi"]


class ConceptRelationViewSet(PortalModelViewSet):
    """Directed relations between concepts (broader, part of, related, associated)."""

    queryset = ConceptRelation.objects.select_related("source", "target").order_by("source_id", "kind", "target_id")
    serializer_class = ConceptRelationDetailSerializer
    filterset_fields = {"source": ["exact"], "target": ["exact"], "kind": ["exact"]}
    http_method_names = ["get", "post", "delete", "head", "options"]


class JobViewSet(PortalReadOnlyViewSet):
    """Background jobs the user may see; ``rerun`` queues a failed job again."""

    queryset = Job.objects.select_related("started_by", "organisation").order_by("-created_at", "-id")
    serializer_class = JobSerializer
    filterset_class = JobFilterSet
    ordering_fields = ["created_at", "status", "kind"]

    @extend_schema(request=None, responses={202: JobSerializer})
    @action(detail=True, methods=["post"])
    def rerun(self, request, pk=None):
        job = self.get_object()
        if not can_rerun(job):
            raise ValidationError({"status": "Only a failed or interrupted job can be re-run."})
        rerun_job(job, actor=request.user)
        job.refresh_from_db()
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, media_type): bytes for media_type in JOB_RESULT_TYPES})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        from portal.views import open_job_result

        return open_job_result(self.get_object(), user=request.user)

    def retrieve(self, request, *args, **kwargs):
        job = self.get_object()
        if job.is_confidential:
            audit.log_access(job, user=request.user, purpose="job detail (API)")
        return Response(self.get_serializer(job).data)

    @extend_schema(responses={(200, "text/csv"): bytes, 404: None})
    @action(detail=True, methods=["get"], url_path="errors")
    def errors(self, request, pk=None):
        """The full list of a failed job's errors as CSV (the job's messages show the first 50)."""
        return job_errors_response(self.get_object())

    @extend_schema(request=OrganisationExportRequestSerializer, responses={202: JobSerializer})
    # JSON only: the body is a list, and an empty form could not be told from a missing body.
    @action(detail=False, methods=["post"], url_path="organisation-export", parser_classes=[JSONParser])
    def organisation_export(self, request):
        body = OrganisationExportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        kinds = body.validated_data.get("kinds", [])
        job = services.request_organisation_export(actor=request.user, kinds=kinds)
        job.refresh_from_db()
        response = Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
        response["Location"] = request.build_absolute_uri(reverse("api-portal:job-detail", args=[job.pk]))
        return response


class InformationSystemViewSet(HistoryMixin, ServiceModelViewSet):
    """The region's information systems; stewards of the owner and programme staff write."""

    queryset = InformationSystem.objects.select_related("owner", "replaced_by").order_by("code")
    serializer_class = InformationSystemSerializer
    filterset_class = InformationSystemFilterSet
    ordering_fields = ["code", "name", "lifecycle", "contract_end"]
    search_fields = ["code", "name", "vendor"]
