"""The OT-centre API (/api/ot-centre/): signed-in callers only (anonymous: 401).

Consultation requests are reached through ``visible_to`` (404 for anyone but the requester, the
assigned expert and the coordinator); every read writes the access log; writes call the verbs.
"""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from ot_centre import selectors, services
from ot_centre.api import serializers as s
from ot_centre.filtersets import AgreementFilterSet, ExpertFilterSet, RequestFilterSet
from ot_centre.models import Agreement, ConsultationRequest, CooperationArea, Expert, ExpertiseArea
from portal.api.base import PortalReadOnlyViewSet, PortalViewSetMixin
from portal.api.permissions import QuerysetPermission
from portal.identity.authentication import ApiTokenAuthentication


class SignedInMixin:
    # Token first: an anonymous caller gets 401 with a WWW-Authenticate header, not 403.
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated, QuerysetPermission]


class CooperationAreaViewSet(SignedInMixin, PortalReadOnlyViewSet):
    queryset = CooperationArea.objects.order_by("key")
    serializer_class = s.CooperationAreaSerializer
    lookup_field = "key"

    @extend_schema(
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE, description="Day (YYYY-MM-DD); today if omitted")],
        responses=s.AreaMembersSerializer,
    )
    @action(detail=True, methods=["get"])
    def members(self, request, key=None):
        """The member organisations' codes on the given day."""
        area = self.get_object()
        raw = request.query_params.get("date", "")
        try:
            day = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError as exc:
            raise ValidationError(
                {"date": [_("%(value)s is not a date of the form YYYY-MM-DD.") % {"value": repr(raw)}]}
            ) from exc
        codes = list(selectors.area_members(area, day).values_list("code", flat=True))
        return Response({"area": area.key, "date": day.isoformat(), "members": codes})


class ExpertiseAreaViewSet(SignedInMixin, PortalReadOnlyViewSet):
    queryset = ExpertiseArea.objects.order_by("code")
    serializer_class = s.ExpertiseAreaSerializer
    lookup_field = "code"


class ExpertViewSet(SignedInMixin, PortalReadOnlyViewSet):
    queryset = Expert.objects.select_related("user", "organisation").prefetch_related("expertise_areas").order_by("pk")
    serializer_class = s.ExpertSerializer
    filterset_class = ExpertFilterSet


class AgreementViewSet(SignedInMixin, PortalReadOnlyViewSet):
    queryset = Agreement.objects.prefetch_related("parties").order_by("pk")
    serializer_class = s.AgreementSerializer
    filterset_class = AgreementFilterSet


class ConsultationRequestViewSet(
    SignedInMixin, PortalViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Requests for those entitled; writes go through the verbs in ot_centre.services."""

    queryset = ConsultationRequest.objects.select_related("county", "expertise_area", "assigned_expert__user").order_by(
        "-submitted_at", "-id"
    )
    serializer_class = s.RequestSerializer
    filterset_class = RequestFilterSet
    lookup_field = "case_code"

    def get_queryset(self):
        # Reads and writes both reach only the cases the caller may see; the verbs check the rest.
        return self.queryset.visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        selectors.log_reads(page, request.user, "consultation request (API list)")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _case(self) -> ConsultationRequest:
        case = self.get_object()
        from portal import audit

        audit.log_access(case, user=self.request.user, purpose=f"consultation request (API {self.action})")
        return case

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self._case()).data)

    @extend_schema(request=s.RequestCreateSerializer, responses={201: s.RequestSerializer})
    def create(self, request, *args, **kwargs):
        data = s.RequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.submit_request(actor=request.user, **data.validated_data)
        return Response(s.RequestSerializer(case).data, status=status.HTTP_201_CREATED)

    def _run(self, serializer_class, call):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        case = self._case()
        call(case, data.validated_data)
        case.refresh_from_db()
        return Response(s.RequestSerializer(case).data)

    @extend_schema(request=s.TriageSerializer, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def triage(self, request, case_code=None):
        return self._run(
            s.TriageSerializer,
            lambda c, d: services.triage_request(
                c,
                actor=request.user,
                expertise_area=d.get("expertise_area") or None,
                urgency=d.get("urgency"),
                note=d.get("note", ""),
            ),
        )

    @extend_schema(request=s.AssignSerializer, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, case_code=None):
        def call(case, d):
            expert = get_object_or_404(Expert.objects.visible_to(request.user), pk=d["expert"])
            services.assign_expert(case, actor=request.user, expert=expert)

        return self._run(s.AssignSerializer, call)

    @extend_schema(request=s.AnswerSerializer, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, case_code=None):
        return self._run(
            s.AnswerSerializer, lambda c, d: services.answer_request(c, actor=request.user, answer=d["answer"])
        )

    @extend_schema(request=s.CloseSerializer, responses=s.RequestSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, case_code=None):
        def call(case, d):
            survey = None if d.get("usefulness") is None else d
            services.close_request(case, actor=request.user, survey=survey)

        return self._run(s.CloseSerializer, call)

    @extend_schema(methods=["GET"], responses=s.MessageSerializer(many=True))
    @extend_schema(methods=["POST"], request=s.MessageCreateSerializer, responses={201: s.MessageSerializer})
    @action(detail=True, methods=["get", "post"])
    def messages(self, request, case_code=None):
        case = self._case()
        if request.method == "POST":
            data = s.MessageCreateSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            message = services.post_message(case, actor=request.user, body=data.validated_data["body"])
            return Response(s.MessageSerializer(message).data, status=status.HTTP_201_CREATED)
        return Response(s.MessageSerializer(case.messages.select_related("author"), many=True).data)


YEAR_PARAMETER = OpenApiParameter(
    "year", {"type": "integer", "minimum": 1900, "maximum": 2100}, description="A year between 1900 and 2100."
)


class StatisticsViewSet(SignedInMixin, viewsets.ViewSet):
    """Aggregates only, small numbers suppressed ("<5")."""

    permission_classes = [IsAuthenticated]

    def _year(self, request) -> int | None:
        raw = request.query_params.get("year", "")
        if not raw:
            return None
        # A bounded range: a 23-digit "year" would overflow the date arithmetic of the database.
        if not (raw.isascii() and raw.isdigit() and 1900 <= int(raw) <= 2100):
            raise ValidationError({"year": [_("Give a year between 1900 and 2100.")]})
        return int(raw)

    @extend_schema(parameters=[YEAR_PARAMETER], responses=s.PictureRowSerializer(many=True))
    @action(detail=False, methods=["get"], url_path="regional-picture")
    def regional_picture(self, request):
        return Response(selectors.regional_picture(self._year(request)))

    @extend_schema(parameters=[YEAR_PARAMETER], responses=s.AnonymitySerializer)
    @action(detail=False, methods=["get"])
    def anonymity(self, request):
        return Response(selectors.anonymity_answer(self._year(request)))

    @extend_schema(parameters=[YEAR_PARAMETER], responses=s.DemandRowSerializer(many=True))
    @action(detail=False, methods=["get"])
    def demand(self, request):
        return Response(selectors.demand_vs_capacity(self._year(request) or timezone.localdate().year))
