"""API of measures 3.1, 3.5 and 3.6 under /api/integration/ (registered in integration/api/urls.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from integration import selectors_measures, services_measures
from integration.api import serializers_measures as s
from integration.filtersets_measures import (
    AccessFilterSet,
    AdoptionFilterSet,
    ClassificationFilterSet,
    FlowFilterSet,
    OperatingModelFilterSet,
    ReadinessFilterSet,
    RegionFigureFilterSet,
    ReportFilterSet,
    RolloutFilterSet,
)
from integration.models_measures import (
    ClassificationVersion,
    ClientDataAccess,
    DocumentationReport,
    InformationFlow,
    KantaReadiness,
    NationalClassification,
    OperatingModel,
    OperatingModelAdoption,
    RegionDocumentationFigure,
    TrainingCourse,
    UnaModule,
    UnaRollout,
    UnaTariff,
)
from portal.api.base import HistoryMixin, PortalReadOnlyViewSet, ServiceModelViewSet


def _population_year(request) -> int | None:
    """``population_year`` as a year within 1900-2100 (absent: the latest year with figures);
    anything else is a 400, as the year filters of the list endpoints answer."""
    value = request.query_params.get("population_year")
    if value in (None, ""):
        return None
    if not (value.isascii() and value.isdigit()) or not 1900 <= int(value) <= 2100:
        raise ValidationError({"population_year": [_("Give a year between 1900 and 2100.")]})
    return int(value)


class OperatingModelViewSet(HistoryMixin, ServiceModelViewSet):
    """Operating models (3.1); programme staff and the owner's stewards write."""

    queryset = OperatingModel.objects.select_related("owner").order_by("code")
    serializer_class = s.OperatingModelSerializer
    filterset_class = OperatingModelFilterSet


class AdoptionViewSet(ServiceModelViewSet):
    queryset = OperatingModelAdoption.objects.select_related("operating_model", "organisation").order_by("pk")
    serializer_class = s.AdoptionSerializer
    filterset_class = AdoptionFilterSet


class FlowViewSet(PortalReadOnlyViewSet):
    """Information flows; ``?from_sector=specialised_care&to_sector=primary_care&organisation=297&year=2024``."""

    queryset = InformationFlow.objects.select_related(
        "from_organisation", "to_organisation", "from_system", "to_system", "operating_model"
    ).order_by("code")
    serializer_class = s.FlowSerializer
    filterset_class = FlowFilterSet


class TrainingCourseViewSet(PortalReadOnlyViewSet):
    queryset = (
        TrainingCourse.objects.select_related("organiser")
        .prefetch_related("participations__organisation")
        .order_by("code")
    )
    serializer_class = s.TrainingCourseSerializer


class ClassificationViewSet(PortalReadOnlyViewSet):
    queryset = NationalClassification.objects.prefetch_related("versions").order_by("code")
    serializer_class = s.ClassificationSerializer
    filterset_class = ClassificationFilterSet


class DocumentationReportViewSet(ServiceModelViewSet):
    """Quarterly figures. Stewards post their own organisation's figures (another's: 404); every
    check of the verb applies; decision-makers read."""

    queryset = DocumentationReport.objects.select_related(
        "organisation", "classification", "classification_version"
    ).order_by("-year", "-quarter", "organisation__code", "classification__code")
    serializer_class = s.DocumentationReportSerializer
    filterset_class = ReportFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create_object(self, data: dict):
        classification = data["classification"]
        version_text = data["classification_version"]["version"]
        version = ClassificationVersion.objects.filter(classification=classification, version=version_text).first()
        row = services_measures.ReportRow(
            data["organisation"],
            classification,
            version,
            data["year"],
            data["quarter"],
            data["structured_count"],
            data["total_count"],
        )
        return services_measures.report_documentation(row, actor=self.request.user)

    def update_object(self, instance, data: dict):
        return services_measures.correct_documentation(
            instance,
            structured_count=data.get("structured_count", instance.structured_count),
            total_count=data.get("total_count", instance.total_count),
            actor=self.request.user,
        )


class RegionFigureViewSet(PortalReadOnlyViewSet):
    """The region's volume-weighted documentation figures (nightly computation)."""

    queryset = RegionDocumentationFigure.objects.select_related("classification").order_by(
        "classification__code", "year", "quarter"
    )
    serializer_class = s.RegionFigureSerializer
    filterset_class = RegionFigureFilterSet


class ReadinessViewSet(PortalReadOnlyViewSet):
    queryset = KantaReadiness.objects.select_related("organisation", "system").order_by("organisation__code", "since")
    serializer_class = s.ReadinessSerializer
    filterset_class = ReadinessFilterSet


class UnaModuleViewSet(PortalReadOnlyViewSet):
    queryset = UnaModule.objects.prefetch_related("tariffs").order_by("code")
    serializer_class = s.UnaModuleSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("tariff", OpenApiTypes.STR, many=True, description="tariff codes (default: all)"),
            OpenApiParameter("population_year", {"type": "integer", "minimum": 1900, "maximum": 2100}),
        ],
        responses=s.UnaCostSerializer,
    )
    @action(detail=False, methods=["get"], url_path="cost")
    def cost(self, request):
        """Yearly cost = price per resident x region residents, in integer cents (example prices flagged)."""
        tariffs = list(UnaTariff.objects.visible_to(request.user))
        codes = request.query_params.getlist("tariff")
        chosen = [t for t in tariffs if t.code in codes] if codes else tariffs
        residents, pop_year = selectors_measures.region_population(_population_year(request))
        costs = selectors_measures.una_costs(residents, chosen)
        return Response(
            {
                "residents": residents,
                "population_year": pop_year,
                "rate_cents": costs["rate_cents"],
                "total_cents": costs["total_cents"],
                "is_example": costs["is_example"],
                "lines": [
                    {
                        "tariff": line["tariff"].code,
                        "cents_per_resident": line["tariff"].cents_per_resident,
                        "cents": line["cents"],
                        "is_example": line["tariff"].is_example,
                    }
                    for line in costs["lines"]
                ],
            }
        )


class UnaRolloutViewSet(ServiceModelViewSet):
    queryset = UnaRollout.objects.select_related("module", "organisation").order_by(
        "module__code", "organisation__code"
    )
    serializer_class = s.UnaRolloutSerializer
    filterset_class = RolloutFilterSet


class ClientDataAccessViewSet(PortalReadOnlyViewSet):
    queryset = ClientDataAccess.objects.select_related("viewer", "data_owner").order_by(
        "viewer__code", "data_owner__code", "pk"
    )
    serializer_class = s.ClientDataAccessSerializer
    filterset_class = AccessFilterSet
