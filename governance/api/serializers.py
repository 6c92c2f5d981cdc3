from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from rest_framework import serializers

from governance import choices
from governance.models import (
    AgendaItem,
    Body,
    CommunicationItem,
    Decision,
    LegacyDocument,
    LegacyDocumentVersion,
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
from portal.choices import MeasureStatus
from portal.models import Measure, MeasureProgress, Organisation, ServiceNetworkCentre


def measure_field(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="number", queryset=Measure.objects.all(), **kwargs)


def organisation_field(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all(), **kwargs)


def body_field(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", queryset=Body.objects.all(), **kwargs)


class BodySerializer(serializers.ModelSerializer):
    measure = measure_field(allow_null=True, required=False)

    class Meta:
        model = Body
        fields = [
            "id",
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "kind",
            "measure",
            "task",
            "mandate",
            "valid_from",
            "valid_to",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    body = body_field()
    organisation = organisation_field(
        error_messages={
            "null": "A member represents an organisation: give its code.",
            "required": "A member represents an organisation: give its code.",
        }
    )

    class Meta:
        model = Membership
        fields = ["id", "body", "person_name", "organisation", "role", "term_start", "term_end", "note"]


class MeetingSerializer(serializers.ModelSerializer):
    body = body_field()
    attendees = serializers.PrimaryKeyRelatedField(queryset=Membership.objects.all(), many=True, required=False)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "number",
            "date",
            "location",
            "minutes",
            "minutes_status",
            "minutes_approved_on",
            "attendees",
        ]
        read_only_fields = ["minutes_status", "minutes_approved_on"]


class ApproveMinutesSerializer(serializers.Serializer):
    approved_on = serializers.DateField(required=False)


class AgendaItemSerializer(serializers.ModelSerializer):
    measure = measure_field(allow_null=True, required=False)

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "position", "title", "description", "measure"]


class AttachmentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = MeetingAttachment
        fields = ["id", "meeting", "kind", "title", "file", "size", "uploaded_at", "download_url"]
        read_only_fields = ["size", "uploaded_at"]
        # Files are served through the permission-checked download action, not as media URLs.
        extra_kwargs = {"file": {"write_only": True}}

    def get_download_url(self, obj) -> str:
        from django.urls import reverse

        return reverse("api-governance:attachment-download", kwargs={"pk": obj.pk})


class DecisionSerializer(serializers.ModelSerializer):
    body = body_field()
    measures = measure_field(many=True, required=False)
    is_locked = serializers.BooleanField(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "body",
            "meeting",
            "number",
            "date",
            "text",
            "measures",
            "corrects",
            "follow_up_status",
            "follow_up_notes",
            "is_locked",
        ]


class CorrectionSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=30)
    date = serializers.DateField()
    text = serializers.CharField()
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all(), required=False, allow_null=True)
    measures = measure_field(many=True, required=False)


class BaselineSerializer(serializers.ModelSerializer):
    measure = measure_field()

    class Meta:
        model = MeasureBaseline
        fields = ["id", "measure", "start_date", "end_date", "approved_on"]


class MilestoneSerializer(serializers.ModelSerializer):
    measure = measure_field()
    responsible_organisation = organisation_field(allow_null=True, required=False)

    class Meta:
        model = Milestone
        fields = [
            "id",
            "measure",
            "title",
            "baseline_date",
            "planned_date",
            "actual_date",
            "responsible_organisation",
            "responsible_person",
        ]


class RiskSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressRisk
        fields = ["description", "level", "mitigation"]


class ProgressReportSerializer(serializers.ModelSerializer):
    """A progress report: the core journal entry with its risks. ``percent`` is checked to be 0-100."""

    measure = measure_field()
    risks = RiskSerializer(source="governance_risks", many=True, required=False)
    percent = serializers.IntegerField()
    # A plain string in the schema: the same choice set under a second name would be ambiguous.
    progress_status = serializers.CharField(
        source="status", help_text="One of: " + ", ".join(MeasureStatus.values) + " (the measure statuses)."
    )

    class Meta:
        model = MeasureProgress
        fields = ["id", "measure", "date", "percent", "progress_status", "note", "risks", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"date": {"required": False}}

    def validate_progress_status(self, value: str) -> str:
        if value not in MeasureStatus.values:
            raise serializers.ValidationError(
                "Unknown status; expected one of " + ", ".join(MeasureStatus.values) + "."
            )
        return value

    def validate_percent(self, value: int) -> int:
        if not 0 <= value <= 100:
            raise serializers.ValidationError("Progress must be between 0 and 100.")
        return value


class CommunicationItemSerializer(serializers.ModelSerializer):
    measure = measure_field(allow_null=True, required=False)

    class Meta:
        model = CommunicationItem
        fields = ["id", "target_group", "channel", "message", "planned_date", "owner", "measure", "done"]


class NewsItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = NewsItem
        fields = ["id", "slug", "title", "summary", "body", "language", "published_at", "author"]

    def validate_published_at(self, value: dt.datetime | None) -> dt.datetime | None:
        # A publication time is of this programme's era. Why a bound at all: Helsinki's offset before
        # 1921 was local mean time (+01:39:49), which no RFC 3339 date-time can carry, so a news item
        # "published" in 1419 came back in a form the API's own schema refuses.
        if value is not None and not 2000 <= value.year <= 2100:
            raise serializers.ValidationError(_("Give a publication time between 2000 and 2100."))
        return value


class StakeholderEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = StakeholderEvent
        fields = [
            "id",
            "title",
            "date",
            "target_group",
            "location",
            "participants",
            "feedback_responses",
            "feedback_score",
            "feedback",
        ]


class LegacyVersionSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = LegacyDocumentVersion
        fields = ["id", "version", "file", "size", "note", "uploaded_at", "download_url"]
        read_only_fields = ["version", "size", "uploaded_at"]
        extra_kwargs = {"file": {"write_only": True}}

    def get_download_url(self, obj) -> str:
        from django.urls import reverse

        return reverse(
            "api-governance:legacydocument-download-version", kwargs={"pk": obj.document_id, "version": obj.version}
        )


class LegacyDocumentSerializer(serializers.ModelSerializer):
    measure = measure_field(allow_null=True, required=False)
    versions = LegacyVersionSerializer(many=True, read_only=True)

    class Meta:
        model = LegacyDocument
        fields = [
            "id",
            "title",
            "origin",
            "topic",
            "year",
            "measure",
            "review_status",
            "reviewer",
            "reviewed_on",
            "note",
            "versions",
        ]


class ServiceEntitySerializer(serializers.ModelSerializer):
    municipalities = organisation_field(many=True, required=False)
    network_poles = serializers.SlugRelatedField(
        source="network_centres",
        slug_field="pole",
        queryset=ServiceNetworkCentre.objects.all(),
        many=True,
        required=False,
    )

    class Meta:
        model = ServiceEntity
        fields = [
            "id",
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "client_group",
            "production_mode",
            "municipalities",
            "network_poles",
            "note",
        ]


class ParticipationSerializer(serializers.ModelSerializer):
    organisation = organisation_field()

    class Meta:
        model = TrainingParticipation
        fields = ["id", "training", "organisation", "participants"]


class TrainingEventSerializer(serializers.ModelSerializer):
    participations = ParticipationSerializer(many=True, read_only=True)
    participant_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingEvent
        fields = ["id", "topic", "date", "description", "participations", "participant_total"]


class PrinciplesVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PrinciplesVersion
        fields = ["id", "version", "title", "text", "approved_on", "change_note"]


class StudyStatusSerializer(serializers.ModelSerializer):
    study_status = serializers.ChoiceField(source="status", choices=choices.StudyStatus.choices)

    class Meta:
        model = StudyStatusEntry
        fields = ["id", "study", "date", "study_status", "summary"]


class StatusReportSerializer(serializers.ModelSerializer):
    report_language = serializers.ChoiceField(source="language", choices=choices.ReportLanguage.choices, read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = StatusReport
        fields = ["id", "report_language", "report_date", "measure_count", "job", "created_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        from django.urls import reverse

        return reverse("api-governance:statusreport-download", kwargs={"pk": obj.pk})


class StatusReportRequestSerializer(serializers.Serializer):
    report_language = serializers.ChoiceField(choices=choices.ReportLanguage.choices)


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.CharField()
    title = serializers.CharField()


class RepresentationSerializer(serializers.Serializer):
    municipality = serializers.CharField()
    name = serializers.CharField()
    bodies = serializers.ListField(child=serializers.CharField())
    not_represented_in = serializers.ListField(child=serializers.CharField())


class TimelineMilestoneSerializer(serializers.Serializer):
    title = serializers.CharField()
    baseline_date = serializers.DateField(allow_null=True)
    planned_date = serializers.DateField()
    actual_date = serializers.DateField(allow_null=True)


class TimelineRowSerializer(serializers.Serializer):
    measure = serializers.CharField()
    measure_status = serializers.CharField()
    progress = serializers.IntegerField()
    baseline_start = serializers.DateField(allow_null=True)
    baseline_end = serializers.DateField(allow_null=True)
    current_start = serializers.DateField(allow_null=True)
    current_end = serializers.DateField(allow_null=True)
    end_shift_days = serializers.IntegerField(allow_null=True)
    milestones = TimelineMilestoneSerializer(many=True)
