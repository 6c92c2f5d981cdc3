"""API serializers of the archiving area; codes are the keys (system code, rule code)."""

from __future__ import annotations

from rest_framework import serializers

from archiving.models import (
    AccessRequest,
    ArchivingPlan,
    DataContent,
    PlanItem,
    Requirement,
    RetentionRule,
    RetentionSimulation,
)
from portal.models import InformationSystem


class VisibleSystemField(serializers.SlugRelatedField):
    """A retiring system by its code, among those the caller may see: another organisation's system is
    "does not exist" to a steward (400, like a 404), never a 403 that would confirm it exists."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=InformationSystem.objects.all(), **kwargs)

    def get_queryset(self):
        from archiving.selectors import systems_visible_to

        request = self.context.get("request")
        return systems_visible_to(request.user) if request is not None else InformationSystem.objects.none()


class RetentionRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = RetentionRule
        fields = [
            "id",
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "domain",
            "service_task",
            "permanent",
            "period_years",
            "trigger",
            "fallback_years",
            "fallback_trigger",
            "sampling_days",
            "legal_source",
            "source_url",
            "verified",
            "note",
        ]


class DataContentSerializer(serializers.ModelSerializer):
    system = VisibleSystemField()
    retention_rule = serializers.SlugRelatedField(
        slug_field="code", queryset=RetentionRule.objects.all(), allow_null=True, required=False
    )
    retention_rule_verified = serializers.SerializerMethodField()

    class Meta:
        model = DataContent
        fields = [
            "id",
            "system",
            "title",
            "domain",
            "first_year",
            "last_year",
            "record_count",
            "size_gb",
            "retention_rule",
            "retention_rule_verified",
            "publicity",
            "personal_data",
            "disposition",
            "note",
        ]

    def get_retention_rule_verified(self, obj) -> bool | None:
        return obj.retention_rule.verified if obj.retention_rule_id else None


class PlanItemSerializer(serializers.ModelSerializer):
    system = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = PlanItem
        fields = ["id", "system", "method", "target_date", "one_off_cents", "annual_cents"]


class ArchivingPlanSerializer(serializers.ModelSerializer):
    items = PlanItemSerializer(many=True, read_only=True)
    cost = serializers.SerializerMethodField()

    class Meta:
        model = ArchivingPlan
        fields = [
            "id",
            "code",
            "version",
            "title",
            "status",
            "start_date",
            "archive_one_off_cents",
            "archive_annual_cents",
            "scope",
            "approved_at",
            "items",
            "cost",
        ]
        read_only_fields = ["version", "status", "approved_at"]

    def get_cost(self, obj) -> dict:
        from dataclasses import asdict

        from archiving.selectors import plan_cost

        return asdict(plan_cost(obj))


class RetentionSimulationSerializer(serializers.ModelSerializer):
    system = serializers.SlugRelatedField(slug_field="code", read_only=True)
    job = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = RetentionSimulation
        fields = ["id", "system", "original_name", "as_of", "job", "record_count", "permanent_count", "result"]


class SimulationUploadSerializer(serializers.Serializer):
    system = VisibleSystemField()
    upload = serializers.FileField()


class RequirementSerializer(serializers.ModelSerializer):
    code = serializers.CharField(required=False, allow_blank=True)

    class Meta:
        model = Requirement
        fields = ["id", "code", "category", "priority", "text_fi", "text_sv", "text_en", "source"]


class AccessRequestSerializer(serializers.ModelSerializer):
    system = serializers.SlugRelatedField(slug_field="code", queryset=InformationSystem.objects.all())
    requester = serializers.CharField(source="requester.username", read_only=True)

    class Meta:
        model = AccessRequest
        fields = [
            "id",
            "requester",
            "system",
            "domain",
            "subject_ref",
            "purpose",
            "care_relationship",
            "period_start",
            "period_end",
            "status",
            "decided_at",
            "decision_note",
            "created_at",
        ]
        read_only_fields = ["status", "decided_at", "decision_note", "created_at"]


class AccessDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
