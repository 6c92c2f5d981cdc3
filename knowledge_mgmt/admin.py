from django.contrib import admin

from knowledge_mgmt import models


class SetItemInline(admin.TabularInline):
    model = models.IndicatorSetItem
    extra = 1
    autocomplete_fields = ["indicator"]


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "title_fi", "value_type", "obtained", "public", "first_year", "last_year"]
    list_filter = ["value_type", "obtained", "public", "themes"]
    search_fields = ["code", "title_fi", "title_sv", "title_en"]
    filter_horizontal = ["themes"]


@admin.register(models.IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "public"]
    inlines = [SetItemInline]


@admin.register(models.IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "organisation", "year", "sex", "breakdown", "value", "status", "source_kind"]
    list_filter = ["status", "source_kind", "sex"]
    search_fields = ["indicator__code", "organisation__code"]
    raw_id_fields = ["indicator", "organisation", "job", "entered_by"]


@admin.register(models.Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "organisation", "year", "value"]
    raw_id_fields = ["indicator", "organisation"]


admin.site.register(models.Theme)
admin.site.register(models.SotkanetRegion)
admin.site.register(models.ConceptIndicatorLink)
admin.site.register(models.MaturitySurvey)
admin.site.register(models.MaturityArea)
