"""API of the supervision app, mounted at /api/supervision/."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal import audit
from portal.api.base import HistoryMixin, PortalModelViewSet, PortalReadOnlyViewSet
from supervision import selectors
from supervision.api import serializers as s
from supervision.filtersets import (
    ContractFilterSet,
    DeviationReportFilterSet,
    ServiceUnitFilterSet,
    StaffingDayFilterSet,
    VisitFilterSet,
)
from supervision.models import (
    Contract,
    DeviationReport,
    Finding,
    PersonDayRule,
    Producer,
    ProfessionalGroup,
    ServiceUnit,
    StaffingDay,
    StaffingHours,
    StaffingThreshold,
    SupervisionVisit,
)


class ProducerViewSet(HistoryMixin, PortalModelViewSet):
    queryset = Producer.objects.order_by("name", "pk")
    serializer_class = s.ProducerSerializer
    lookup_field = "business_id"
    search_fields = ["name", "business_id"]


class ServiceUnitViewSet(HistoryMixin, PortalModelViewSet):
    queryset = ServiceUnit.objects.select_related("producer", "organiser", "municipality").order_by("code")
    serializer_class = s.ServiceUnitSerializer
    filterset_class = ServiceUnitFilterSet
    lookup_field = "code"
    search_fields = ["name", "code"]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, required=True),
            OpenApiParameter("end", OpenApiTypes.DATE, required=True),
        ],
        responses=s.PeriodRatioSerializer,
    )
    @action(detail=True, methods=["get"], url_path="ratio")
    def ratio(self, request, code=None):
        """The realised staffing ratio of the unit, day by day, for ?start=YYYY-MM-DD&end=YYYY-MM-DD."""
        unit = self.get_object()
        try:
            start = dt.date.fromisoformat(request.query_params.get("start", ""))
            end = dt.date.fromisoformat(request.query_params.get("end", ""))
        except ValueError as exc:
            raise ValidationError({"start": "start and end are required dates (YYYY-MM-DD)."}) from exc
        if end < start or (end - start).days > 731:
            raise ValidationError({"end": "end must be on or after start, at most two years later."})
        period = selectors.unit_ratio(unit, start, end)
        data = s.PeriodRatioSerializer(
            {
                "unit": unit.code,
                "start": start,
                "end": end,
                "ratio_display": period.ratio_display,
                "legal_minimum": period.legal_minimum,
                "missing_days": period.missing_days,
                "days_below_legal": period.days_below_legal,
                "days_below_contract": period.days_below_contract,
                "days_only_non_qualifying": period.days_only_non_qualifying,
                "days": period.days,
            }
        ).data
        return Response(data)


class ContractViewSet(HistoryMixin, PortalModelViewSet):
    queryset = Contract.objects.select_related("organiser", "producer").prefetch_related("units").order_by("number")
    serializer_class = s.ContractSerializer
    filterset_class = ContractFilterSet
    search_fields = ["number", "title"]


class StaffingThresholdViewSet(HistoryMixin, PortalModelViewSet):
    queryset = StaffingThreshold.objects.order_by("valid_from")
    serializer_class = s.StaffingThresholdSerializer


class PersonDayRuleViewSet(HistoryMixin, PortalModelViewSet):
    queryset = PersonDayRule.objects.order_by("valid_from", "pk")
    serializer_class = s.PersonDayRuleSerializer


class ProfessionalGroupViewSet(HistoryMixin, PortalModelViewSet):
    queryset = ProfessionalGroup.objects.order_by("sort_order", "code")
    serializer_class = s.ProfessionalGroupSerializer
    lookup_field = "code"


class StaffingDayViewSet(PortalReadOnlyViewSet):
    queryset = (
        StaffingDay.objects.select_related("unit")
        .prefetch_related(Prefetch("hours", queryset=StaffingHours.objects.select_related("group")))
        .order_by("unit__code", "date")
    )
    serializer_class = s.StaffingDaySerializer
    filterset_class = StaffingDayFilterSet


class DeviationReportViewSet(PortalReadOnlyViewSet):
    """Confidential: only the organiser's supervisors; every object returned is access-logged."""

    queryset = DeviationReport.objects.select_related("unit").order_by("-received_at", "-pk")
    serializer_class = s.DeviationReportSerializer
    filterset_class = DeviationReportFilterSet
    lookup_field = "reference_code"

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        for report in page:
            audit.log_access(report, user=request.user, purpose="deviation report (API list)")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        report = self.get_object()
        audit.log_access(report, user=request.user, purpose="deviation report (API detail)")
        return Response(self.get_serializer(report).data)


class SupervisionVisitViewSet(PortalReadOnlyViewSet):
    queryset = (
        SupervisionVisit.objects.select_related("unit")
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.prefetch_related("actions")))
        .order_by("-planned_on", "-pk")
    )
    serializer_class = s.SupervisionVisitSerializer
    filterset_class = VisitFilterSet
