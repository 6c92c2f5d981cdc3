from __future__ import annotations

from rest_framework import serializers

from portal.choices import OrganisationKind
from portal.models import (
    Concept,
    ConceptRelation,
    DataModel,
    InformationSystem,
    Job,
    Measure,
    Organisation,
    Population,
)


class PopulationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Population
        fields = ["year", "count"]


class OrganisationSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    successor = serializers.SlugRelatedField(slug_field="code", read_only=True)
    populations = PopulationSerializer(many=True, read_only=True)
    members = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "code",
            "official_code",
            "name_fi",
            "name_sv",
            "kind",
            "municipal_form",
            "parent",
            "successor",
            "valid_from",
            "valid_to",
            "populations",
            "members",
            "website",
            "contact_email",
            "source",
            "note",
        ]
        read_only_fields = [
            "code",
            "official_code",
            "kind",
            "municipal_form",
            "valid_from",
            "valid_to",
            "source",
        ]

    def get_members(self, obj) -> list[dict]:
        return [
            {"code": m.member.code, "valid_from": m.valid_from, "valid_to": m.valid_to} for m in obj.memberships.all()
        ]


class MeasureSerializer(serializers.ModelSerializer):
    responsible_organisation = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Measure
        fields = [
            "number",
            "sub_area",
            "app",
            "title_fi",
            "title_sv",
            "title_en",
            "deliverables_fi",
            "deliverables_sv",
            "deliverables_en",
            "responsible_organisation",
            "responsible_person",
            "status",
            "start_date",
            "end_date",
            "progress",
            "version",
        ]
        read_only_fields = ["number", "sub_area", "app"]
        extra_kwargs = {"version": {"required": True}}

    def validate(self, attrs):
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": "The end date is before the start date."})
        return attrs


class ConceptRelationSerializer(serializers.ModelSerializer):
    target = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ConceptRelation
        fields = ["kind", "target"]


class ConceptSerializer(serializers.ModelSerializer):
    relations = ConceptRelationSerializer(source="relations_out", many=True, read_only=True)

    class Meta:
        model = Concept
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "definition_fi",
            "definition_sv",
            "definition_en",
            "relations",
        ]


class ConceptDetailSerializer(ConceptSerializer):
    """A concept on its own endpoint: carries its data model's code."""

    id = serializers.IntegerField(read_only=True)
    data_model = serializers.SlugRelatedField(slug_field="code", queryset=DataModel.objects.all())

    class Meta(ConceptSerializer.Meta):
        fields = ["id", "data_model", *ConceptSerializer.Meta.fields]


class ConceptRelationDetailSerializer(serializers.ModelSerializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Concept.objects.all())
    target = serializers.PrimaryKeyRelatedField(queryset=Concept.objects.all())

    class Meta:
        model = ConceptRelation
        fields = ["id", "source", "kind", "target"]

    def validate(self, attrs):
        if attrs["source"].pk == attrs["target"].pk:
            raise serializers.ValidationError({"target": "A concept cannot be related to itself."})
        return attrs


class DataModelSerializer(serializers.ModelSerializer):
    measure = serializers.SlugRelatedField(
        slug_field="number", queryset=Measure.objects.all(), allow_null=True, required=False
    )
    concepts = ConceptSerializer(many=True, read_only=True)

    class Meta:
        model = DataModel
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "version",
            "status",
            "measure",
            "concepts",
        ]


class JobSerializer(serializers.ModelSerializer):
    started_by = serializers.CharField(source="started_by.username", default=None, read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    download_url = serializers.SerializerMethodField()
    kind_label = serializers.CharField(read_only=True)
    state = serializers.SerializerMethodField(
        help_text="The status, or interrupted (no heartbeat: will be retried) or waiting_for_task_service."
    )
    state_label = serializers.SerializerMethodField()
    can_rerun = serializers.SerializerMethodField()
    messages = serializers.SerializerMethodField()
    error = serializers.SerializerMethodField()
    rerun_useful = serializers.SerializerMethodField()
    what_to_do = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "kind_label",
            "status",
            "state",
            "state_label",
            "can_rerun",
            "heartbeat_at",
            "progress",
            "messages",
            "error",
            "rerun_useful",
            "what_to_do",
            "started_by",
            "organisation",
            "input_ref",
            "output_ref",
            "download_url",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_state(self, job) -> str:
        from portal.jobs import job_state

        return job_state(job)[0]

    def get_state_label(self, job) -> str:
        from portal.jobs import job_state

        return str(job_state(job)[1])

    def get_can_rerun(self, job) -> bool:
        from portal.jobs import can_rerun

        return can_rerun(job)

    def get_messages(self, obj) -> list[dict]:
        """Each message with ``text`` in the request's language (plus ``id``/``params`` when stored so)."""
        return obj.display_messages

    def get_error(self, obj) -> str:
        return obj.error_message

    def get_rerun_useful(self, obj) -> bool:
        """Whether running a failed job again can change the outcome (the kind's re-run rule)."""
        from portal import job_kinds

        return obj.status == "failed" and job_kinds.get(obj.kind).rerun_useful(obj)

    def get_what_to_do(self, obj) -> str:
        from portal import job_kinds

        return job_kinds.what_to_do(obj) if obj.status == "failed" else ""

    def get_download_url(self, obj) -> str | None:
        if not obj.output_file:
            return None
        from django.urls import reverse

        return reverse("api-portal:job-download", kwargs={"pk": obj.pk})


class InformationSystemSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())
    replaced_by = serializers.SlugRelatedField(
        slug_field="code", queryset=InformationSystem.objects.all(), required=False, allow_null=True
    )
    annual_licence_cents = serializers.IntegerField(min_value=0, required=False)
    annual_maintenance_cents = serializers.IntegerField(min_value=0, required=False)

    class Meta:
        model = InformationSystem
        fields = [
            "id",
            "code",
            "name",
            "owner",
            "vendor",
            "purpose",
            "sector",
            "lifecycle",
            "in_use_since",
            "replacement_planned_on",
            "read_only_since",
            "archived_on",
            "decommissioned_on",
            "replaced_by",
            "annual_licence_cents",
            "annual_maintenance_cents",
            "contract_end",
            "valid_from",
            "valid_to",
        ]


class OrganisationExportRequestSerializer(serializers.Serializer):
    """What the organisation register export takes: the kinds to include (none: every kind)."""

    kinds = serializers.ListField(child=serializers.ChoiceField(choices=OrganisationKind.choices), required=False)
