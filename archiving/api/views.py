"""The archiving API (/api/archiving/): reads through visible_to, writes through the area's verbs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from archiving import filtersets, services
from archiving.api import serializers as s
from archiving.models import AccessRequest, ArchivingPlan, DataContent, Requirement, RetentionRule, RetentionSimulation
from portal import audit
from portal.api.base import HistoryMixin, PortalReadOnlyViewSet, ServiceModelViewSet
from portal.api.permissions import QuerysetPermission

# Archiving data is internal: anonymous callers get 401 (not an empty list), then the querysets decide.
SIGNED_IN = [IsAuthenticated, QuerysetPermission]


class DataContentViewSet(HistoryMixin, ServiceModelViewSet):
    """Data contents of retiring systems; stewards see and write their own organisation's only."""

    permission_classes = SIGNED_IN
    queryset = DataContent.objects.select_related("system", "retention_rule").order_by("pk")
    serializer_class = s.DataContentSerializer
    filterset_class = filtersets.DataContentFilterSet

    def create_object(self, data):
        return services.save_content(DataContent(**data), actor=self.request.user)

    def update_object(self, instance, data):
        for name, value in data.items():
            setattr(instance, name, value)
        return services.save_content(instance, actor=self.request.user)


class RetentionRuleViewSet(HistoryMixin, ServiceModelViewSet):
    """Retention rules with their sources (``verified`` false: the source is not verified)."""

    permission_classes = SIGNED_IN
    queryset = RetentionRule.objects.order_by("code")
    serializer_class = s.RetentionRuleSerializer
    filterset_class = filtersets.RetentionRuleFilterSet
    lookup_field = "code"


class ArchivingPlanViewSet(HistoryMixin, ServiceModelViewSet):
    """Switch-off plans with their cost model; an approved plan answers 409 to any change."""

    permission_classes = SIGNED_IN
    queryset = ArchivingPlan.objects.prefetch_related("items__system").order_by("code", "-version")
    serializer_class = s.ArchivingPlanSerializer
    filterset_class = filtersets.PlanFilterSet

    def create_object(self, data):
        return services.save_plan(ArchivingPlan(**data), actor=self.request.user)

    def update_object(self, instance, data):
        services._refuse_if_approved(instance)
        for name, value in data.items():
            setattr(instance, name, value)
        return services.save_plan(instance, actor=self.request.user)

    @extend_schema(request=None, responses={200: s.ArchivingPlanSerializer, 403: None, 409: None})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        plan = self.get_object()
        return Response(self.get_serializer(services.approve_plan(plan, actor=request.user)).data)

    def get_queryset(self):
        if self.action == "approve":
            return self.queryset.visible_to(self.request.user)
        return super().get_queryset()


class RetentionSimulationViewSet(PortalReadOnlyViewSet):
    """Simulations; POST a metadata extract (multipart: system code, upload) to start one."""

    permission_classes = SIGNED_IN
    queryset = RetentionSimulation.objects.select_related("system", "job").order_by("-pk")
    serializer_class = s.RetentionSimulationSerializer
    filterset_class = filtersets.SimulationFilterSet

    @extend_schema(
        request=s.SimulationUploadSerializer, responses={202: s.RetentionSimulationSerializer, 400: None, 403: None}
    )
    def create(self, request):
        payload = s.SimulationUploadSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        simulation = services.start_simulation(
            system=payload.validated_data["system"], upload=payload.validated_data["upload"], actor=request.user
        )
        simulation.refresh_from_db()
        return Response(s.RetentionSimulationSerializer(simulation).data, status=status.HTTP_202_ACCEPTED)


class RequirementViewSet(HistoryMixin, ServiceModelViewSet):
    """Requirements of the archive system (ARK-001, ...); programme staff edit."""

    permission_classes = SIGNED_IN
    queryset = Requirement.objects.order_by("code")
    serializer_class = s.RequirementSerializer
    filterset_class = filtersets.RequirementFilterSet

    def create_object(self, data):
        return services.save_requirement(Requirement(**data), actor=self.request.user)


class AccessRequestViewSet(ServiceModelViewSet):
    """Access requests: professionals see their own; every read is in the access log."""

    permission_classes = SIGNED_IN
    queryset = AccessRequest.objects.select_related("system", "requester").order_by("-pk")
    serializer_class = s.AccessRequestSerializer
    filterset_class = filtersets.AccessRequestFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]

    def create_object(self, data):
        return services.request_access(AccessRequest(**data), actor=self.request.user)

    def get_queryset(self):
        if self.action in ("decide", "destroy"):
            return self.queryset.visible_to(self.request.user)
        return super().get_queryset()

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        ids = [row["id"] for row in response.data.get("results", response.data)]
        for obj in AccessRequest.objects.filter(pk__in=ids):
            audit.log_access(obj, user=request.user, purpose="API list")
        return response

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        audit.log_access(obj, user=request.user, purpose="API read")
        return Response(self.get_serializer(obj).data)

    @extend_schema(request=s.AccessDecisionSerializer, responses={200: s.AccessRequestSerializer, 403: None, 409: None})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        obj = self.get_object()
        payload = s.AccessDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decided = services.decide_access_request(
            obj, approve=payload.validated_data["approve"], note=payload.validated_data["note"], actor=request.user
        )
        return Response(self.get_serializer(decided).data)
