from django.contrib import admin

from integration.models import (
    AccountMapping,
    Code,
    CodeList,
    CodeListVersion,
    ConversionResult,
    CostCentreMapping,
    MappingVersion,
    OrganisationSettings,
    Package,
    PackageDefinition,
    PackageMember,
    Upload,
)


class CodeInline(admin.TabularInline):
    model = Code
    extra = 0
    fk_name = "version"
    raw_id_fields = ["parent"]


@admin.register(CodeList)
class CodeListAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "name_fi"]
    list_filter = ["kind"]


@admin.register(CodeListVersion)
class CodeListVersionAdmin(admin.ModelAdmin):
    list_display = ["code_list", "number", "status", "valid_from_year", "valid_to_year", "is_example"]
    list_filter = ["status", "code_list"]
    inlines = [CodeInline]


class PackageMemberInline(admin.TabularInline):
    model = PackageMember
    extra = 0


@admin.register(PackageDefinition)
class PackageDefinitionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "status", "is_example"]


@admin.register(Package)
class PackageAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "definition"]
    list_filter = ["definition"]
    inlines = [PackageMemberInline]


class CostCentreInline(admin.TabularInline):
    model = CostCentreMapping
    extra = 0


class AccountInline(admin.TabularInline):
    model = AccountMapping
    extra = 0


@admin.register(MappingVersion)
class MappingVersionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "number", "created_at", "frozen_at"]
    list_filter = ["organisation"]
    readonly_fields = ["frozen_at", "frozen_by_job"]
    inlines = [CostCentreInline, AccountInline]


@admin.register(OrganisationSettings)
class OrganisationSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "unmapped_policy", "max_errors"]


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ["organisation", "year", "original_name", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["year", "organisation"]
    readonly_fields = ["sha256", "size", "file", "uploaded_by", "uploaded_at", "duplicate_of", "job"]


@admin.register(ConversionResult)
class ConversionResultAdmin(admin.ModelAdmin):
    list_display = ["organisation", "year", "rows_read", "input_total", "output_total", "unallocated_total", "job"]
    readonly_fields = [f.name for f in ConversionResult._meta.fields]
