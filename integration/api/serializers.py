from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from integration.models import (
    AccountMapping,
    Code,
    CodeList,
    CodeListVersion,
    CostCentreMapping,
    MappingVersion,
    Package,
    PackageDefinition,
    PackageMember,
    PackageRow,
    Upload,
)


class CodeListVersionSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="draft, active or retired")

    class Meta:
        model = CodeListVersion
        fields = ["number", "status", "valid_from_year", "valid_to_year", "source", "is_example", "created_at"]


class CodeListSerializer(serializers.ModelSerializer):
    versions = CodeListVersionSerializer(many=True, read_only=True)

    class Meta:
        model = CodeList
        fields = ["code", "kind", "name_fi", "name_sv", "name_en", "description", "versions"]


class CodeSerializer(serializers.ModelSerializer):
    code_list = serializers.CharField(source="version.code_list.code", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    parent = serializers.CharField(source="parent.code", read_only=True, default=None)

    class Meta:
        model = Code
        fields = ["code_list", "version", "code", "name_fi", "name_sv", "name_en", "level", "parent", "note"]


class PackageMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = PackageMember
        fields = ["service_class_code", "client_group_code"]


class PackageSerializer(serializers.ModelSerializer):
    members = PackageMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Package
        fields = ["code", "name_fi", "name_sv", "name_en", "members"]


class PackageDefinitionSerializer(serializers.ModelSerializer):
    packages = PackageSerializer(many=True, read_only=True)
    label = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True, help_text="draft, active or retired")

    class Meta:
        model = PackageDefinition
        fields = ["code", "name_fi", "name_sv", "name_en", "status", "is_example", "label", "source", "packages"]

    def get_label(self, obj) -> str:
        return "example" if obj.is_example else "official"


class MappingVersionSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation_code = serializers.CharField(write_only=True)
    based_on = serializers.IntegerField(source="based_on.number", read_only=True, default=None)
    is_frozen = serializers.BooleanField(read_only=True)

    class Meta:
        model = MappingVersion
        fields = [
            "id",
            "organisation",
            "organisation_code",
            "number",
            "note",
            "based_on",
            "created_at",
            "frozen_at",
            "frozen_by_job",
            "is_frozen",
        ]
        read_only_fields = ["number", "created_at", "frozen_at", "frozen_by_job"]


class CostCentreMappingSerializer(serializers.ModelSerializer):
    class Meta:
        model = CostCentreMapping
        fields = ["id", "version", "cost_centre", "service_class_code", "client_group_code", "production_mode_code"]


class AccountMappingSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccountMapping
        fields = ["id", "version", "account_from", "account_to", "cost_type_code"]


class UploadSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    uploaded_by = serializers.CharField(source="uploaded_by.username", read_only=True, default=None)
    job_url = serializers.SerializerMethodField()

    class Meta:
        model = Upload
        fields = [
            "id",
            "organisation",
            "year",
            "original_name",
            "sha256",
            "size",
            "sheet",
            "uploaded_by",
            "uploaded_at",
            "duplicate_of",
            "job",
            "job_url",
        ]

    def get_job_url(self, obj) -> str | None:
        if obj.job_id is None:
            return None
        return reverse("api-portal:job-detail", args=[obj.job_id])


class UploadCreateSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="Organisation code, e.g. 297")
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    file = serializers.FileField()
    sheet = serializers.CharField(required=False, allow_blank=True, default="")
    mapping_version = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="version number"
    )


class UploadAcceptedSerializer(serializers.Serializer):
    upload = UploadSerializer()
    job_id = serializers.IntegerField()
    job_url = serializers.CharField()
    job_page = serializers.CharField()
    duplicate_of = serializers.IntegerField(allow_null=True)
    notes = serializers.ListField(child=serializers.CharField())


class PackageRowSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    mapping_version = serializers.IntegerField(source="mapping_version.number", read_only=True)
    package_definition = serializers.CharField(source="package_definition.code", read_only=True)
    package_definition_is_example = serializers.BooleanField(source="package_definition.is_example", read_only=True)

    class Meta:
        model = PackageRow
        fields = [
            "id",
            "organisation",
            "year",
            "package_code",
            "service_class_code",
            "client_group_code",
            "cost_type_code",
            "production_mode_code",
            "is_unallocated",
            "amount",
            "source_rows",
            "job",
            "upload",
            "mapping_version",
            "package_definition",
            "package_definition_is_example",
        ]
