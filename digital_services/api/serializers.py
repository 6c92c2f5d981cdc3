"""Serializers of /api/digital-services/. Codes are the keys (organisation, service, feature)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from digital_services import models
from portal.models import Measure, Organisation


class ServiceFeatureSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.ServiceFeature
        fields = ["code", "name_fi", "name_sv", "name_en", "medical_device"]


class ServiceChannelSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.ServiceChannel
        fields = ["kind", "name_fi", "name_sv", "name_en", "address", "requires_identification"]


class DigitalServiceSerializer(serializers.ModelSerializer):
    features = ServiceFeatureSerializer(many=True, read_only=True)
    channels = ServiceChannelSerializer(many=True, read_only=True)

    class Meta:
        model = models.DigitalService
        fields = [
            "id",
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "provider",
            "funding_type",
            "charge_type",
            "target_groups",
            "languages",
            "medical_device",
            "ptv_id",
            "valid_from",
            "valid_to",
            "features",
            "channels",
        ]


class RolloutSerializer(serializers.ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", queryset=models.DigitalService.objects.all())
    feature = serializers.SlugRelatedField(
        slug_field="code", queryset=models.ServiceFeature.objects.all(), required=False, allow_null=True, default=None
    )
    organisation = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())
    state_today = serializers.SerializerMethodField()

    class Meta:
        model = models.Rollout
        fields = [
            "id",
            "service",
            "feature",
            "organisation",
            "planned_on",
            "pilot_from",
            "live_from",
            "retired_on",
            "ebooking_linked",
            "needed_changes",
            "state_today",
        ]
        validators = []  # uniqueness is checked by the model's full_clean in the verb (feature may be null)

    def get_state_today(self, obj) -> str | None:
        return obj.state


class MonthlyFigureSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())
    month = serializers.DateField(help_text="First day of the month (YYYY-MM-01).")
    paperless_share = serializers.DecimalField(max_digits=5, decimal_places=1, read_only=True, allow_null=True)
    omaolo_conversion = serializers.DecimalField(max_digits=5, decimal_places=1, read_only=True, allow_null=True)
    # Counts may arrive negative: the verb refuses them with its own message naming the field.
    assessments_completed = serializers.IntegerField(required=False, default=0)
    referred_to_booking = serializers.IntegerField(required=False, default=0)
    messages_recipients = serializers.IntegerField(required=False, default=0)
    paper_letters = serializers.IntegerField(required=False, default=0)
    returns_to_paper = serializers.IntegerField(required=False, default=0)
    virtual_contacts = serializers.IntegerField(required=False, default=0)

    class Meta:
        model = models.MonthlyFigure
        fields = [
            "id",
            "organisation",
            "month",
            "assessments_completed",
            "referred_to_booking",
            "messages_recipients",
            "paper_letters",
            "returns_to_paper",
            "virtual_contacts",
            "paperless_share",
            "omaolo_conversion",
        ]
        validators = []  # the unique month is the verb's rule, with a message naming organisation and month


@extend_schema_serializer(component_name="DigitalServicesIndicator")
class IndicatorSerializer(serializers.Serializer):
    scope = serializers.CharField()
    organisation = serializers.CharField()
    month = serializers.CharField()
    messages_recipients = serializers.IntegerField()
    paper_letters = serializers.IntegerField()
    assessments_completed = serializers.IntegerField()
    referred_to_booking = serializers.IntegerField()
    paperless_share = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    omaolo_conversion = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class PathStepSerializer(serializers.ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    changes = serializers.SerializerMethodField()

    class Meta:
        model = models.PathStep
        fields = ["position", "name_fi", "name_sv", "name_en", "service", "changes"]

    def get_changes(self, obj) -> list[dict]:
        return [{"organisation": c.organisation.code, "change": c.change, "done": c.done} for c in obj.changes.all()]


class ServicePathSerializer(serializers.ModelSerializer):
    steps = PathStepSerializer(many=True, read_only=True)

    class Meta:
        model = models.ServicePath
        fields = ["id", "code", "name_fi", "name_sv", "name_en", "description", "steps"]


class PilotSerializer(serializers.ModelSerializer):
    organisations = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Organisation.objects.all())
    measure = serializers.SlugRelatedField(
        slug_field="number", queryset=Measure.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = models.Pilot
        fields = [
            "id",
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "goal",
            "organisations",
            "starts_on",
            "ends_on",
            "actions",
            "results",
            "decision",
            "measure",
        ]


class ChatDailyStatSerializer(serializers.ModelSerializer):
    class Meta:
        model = models.ChatDailyStat
        fields = ["day", "intent_code", "escalation", "count"]
