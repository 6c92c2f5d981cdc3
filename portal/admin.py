from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from portal.models import (
    AccessLog,
    ChangeLog,
    Concept,
    ConceptRelation,
    DataModel,
    Job,
    Measure,
    MeasureProgress,
    Organisation,
    OrganisationMembership,
    Population,
    ServiceNetworkCentre,
)


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 0


class MembershipInline(admin.TabularInline):
    model = OrganisationMembership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["member"]


@admin.register(Organisation)
class OrganisationAdmin(GuardedModelAdmin):
    list_display = ["code", "name_fi", "kind", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name_fi", "name_sv"]
    inlines = [PopulationInline, MembershipInline]
    autocomplete_fields = ["parent", "successor"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["number", "title_fi", "app", "status", "progress"]
    list_filter = ["app", "status", "sub_area"]
    search_fields = ["number", "title_fi"]


admin.site.register(MeasureProgress)
admin.site.register(ServiceNetworkCentre)


class ConceptInline(admin.StackedInline):
    model = Concept
    extra = 0


@admin.register(DataModel)
class DataModelAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "version", "status"]
    inlines = [ConceptInline]


admin.site.register(ConceptRelation)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "status", "progress", "started_by", "created_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in Job._meta.fields]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChangeLog)
class ChangeLogAdmin(ReadOnlyAdmin):
    list_display = ["timestamp", "actor_repr", "action", "source", "content_type", "object_repr"]
    list_filter = ["action", "source", "content_type"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["timestamp", "actor_repr", "content_type", "object_repr", "purpose"]
