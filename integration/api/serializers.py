from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from integration.models import (
    AccountMapping,
    Code,
    CodeList,
    CodeListVersion,
    ConversionDraft,
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
    # Lineage through the published result (checksum of the file), never the raw job or upload.
    upload_sha256 = serializers.CharField(source="upload.sha256", read_only=True)

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
            "upload_sha256",
            "mapping_version",
            "package_definition",
            "package_definition_is_example",
        ]


class ImportErrorSerializer(serializers.Serializer):
    """400 of an import: nothing was stored; ``errors`` lists every problem with its row number.

    A request refused before the file is read (no file, an unknown code list) answers the field
    errors instead (``{"file": ["..."]}``), so neither key is required."""

    detail = serializers.CharField(required=False)
    errors = serializers.ListField(child=serializers.CharField(), required=False)


class CodeListImportSerializer(serializers.Serializer):
    code_list = serializers.SlugField(help_text="Code of the code list, e.g. asiakasryhmat")
    file = serializers.FileField(help_text="CSV or XLSX: code, name_fi[, name_sv, name_en, level, parent]")
    source = serializers.CharField(required=False, allow_blank=True, default="", help_text="Default: the file name")
    draft = serializers.BooleanField(
        required=False, default=False, help_text="Import as a draft; default: the new version becomes the active one"
    )
    valid_from_year = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1990)
    valid_to_year = serializers.IntegerField(required=False, allow_null=True, default=None, max_value=2100)


class CodeListImportResultSerializer(serializers.Serializer):
    code_list = serializers.CharField()
    created = serializers.IntegerField(help_text="number of codes in the new version")
    version = CodeListVersionSerializer()
    codes_url = serializers.CharField()


class MappingImportSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="Organisation code, e.g. 297")
    file = serializers.FileField(
        help_text="CSV or XLSX in the export format: rule, cost_centre, service_class, client_group, "
        "production_mode, account_from, account_to, cost_type"
    )


class CoverageUploadSerializer(serializers.ModelSerializer):
    class Meta:
        model = Upload
        fields = ["id", "year", "original_name", "sha256", "uploaded_at"]


class UnmappedCostCentreSerializer(serializers.Serializer):
    cost_centre = serializers.CharField()
    rows = serializers.IntegerField()
    first_row = serializers.IntegerField()
    euros = serializers.DecimalField(max_digits=18, decimal_places=2)


class UnmappedAccountSerializer(serializers.Serializer):
    account = serializers.CharField()
    rows = serializers.IntegerField()
    first_row = serializers.IntegerField()
    euros = serializers.DecimalField(max_digits=18, decimal_places=2)


class UnpackagedSerializer(serializers.Serializer):
    service_class_code = serializers.CharField()
    client_group_code = serializers.CharField()
    rows = serializers.IntegerField()
    euros = serializers.DecimalField(max_digits=18, decimal_places=2)


class CoverageSerializer(serializers.Serializer):
    """What of the latest upload maps nowhere under the latest mapping version (the coverage page)."""

    organisation = serializers.CharField()
    year = serializers.IntegerField(allow_null=True, help_text="the year asked for (null: any year)")
    mapping_version = serializers.IntegerField(allow_null=True, help_text="number of the latest mapping version")
    upload = CoverageUploadSerializer(allow_null=True)
    detail = serializers.CharField(help_text="why there is nothing to show, or the reason the upload cannot be read")
    rows_read = serializers.IntegerField(allow_null=True)
    input_euros = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    unallocated_euros = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True, help_text="euros that map nowhere"
    )
    cost_centres = UnmappedCostCentreSerializer(many=True, help_text="cost centres without a mapping")
    accounts = UnmappedAccountSerializer(many=True, help_text="accounts without a cost type")
    unpackaged = UnpackagedSerializer(many=True, help_text="mapped, but the service class is in no package")


class CoverageQuerySerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="Organisation code, e.g. 297")
    year = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1990, max_value=2100, help_text="Default: any year"
    )


class ConversionDraftSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    mapping_version = serializers.IntegerField(source="mapping_version.number", read_only=True, default=None)
    upload_sha256 = serializers.CharField(source="upload.sha256", read_only=True)
    file = serializers.CharField(source="upload.original_name", read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", read_only=True, default=None)
    comparison = serializers.SerializerMethodField()

    class Meta:
        model = ConversionDraft
        fields = [
            "id",
            "organisation",
            "year",
            "status",
            "job",
            "file",
            "upload_sha256",
            "mapping_version",
            "rows_read",
            "rows_mapped",
            "input_total",
            "output_total",
            "unallocated_total",
            "summary",
            "comparison",
            "created_at",
            "decided_at",
            "decided_by",
        ]
        read_only_fields = fields

    def get_comparison(self, obj) -> dict:
        from integration.publication import compare

        data = compare(obj)
        return {
            "has_published": data["has_published"],
            "draft_total": str(data["draft_total"]),
            "published_total": str(data["published_total"]),
            "by_package_cost_type": [
                {k: (str(v) if v is not None and not isinstance(v, (bool, str)) else v) for k, v in row.items()}
                for row in data["by_package_cost_type"]
            ],
            "changed_rows": [
                {k: (str(v) if v is not None and not isinstance(v, (bool, str)) else v) for k, v in row.items()}
                for row in data["changed_rows"]
            ],
        }
