"""Serializers of the OT-centre API. Codes (organisation, expertise area) are the keys."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ot_centre.choices import AgeBand, ConsultationMode, Urgency
from ot_centre.models import Agreement, CaseMessage, ConsultationRequest, CooperationArea, Expert, ExpertiseArea


@extend_schema_field(
    {
        "oneOf": [{"type": "integer", "minimum": 5}, {"type": "string", "enum": ["<5"]}],
        "description": 'A count of 5 or more, or "<5" (small numbers are suppressed).',
    }
)
class SuppressedCountField(serializers.Field):
    """A count as ``ot_centre.selectors.suppress`` gives it: a number from 5 up, or ``"<5"``."""

    def to_representation(self, value):
        return value


class CooperationAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = CooperationArea
        fields = ["key", "name_fi", "name_sv", "name_en", "source"]


class AreaMembersSerializer(serializers.Serializer):
    area = serializers.CharField()
    date = serializers.DateField()
    members = serializers.ListField(child=serializers.CharField())


class ExpertiseAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertiseArea
        fields = ["code", "name_fi", "name_sv", "name_en", "source"]


class ExpertSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    expertise_areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Expert
        fields = [
            "id",
            "name",
            "title",
            "organisation",
            "expertise_areas",
            "capacity_per_month",
            "key_person",
            "key_role",
            "valid_from",
            "valid_to",
        ]

    def get_name(self, obj) -> str:
        return obj.user.get_full_name() or obj.user.get_username()


class AgreementSerializer(serializers.ModelSerializer):
    parties = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = ["id", "title", "kind", "parties", "document_reference", "valid_from", "valid_to", "note"]


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = CaseMessage
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = ["id", "author", "created_at"]

    def get_author(self, obj) -> str:
        return obj.author.get_username()


class RequestSerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.code", read_only=True)
    expertise_area = serializers.CharField(source="expertise_area.code", read_only=True)
    assigned_expert = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ConsultationRequest
        fields = [
            "case_code",
            "status",
            "mode",
            "county",
            "age_band",
            "expertise_area",
            "urgency",
            "question",
            "submitted_at",
            "acknowledge_due",
            "answer_due",
            "triaged_at",
            "assigned_expert",
            "assigned_at",
            "answer",
            "answered_at",
            "closed_at",
            "redaction_due",
            "redacted_at",
        ]
        read_only_fields = fields


class RequestCreateSerializer(serializers.Serializer):
    """Plain fields: the verb validates county, area and text and says what is wrong."""

    mode = serializers.ChoiceField(choices=ConsultationMode.choices)
    county = serializers.CharField(max_length=40)
    age_band = serializers.ChoiceField(choices=AgeBand.choices)
    expertise_area = serializers.CharField(max_length=60)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    question = serializers.CharField(trim_whitespace=False)
    local_reference = serializers.CharField(required=False, allow_blank=True, default="")


class TriageSerializer(serializers.Serializer):
    expertise_area = serializers.CharField(required=False, allow_blank=True, default="")
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AssignSerializer(serializers.Serializer):
    expert = serializers.IntegerField()


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()


class MessageCreateSerializer(serializers.Serializer):
    body = serializers.CharField()


class CloseSerializer(serializers.Serializer):
    usefulness = serializers.IntegerField(required=False, min_value=1, max_value=5)
    plan_changed = serializers.BooleanField(required=False, allow_null=True, default=None)
    referral_avoided = serializers.BooleanField(required=False, allow_null=True, default=None)
    identity_needed = serializers.BooleanField(required=False, allow_null=True, default=None)


class PictureRowSerializer(serializers.Serializer):
    county = serializers.CharField()
    county_name = serializers.CharField()
    expertise_area = serializers.CharField()
    expertise_area_name = serializers.CharField()
    year = serializers.IntegerField()
    cases = SuppressedCountField()
    median_hours_to_acknowledge = serializers.FloatField(allow_null=True)
    median_hours_to_answer = serializers.FloatField(allow_null=True)
    share_answered_on_time = serializers.FloatField(allow_null=True)
    surveys = SuppressedCountField()
    share_identity_needed = serializers.FloatField(allow_null=True)
    mean_usefulness = serializers.FloatField(allow_null=True)


class DemandRowSerializer(serializers.Serializer):
    expertise_area = serializers.CharField()
    expertise_area_name = serializers.CharField()
    year = serializers.IntegerField()
    estimated_demand = serializers.IntegerField()
    capacity = serializers.IntegerField()
    balance = serializers.IntegerField()
    realised_cases = SuppressedCountField()


class AnonymitySerializer(serializers.Serializer):
    surveys = SuppressedCountField()
    identity_needed = SuppressedCountField()
    share_identity_needed = serializers.FloatField(allow_null=True)
    share_answered_without_identity = serializers.FloatField(allow_null=True)
