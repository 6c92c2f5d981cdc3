"""API of the governance area under /api/governance/. Writes go through governance.services."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from governance import filtersets as fs
from governance import selectors, services
from governance.api import serializers as s
from governance.models import (
    AgendaItem,
    Body,
    CommunicationItem,
    Decision,
    LegacyDocument,
    MeasureBaseline,
    Meeting,
    MeetingAttachment,
    Membership,
    Milestone,
    NewsItem,
    PrinciplesVersion,
    ProgressRisk,
    ServiceEntity,
    StakeholderEvent,
    StatusReport,
    StudyStatusEntry,
    TrainingEvent,
    TrainingParticipation,
)
from portal.api.base import HistoryMixin, PortalModelViewSet, PortalReadOnlyViewSet
from portal.api.serializers import JobSerializer
from portal.models import MeasureProgress


class GovernanceViewSet(HistoryMixin, PortalModelViewSet):
    """Create, update and delete through ``services`` (rights, validation, append-only rule)."""

    def _save(self, serializer) -> None:
        model = self.queryset.model
        data = dict(serializer.validated_data)
        m2m_names = {f.name for f in model._meta.many_to_many}
        m2m = {name: data.pop(name) for name in list(data) if name in m2m_names}
        instance = serializer.instance if serializer.instance is not None else model()
        for name, value in data.items():
            setattr(instance, name, value)
        services.save_object(instance, actor=self.request.user, m2m=m2m)
        serializer.instance = instance

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer)

    def perform_destroy(self, instance):
        services.delete_object(instance, actor=self.request.user)


class BodyViewSet(GovernanceViewSet):
    """Bodies of the programme organisation (steering group, preparation group, working groups)."""

    queryset = Body.objects.select_related("measure").order_by("kind", "name_fi", "pk")
    serializer_class = s.BodySerializer
    filterset_class = fs.BodyFilterSet
    search_fields = ["name_fi", "name_sv", "name_en", "task", "mandate"]
    ordering_fields = ["name_fi", "kind", "valid_from"]


class MembershipViewSet(GovernanceViewSet):
    queryset = Membership.objects.select_related("body", "organisation").order_by("body__name_fi", "role", "pk")
    serializer_class = s.MembershipSerializer
    filterset_class = fs.MembershipFilterSet
    search_fields = ["person_name"]
    ordering_fields = ["person_name", "role", "term_start"]


class MeetingViewSet(GovernanceViewSet):
    queryset = Meeting.objects.select_related("body").prefetch_related("attendees").order_by("-date", "pk")
    serializer_class = s.MeetingSerializer
    filterset_class = fs.MeetingFilterSet
    ordering_fields = ["date"]

    @extend_schema(request=s.ApproveMinutesSerializer, responses={200: s.MeetingSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve the minutes: the meeting's decisions become append-only."""
        meeting = self.get_object()
        payload = s.ApproveMinutesSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        meeting = services.approve_minutes(
            meeting, approved_on=payload.validated_data.get("approved_on"), actor=request.user
        )
        return Response(s.MeetingSerializer(meeting).data)


class AgendaItemViewSet(GovernanceViewSet):
    queryset = AgendaItem.objects.select_related("measure").order_by("meeting", "position")
    serializer_class = s.AgendaItemSerializer
    filterset_class = fs.AgendaItemFilterSet


class AttachmentViewSet(GovernanceViewSet):
    """Meeting attachments; uploads are checked for type and size (``PORTAL_MAX_UPLOAD_BYTES``)."""

    queryset = MeetingAttachment.objects.order_by("meeting", "kind", "pk")
    serializer_class = s.AttachmentSerializer
    filterset_class = fs.AttachmentFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]

    def perform_create(self, serializer):
        serializer.validated_data["uploaded_by"] = self.request.user
        self._save(serializer)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        attachment = self.get_object()
        return FileResponse(
            attachment.file.open("rb"), as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1]
        )


class DecisionViewSet(GovernanceViewSet):
    """Decisions. Once the meeting's minutes are approved only the follow-up fields change; a
    correction is ``POST .../{id}/correct/``, a new decision referring to the old one."""

    queryset = (
        Decision.objects.select_related("body", "meeting")
        .prefetch_related("measures")
        .order_by("-date", "-number", "pk")
    )
    serializer_class = s.DecisionSerializer
    filterset_class = fs.DecisionFilterSet
    search_fields = ["number", "text", "follow_up_notes"]
    ordering_fields = ["date", "number", "follow_up_status"]

    @extend_schema(request=s.CorrectionSerializer, responses={201: s.DecisionSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        original = self.get_object()
        payload = s.CorrectionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        correction = services.correct_decision(
            original,
            number=data["number"],
            date=data["date"],
            text=data["text"],
            meeting=data.get("meeting"),
            measures=data.get("measures"),
            actor=request.user,
        )
        return Response(s.DecisionSerializer(correction).data, status=status.HTTP_201_CREATED)


class BaselineViewSet(GovernanceViewSet):
    queryset = MeasureBaseline.objects.select_related("measure").order_by("measure__sub_area", "measure__number")
    serializer_class = s.BaselineSerializer
    filterset_class = fs.BaselineFilterSet


class MilestoneViewSet(GovernanceViewSet):
    queryset = Milestone.objects.select_related("measure", "responsible_organisation").order_by(
        "measure__number", "planned_date", "pk"
    )
    serializer_class = s.MilestoneSerializer
    filterset_class = fs.MilestoneFilterSet
    ordering_fields = ["planned_date", "actual_date"]


class ProgressReportViewSet(PortalModelViewSet):
    """Progress reports: the core's progress journal entries with risks and mitigations.

    Created through ``governance.services.submit_progress_report`` (which calls
    ``portal.services.record_progress``); entries are not edited afterwards.
    """

    queryset = (
        MeasureProgress.objects.select_related("measure")
        .prefetch_related(Prefetch("governance_risks", ProgressRisk.objects.order_by("pk")))
        .order_by("-date", "-created_at", "-pk")
    )
    serializer_class = s.ProgressReportSerializer
    filterset_class = fs.ProgressReportFilterSet
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [IsAuthenticated]  # the risks are internal: signed-in readers only

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.submit_progress_report(
            data["measure"],
            percent=data["percent"],
            status=data["status"],
            note=data.get("note", ""),
            date=data.get("date"),
            risks=data.get("governance_risks", []),
            actor=self.request.user,
        )


class CommunicationItemViewSet(GovernanceViewSet):
    queryset = CommunicationItem.objects.select_related("measure").order_by("planned_date", "pk")
    serializer_class = s.CommunicationItemSerializer
    filterset_class = fs.CommunicationFilterSet
    search_fields = ["target_group", "message", "owner"]


class NewsItemViewSet(GovernanceViewSet):
    """News: anyone reads the published items; programme staff also see and edit drafts."""

    queryset = NewsItem.objects.order_by("-published_at", "-pk")
    serializer_class = s.NewsItemSerializer
    filterset_class = fs.NewsFilterSet
    search_fields = ["title", "summary", "body"]


class StakeholderEventViewSet(GovernanceViewSet):
    queryset = StakeholderEvent.objects.order_by("-date", "pk")
    serializer_class = s.StakeholderEventSerializer
    filterset_class = fs.EventFilterSet


class LegacyDocumentViewSet(GovernanceViewSet):
    """The 2017 preparation documents; ``POST .../{id}/versions/`` keeps a new file version."""

    queryset = LegacyDocument.objects.select_related("measure").prefetch_related("versions").order_by("title", "pk")
    serializer_class = s.LegacyDocumentSerializer
    filterset_class = fs.LegacyDocumentFilterSet
    search_fields = ["title", "origin", "topic"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]  # the register and its versions are kept

    @extend_schema(
        request={"multipart/form-data": s.LegacyVersionSerializer}, responses={201: s.LegacyVersionSerializer}
    )
    @action(detail=True, methods=["post"])
    def versions(self, request, pk=None):
        document = self.get_object()
        payload = s.LegacyVersionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        version = services.add_legacy_version(
            document,
            file=payload.validated_data["file"],
            note=payload.validated_data.get("note", ""),
            actor=request.user,
        )
        return Response(s.LegacyVersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<version>[0-9]+)/download")
    def download_version(self, request, pk=None, version=None):
        document = self.get_object()
        stored = document.versions.filter(version=int(version)).first()
        if stored is None:
            raise Http404
        return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.file.name.rsplit("/", 1)[-1])


class ServiceEntityViewSet(GovernanceViewSet):
    queryset = ServiceEntity.objects.prefetch_related("municipalities", "network_centres").order_by(
        "client_group", "name_fi", "pk"
    )
    serializer_class = s.ServiceEntitySerializer
    filterset_class = fs.ServiceEntityFilterSet
    search_fields = ["name_fi", "name_sv", "name_en", "code"]


class TrainingEventViewSet(GovernanceViewSet):
    queryset = TrainingEvent.objects.prefetch_related(
        Prefetch("participations", TrainingParticipation.objects.select_related("organisation"))
    ).order_by("-date", "pk")
    serializer_class = s.TrainingEventSerializer
    filterset_class = fs.TrainingFilterSet


class ParticipationViewSet(GovernanceViewSet):
    queryset = TrainingParticipation.objects.select_related("organisation").order_by("training", "pk")
    serializer_class = s.ParticipationSerializer
    filterset_fields = ["training"]


class PrinciplesVersionViewSet(GovernanceViewSet):
    """Versions of the remote-leadership principles: a change is a new version; versions are kept."""

    queryset = PrinciplesVersion.objects.order_by("-version")
    serializer_class = s.PrinciplesVersionSerializer
    filterset_class = fs.PrinciplesFilterSet
    http_method_names = ["get", "post", "head", "options"]


class StudyStatusViewSet(GovernanceViewSet):
    queryset = StudyStatusEntry.objects.order_by("-date", "-pk")
    serializer_class = s.StudyStatusSerializer
    filterset_class = fs.StudyStatusFilterSet


class StatusReportViewSet(PortalReadOnlyViewSet):
    """Generated status reports (dated records). ``POST generate/`` queues a new one as a job."""

    queryset = StatusReport.objects.order_by("-created_at", "-pk")
    serializer_class = s.StatusReportSerializer
    filterset_class = fs.StatusReportFilterSet

    @extend_schema(request=s.StatusReportRequestSerializer, responses={202: JobSerializer})
    @action(detail=False, methods=["post"])
    def generate(self, request):
        payload = s.StatusReportRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        job = services.request_status_report(language=payload.validated_data["report_language"], actor=request.user)
        job.refresh_from_db()
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        report = self.get_object()
        if not report.file:
            raise Http404
        return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file.name.rsplit("/", 1)[-1])


class SearchView(APIView):
    """Search bodies, decisions, legacy documents, news and measures (signed-in users)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Search words")],
        responses={200: s.SearchHitSerializer(many=True)},
    )
    def get(self, request):
        query = request.query_params.get("q", "").strip()[:200]
        results = selectors.search(request.user, query)
        titles = {
            "body": lambda o: o.name,
            "decision": lambda o: f"{o.number} {o.text[:80]}",
            "document": lambda o: o.title,
            "news": lambda o: o.title,
            "measure": lambda o: f"{o.number} {o.title}",
        }
        keys = {"measure": lambda o: o.number, "news": lambda o: o.slug}
        hits = [
            {"kind": kind, "id": str(keys.get(kind, lambda o: o.pk)(obj)), "title": titles[kind](obj)}
            for kind, objects in results.items()
            for obj in objects
        ]
        return Response(s.SearchHitSerializer(hits, many=True).data)


class RepresentationView(APIView):
    """Which municipalities are represented in which body (members in force today), and which are not."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.RepresentationSerializer(many=True)})
    def get(self, request):
        data = selectors.representation(request.user)
        bodies = data["bodies"]
        rows = [
            {
                "municipality": row.municipality.code,
                "name": row.municipality.name_fi,
                "bodies": [bodies[i].code for i, cell in enumerate(row.cells) if cell],
                "not_represented_in": [bodies[i].code for i, cell in enumerate(row.cells) if not cell],
            }
            for row in data["rows"]
        ]
        return Response(s.RepresentationSerializer(rows, many=True).data)


class TimelineView(APIView):
    """The timeline of all measures: baseline versus current plan, with milestones (signed-in users)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.TimelineRowSerializer(many=True)})
    def get(self, request):
        rows = [
            {
                "measure": row.measure.number,
                "measure_status": row.measure.status,
                "progress": row.measure.progress,
                "baseline_start": row.baseline.start_date if row.baseline else None,
                "baseline_end": row.baseline.end_date if row.baseline else None,
                "current_start": row.measure.start_date,
                "current_end": row.measure.end_date,
                "end_shift_days": row.shift_days,
                "milestones": [
                    {
                        "title": m.title,
                        "baseline_date": m.baseline_date,
                        "planned_date": m.planned_date,
                        "actual_date": m.actual_date,
                    }
                    for m in row.milestones
                ],
            }
            for row in selectors.timeline_rows(request.user)
        ]
        return Response(s.TimelineRowSerializer(rows, many=True).data)
