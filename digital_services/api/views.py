"""/api/digital-services/: catalogue, rollouts, monthly figures, computed indicators, paths, pilots,
chat statistics. Writes go through the same verbs as the UI."""

from __future__ import annotations

import datetime as dt
import re

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from digital_services import models, selectors, services
from digital_services.api import serializers as s
from digital_services.filtersets import (
    ChatStatFilterSet,
    DigitalServiceFilterSet,
    MonthlyFigureFilterSet,
    PilotFilterSet,
    RolloutFilterSet,
)
from portal.api.base import HistoryMixin, PortalReadOnlyViewSet, ServiceModelViewSet


class DigitalServiceViewSet(HistoryMixin, ServiceModelViewSet):
    """The catalogue (public read; programme staff write)."""

    queryset = models.DigitalService.objects.prefetch_related("features", "channels").order_by("code")
    serializer_class = s.DigitalServiceSerializer
    filterset_class = DigitalServiceFilterSet


class RolloutViewSet(HistoryMixin, ServiceModelViewSet):
    """Rollouts per organisation (signed-in read; stewards of the organisation and staff write)."""

    queryset = models.Rollout.objects.select_related("service", "feature", "organisation").order_by("pk")
    serializer_class = s.RolloutSerializer
    filterset_class = RolloutFilterSet

    def create_object(self, data):
        return services.save_rollout(models.Rollout(**data), actor=self.request.user)

    def update_object(self, instance, data):
        for name, value in data.items():
            setattr(instance, name, value)
        return services.save_rollout(instance, actor=self.request.user)


class MonthlyFigureViewSet(HistoryMixin, ServiceModelViewSet):
    """Monthly figures; a steward writes only their own organisation's (the verb's rules apply)."""

    queryset = models.MonthlyFigure.objects.select_related("organisation").order_by("organisation__code", "month")
    serializer_class = s.MonthlyFigureSerializer
    filterset_class = MonthlyFigureFilterSet

    def create_object(self, data):
        return services.save_monthly_figure(models.MonthlyFigure(**data), actor=self.request.user)

    def update_object(self, instance, data):
        for name, value in data.items():
            setattr(instance, name, value)
        return services.save_monthly_figure(instance, actor=self.request.user)


# The month as the schema states it: YYYY-MM, a date of the month allowed (the UI links send one).
MONTH_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])(-[0-9]{2})?$"


class IndicatorViewSet(viewsets.ViewSet):
    """Computed paperless share and Omaolo conversion per organisation and for the region, per month;
    ``null`` where the denominator is zero."""

    @extend_schema(
        parameters=[
            OpenApiParameter("organisation", str, description="Organisation code"),
            OpenApiParameter("month", str, description="YYYY-MM (or a date in it, YYYY-MM-DD)", pattern=MONTH_PATTERN),
        ],
        responses=s.IndicatorSerializer(many=True),
    )
    def list(self, request):
        organisation = request.query_params.get("organisation") or None
        month = None
        raw = request.query_params.get("month", "")
        if raw:
            if not re.fullmatch(MONTH_PATTERN.strip("^$"), raw):
                raise ValidationError({"month": "Expected YYYY-MM."})
            month = dt.datetime.strptime(raw[:7], "%Y-%m").date()
        rows = []
        region_rows = (
            [] if organisation else selectors.region_indicators(request.user, months=[month] if month else None)
        )
        for scope, items in (
            ("region", region_rows),
            (
                "organisation",
                selectors.organisation_indicators(request.user, organisation_code=organisation, month=month),
            ),
        ):
            for r in items:
                rows.append(
                    {
                        "scope": scope,
                        "organisation": r.organisation_code,
                        "month": r.month.strftime("%Y-%m"),
                        "messages_recipients": r.messages_recipients,
                        "paper_letters": r.paper_letters,
                        "assessments_completed": r.assessments_completed,
                        "referred_to_booking": r.referred_to_booking,
                        "paperless_share": r.paperless_share,
                        "omaolo_conversion": r.omaolo_conversion,
                    }
                )
        return Response(s.IndicatorSerializer(rows, many=True).data)


class ServicePathViewSet(PortalReadOnlyViewSet):
    queryset = models.ServicePath.objects.prefetch_related("steps__service", "steps__changes__organisation").order_by(
        "code"
    )
    serializer_class = s.ServicePathSerializer


class PilotViewSet(HistoryMixin, ServiceModelViewSet):
    queryset = models.Pilot.objects.select_related("measure").prefetch_related("organisations").order_by("code")
    serializer_class = s.PilotSerializer
    filterset_class = PilotFilterSet


class ChatStatisticsViewSet(PortalReadOnlyViewSet):
    """Chat pilot statistics: intent code and count per day (nothing else is stored)."""

    queryset = models.ChatDailyStat.objects.order_by("-day", "intent_code")
    serializer_class = s.ChatDailyStatSerializer
    filterset_class = ChatStatFilterSet
