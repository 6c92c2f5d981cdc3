"""Serializers of measures 3.1, 3.5 and 3.6. Organisations, classifications and modules are
referred to by their codes."""

from __future__ import annotations

from rest_framework import serializers

from integration import selectors_measures
from integration.models_measures import (
    ClassificationVersion,
    ClientDataAccess,
    DocumentationReport,
    InformationFlow,
    KantaReadiness,
    NationalClassification,
    OperatingModel,
    OperatingModelAdoption,
    RegionDocumentationFigure,
    TrainingCourse,
    UnaModule,
    UnaRollout,
    UnaTariff,
)
from portal.models import Organisation

ORG = {"slug_field": "code", "queryset": Organisation.objects.all()}


class OperatingModelSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(**ORG)

    class Meta:
        model = OperatingModel
        fields = [
            "id",
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "sector",
            "owner",
            "description",
            "source_url",
            "state",
            "decision_reference",
            "decided_on",
        ]


class AdoptionSerializer(serializers.ModelSerializer):
    operating_model = serializers.SlugRelatedField(slug_field="code", queryset=OperatingModel.objects.all())
    organisation = serializers.SlugRelatedField(**ORG)

    class Meta:
        model = OperatingModelAdoption
        fields = ["id", "operating_model", "organisation", "valid_from", "valid_to", "note"]


class FlowSerializer(serializers.ModelSerializer):
    from_organisation = serializers.SlugRelatedField(**ORG)
    to_organisation = serializers.SlugRelatedField(**ORG)
    from_system = serializers.SlugRelatedField(slug_field="code", read_only=True)
    to_system = serializers.SlugRelatedField(slug_field="code", read_only=True)
    operating_model = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = InformationFlow
        fields = [
            "id",
            "code",
            "from_organisation",
            "from_sector",
            "from_system",
            "to_organisation",
            "to_sector",
            "to_system",
            "data",
            "legal_basis",
            "channel",
            "operating_model",
            "valid_from",
            "valid_to",
        ]


class TrainingCourseSerializer(serializers.ModelSerializer):
    organiser = serializers.SlugRelatedField(slug_field="code", read_only=True)
    participants = serializers.SerializerMethodField()

    class Meta:
        model = TrainingCourse
        fields = [
            "id",
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "topic",
            "organiser",
            "starts_on",
            "ends_on",
            "participants",
        ]

    def get_participants(self, obj) -> dict[str, int]:
        return {p.organisation.code: p.participants for p in obj.participations.all()}


class ClassificationVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClassificationVersion
        fields = ["id", "version", "valid_from", "valid_to"]


class ClassificationSerializer(serializers.ModelSerializer):
    versions = ClassificationVersionSerializer(many=True, read_only=True)

    class Meta:
        model = NationalClassification
        fields = ["id", "code", "oid", "name_fi", "name_sv", "name_en", "sector", "source_url", "versions"]


class DocumentationReportSerializer(serializers.ModelSerializer):
    """Write: organisation and classification codes, the version string, year, quarter, counts."""

    organisation = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())
    classification = serializers.SlugRelatedField(slug_field="code", queryset=NationalClassification.objects.all())
    version = serializers.CharField(source="classification_version.version")
    structured_count = serializers.IntegerField()
    total_count = serializers.IntegerField()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    share = serializers.SerializerMethodField()

    class Meta:
        model = DocumentationReport
        fields = [
            "id",
            "organisation",
            "classification",
            "version",
            "year",
            "quarter",
            "structured_count",
            "total_count",
            "share",
            "reported_at",
        ]
        read_only_fields = ["reported_at"]
        validators = []  # the verb checks duplicates and names the row; the serializer must not pre-empt it

    def get_share(self, obj) -> str | None:
        value = selectors_measures.weighted_share(obj.structured_count, obj.total_count)
        return None if value is None else str(value)


class RegionFigureSerializer(serializers.ModelSerializer):
    classification = serializers.SlugRelatedField(slug_field="code", read_only=True)
    share = serializers.SerializerMethodField()

    class Meta:
        model = RegionDocumentationFigure
        fields = [
            "classification",
            "year",
            "quarter",
            "structured_count",
            "total_count",
            "organisation_count",
            "share",
            "computed_at",
        ]

    def get_share(self, obj) -> str | None:
        value = selectors_measures.weighted_share(obj.structured_count, obj.total_count)
        return None if value is None else str(value)


class ReadinessSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(**ORG)
    system = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = KantaReadiness
        fields = ["id", "organisation", "stage", "since", "system", "note"]


class UnaTariffSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnaTariff
        fields = ["code", "name_fi", "name_sv", "name_en", "year", "cents_per_resident", "is_example", "source"]


class UnaModuleSerializer(serializers.ModelSerializer):
    tariffs = UnaTariffSerializer(many=True, read_only=True)

    class Meta:
        model = UnaModule
        fields = ["id", "code", "kind", "name_fi", "name_sv", "name_en", "description", "source", "tariffs"]


class UnaRolloutSerializer(serializers.ModelSerializer):
    module = serializers.SlugRelatedField(slug_field="code", queryset=UnaModule.objects.all())
    organisation = serializers.SlugRelatedField(**ORG)

    class Meta:
        model = UnaRollout
        fields = ["id", "module", "organisation", "stage", "pilot_start", "pilot_end", "production_from"]


class ClientDataAccessSerializer(serializers.ModelSerializer):
    viewer = serializers.SlugRelatedField(**ORG)
    data_owner = serializers.SlugRelatedField(**ORG)

    class Meta:
        model = ClientDataAccess
        fields = ["id", "viewer", "data_owner", "channel", "valid_from", "valid_to", "note"]


class UnaCostSerializer(serializers.Serializer):
    residents = serializers.IntegerField()
    population_year = serializers.IntegerField(allow_null=True)
    rate_cents = serializers.IntegerField()
    total_cents = serializers.IntegerField()
    is_example = serializers.BooleanField()
    lines = serializers.ListField(child=serializers.DictField())
