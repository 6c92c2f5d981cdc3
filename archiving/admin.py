"""Admin: reference data and requirements for administrators; confidential requests read-only."""

from django.contrib import admin

from archiving import models as m


@admin.register(m.RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fi", "domain", "period_years", "trigger", "permanent", "verified")
    list_filter = ("domain", "verified")
    search_fields = ("code", "name_fi", "service_task")


@admin.register(m.DataContent)
class DataContentAdmin(admin.ModelAdmin):
    list_display = ("title", "system", "domain", "disposition", "record_count")
    list_filter = ("domain", "disposition")
    list_select_related = ("system",)


@admin.register(m.ArchivingPlan)
class ArchivingPlanAdmin(admin.ModelAdmin):
    list_display = ("code", "version", "title", "status", "approved_at")
    readonly_fields = ("status", "approved_by", "approved_at")


@admin.register(m.Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ("code", "category", "priority")
    list_filter = ("category", "priority")


@admin.register(m.AccessRule)
class AccessRuleAdmin(admin.ModelAdmin):
    list_display = ("role", "domain", "service_task", "care_relationship_required", "purpose_required")
