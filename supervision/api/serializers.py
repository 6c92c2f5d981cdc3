"""API serializers of the supervision app."""

from __future__ import annotations

from rest_framework import serializers

from portal import roles
from portal.models import Organisation
from supervision import permissions
from supervision.models import (
    Contract,
    CorrectiveAction,
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


def _supervised_organiser(serializer, value: Organisation) -> Organisation:
    """A supervisor creates units and contracts only for the organisers they supervise."""
    user = serializer.context["request"].user
    if not roles.is_administrator(user) and value.pk not in permissions.supervised_organiser_ids(user):
        raise serializers.ValidationError("You do not supervise this organiser.")
    return value


class ProducerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Producer
        fields = ["id", "name", "business_id", "contact_name", "contact_email", "contact_phone", "is_demo"]
        read_only_fields = ["id", "is_demo"]


class ServiceUnitSerializer(serializers.ModelSerializer):
    producer = serializers.SlugRelatedField(slug_field="business_id", queryset=Producer.objects.all())
    organiser = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())
    municipality = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.municipalities())

    class Meta:
        model = ServiceUnit
        fields = [
            "code",
            "name",
            "producer",
            "organiser",
            "municipality",
            "address",
            "service_type",
            "places",
            "accepts_reports",
            "is_demo",
        ]
        read_only_fields = ["is_demo"]

    def validate_organiser(self, value):
        return _supervised_organiser(self, value)


class ContractSerializer(serializers.ModelSerializer):
    organiser = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())
    producer = serializers.SlugRelatedField(slug_field="business_id", queryset=Producer.objects.all())
    units = serializers.SlugRelatedField(slug_field="code", many=True, queryset=ServiceUnit.objects.all())

    class Meta:
        model = Contract
        fields = [
            "id",
            "number",
            "title",
            "organiser",
            "producer",
            "units",
            "services",
            "valid_from",
            "valid_to",
            "option_description",
            "option_decision_date",
            "staffing_minimum",
            "obligations",
            "is_demo",
        ]
        read_only_fields = ["id", "is_demo"]

    def validate_organiser(self, value):
        return _supervised_organiser(self, value)


class StaffingThresholdSerializer(serializers.ModelSerializer):
    is_verified = serializers.BooleanField(read_only=True)

    class Meta:
        model = StaffingThreshold
        fields = [
            "id",
            "valid_from",
            "valid_to",
            "min_staff_per_client",
            "legal_basis",
            "status",
            "is_verified",
            "source",
        ]
        read_only_fields = ["id"]


class PersonDayRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonDayRule
        fields = ["id", "valid_from", "valid_to", "hours_per_person_day", "basis", "status"]


class ProfessionalGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProfessionalGroup
        fields = ["code", "name_fi", "name_sv", "name_en", "counts_in_ratio", "qualifies_alone", "sort_order", "note"]


class StaffingHoursSerializer(serializers.ModelSerializer):
    group = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = StaffingHours
        fields = ["group", "direct_hours", "indirect_hours", "persons"]


class StaffingDaySerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    hours = StaffingHoursSerializer(many=True, read_only=True)

    class Meta:
        model = StaffingDay
        fields = ["id", "unit", "date", "clients", "hours"]


class DayRatioSerializer(serializers.Serializer):
    date = serializers.DateField()
    clients = serializers.IntegerField(allow_null=True)
    counted_hours = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    ratio = serializers.DecimalField(max_digits=8, decimal_places=3, allow_null=True, source="ratio_display")
    legal_minimum = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    legal_minimum_verified = serializers.BooleanField(allow_null=True)
    contract_minimum = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    below_legal = serializers.BooleanField(allow_null=True)
    below_contract = serializers.BooleanField(allow_null=True)
    only_non_qualifying = serializers.BooleanField()


class PeriodRatioSerializer(serializers.Serializer):
    unit = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    ratio = serializers.DecimalField(max_digits=8, decimal_places=3, allow_null=True, source="ratio_display")
    legal_minimum = serializers.DecimalField(max_digits=8, decimal_places=3, allow_null=True)
    missing_days = serializers.IntegerField()
    days_below_legal = serializers.IntegerField()
    days_below_contract = serializers.IntegerField()
    days_only_non_qualifying = serializers.IntegerField()
    days = DayRatioSerializer(many=True)


class DeviationReportSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = DeviationReport
        fields = [
            "reference_code",
            "unit",
            "occurred_on",
            "text",
            "reporter_name",
            "reporter_contact",
            "status",
            "findings",
            "received_at",
            "status_changed_at",
        ]


class CorrectiveActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CorrectiveAction
        fields = [
            "id",
            "description",
            "deadline",
            "status",
            "producer_response",
            "responded_at",
            "closed_at",
            "follow_up",
        ]


class FindingSerializer(serializers.ModelSerializer):
    actions = CorrectiveActionSerializer(many=True, read_only=True)

    class Meta:
        model = Finding
        fields = ["id", "description", "severity", "actions"]


class SupervisionVisitSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    findings = FindingSerializer(many=True, read_only=True)

    class Meta:
        model = SupervisionVisit
        fields = ["id", "unit", "kind", "planned_on", "visited_on", "status", "summary", "findings"]
